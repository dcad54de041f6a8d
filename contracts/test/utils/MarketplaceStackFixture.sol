// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../../src/interfaces/IMarketplace.sol";
import {IReviewBoard} from "../../src/interfaces/IReviewBoard.sol";
import {IServiceManager} from "../../src/interfaces/IServiceManager.sol";
import {ProviderSlashing} from "../../src/marketplace/ProviderSlashing.sol";
import {ReviewBoard} from "../../src/marketplace/ReviewBoard.sol";
import {ProviderId, PurchaseId, ReviewId} from "../../src/types/MarketplaceIds.sol";
import {MarketplaceFixture} from "./MarketplaceFixture.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice MarketplaceFixture plus the real ReviewBoard and ProviderSlashing, wired in as the
///         Marketplace's review board and slasher (the fixture's placeholder addresses `reviewBoard` and
///         `slasher` are pointed at them), with helpers to review, challenge and file slashes. Shared by
///         the ReviewBoard and ProviderSlashing unit suites, the marketplace flow and the marketplace
///         invariants.
abstract contract MarketplaceStackFixture is MarketplaceFixture {
    uint96 internal constant REVIEW_FEE = 2e18;
    uint96 internal constant CHALLENGE_BOND = 10e18;
    uint32 internal constant CHALLENGE_WINDOW = 3 days;
    uint64 internal constant REVIEW_PENALTY = 150;
    uint8 internal constant NEGATIVE_RATING_MAX = 2;
    /// @dev below the fixture's UNSTAKE_DELAY (7 days), as ProviderSlashing requires
    uint32 internal constant VETO_WINDOW = 2 days;

    ReviewBoard internal board;
    ProviderSlashing internal slashing;

    address internal boardTreasury = makeAddr("boardTreasury");
    address internal resolver = makeAddr("resolver");
    address internal slashRequester = makeAddr("slashRequester");
    address internal vetoCommittee = makeAddr("vetoCommittee");

    function setUp() public virtual override {
        super.setUp();
        board = new ReviewBoard(
            IERC20(address(token)),
            IMarketplace(address(market)),
            owner,
            resolver,
            boardTreasury,
            IServiceManager(address(0)),
            _boardParams()
        );
        slashing = new ProviderSlashing(
            IMarketplace(address(market)), owner, slashRequester, vetoCommittee, VETO_WINDOW
        );
        reviewBoard = address(board);
        slasher = address(slashing);
        vm.startPrank(owner);
        market.setReviewBoard(reviewBoard);
        market.setSlasher(slasher);
        vm.stopPrank();
    }

    function _boardParams() internal pure returns (IReviewBoard.Params memory) {
        return IReviewBoard.Params({
            reviewFee: REVIEW_FEE,
            challengeBond: CHALLENGE_BOND,
            challengeWindow: CHALLENGE_WINDOW,
            reviewPenalty: REVIEW_PENALTY,
            negativeRatingMax: NEGATIVE_RATING_MAX
        });
    }

    /// @dev The purchase's consumer approves the fee and reviews.
    function _review(PurchaseId purchaseId, uint8 rating) internal returns (ReviewId reviewId) {
        address reviewer = market.getPurchase(purchaseId).consumer;
        vm.startPrank(reviewer);
        token.approve(address(board), board.params().reviewFee);
        reviewId = board.review(purchaseId, rating, keccak256("review text"), "ipfs://review");
        vm.stopPrank();
    }

    /// @dev The reviewed provider's owner approves the bond and challenges.
    function _challenge(ReviewId reviewId) internal {
        address challenger = market.getProvider(_providerOf(reviewId)).owner;
        vm.startPrank(challenger);
        token.approve(address(board), board.params().challengeBond);
        board.challenge(reviewId);
        vm.stopPrank();
    }

    function _providerOf(ReviewId reviewId) internal view returns (ProviderId) {
        return market.getPurchase(board.getReview(reviewId).purchaseId).providerId;
    }

    function _score(ProviderId providerId) internal view returns (uint64) {
        return market.getProvider(providerId).score;
    }

    function _oneCompensation(address account, uint96 amount)
        internal
        pure
        returns (IMarketplace.Compensation[] memory c)
    {
        c = new IMarketplace.Compensation[](1);
        c[0] = IMarketplace.Compensation({account: account, amount: amount});
    }
}
