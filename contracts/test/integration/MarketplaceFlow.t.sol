// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../../src/interfaces/IMarketplace.sol";
import {IProviderSlashing} from "../../src/interfaces/IProviderSlashing.sol";
import {IReviewBoard} from "../../src/interfaces/IReviewBoard.sol";
import {
    ProviderId,
    ProviderSlashId,
    PurchaseId,
    ReviewId,
    ServiceId
} from "../../src/types/MarketplaceIds.sol";
import {MarketplaceStackFixture} from "../utils/MarketplaceStackFixture.sol";

/// @notice Flows 3, 5 and 6 on the real utility token, Marketplace, ReviewBoard and ProviderSlashing:
///         a consumer buys calls, the provider serves and claims them with the consumer's access token,
///         the consumer reviews, the provider challenges, the resolver settles; and a misbehaving
///         provider is slashed with compensation to the consumer it harmed. Every balance is exact.
contract MarketplaceFlowTest is MarketplaceStackFixture {
    uint96 internal constant CALL_PRICE = 2e18;
    uint32 internal constant CALLS = 5;

    /// @dev the security vendor (the fixture's `provider` account) and a wallet (its `consumer`)
    address internal vendor;
    address internal wallet;
    ProviderId internal providerId;
    ServiceId internal serviceId;

    function setUp() public override {
        super.setUp();
        (vendor, wallet) = (provider, consumer);
        providerId = _registerProvider(vendor, STAKE);
        serviceId = _registerService(providerId, CALL_PRICE);
    }

    /// @dev Buy 5 calls at 2 tokens, serve and claim 3 (value 6, protocol fee 5 % = 0.3), review 1 star,
    ///      the provider challenges, and the settlement decides who takes fee + bond and the score.
    function _buyServeReviewChallenge() internal returns (PurchaseId purchaseId, ReviewId reviewId) {
        purchaseId = _buy(wallet, serviceId, CALLS);
        assertEq(market.getProvider(providerId).inFlight, uint256(CALLS) * CALL_PRICE, "escrowed");

        // the vendor served three calls; the wallet's token for call 3 proves all three
        assertEq(_claim(purchaseId, consumerKey, 3), 5.7e18, "6 minus the 5 % protocol fee");
        assertEq(_score(providerId), 100, "a first scored purchase");
        assertEq(market.totalEscrow(), 2 * uint256(CALL_PRICE), "two calls left in escrow");

        reviewId = _review(purchaseId, 1);
        assertEq(_score(providerId), 0, "the penalty (150) took the whole score (100)");
        assertEq(board.getReview(reviewId).scoreDelta, -100);

        vm.warp(block.timestamp + 1 hours);
        _challenge(reviewId);
    }

    function test_ChallengeSucceeds_ScoreRestoredProviderTakesFeeAndBond() public {
        uint256 walletStart = token.balanceOf(wallet);
        uint256 vendorStart = token.balanceOf(vendor);
        (PurchaseId purchaseId, ReviewId reviewId) = _buyServeReviewChallenge();

        vm.prank(resolver);
        board.resolveChallenge(reviewId, false);
        assertEq(_score(providerId), 100, "penalty undone");
        assertEq(uint8(board.getReview(reviewId).status), uint8(IReviewBoard.ReviewStatus.Struck));

        _settleTheRest(purchaseId);
        // wallet: −10 bought, +4 refunded (2 unserved calls), −2 review fee lost
        assertEq(walletStart - token.balanceOf(wallet), 8e18, "wallet paid 6 for calls and lost its fee");
        // vendor: +5.7 fees, −10 bond +12 (bond back and the review fee)
        assertEq(token.balanceOf(vendor) - vendorStart, 7.7e18, "vendor");
        assertEq(token.balanceOf(treasury), 0.3e18, "protocol fee");
        assertEq(token.balanceOf(boardTreasury), 0, "no unchallenged fee");
        _assertEmpty();
    }

    function test_ChallengeFails_ReviewStandsReviewerTakesFeeAndBond() public {
        uint256 walletStart = token.balanceOf(wallet);
        uint256 vendorStart = token.balanceOf(vendor);
        (PurchaseId purchaseId, ReviewId reviewId) = _buyServeReviewChallenge();

        vm.prank(resolver);
        board.resolveChallenge(reviewId, true);
        assertEq(_score(providerId), 0, "penalty stays");

        _settleTheRest(purchaseId);
        // wallet: −10 bought, +4 refunded, −2 fee +12 (fee back and the bond)
        assertEq(token.balanceOf(wallet) + 6e18, walletStart + 10e18, "wallet gained the bond");
        // vendor: +5.7 fees, −10 bond lost
        assertEq(vendorStart - token.balanceOf(vendor), 4.3e18, "vendor");
        assertEq(token.balanceOf(treasury), 0.3e18, "protocol fee");
        _assertEmpty();
    }

    function test_UnchallengedReviewFeeGoesToTheTreasury() public {
        PurchaseId purchaseId = _buy(wallet, serviceId, CALLS);
        _claim(purchaseId, consumerKey, CALLS);
        ReviewId reviewId = _review(purchaseId, 5);
        assertEq(_score(providerId), 100, "a positive review keeps the score");
        vm.warp(block.timestamp + CHALLENGE_WINDOW);
        board.finalizeReview(reviewId);
        assertEq(token.balanceOf(boardTreasury), REVIEW_FEE);
        assertEq(board.totalHeld(), 0);
    }

    /// @dev The vendor took payment for 10 calls and answered garbage. Governance files a slash of
    ///      200 tokens with 20 to the wallet; the vendor's attempt to run with its stake fails because
    ///      the unstake delay outlasts the veto window; a keeper executes at the deadline.
    function test_MisbehavingProviderIsSlashedAndTheConsumerCompensated() public {
        PurchaseId purchaseId = _buy(wallet, serviceId, 10);
        _claim(purchaseId, consumerKey, 10);
        uint256 walletBefore = token.balanceOf(wallet);

        IMarketplace.Compensation[] memory c = new IMarketplace.Compensation[](1);
        c[0] = IMarketplace.Compensation({account: wallet, amount: 20e18});
        vm.prank(slashRequester);
        ProviderSlashId id =
            slashing.requestSlash(providerId, 200e18, keccak256("garbage answers"), "ipfs://evidence", c);

        // the vendor tries to leave with everything
        vm.prank(vendor);
        market.requestUnstake(providerId, STAKE);
        uint40 availableAt = market.getProvider(providerId).unstakeAvailableAt;
        vm.warp(slashing.getRequest(id).vetoDeadline);
        vm.prank(vendor);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.UnstakeNotReady.selector, availableAt));
        market.completeUnstake(providerId);

        // the committee let the window pass; anyone executes
        vm.prank(makeAddr("keeper"));
        assertEq(slashing.execute(id), 200e18);
        assertEq(uint8(slashing.getRequest(id).status), uint8(IProviderSlashing.Status.Executed));
        assertEq(token.balanceOf(wallet) - walletBefore, 20e18, "harmed consumer first");
        assertEq(token.balanceOf(treasury), 180e18, "the rest to the treasury");
        IMarketplace.Provider memory p = market.getProvider(providerId);
        assertEq(p.stake + p.unstaking, STAKE - 200e18);

        // what survives the slash is all the vendor gets back after the delay
        vm.warp(p.unstakeAvailableAt);
        uint256 vendorBefore = token.balanceOf(vendor);
        vm.prank(vendor);
        market.completeUnstake(providerId);
        assertEq(token.balanceOf(vendor) - vendorBefore, STAKE - 200e18);
        _assertBalanced();
    }

    /// @dev The rest of the purchase after a settlement: the wallet refunds the two unserved calls, the
    ///      vendor withdraws its fee once released, the protocol fee goes to the treasury.
    function _settleTheRest(PurchaseId purchaseId) internal {
        IMarketplace.Purchase memory pu = market.getPurchase(purchaseId);
        vm.warp(uint256(pu.expiry) + REFUND_GRACE);
        assertEq(market.refund(purchaseId), 2 * uint256(CALL_PRICE));
        vm.warp(block.timestamp + 3 days);
        vm.prank(vendor);
        assertEq(market.withdrawFees(providerId, 10), 5.7e18);
        assertEq(market.withdrawProtocolFees(), 0.3e18);
    }

    function _assertEmpty() internal view {
        assertEq(market.totalEscrow(), 0);
        assertEq(market.totalPendingFees(), 0);
        assertEq(market.protocolFeesAccrued(), 0);
        assertEq(token.balanceOf(address(market)), STAKE, "only the stake is left");
        assertEq(token.balanceOf(address(board)), 0);
        assertEq(board.totalHeld(), 0);
    }

    function _assertBalanced() internal view {
        assertEq(
            token.balanceOf(address(market)),
            market.totalStaked() + market.totalUnstaking() + market.totalEscrow() + market.totalPendingFees()
                + market.protocolFeesAccrued()
        );
    }
}
