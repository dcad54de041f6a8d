// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../../../src/interfaces/IMarketplace.sol";
import {MarketplaceMath} from "../../../src/libraries/MarketplaceMath.sol";
import {ProviderId, PurchaseId} from "../../../src/types/MarketplaceIds.sol";
import {MarketplaceUnitBase} from "./MarketplaceUnitBase.sol";

/// @notice Performance scores: weights of a consumer's scored purchases, the minimum scored value,
///         the release delay they buy, and Marketplace.adjustScore (the ReviewBoard's hook).
contract MarketplaceScoreTest is MarketplaceUnitBase {
    /// @dev 5 calls at 1 token = MIN_SCORED_VALUE
    uint32 internal constant SCORED_CALLS = 5;

    function test_WeightsOfAConsumersPurchases() public {
        uint64[11] memory expected = [uint64(100), 300, 400, 450, 475, 487, 493, 496, 497, 497, 497];
        for (uint256 k; k < expected.length; ++k) {
            _scoredPurchase(consumer, consumerKey);
            assertEq(market.getProvider(providerId).score, expected[k]);
            assertEq(market.scoredPurchases(providerId, consumer), k + 1);
        }
    }

    function test_EmitsScoreChanged() public {
        PurchaseId id = _buy(consumer, serviceId, SCORED_CALLS);
        IMarketplace.UsageProof memory proof = _proof(consumerKey, id, 1);
        vm.expectEmit(address(market));
        emit IMarketplace.ScoreChanged(providerId, 0, 100);
        vm.prank(provider);
        market.claim(id, proof);
    }

    function test_EachNewConsumerWeighs100() public {
        _scoredPurchase(consumer, consumerKey);
        _scoredPurchase(consumer2, consumer2Key);
        assertEq(market.getProvider(providerId).score, 200);
        assertEq(market.scoredPurchases(providerId, consumer2), 1);
    }

    function test_OnlyTheFirstClaimOfAPurchaseScores() public {
        PurchaseId id = _buy(consumer, serviceId, 10);
        _claim(id, consumerKey, 1);
        _claim(id, consumerKey, 10);
        assertEq(market.getProvider(providerId).score, 100);
        assertEq(market.scoredPurchases(providerId, consumer), 1);
    }

    function test_PurchasesBelowTheMinimumValueDoNotScore() public {
        PurchaseId id = _buy(consumer, serviceId, SCORED_CALLS - 1);
        _claim(id, consumerKey, SCORED_CALLS - 1);
        assertEq(market.getProvider(providerId).score, 0);
        assertEq(market.scoredPurchases(providerId, consumer), 0);
    }

    function test_TheValueBoughtCountsNotTheValueClaimed() public {
        PurchaseId id = _buy(consumer, serviceId, SCORED_CALLS);
        _claim(id, consumerKey, 1);
        assertEq(market.getProvider(providerId).score, 100);
    }

    function test_UnclaimedPurchasesDoNotScore() public {
        _buy(consumer, serviceId, 100);
        assertEq(market.getProvider(providerId).score, 0);
    }

    function test_ScoresArePerProvider() public {
        ProviderId other = _registerProvider(consumer2, STAKE);
        vm.prank(consumer2);
        market.registerService(other, IMarketplace.Category.Phishing, PRICE, "/u", "s");
        _scoredPurchase(consumer, consumerKey);
        assertEq(market.getProvider(other).score, 0);
        assertEq(market.scoredPurchases(other, consumer), 0);
    }

    // ───────────── the release delay ─────────────

    function test_ReleaseDelayAtTheEnds() public {
        assertEq(market.releaseDelayOf(providerId), MAX_RELEASE_DELAY);
        _setScore(SCORE_FOR_MIN_DELAY);
        assertEq(market.releaseDelayOf(providerId), MIN_RELEASE_DELAY);
        _setScore(10 * SCORE_FOR_MIN_DELAY);
        assertEq(market.releaseDelayOf(providerId), MIN_RELEASE_DELAY);
    }

    function test_ReleaseDelayWorkedExample() public {
        // 3 days − (3 days − 1 hour) × 250 / 1000 = 259,200 − 255,600 / 4 = 195,300 s
        _setScore(250);
        assertEq(market.releaseDelayOf(providerId), 195_300);
    }

    function test_ScoreShortensTheNextTranche() public {
        PurchaseId id = _buy(consumer, serviceId, 10);
        _setScore(SCORE_FOR_MIN_DELAY);
        IMarketplace.UsageProof memory proof = _proof(consumerKey, id, 1);
        vm.expectEmit(address(market));
        emit IMarketplace.UsageClaimed(
            id, providerId, 1, 0.95e18, 0.05e18, uint40(block.timestamp + MIN_RELEASE_DELAY)
        );
        vm.prank(provider);
        market.claim(id, proof);
    }

    function testFuzz_ReleaseDelayFormula(uint64 score) public {
        _setScore(score);
        uint256 capped = score < SCORE_FOR_MIN_DELAY ? score : SCORE_FOR_MIN_DELAY;
        uint256 expected =
            MAX_RELEASE_DELAY - (MAX_RELEASE_DELAY - MIN_RELEASE_DELAY) * capped / SCORE_FOR_MIN_DELAY;
        assertEq(market.releaseDelayOf(providerId), expected);
    }

    // ───────────── adjustScore ─────────────

    function test_AdjustScoreUp() public {
        vm.expectEmit(address(market));
        emit IMarketplace.ScoreChanged(providerId, 0, 40);
        vm.prank(reviewBoard);
        assertEq(market.adjustScore(providerId, 40), 40);
        assertEq(market.getProvider(providerId).score, 40);
    }

    function test_AdjustScoreDownFloorsAtZero() public {
        _scoredPurchase(consumer, consumerKey);
        vm.expectEmit(address(market));
        emit IMarketplace.ScoreChanged(providerId, 100, 0);
        vm.prank(reviewBoard);
        assertEq(market.adjustScore(providerId, -150), -100);
        assertEq(market.getProvider(providerId).score, 0);
        // undoing exactly what was applied restores the score
        vm.prank(reviewBoard);
        assertEq(market.adjustScore(providerId, 100), 100);
        assertEq(market.getProvider(providerId).score, 100);
    }

    function test_AdjustScoreSaturatesAtTheTop() public {
        _setScore(type(uint64).max - 5);
        vm.prank(reviewBoard);
        assertEq(market.adjustScore(providerId, 10), 5);
        assertEq(market.getProvider(providerId).score, type(uint64).max);
        vm.prank(reviewBoard);
        assertEq(market.adjustScore(providerId, type(int64).min), type(int64).min);
    }

    function test_Revert_WhenAdjustScoreNotByTheReviewBoard() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NotReviewBoard.selector, provider));
        vm.prank(provider);
        market.adjustScore(providerId, 1000);
    }

    function test_Revert_WhenAdjustScoreOfUnknownProvider() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.ProviderNotFound.selector, ProviderId.wrap(4)));
        vm.prank(reviewBoard);
        market.adjustScore(ProviderId.wrap(4), -1);
    }

    function testFuzz_AdjustScore(uint64 start, int64 delta) public {
        _setScore(start);
        vm.prank(reviewBoard);
        int64 applied = market.adjustScore(providerId, delta);
        int256 wanted = int256(uint256(start)) + delta;
        uint256 expected;
        if (wanted > int256(uint256(type(uint64).max))) expected = type(uint64).max;
        // forge-lint: disable-next-line(unsafe-typecast) 0 ≤ wanted ≤ 2^64 − 1 here
        else if (wanted > 0) expected = uint256(wanted);
        assertEq(market.getProvider(providerId).score, expected);
        // forge-lint: disable-next-line(unsafe-typecast) expected < 2^64
        assertEq(int256(applied), int256(expected) - int256(uint256(start)));
    }

    // ───────────── MarketplaceMath ─────────────

    function test_ScoreWeightTable() public pure {
        uint64[12] memory weights = [uint64(0), 100, 200, 100, 50, 25, 12, 6, 3, 1, 0, 0];
        for (uint256 k; k < weights.length; ++k) {
            assertEq(MarketplaceMath.scoreWeight(k), weights[k]);
        }
        assertEq(MarketplaceMath.scoreWeight(type(uint256).max), 0);
    }

    function testFuzz_ReleaseDelayStaysBetweenTheEnds(
        uint256 score,
        uint32 minDelay,
        uint32 maxDelay,
        uint64 s
    ) public pure {
        maxDelay = uint32(bound(maxDelay, 0, 30 days));
        minDelay = uint32(bound(minDelay, 0, maxDelay));
        s = uint64(bound(s, 1, type(uint64).max));
        uint32 delay = MarketplaceMath.releaseDelay(score, minDelay, maxDelay, s);
        assertGe(delay, minDelay);
        assertLe(delay, maxDelay);
    }

    /// @dev A purchase of the minimum scored value by `who`, claimed (one call) with its token.
    function _scoredPurchase(address who, uint256 key) internal {
        PurchaseId id = _buy(who, serviceId, SCORED_CALLS);
        _claim(id, key, 1);
    }

    /// @dev Sets the provider's score through the review board's hook (0 first, then up in int64 steps).
    function _setScore(uint64 score) internal {
        vm.startPrank(reviewBoard);
        market.adjustScore(providerId, type(int64).min);
        market.adjustScore(providerId, type(int64).min);
        uint64 rest = score;
        while (rest != 0) {
            uint64 step = rest > uint64(type(int64).max) ? uint64(type(int64).max) : rest;
            // forge-lint: disable-next-line(unsafe-typecast) step ≤ int64 max
            market.adjustScore(providerId, int64(step));
            rest -= step;
        }
        vm.stopPrank();
        assertEq(market.getProvider(providerId).score, score);
    }
}
