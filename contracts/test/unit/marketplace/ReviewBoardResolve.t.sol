// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../../../src/interfaces/IMarketplace.sol";
import {IReviewBoard} from "../../../src/interfaces/IReviewBoard.sol";
import {ReviewId} from "../../../src/types/MarketplaceIds.sol";
import {ReviewBoardUnitBase} from "./ReviewBoardUnitBase.sol";

/// @notice ReviewBoard.resolveChallenge (the resolver's settlement; certificates in
///         ReviewBoardCertificate.t.sol).
contract ResolveChallengeTest is ReviewBoardUnitBase {
    ReviewId internal id;

    function setUp() public override {
        super.setUp();
        id = _review(first, 1);
        _challenge(id);
    }

    function test_ReviewStands_ReviewerTakesFeeAndBond() public {
        uint256 consumerBefore = token.balanceOf(consumer);
        uint256 providerBefore = token.balanceOf(provider);
        uint96 payout = REVIEW_FEE + CHALLENGE_BOND;
        vm.expectEmit(address(board));
        emit IReviewBoard.ChallengeResolved(id, true, consumer, payout, false);
        vm.prank(resolver);
        board.resolveChallenge(id, true);

        assertEq(_status(id), uint8(IReviewBoard.ReviewStatus.Stands));
        assertEq(token.balanceOf(consumer) - consumerBefore, payout, "reviewer: own fee + the bond");
        assertEq(token.balanceOf(provider), providerBefore, "providerId: nothing back");
        assertEq(token.balanceOf(boardTreasury), 0);
        assertEq(token.balanceOf(address(board)), 0);
        assertEq(board.totalHeld(), 0);
        assertEq(_score(providerId), START_SCORE - REVIEW_PENALTY, "the penalty stays");
    }

    function test_ReviewStruck_ChallengerTakesBondAndFeeAndThePenaltyIsUndone() public {
        uint256 consumerBefore = token.balanceOf(consumer);
        uint256 providerBefore = token.balanceOf(provider);
        uint96 payout = REVIEW_FEE + CHALLENGE_BOND;
        vm.expectEmit(address(board));
        emit IReviewBoard.ChallengeResolved(id, false, provider, payout, false);
        vm.expectEmit(address(market));
        emit IMarketplace.ScoreChanged(providerId, START_SCORE - REVIEW_PENALTY, START_SCORE);
        vm.prank(resolver);
        board.resolveChallenge(id, false);

        assertEq(_status(id), uint8(IReviewBoard.ReviewStatus.Struck));
        assertEq(token.balanceOf(provider) - providerBefore, payout, "challenger: own bond + the fee");
        assertEq(token.balanceOf(consumer), consumerBefore, "reviewer: nothing back");
        assertEq(token.balanceOf(address(board)), 0);
        assertEq(board.totalHeld(), 0);
        assertEq(_score(providerId), START_SCORE, "penalty undone");
    }

    /// @dev The first review took 150, the second only the 150 that was left: striking the second
    ///      adds back exactly 150, not the nominal penalty nor the score before it.
    function test_StrikeUndoesOnlyWhatWasApplied() public {
        ReviewId next = _review(second, 1);
        assertEq(_score(providerId), 0);
        _challenge(next);
        vm.prank(resolver);
        board.resolveChallenge(next, false);
        assertEq(_score(providerId), START_SCORE - REVIEW_PENALTY);
        vm.prank(resolver);
        board.resolveChallenge(id, false);
        assertEq(_score(providerId), START_SCORE);
    }

    function test_StrikeOfAPositiveReviewMovesNoScore() public {
        ReviewId positive = _review(second, 5);
        _challenge(positive);
        vm.recordLogs();
        vm.prank(resolver);
        board.resolveChallenge(positive, false);
        assertEq(vm.getRecordedLogs().length, 2, "ChallengeResolved and the payout Transfer only");
        assertEq(_score(providerId), START_SCORE - REVIEW_PENALTY);
    }

    function testFuzz_SettlesExactly(uint96 fee, uint96 bond, bool reviewStands) public {
        fee = uint96(bound(fee, 1, 500e18));
        bond = uint96(bound(bond, 1, 500e18));
        _setBoardParams(fee, bond, CHALLENGE_WINDOW, REVIEW_PENALTY, NEGATIVE_RATING_MAX);
        ReviewId next = _review(second, 2);
        _challenge(next);
        uint256 consumerBefore = token.balanceOf(consumer);
        uint256 providerBefore = token.balanceOf(provider);
        uint256 heldBefore = board.totalHeld();

        vm.prank(resolver);
        board.resolveChallenge(next, reviewStands);

        uint256 payout = uint256(fee) + bond;
        assertEq(token.balanceOf(consumer) - consumerBefore, reviewStands ? payout : 0, "reviewer");
        assertEq(token.balanceOf(provider) - providerBefore, reviewStands ? 0 : payout, "challenger");
        assertEq(heldBefore - board.totalHeld(), payout, "held");
        assertEq(token.balanceOf(address(board)), board.totalHeld(), "balance = held");
        assertEq(_score(providerId), reviewStands ? 0 : START_SCORE - REVIEW_PENALTY, "score");
    }

    function test_Revert_WhenNotTheResolver() public {
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(IReviewBoard.NotResolver.selector, provider));
        board.resolveChallenge(id, false);
    }

    function test_Revert_WhenReviewUnknown() public {
        vm.prank(resolver);
        vm.expectRevert(abi.encodeWithSelector(IReviewBoard.ReviewNotFound.selector, ReviewId.wrap(5)));
        board.resolveChallenge(ReviewId.wrap(5), true);
    }

    function test_Revert_WhenNotChallenged() public {
        ReviewId open = _review(second, 1);
        vm.prank(resolver);
        vm.expectRevert(
            abi.encodeWithSelector(IReviewBoard.NotChallenged.selector, open, IReviewBoard.ReviewStatus.Open)
        );
        board.resolveChallenge(open, true);
    }

    function test_Revert_WhenAlreadySettled() public {
        vm.startPrank(resolver);
        board.resolveChallenge(id, false);
        vm.expectRevert(
            abi.encodeWithSelector(IReviewBoard.NotChallenged.selector, id, IReviewBoard.ReviewStatus.Struck)
        );
        board.resolveChallenge(id, true);
        vm.stopPrank();
    }

    function test_Revert_CertificateWhenNoServiceManager() public {
        vm.expectRevert(IReviewBoard.NoServiceManager.selector);
        board.resolveChallengeWithCertificate(id, true, bytes32(0), 1, new bytes32[](0));
    }
}
