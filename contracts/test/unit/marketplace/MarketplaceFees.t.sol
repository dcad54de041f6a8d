// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../../../src/interfaces/IMarketplace.sol";
import {ProviderId, PurchaseId} from "../../../src/types/MarketplaceIds.sol";
import {MarketplaceUnitBase} from "./MarketplaceUnitBase.sol";

/// @notice Fee release: the FIFO queue of tranches, Marketplace.withdrawFees and withdrawProtocolFees.
contract MarketplaceFeesTest is MarketplaceUnitBase {
    /// @dev what the provider gets for one call at PRICE
    uint96 internal constant NET = PRICE * (10_000 - PROTOCOL_FEE_BPS) / 10_000;

    function test_WithdrawAReleasedTranche() public {
        PurchaseId id = _buy(consumer, serviceId, 10);
        _claim(id, consumerKey, 10);
        vm.warp(block.timestamp + MAX_RELEASE_DELAY);
        (uint256 pending, uint256 releasable) = market.pendingFees(providerId);
        assertEq(pending, 10 * NET);
        assertEq(releasable, 10 * NET);
        uint256 before = token.balanceOf(provider);
        vm.expectEmit(address(market));
        emit IMarketplace.FeesWithdrawn(providerId, provider, 10 * NET);
        vm.prank(provider);
        assertEq(market.withdrawFees(providerId, 10), 10 * NET);
        assertEq(token.balanceOf(provider), before + 10 * NET);
        (pending, releasable) = market.pendingFees(providerId);
        assertEq(pending, 0);
        assertEq(releasable, 0);
        assertEq(market.totalPendingFees(), 0);
        _assertSolvent();
    }

    function test_Revert_WhenNothingReleasedYet() public {
        PurchaseId id = _buy(consumer, serviceId, 10);
        _claim(id, consumerKey, 10);
        vm.warp(block.timestamp + MAX_RELEASE_DELAY - 1);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NothingToWithdraw.selector, providerId));
        vm.prank(provider);
        market.withdrawFees(providerId, 10);
    }

    function test_Revert_WhenQueueEmpty() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NothingToWithdraw.selector, providerId));
        vm.prank(provider);
        market.withdrawFees(providerId, 10);
    }

    function test_Revert_WhenMaxTranchesIsZero() public {
        PurchaseId id = _buy(consumer, serviceId, 10);
        _claim(id, consumerKey, 10);
        vm.warp(block.timestamp + MAX_RELEASE_DELAY);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NothingToWithdraw.selector, providerId));
        vm.prank(provider);
        market.withdrawFees(providerId, 0);
    }

    function test_Revert_WhenWithdrawFeesByNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NotProviderOwner.selector, providerId, consumer));
        vm.prank(consumer);
        market.withdrawFees(providerId, 1);
    }

    function test_Revert_WhenWithdrawFeesOfUnknownProvider() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.ProviderNotFound.selector, ProviderId.wrap(8)));
        vm.prank(provider);
        market.withdrawFees(ProviderId.wrap(8), 1);
    }

    function test_TranchesReleaseInOrderAndAtMostMaxTranches() public {
        _noScoring();
        PurchaseId id = _buy(consumer, serviceId, 10);
        // three claims an hour apart: three tranches released an hour apart
        uint256 t0 = block.timestamp;
        _claim(id, consumerKey, 1);
        vm.warp(t0 + 1 hours);
        _claim(id, consumerKey, 3);
        vm.warp(t0 + 2 hours);
        _claim(id, consumerKey, 6);

        vm.warp(t0 + MAX_RELEASE_DELAY + 1 hours);
        (uint256 pending, uint256 releasable) = market.pendingFees(providerId);
        assertEq(pending, 6 * NET);
        assertEq(releasable, 3 * NET);
        vm.prank(provider);
        assertEq(market.withdrawFees(providerId, 1), 1 * NET);
        vm.prank(provider);
        assertEq(market.withdrawFees(providerId, 5), 2 * NET);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NothingToWithdraw.selector, providerId));
        vm.prank(provider);
        market.withdrawFees(providerId, 5);
        vm.warp(t0 + MAX_RELEASE_DELAY + 2 hours);
        vm.prank(provider);
        assertEq(market.withdrawFees(providerId, 5), 3 * NET);
        _assertSolvent();
    }

    function test_ALaterTrancheNeverReleasesBeforeAnEarlierOne() public {
        PurchaseId a = _buy(consumer, serviceId, 10);
        PurchaseId b = _buy(consumer2, serviceId, 10);
        uint40 first = uint40(block.timestamp + MAX_RELEASE_DELAY);
        _claim(a, consumerKey, 10);
        // the score jumps: a tranche claimed now would wait only the minimum delay
        vm.prank(reviewBoard);
        // forge-lint: disable-next-line(unsafe-typecast) SCORE_FOR_MIN_DELAY is 1000
        market.adjustScore(providerId, int64(SCORE_FOR_MIN_DELAY));
        assertEq(market.releaseDelayOf(providerId), MIN_RELEASE_DELAY);
        IMarketplace.UsageProof memory proof = _proof(consumer2Key, b, 10);
        vm.expectEmit(address(market));
        emit IMarketplace.UsageClaimed(b, providerId, 10, 10 * NET, 10 * (PRICE - NET), first);
        vm.prank(provider);
        market.claim(b, proof);

        vm.warp(block.timestamp + MIN_RELEASE_DELAY);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NothingToWithdraw.selector, providerId));
        vm.prank(provider);
        market.withdrawFees(providerId, 10);
        vm.warp(first);
        vm.prank(provider);
        assertEq(market.withdrawFees(providerId, 1), 20 * NET, "merged into one tranche");
    }

    function test_ShortDelayTranchesFollowOnceTheQueueDrains() public {
        vm.prank(reviewBoard);
        // forge-lint: disable-next-line(unsafe-typecast) SCORE_FOR_MIN_DELAY is 1000
        market.adjustScore(providerId, int64(SCORE_FOR_MIN_DELAY));
        PurchaseId id = _buy(consumer, serviceId, 10);
        _claim(id, consumerKey, 2);
        vm.warp(block.timestamp + MIN_RELEASE_DELAY);
        vm.prank(provider);
        assertEq(market.withdrawFees(providerId, 1), 2 * NET);
    }

    function test_AScoredFirstClaimShortensTheNextTranchesButNotTheirOrder() public {
        PurchaseId id = _buy(consumer, serviceId, 10);
        uint40 first = uint40(block.timestamp + MAX_RELEASE_DELAY);
        _claim(id, consumerKey, 1); // scores 100: the delay falls below the first tranche's
        assertLt(block.timestamp + market.releaseDelayOf(providerId), first);
        vm.warp(block.timestamp + 1 hours);
        IMarketplace.UsageProof memory proof = _proof(consumerKey, id, 3);
        vm.expectEmit(address(market));
        emit IMarketplace.UsageClaimed(id, providerId, 3, 2 * NET, 2 * (PRICE - NET), first);
        vm.prank(provider);
        market.claim(id, proof);
    }

    function testFuzz_FeesReleaseInFull(uint32[4] memory waits, uint32[4] memory calls) public {
        PurchaseId id = _buy(consumer, serviceId, 4000);
        uint64 served;
        for (uint256 i; i < 4; ++i) {
            served += uint64(bound(calls[i], 1, 1000));
            _claim(id, consumerKey, served);
            vm.warp(block.timestamp + bound(waits[i], 0, 2 days));
        }
        vm.warp(block.timestamp + MAX_RELEASE_DELAY);
        vm.prank(provider);
        uint256 paid = market.withdrawFees(providerId, 4);
        assertEq(paid + market.protocolFeesAccrued(), served * PRICE);
        assertEq(market.totalPendingFees(), 0);
        _assertSolvent();
    }

    /// @dev No purchase scores, so the release delay stays at its maximum.
    function _noScoring() internal {
        IMarketplace.Params memory p = _params();
        p.minScoredValue = type(uint96).max;
        vm.prank(owner);
        market.setParams(p);
    }

    // ───────────── protocol fees ─────────────

    function test_WithdrawProtocolFeesToTheTreasury() public {
        PurchaseId id = _buy(consumer, serviceId, 10);
        _claim(id, consumerKey, 10);
        uint256 fees = 10 * (PRICE - NET);
        vm.expectEmit(address(market));
        emit IMarketplace.ProtocolFeesWithdrawn(treasury, fees);
        vm.prank(makeAddr("anyone"));
        assertEq(market.withdrawProtocolFees(), fees);
        assertEq(token.balanceOf(treasury), fees);
        assertEq(market.protocolFeesAccrued(), 0);
        _assertSolvent();
    }

    function test_WithdrawProtocolFeesWithNothingAccrued() public {
        vm.recordLogs();
        assertEq(market.withdrawProtocolFees(), 0);
        assertEq(vm.getRecordedLogs().length, 0);
    }
}
