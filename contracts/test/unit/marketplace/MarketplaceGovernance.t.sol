// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../../../src/interfaces/IMarketplace.sol";
import {Marketplace} from "../../../src/marketplace/Marketplace.sol";
import {MarketplaceViews} from "../../../src/marketplace/MarketplaceViews.sol";
import {ServiceId} from "../../../src/types/MarketplaceIds.sol";
import {MarketplaceFixture} from "../../utils/MarketplaceFixture.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Marketplace constructor and governance: roles, parameters and their bounds.
contract MarketplaceGovernanceTest is MarketplaceFixture {
    address internal stranger = makeAddr("stranger");

    // ───────────── constructor ─────────────

    function test_Constructor() public view {
        assertEq(market.token(), address(token));
        assertEq(market.owner(), owner);
        assertEq(market.pauser(), pauser);
        assertEq(market.treasury(), treasury);
        assertEq(market.slasher(), slasher);
        assertEq(market.reviewBoard(), reviewBoard);
        assertEq(abi.encode(market.params()), abi.encode(_params()));
        assertEq(market.providerCount(), 0);
        assertEq(market.serviceCount(), 0);
        assertEq(market.purchaseCount(), 0);
        assertEq(_totals(), 0);
    }

    function test_DomainIsPalisadeMarketplaceVersion1() public view {
        (, string memory name, string memory version, uint256 chainId, address verifying,,) =
            market.eip712Domain();
        assertEq(name, "Palisade Marketplace");
        assertEq(version, "1");
        assertEq(chainId, block.chainid);
        assertEq(verifying, address(market));
        assertEq(
            market.ACCESS_TOKEN_TYPEHASH(),
            keccak256(
                "AccessToken(uint64 purchaseId,uint32 providerId,address consumer,uint64 expiry,uint64 nonce)"
            )
        );
    }

    function test_ConstructorEmitsTreasuryAndParams() public {
        vm.expectEmit();
        emit IMarketplace.TreasurySet(treasury);
        vm.expectEmit();
        emit IMarketplace.ParamsSet(_params());
        new Marketplace(IERC20(address(token)), owner, pauser, treasury, _params());
    }

    function test_Revert_WhenConstructedWithZeroToken() public {
        vm.expectRevert(IMarketplace.ZeroAddress.selector);
        new Marketplace(IERC20(address(0)), owner, pauser, treasury, _params());
    }

    function test_Revert_WhenConstructedWithZeroTreasury() public {
        vm.expectRevert(IMarketplace.ZeroAddress.selector);
        new Marketplace(IERC20(address(token)), owner, pauser, address(0), _params());
    }

    function test_Revert_WhenConstructedWithParamsOutOfBounds() public {
        IMarketplace.Params memory p = _params();
        p.protocolFeeBps = 2001;
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.ParamOutOfBounds.selector, "protocolFeeBps", 2001, 0, 2000)
        );
        new Marketplace(IERC20(address(token)), owner, pauser, treasury, p);
    }

    function test_ViewsContractReadsItsOwnEmptyStorageWhenCalledDirectly() public {
        (ServiceId serviceId) = _registerService(_registerProvider(consumer, MIN_STAKE), PRICE);
        MarketplaceViews views = new MarketplaceViews();
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.ServiceNotFound.selector, serviceId));
        views.getService(serviceId);
        assertEq(market.getService(serviceId).pricePerCall, PRICE);
    }

    function test_StorageLivesInTheERC7201Namespace() public view {
        bytes32 slot = keccak256(abi.encode(uint256(keccak256("palisade.storage.Marketplace")) - 1))
            & ~bytes32(uint256(0xff));
        // the ledger: purchaseCount (64 bits), inFlightMultipleBps (32), maxPurchaseDuration (32), escrow
        uint256 ledger = uint256(vm.load(address(market), slot));
        assertEq(ledger & type(uint64).max, 0);
        assertEq((ledger >> 64) & type(uint32).max, IN_FLIGHT_MULTIPLE_BPS);
        assertEq((ledger >> 96) & type(uint32).max, MAX_PURCHASE_DURATION);
    }

    // ───────────── setParams ─────────────

    function test_SetParams() public {
        IMarketplace.Params memory p = _params();
        p.protocolFeeBps = 1000;
        p.maxPurchaseDuration = 7 days;
        p.inFlightMultipleBps = 5000;
        vm.expectEmit(address(market));
        emit IMarketplace.ParamsSet(p);
        vm.prank(owner);
        market.setParams(p);
        assertEq(abi.encode(market.params()), abi.encode(p));
    }

    function test_SetParamsAppliesToPurchases() public {
        (, ServiceId serviceId) = _onboard();
        IMarketplace.Params memory p = _params();
        p.maxPurchaseDuration = 1 hours;
        vm.prank(owner);
        market.setParams(p);
        uint40 latest = uint40(block.timestamp + 1 hours);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.InvalidExpiry.selector, latest + 1, latest));
        vm.prank(consumer);
        market.purchase(serviceId, 1, PRICE, latest + 1);
        vm.prank(consumer);
        market.purchase(serviceId, 1, PRICE, latest);
    }

    function test_AcceptsTheBoundsThemselves() public {
        IMarketplace.Params memory p = IMarketplace.Params({
            minStake: 1,
            inFlightMultipleBps: 1000,
            protocolFeeBps: 0,
            unstakeDelay: 60,
            minReleaseDelay: 0,
            maxReleaseDelay: 0,
            scoreForMinDelay: 1,
            refundGrace: 60,
            maxPurchaseDuration: 60,
            sessionRevocationDelay: 60,
            minScoredValue: 0
        });
        vm.prank(owner);
        market.setParams(p);
        p = IMarketplace.Params({
            minStake: type(uint96).max,
            inFlightMultipleBps: 1_000_000,
            protocolFeeBps: 2000,
            unstakeDelay: 90 days,
            minReleaseDelay: 30 days,
            maxReleaseDelay: 30 days,
            scoreForMinDelay: type(uint64).max,
            refundGrace: 30 days,
            maxPurchaseDuration: 365 days,
            sessionRevocationDelay: 7 days,
            minScoredValue: type(uint96).max
        });
        vm.prank(owner);
        market.setParams(p);
        assertEq(abi.encode(market.params()), abi.encode(p));
    }

    function test_Revert_WhenParamsOutOfBounds() public {
        IMarketplace.Params memory p;

        p = _params();
        p.minStake = 0;
        _expectOutOfBounds(p, "minStake", 0, 1, type(uint96).max);

        p = _params();
        p.inFlightMultipleBps = 999;
        _expectOutOfBounds(p, "inFlightMultipleBps", 999, 1000, 1_000_000);
        p.inFlightMultipleBps = 1_000_001;
        _expectOutOfBounds(p, "inFlightMultipleBps", 1_000_001, 1000, 1_000_000);

        p = _params();
        p.protocolFeeBps = 2001;
        _expectOutOfBounds(p, "protocolFeeBps", 2001, 0, 2000);

        p = _params();
        p.unstakeDelay = 59;
        _expectOutOfBounds(p, "unstakeDelay", 59, 60, 90 days);
        p.unstakeDelay = 90 days + 1;
        _expectOutOfBounds(p, "unstakeDelay", 90 days + 1, 60, 90 days);

        p = _params();
        p.maxReleaseDelay = 30 days + 1;
        _expectOutOfBounds(p, "maxReleaseDelay", 30 days + 1, 0, 30 days);

        p = _params();
        p.minReleaseDelay = p.maxReleaseDelay + 1;
        _expectOutOfBounds(p, "minReleaseDelay", p.maxReleaseDelay + 1, 0, p.maxReleaseDelay);

        p = _params();
        p.scoreForMinDelay = 0;
        _expectOutOfBounds(p, "scoreForMinDelay", 0, 1, type(uint64).max);

        p = _params();
        p.refundGrace = 59;
        _expectOutOfBounds(p, "refundGrace", 59, 60, 30 days);
        p.refundGrace = 30 days + 1;
        _expectOutOfBounds(p, "refundGrace", 30 days + 1, 60, 30 days);

        p = _params();
        p.maxPurchaseDuration = 59;
        _expectOutOfBounds(p, "maxPurchaseDuration", 59, 60, 365 days);
        p.maxPurchaseDuration = 365 days + 1;
        _expectOutOfBounds(p, "maxPurchaseDuration", 365 days + 1, 60, 365 days);

        p = _params();
        p.sessionRevocationDelay = 59;
        _expectOutOfBounds(p, "sessionRevocationDelay", 59, 60, 7 days);
        p.sessionRevocationDelay = 7 days + 1;
        _expectOutOfBounds(p, "sessionRevocationDelay", 7 days + 1, 60, 7 days);
    }

    function test_Revert_WhenSetParamsByNonOwner() public {
        IMarketplace.Params memory p = _params();
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        market.setParams(p);
    }

    function testFuzz_SetParams(
        uint32 multiple,
        uint16 fee,
        uint32 unstakeDelay,
        uint32 minDelay,
        uint32 maxDelay,
        uint32 duration
    ) public {
        IMarketplace.Params memory p = _params();
        p.inFlightMultipleBps = uint32(bound(multiple, 1000, 1_000_000));
        p.protocolFeeBps = uint16(bound(fee, 0, 2000));
        p.unstakeDelay = uint32(bound(unstakeDelay, 60, 90 days));
        p.maxReleaseDelay = uint32(bound(maxDelay, 0, 30 days));
        p.minReleaseDelay = uint32(bound(minDelay, 0, p.maxReleaseDelay));
        p.maxPurchaseDuration = uint32(bound(duration, 60, 365 days));
        vm.prank(owner);
        market.setParams(p);
        assertEq(abi.encode(market.params()), abi.encode(p));
    }

    // ───────────── roles ─────────────

    function test_SetTreasury() public {
        vm.expectEmit(address(market));
        emit IMarketplace.TreasurySet(stranger);
        vm.prank(owner);
        market.setTreasury(stranger);
        assertEq(market.treasury(), stranger);
    }

    function test_Revert_WhenTreasuryIsZero() public {
        vm.expectRevert(IMarketplace.ZeroAddress.selector);
        vm.prank(owner);
        market.setTreasury(address(0));
    }

    function test_SetSlasherAndReviewBoard() public {
        vm.expectEmit(address(market));
        emit IMarketplace.SlasherSet(stranger);
        vm.prank(owner);
        market.setSlasher(stranger);
        vm.expectEmit(address(market));
        emit IMarketplace.ReviewBoardSet(address(0));
        vm.prank(owner);
        market.setReviewBoard(address(0));
        assertEq(market.slasher(), stranger);
        assertEq(market.reviewBoard(), address(0));
    }

    function test_Revert_WhenRolesSetByNonOwner() public {
        bytes memory notOwner = abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger);
        vm.startPrank(stranger);
        vm.expectRevert(notOwner);
        market.setTreasury(stranger);
        vm.expectRevert(notOwner);
        market.setSlasher(stranger);
        vm.expectRevert(notOwner);
        market.setReviewBoard(stranger);
        vm.stopPrank();
    }

    function _expectOutOfBounds(
        IMarketplace.Params memory p,
        string memory name,
        uint256 value,
        uint256 min,
        uint256 max
    ) internal {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.ParamOutOfBounds.selector, name, value, min, max));
        vm.prank(owner);
        market.setParams(p);
    }
}
