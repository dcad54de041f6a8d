// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IReviewBoard} from "../../../src/interfaces/IReviewBoard.sol";
import {ProviderId, PurchaseId, ReviewId, ServiceId} from "../../../src/types/MarketplaceIds.sol";
import {MarketplaceStackFixture} from "../../utils/MarketplaceStackFixture.sol";

/// @notice Unit-test base for the ReviewBoard on the real Marketplace: the fixture's `provider` owns
///         provider `providerId` (one service at PRICE) and sold `consumer` two purchases of 10 calls,
///         claiming one call of each, so its score is 100 + 200 = 300 (a first and a returning
///         purchase); `consumer2` bought nothing from it.
abstract contract ReviewBoardUnitBase is MarketplaceStackFixture {
    uint64 internal constant START_SCORE = 300;

    ProviderId internal providerId;
    ServiceId internal serviceId;
    PurchaseId internal first;
    PurchaseId internal second;

    function setUp() public virtual override {
        super.setUp();
        (providerId, serviceId) = _onboard();
        first = _buy(consumer, serviceId, 10);
        second = _buy(consumer, serviceId, 10);
        _claim(first, consumerKey, 1);
        _claim(second, consumerKey, 1);
        assertEq(_score(providerId), START_SCORE, "score of two scored purchases");
    }

    /// @dev −x for the small score amounts of these tests
    function _neg(uint64 x) internal pure returns (int64) {
        // forge-lint: disable-next-line(unsafe-typecast) test amounts are ≤ 10,000
        return -int64(x);
    }

    function _status(ReviewId id) internal view returns (uint8) {
        return uint8(board.getReview(id).status);
    }

    function _closesAt(ReviewId id) internal view returns (uint256) {
        return uint256(board.getReview(id).createdAt) + CHALLENGE_WINDOW;
    }

    function _setBoardParams(uint96 fee, uint96 bond, uint32 window, uint64 penalty, uint8 negativeMax)
        internal
    {
        vm.prank(owner);
        board.setParams(
            IReviewBoard.Params({
                reviewFee: fee,
                challengeBond: bond,
                challengeWindow: window,
                reviewPenalty: penalty,
                negativeRatingMax: negativeMax
            })
        );
    }
}
