// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../../../src/interfaces/IMarketplace.sol";
import {IReviewBoard} from "../../../src/interfaces/IReviewBoard.sol";
import {ProviderId, PurchaseId, ReviewId} from "../../../src/types/MarketplaceIds.sol";
import {ReviewBoardUnitBase} from "./ReviewBoardUnitBase.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

/// @notice ReviewBoard.review.
contract ReviewTest is ReviewBoardUnitBase {
    function test_NegativeReviewPullsTheFeeAndLowersTheScore() public {
        uint256 consumerBefore = token.balanceOf(consumer);
        vm.startPrank(consumer);
        token.approve(address(board), REVIEW_FEE);
        vm.expectEmit(address(market));
        emit IMarketplace.ScoreChanged(providerId, START_SCORE, START_SCORE - REVIEW_PENALTY);
        vm.expectEmit(address(board));
        emit IReviewBoard.Reviewed(
            ReviewId.wrap(1),
            first,
            ProviderId.unwrap(providerId),
            consumer,
            1,
            _neg(REVIEW_PENALTY),
            keccak256("text"),
            "ipfs://r"
        );
        ReviewId id = board.review(first, 1, keccak256("text"), "ipfs://r");
        vm.stopPrank();

        assertEq(ReviewId.unwrap(id), 1);
        assertEq(board.reviewCount(), 1);
        assertEq(ReviewId.unwrap(board.reviewOfPurchase(first)), 1);
        assertEq(consumerBefore - token.balanceOf(consumer), REVIEW_FEE, "fee paid");
        assertEq(token.balanceOf(address(board)), REVIEW_FEE, "fee held");
        assertEq(board.totalHeld(), REVIEW_FEE);
        assertEq(_score(providerId), START_SCORE - REVIEW_PENALTY);

        IReviewBoard.Review memory r = board.getReview(id);
        assertEq(PurchaseId.unwrap(r.purchaseId), PurchaseId.unwrap(first));
        assertEq(r.reviewer, consumer);
        assertEq(r.rating, 1);
        assertEq(uint8(r.status), uint8(IReviewBoard.ReviewStatus.Open));
        assertEq(r.createdAt, block.timestamp);
        assertEq(r.challengedAtBlock, 0);
        assertEq(r.scoreDelta, _neg(REVIEW_PENALTY));
        assertEq(r.fee, REVIEW_FEE);
        assertEq(r.bond, 0);
        assertEq(r.contentHash, keccak256("text"));
        assertEq(r.uri, "ipfs://r");
    }

    function test_PositiveReviewKeepsTheScore() public {
        ReviewId id = _review(first, NEGATIVE_RATING_MAX + 1);
        assertEq(_score(providerId), START_SCORE);
        assertEq(board.getReview(id).scoreDelta, 0);
        assertEq(board.totalHeld(), REVIEW_FEE, "a positive review pays the fee too");
    }

    function test_RatingAtTheNegativeMaxIsNegative() public {
        _review(first, NEGATIVE_RATING_MAX);
        assertEq(_score(providerId), START_SCORE - REVIEW_PENALTY);
    }

    /// @dev The score is floored at 0: the review records what was applied, so a strike undoes exactly it.
    function test_RecordsOnlyThePenaltyApplied() public {
        _review(first, 1);
        ReviewId id = _review(second, 1);
        assertEq(_score(providerId), 0);
        assertEq(board.getReview(id).scoreDelta, _neg(START_SCORE - REVIEW_PENALTY));
    }

    function test_ZeroPenaltyLeavesTheScore() public {
        _setBoardParams(REVIEW_FEE, CHALLENGE_BOND, CHALLENGE_WINDOW, 0, NEGATIVE_RATING_MAX);
        ReviewId id = _review(first, 1);
        assertEq(_score(providerId), START_SCORE);
        assertEq(board.getReview(id).scoreDelta, 0);
    }

    /// @dev A refunded purchase was still paid for: its consumer may still review.
    function test_ReviewsARefundedPurchase() public {
        vm.warp(block.timestamp + 1 days + REFUND_GRACE);
        market.refund(first);
        _review(first, 1);
        assertEq(_score(providerId), START_SCORE - REVIEW_PENALTY);
    }

    function testFuzz_Review(uint8 rating, uint96 fee, uint64 penalty, uint8 negativeMax) public {
        rating = uint8(bound(rating, 1, 5));
        fee = uint96(bound(fee, 1, 1000e18));
        penalty = uint64(bound(penalty, 0, 10_000));
        negativeMax = uint8(bound(negativeMax, 1, 4));
        _setBoardParams(fee, CHALLENGE_BOND, CHALLENGE_WINDOW, penalty, negativeMax);
        uint256 consumerBefore = token.balanceOf(consumer);

        ReviewId id = _review(first, rating);

        int64 expected;
        if (rating <= negativeMax) expected = _neg(penalty < START_SCORE ? penalty : START_SCORE);
        assertEq(board.getReview(id).scoreDelta, expected, "delta");
        assertEq(int256(uint256(_score(providerId))), int256(uint256(START_SCORE)) + expected, "score");
        assertEq(consumerBefore - token.balanceOf(consumer), fee, "fee");
        assertEq(token.balanceOf(address(board)), board.totalHeld());
        assertEq(board.getReview(id).fee, fee);
    }

    function testFuzz_Revert_WhenRatingOutOfRange(uint8 rating) public {
        vm.assume(rating == 0 || rating > 5);
        vm.prank(consumer);
        vm.expectRevert(abi.encodeWithSelector(IReviewBoard.InvalidRating.selector, rating));
        board.review(first, rating, "", "");
    }

    function test_Revert_WhenNotTheConsumer() public {
        vm.prank(consumer2);
        vm.expectRevert(abi.encodeWithSelector(IReviewBoard.PurchaseNotOwned.selector, first, consumer2));
        board.review(first, 1, "", "");
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(IReviewBoard.PurchaseNotOwned.selector, first, provider));
        board.review(first, 5, "", "");
    }

    function test_Revert_WhenPurchaseUnknown() public {
        PurchaseId unknown = PurchaseId.wrap(99);
        vm.prank(consumer);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.PurchaseNotFound.selector, unknown));
        board.review(unknown, 1, "", "");
    }

    function test_Revert_WhenAlreadyReviewed() public {
        ReviewId id = _review(first, 4);
        vm.prank(consumer);
        vm.expectRevert(abi.encodeWithSelector(IReviewBoard.AlreadyReviewed.selector, first, id));
        board.review(first, 1, "", "");
    }

    function test_Revert_WhenFeeNotApproved() public {
        vm.prank(consumer);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector, address(board), 0, REVIEW_FEE
            )
        );
        board.review(first, 1, "", "");
    }

    function test_Revert_WhenNotTheMarketplacesReviewBoard() public {
        vm.prank(owner);
        market.setReviewBoard(makeAddr("otherBoard"));
        vm.startPrank(consumer);
        token.approve(address(board), REVIEW_FEE);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NotReviewBoard.selector, address(board)));
        board.review(first, 1, "", "");
        vm.stopPrank();
    }
}

/// @notice ReviewBoard.challenge.
contract ChallengeReviewTest is ReviewBoardUnitBase {
    function test_PullsTheBondAndRecordsTheBlock() public {
        ReviewId id = _review(first, 1);
        vm.roll(42);
        uint256 providerBefore = token.balanceOf(provider);
        vm.startPrank(provider);
        token.approve(address(board), CHALLENGE_BOND);
        vm.expectEmit(address(board));
        emit IReviewBoard.ReviewChallenged(id, ProviderId.unwrap(providerId), provider, CHALLENGE_BOND);
        board.challenge(id);
        vm.stopPrank();

        IReviewBoard.Review memory r = board.getReview(id);
        assertEq(uint8(r.status), uint8(IReviewBoard.ReviewStatus.Challenged));
        assertEq(r.challengedAtBlock, 42);
        assertEq(r.bond, CHALLENGE_BOND);
        assertEq(providerBefore - token.balanceOf(provider), CHALLENGE_BOND);
        assertEq(board.totalHeld(), uint256(REVIEW_FEE) + CHALLENGE_BOND);
        assertEq(token.balanceOf(address(board)), board.totalHeld());
    }

    function test_ChallengesUntilTheLastSecondOfTheWindow() public {
        ReviewId id = _review(first, 1);
        vm.warp(_closesAt(id) - 1);
        _challenge(id);
        assertEq(_status(id), uint8(IReviewBoard.ReviewStatus.Challenged));
    }

    /// @dev Params changed after the review move neither its window nor its fee; the bond is the one
    ///      in force when the challenge is posted.
    function test_WindowAndFeeAreFixedAtReviewTime() public {
        ReviewId id = _review(first, 1);
        uint256 closesAt = _closesAt(id);
        _setBoardParams(5e18, 7e18, 60, REVIEW_PENALTY, NEGATIVE_RATING_MAX);
        vm.warp(closesAt - 1);
        _challenge(id);
        IReviewBoard.Review memory r = board.getReview(id);
        assertEq(r.fee, REVIEW_FEE);
        assertEq(r.bond, 7e18);
        assertEq(board.totalHeld(), uint256(REVIEW_FEE) + 7e18);
    }

    function test_Revert_WhenReviewUnknown() public {
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(IReviewBoard.ReviewNotFound.selector, ReviewId.wrap(1)));
        board.challenge(ReviewId.wrap(1));
    }

    function test_Revert_WhenNotTheProviderOwner() public {
        ReviewId id = _review(first, 1);
        vm.prank(consumer);
        vm.expectRevert(abi.encodeWithSelector(IReviewBoard.NotReviewedProvider.selector, id, consumer));
        board.challenge(id);
    }

    function test_Revert_WhenAlreadyChallenged() public {
        ReviewId id = _review(first, 1);
        _challenge(id);
        vm.prank(provider);
        vm.expectRevert(
            abi.encodeWithSelector(
                IReviewBoard.ReviewNotOpen.selector, id, IReviewBoard.ReviewStatus.Challenged
            )
        );
        board.challenge(id);
    }

    function test_Revert_WhenFinalized() public {
        ReviewId id = _review(first, 1);
        vm.warp(_closesAt(id));
        board.finalizeReview(id);
        vm.prank(provider);
        vm.expectRevert(
            abi.encodeWithSelector(IReviewBoard.ReviewNotOpen.selector, id, IReviewBoard.ReviewStatus.Stands)
        );
        board.challenge(id);
    }

    function test_Revert_WhenTheWindowClosed() public {
        ReviewId id = _review(first, 1);
        uint256 closesAt = _closesAt(id);
        vm.warp(closesAt);
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(IReviewBoard.ChallengeWindowClosed.selector, id, closesAt));
        board.challenge(id);
    }

    function test_Revert_WhenBondNotApproved() public {
        ReviewId id = _review(first, 1);
        vm.prank(provider);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector, address(board), 0, CHALLENGE_BOND
            )
        );
        board.challenge(id);
    }
}

/// @notice ReviewBoard.finalizeReview.
contract FinalizeReviewTest is ReviewBoardUnitBase {
    function test_PaysTheFeeToTheTreasuryAfterTheWindow() public {
        ReviewId id = _review(first, 1);
        vm.warp(_closesAt(id));
        vm.expectEmit(address(board));
        emit IReviewBoard.ReviewFinalized(id, REVIEW_FEE);
        vm.prank(makeAddr("anyone"));
        board.finalizeReview(id);
        assertEq(_status(id), uint8(IReviewBoard.ReviewStatus.Stands));
        assertEq(token.balanceOf(boardTreasury), REVIEW_FEE);
        assertEq(token.balanceOf(address(board)), 0);
        assertEq(board.totalHeld(), 0);
        assertEq(_score(providerId), START_SCORE - REVIEW_PENALTY, "the penalty stays");
    }

    function test_Revert_WhenTheWindowIsOpen() public {
        ReviewId id = _review(first, 1);
        uint256 closesAt = _closesAt(id);
        vm.warp(closesAt - 1);
        vm.expectRevert(abi.encodeWithSelector(IReviewBoard.ChallengeWindowOpen.selector, id, closesAt));
        board.finalizeReview(id);
    }

    function test_Revert_WhenChallenged() public {
        ReviewId id = _review(first, 1);
        _challenge(id);
        vm.warp(_closesAt(id));
        vm.expectRevert(
            abi.encodeWithSelector(
                IReviewBoard.ReviewNotOpen.selector, id, IReviewBoard.ReviewStatus.Challenged
            )
        );
        board.finalizeReview(id);
    }

    function test_Revert_WhenFinalizedTwice() public {
        ReviewId id = _review(first, 1);
        vm.warp(_closesAt(id));
        board.finalizeReview(id);
        vm.expectRevert(
            abi.encodeWithSelector(IReviewBoard.ReviewNotOpen.selector, id, IReviewBoard.ReviewStatus.Stands)
        );
        board.finalizeReview(id);
    }

    function test_Revert_WhenReviewUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IReviewBoard.ReviewNotFound.selector, ReviewId.wrap(7)));
        board.finalizeReview(ReviewId.wrap(7));
    }
}
