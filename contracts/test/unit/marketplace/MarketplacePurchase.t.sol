// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../../../src/interfaces/IMarketplace.sol";
import {ProviderId, PurchaseId, ServiceId} from "../../../src/types/MarketplaceIds.sol";
import {MarketplaceUnitBase} from "./MarketplaceUnitBase.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

/// @notice Marketplace.purchase and purchaseWithPermit: escrow, expiry bounds and the in-flight cap.
contract MarketplacePurchaseTest is MarketplaceUnitBase {
    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    function test_Purchase() public {
        uint40 expiry = uint40(block.timestamp + 1 days);
        vm.expectEmit(address(market));
        emit IMarketplace.PurchaseConfirmed(
            PurchaseId.wrap(1), consumer, providerId, serviceId, 10, PRICE, expiry
        );
        vm.prank(consumer);
        PurchaseId id = market.purchase(serviceId, 10, PRICE, expiry);
        assertEq(PurchaseId.unwrap(id), 1);
        assertEq(market.purchaseCount(), 1);
        IMarketplace.Purchase memory p = market.getPurchase(id);
        assertEq(p.consumer, consumer);
        assertEq(ProviderId.unwrap(p.providerId), ProviderId.unwrap(providerId));
        assertEq(ServiceId.unwrap(p.serviceId), ServiceId.unwrap(serviceId));
        assertEq(p.calls, 10);
        assertEq(p.pricePerCall, PRICE);
        assertEq(p.expiry, expiry);
        assertEq(p.served, 0);
        assertFalse(p.refunded);
        assertEq(market.getProvider(providerId).inFlight, 10 * PRICE);
        assertEq(market.totalEscrow(), 10 * PRICE);
        assertEq(token.balanceOf(consumer), FUNDS - 10 * PRICE);
        assertEq(token.allowance(consumer, address(market)), FUNDS - 10 * PRICE);
        _assertSolvent();
    }

    function test_PaysTheCurrentPriceBelowTheMaximum() public {
        vm.prank(consumer);
        PurchaseId id = market.purchase(serviceId, 2, 5 * PRICE, uint40(block.timestamp + 1 days));
        assertEq(market.getPurchase(id).pricePerCall, PRICE);
        assertEq(token.balanceOf(consumer), FUNDS - 2 * PRICE);
    }

    function test_NumbersPurchasesInOrder() public {
        assertEq(PurchaseId.unwrap(_buy(consumer, serviceId, 1)), 1);
        assertEq(PurchaseId.unwrap(_buy(consumer2, serviceId, 1)), 2);
        assertEq(market.purchaseCount(), 2);
    }

    function test_Revert_WhenGetPurchaseUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.PurchaseNotFound.selector, PurchaseId.wrap(1)));
        market.getPurchase(PurchaseId.wrap(1));
    }

    function test_Revert_WhenServiceUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.ServiceNotFound.selector, ServiceId.wrap(2)));
        vm.prank(consumer);
        market.purchase(ServiceId.wrap(2), 1, PRICE, uint40(block.timestamp + 1 days));
    }

    function test_Revert_WhenServiceInactive() public {
        vm.prank(provider);
        market.setServiceActive(serviceId, false);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.ServiceInactive.selector, serviceId));
        vm.prank(consumer);
        market.purchase(serviceId, 1, PRICE, uint40(block.timestamp + 1 days));
    }

    function test_Revert_WhenZeroCalls() public {
        vm.expectRevert(IMarketplace.ZeroCalls.selector);
        vm.prank(consumer);
        market.purchase(serviceId, 0, PRICE, uint40(block.timestamp + 1 days));
    }

    function test_Revert_WhenPriceAboveMax() public {
        vm.prank(provider);
        market.updateServiceFee(serviceId, 2e18);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.PriceAboveMax.selector, 2e18, PRICE));
        vm.prank(consumer);
        market.purchase(serviceId, 1, PRICE, uint40(block.timestamp + 1 days));
    }

    function test_Revert_WhenExpiryNotInTheFuture() public {
        uint40 latest = uint40(block.timestamp + MAX_PURCHASE_DURATION);
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.InvalidExpiry.selector, uint40(block.timestamp), latest)
        );
        vm.prank(consumer);
        market.purchase(serviceId, 1, PRICE, uint40(block.timestamp));
    }

    function test_Revert_WhenExpiryBeyondMaxDuration() public {
        uint40 latest = uint40(block.timestamp + MAX_PURCHASE_DURATION);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.InvalidExpiry.selector, latest + 1, latest));
        vm.prank(consumer);
        market.purchase(serviceId, 1, PRICE, latest + 1);
        vm.prank(consumer);
        market.purchase(serviceId, 1, PRICE, latest);
    }

    function test_Revert_WhenExpiryBeyond32Bits() public {
        // in 2106 the latest expiry is capped to what the purchase record holds
        vm.warp(type(uint32).max - 10);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMarketplace.InvalidExpiry.selector, uint40(type(uint32).max) + 1, uint40(type(uint32).max)
            )
        );
        vm.prank(consumer);
        market.purchase(serviceId, 1, PRICE, uint40(type(uint32).max) + 1);
    }

    function test_Revert_WhenAllowanceTooLow() public {
        address buyer = makeAddr("buyer");
        require(token.transfer(buyer, 10 * PRICE), "fund");
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector, address(market), 0, PRICE
            )
        );
        vm.prank(buyer);
        market.purchase(serviceId, 1, PRICE, uint40(block.timestamp + 1 days));
    }

    // ───────────── the in-flight cap ─────────────

    function test_PurchaseUpToTheCap() public {
        // cap = 2 × 10,000 = 20,000 calls at 1 token
        _buy(consumer, serviceId, 15_000);
        _buy(consumer2, serviceId, 5000);
        assertEq(market.getProvider(providerId).inFlight, _capOf(STAKE));
    }

    function test_Revert_WhenCapExceeded() public {
        _buy(consumer, serviceId, 15_000);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMarketplace.InFlightCapExceeded.selector, providerId, 20_001 * uint256(PRICE), _capOf(STAKE)
            )
        );
        _purchase(consumer2, serviceId, 5001);
    }

    function test_CapCoversEveryServiceOfTheProvider() public {
        ServiceId other = _registerService(providerId, 4e18);
        _buy(consumer, other, 4000); // 16,000
        vm.expectRevert(
            abi.encodeWithSelector(
                IMarketplace.InFlightCapExceeded.selector, providerId, 20_001 * uint256(PRICE), _capOf(STAKE)
            )
        );
        _purchase(consumer, serviceId, 4001);
    }

    function test_ClaimsAndRefundsFreeTheCap() public {
        PurchaseId a = _buy(consumer, serviceId, 10_000);
        PurchaseId b = _buy(consumer2, serviceId, 10_000);
        _claim(a, consumerKey, 10_000);
        _buy(consumer, serviceId, 10_000);
        vm.warp(block.timestamp + PURCHASE_DURATION + REFUND_GRACE);
        market.refund(b);
        _buy(consumer2, serviceId, 10_000);
        assertEq(market.getProvider(providerId).inFlight, _capOf(STAKE));
    }

    function test_AddedStakeRaisesTheCap() public {
        _buy(consumer, serviceId, 20_000);
        vm.prank(provider);
        market.addStake(providerId, 1e18);
        _buy(consumer, serviceId, 2);
    }

    function testFuzz_Purchase(uint32 calls, uint96 price, uint32 duration) public {
        price = uint96(bound(price, 1, 1000e18));
        uint256 maxCalls = _capOf(STAKE) / price;
        if (maxCalls > FUNDS / price) maxCalls = FUNDS / price;
        if (maxCalls > type(uint32).max) maxCalls = type(uint32).max;
        calls = uint32(bound(calls, 1, maxCalls));
        duration = uint32(bound(duration, 1, MAX_PURCHASE_DURATION));
        vm.prank(provider);
        market.updateServiceFee(serviceId, price);
        PurchaseId id = _buy(consumer, serviceId, calls, uint40(block.timestamp + duration));
        uint256 value = uint256(calls) * price;
        assertEq(market.getPurchase(id).pricePerCall, price);
        assertEq(market.totalEscrow(), value);
        assertEq(market.getProvider(providerId).inFlight, value);
        assertEq(token.balanceOf(consumer), FUNDS - value);
        _assertSolvent();
    }

    function testFuzz_Revert_WhenAboveTheCap(uint32 calls) public {
        calls = uint32(bound(calls, _capOf(STAKE) / PRICE + 1, type(uint32).max));
        vm.expectRevert(
            abi.encodeWithSelector(
                IMarketplace.InFlightCapExceeded.selector, providerId, uint256(calls) * PRICE, _capOf(STAKE)
            )
        );
        _purchase(consumer, serviceId, calls);
    }

    // ───────────── purchaseWithPermit ─────────────

    function test_PurchaseWithPermit() public {
        (address buyer, uint256 buyerKey) = _unapprovedBuyer();
        uint40 expiry = uint40(block.timestamp + 1 days);
        (uint8 v, bytes32 r, bytes32 s) = _permit(buyerKey, buyer, 10 * 2 * PRICE, block.timestamp + 1 hours);
        vm.prank(buyer);
        PurchaseId id =
            market.purchaseWithPermit(serviceId, 10, 2 * PRICE, expiry, block.timestamp + 1 hours, v, r, s);
        assertEq(market.getPurchase(id).consumer, buyer);
        assertEq(token.balanceOf(buyer), 100e18 - 10 * PRICE);
        // the permit covered calls × maxPricePerCall; the purchase took calls × price
        assertEq(token.allowance(buyer, address(market)), 10 * PRICE);
        _assertSolvent();
    }

    function test_PurchaseWithPermitAlreadyUsedByAFrontRunner() public {
        (address buyer, uint256 buyerKey) = _unapprovedBuyer();
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _permit(buyerKey, buyer, 10 * PRICE, deadline);
        // someone copies the permit from the mempool and lands it first
        token.permit(buyer, address(market), 10 * PRICE, deadline, v, r, s);
        vm.prank(buyer);
        PurchaseId id = market.purchaseWithPermit(
            serviceId, 10, PRICE, uint40(block.timestamp + 1 days), deadline, v, r, s
        );
        assertEq(market.getPurchase(id).calls, 10);
    }

    function test_Revert_WhenPermitInvalidAndNoAllowance() public {
        (address buyer,) = _unapprovedBuyer();
        (, uint256 otherKey) = makeAddrAndKey("other");
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _permit(otherKey, buyer, 10 * PRICE, deadline);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector, address(market), 0, 10 * PRICE
            )
        );
        vm.prank(buyer);
        market.purchaseWithPermit(serviceId, 10, PRICE, uint40(block.timestamp + 1 days), deadline, v, r, s);
    }

    /// @dev A purchase at PRICE with no view call first (safe right after vm.expectRevert).
    function _purchase(address who, ServiceId id, uint32 calls) internal {
        vm.prank(who);
        market.purchase(id, calls, PRICE, uint40(block.timestamp + 1 days));
    }

    function _unapprovedBuyer() internal returns (address buyer, uint256 key) {
        (buyer, key) = makeAddrAndKey("buyer");
        require(token.transfer(buyer, 100e18), "fund");
    }

    function _permit(uint256 key, address holder, uint256 value, uint256 deadline)
        internal
        view
        returns (uint8, bytes32, bytes32)
    {
        bytes32 structHash = keccak256(
            abi.encode(PERMIT_TYPEHASH, holder, address(market), value, token.nonces(holder), deadline)
        );
        return vm.sign(key, keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash)));
    }
}
