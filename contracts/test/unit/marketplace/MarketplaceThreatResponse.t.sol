// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../../../src/interfaces/IMarketplace.sol";
import {IThreatResponse} from "../../../src/interfaces/IThreatResponse.sol";
import {PurchaseId, ServiceId} from "../../../src/types/MarketplaceIds.sol";
import {ThreatResponseDouble} from "../../utils/threat/ThreatResponseDouble.sol";
import {MarketplaceUnitBase} from "./MarketplaceUnitBase.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @notice The Marketplace's threat-response check (decision 0008): a service the ThreatResponse has
///         paused cannot be bought (purchase or purchaseWithPermit) until the pause ends; other services,
///         and everything but purchases, are not held.
contract MarketplaceThreatResponseTest is MarketplaceUnitBase {
    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    ThreatResponseDouble internal double;
    uint64 internal until;

    function setUp() public override {
        super.setUp();
        double = new ThreatResponseDouble();
        until = uint64(block.timestamp + 2 days);
    }

    function _set() internal {
        vm.prank(owner);
        market.setThreatResponse(IThreatResponse(address(double)));
    }

    function _pauseService(ServiceId id) internal {
        _set();
        double.setServicePausedUntil(ServiceId.unwrap(id), until);
    }

    function _expectPausedService(ServiceId id) internal {
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.ServicePausedByThreatResponse.selector, id, until)
        );
    }

    function test_NoThreatResponseByDefault() public {
        assertEq(address(market.threatResponse()), address(0));
        double.setServicePausedUntil(ServiceId.unwrap(serviceId), until); // unread: nothing is set
        _buy(consumer, serviceId, 1);
    }

    function test_SetThreatResponse() public {
        vm.expectEmit(address(market));
        emit IMarketplace.ThreatResponseSet(IThreatResponse(address(double)));
        _set();
        assertEq(address(market.threatResponse()), address(double));
    }

    function test_Revert_SetThreatResponse_WhenNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        market.setThreatResponse(IThreatResponse(address(double)));
    }

    function test_Revert_WhenPurchasingAPausedService() public {
        _pauseService(serviceId);
        _expectPausedService(serviceId);
        vm.prank(consumer);
        market.purchase(serviceId, 1, PRICE, uint40(block.timestamp + 1 days));
        _assertSolvent();
    }

    function test_Revert_WhenPurchasingAPausedServiceWithPermit() public {
        _pauseService(serviceId);
        (address buyer, uint256 key) = makeAddrAndKey("buyer");
        require(token.transfer(buyer, 100e18), "fund");
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(PERMIT_TYPEHASH, buyer, address(market), 10 * PRICE, token.nonces(buyer), deadline)
        );
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(key, keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash)));
        _expectPausedService(serviceId);
        vm.prank(buyer);
        market.purchaseWithPermit(serviceId, 10, PRICE, uint40(block.timestamp + 1 days), deadline, v, r, s);
    }

    function test_OtherServicesStayOnSale() public {
        ServiceId other = _registerService(providerId, PRICE);
        _pauseService(serviceId);
        PurchaseId id = _buy(consumer, other, 1);
        assertEq(market.getPurchase(id).consumer, consumer);
    }

    function test_OnSaleAgainFromTheEndOfThePause() public {
        _pauseService(serviceId);
        vm.warp(until - 1);
        _expectPausedService(serviceId);
        vm.prank(consumer);
        market.purchase(serviceId, 1, PRICE, uint40(block.timestamp + 1 days));
        vm.warp(until);
        _buy(consumer, serviceId, 1);
    }

    function test_ClaimsAndRefundsOfEarlierPurchasesAreNotHeld() public {
        PurchaseId id = _buy(consumer, serviceId, 2);
        _pauseService(serviceId);
        _claim(id, consumerKey, 1);
        vm.warp(block.timestamp + PURCHASE_DURATION + REFUND_GRACE);
        assertEq(market.refund(id), PRICE);
        _assertSolvent();
    }
}
