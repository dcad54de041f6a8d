// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../../src/interfaces/IMarketplace.sol";
import {IReviewBoard} from "../../src/interfaces/IReviewBoard.sol";
import {ProviderId, PurchaseId, ReviewId} from "../../src/types/MarketplaceIds.sol";
import {MarketplaceStackFixture} from "../utils/MarketplaceStackFixture.sol";
import {MarketplaceHandler} from "./MarketplaceHandler.sol";

/// @notice Accounting invariants of the Marketplace, the ReviewBoard and ProviderSlashing under random
///         flows (see MarketplaceHandler).
contract MarketplaceInvariantsTest is MarketplaceStackFixture {
    MarketplaceHandler internal handler;

    function setUp() public override {
        super.setUp();
        handler = new MarketplaceHandler(
            market, token, board, slashing, owner, resolver, slashRequester, vetoCommittee
        );
        // every actor starts with FUNDS; the rest of the supply stays with this contract
        for (uint256 i; i < handler.actorCount(); ++i) {
            _fund(handler.actors(i));
        }
        // two providers with a service each and a purchase of each, so every flow has something to
        // act on from the first call of a run
        handler.registerProvider(0, 5000e18);
        handler.registerProvider(1, 5000e18);
        handler.registerService(0, 1e18, 0);
        handler.registerService(1, 2e18, 9);
        handler.purchase(2, 0, 5, 1 days);
        handler.purchase(3, 1, 5, 2 days);
        targetContract(address(handler));
    }

    /// @notice (a) Nothing minted or lost: each contract holds exactly its liabilities.
    function invariant_MarketplaceBalanceIsItsLiabilities() public view {
        assertEq(
            token.balanceOf(address(market)),
            market.totalStaked() + market.totalUnstaking() + market.totalEscrow() + market.totalPendingFees()
                + market.protocolFeesAccrued(),
            "market balance"
        );
    }

    function invariant_BoardBalanceIsTotalHeld() public view {
        assertEq(token.balanceOf(address(board)), board.totalHeld(), "board balance");
        uint256 held;
        for (uint256 i; i < handler.reviewCount(); ++i) {
            IReviewBoard.Review memory r = board.getReview(handler.reviews(i));
            if (r.status == IReviewBoard.ReviewStatus.Open) held += r.fee;
            if (r.status == IReviewBoard.ReviewStatus.Challenged) held += uint256(r.fee) + r.bond;
        }
        assertEq(held, board.totalHeld(), "open fees + pending bonds");
    }

    /// @notice The supply is fixed and every holder is known: the handler's actors, the fixture's
    ///         idle actors, both treasuries, the Marketplace, the board and this test (the initial holder).
    function invariant_SupplyConserved() public view {
        uint256 sum = token.balanceOf(address(this)) + token.balanceOf(address(market))
            + token.balanceOf(address(board)) + token.balanceOf(treasury) + token.balanceOf(boardTreasury)
            + token.balanceOf(provider) + token.balanceOf(consumer) + token.balanceOf(consumer2);
        for (uint256 i; i < handler.actorCount(); ++i) {
            sum += token.balanceOf(handler.actors(i));
        }
        assertEq(sum, token.totalSupply(), "supply conserved");
    }

    /// @notice (b) A purchase never takes a provider over its cap, and unstaking keeps the cap above
    ///         the escrow. Only two things can leave a provider above it, both inherent: a slash (the
    ///         escrow already sold stays owed to its consumers, refundable, while the stake that backed
    ///         it is gone) and governance lowering the multiple (the cap shrinks under escrow already
    ///         sold). Neither can be prevented without breaking a purchase already paid for, so those
    ///         providers are exempt until the end of the run; new purchases still respect the cap.
    function invariant_InFlightWithinCap() public view {
        for (uint256 i; i < handler.providerCount(); ++i) {
            ProviderId id = handler.providers(i);
            if (handler.capExempt(id)) continue;
            assertLe(market.getProvider(id).inFlight, market.inFlightCap(id), "in flight within cap");
        }
    }

    /// @notice (c) The escrow is exactly the unserved, unrefunded calls of every purchase, by the
    ///         handler's ghost and by the purchases' own records; and it is the providers' in-flight sum.
    function invariant_EscrowIsUnservedCalls() public view {
        uint256 ghost;
        uint256 recorded;
        for (uint256 i; i < handler.purchaseCount(); ++i) {
            PurchaseId id = handler.purchases(i);
            IMarketplace.Purchase memory pu = market.getPurchase(id);
            uint256 unserved = pu.refunded ? 0 : uint256(pu.calls - pu.served) * pu.pricePerCall;
            assertEq(handler.ghostUnserved(id), unserved, "ghost per purchase");
            ghost += handler.ghostUnserved(id);
            recorded += unserved;
        }
        assertEq(ghost, market.totalEscrow(), "ghost escrow");
        assertEq(recorded, market.totalEscrow(), "recorded escrow");
        uint256 inFlight;
        uint256 staked;
        uint256 unstaking;
        for (uint256 i; i < handler.providerCount(); ++i) {
            IMarketplace.Provider memory p = market.getProvider(handler.providers(i));
            inFlight += p.inFlight;
            staked += p.stake;
            unstaking += p.unstaking;
        }
        assertEq(inFlight, market.totalEscrow(), "in-flight sum");
        assertEq(staked, market.totalStaked(), "stake sum");
        assertEq(unstaking, market.totalUnstaking(), "unstaking sum");
    }

    /// @notice (d) A purchase's served count never exceeds its calls.
    function invariant_ServedWithinCalls() public view {
        for (uint256 i; i < handler.purchaseCount(); ++i) {
            IMarketplace.Purchase memory pu = market.getPurchase(handler.purchases(i));
            assertLe(pu.served, pu.calls, "served within calls");
        }
    }

    /// @notice One review per purchase, ids dense from 1.
    function invariant_OneReviewPerPurchase() public view {
        for (uint256 i; i < handler.reviewCount(); ++i) {
            ReviewId id = handler.reviews(i);
            assertEq(ReviewId.unwrap(id), i + 1, "dense ids");
            PurchaseId p = board.getReview(id).purchaseId;
            assertEq(ReviewId.unwrap(board.reviewOfPurchase(p)), ReviewId.unwrap(id), "review of purchase");
        }
    }

    /// @dev Every handler action can do real work with bounded inputs (a run's random sequence only
    ///      samples them): one deterministic pass through all of them, then every invariant.
    function test_HandlerReachesEveryFlow() public {
        handler.claim(0, 3);
        handler.claim(1, 5);
        handler.review(0, 1);
        handler.challenge(0);
        handler.resolve(0, false);
        handler.review(1, 2);
        handler.challenge(1);
        handler.resolve(1, true);
        handler.purchase(4, 0, 2, 1 days);
        handler.review(2, 5);
        handler.finalize(2);
        handler.withdrawFees(0, 3 days);
        handler.withdrawProtocolFees();
        handler.refund(2);
        handler.addStake(0, 4, 100e18);
        handler.updateServiceFee(0, 2e18);
        handler.requestUnstake(0, 1000e18);
        handler.completeUnstake(0);
        handler.requestSlash(1, 100e18, 2, 10e18);
        handler.executeSlash(0);
        handler.requestSlash(1, 100e18, 2, 10e18);
        handler.vetoOrCancelSlash(1);
        handler.requestSlash(1, 100e18, 2, 10e18);
        handler.warp(3 days);
        handler.vetoOrCancelSlash(2);
        handler.setInFlightMultiple(10_000);
        string[22] memory actions = [
            "registerProvider",
            "addStake",
            "requestUnstake",
            "completeUnstake",
            "registerService",
            "updateServiceFee",
            "purchase",
            "claim",
            "refund",
            "withdrawFees",
            "withdrawProtocolFees",
            "review",
            "challenge",
            "resolveStands",
            "resolveStruck",
            "finalize",
            "requestSlash",
            "executeSlash",
            "veto",
            "cancel",
            "setInFlightMultiple",
            "warp"
        ];
        for (uint256 i; i < actions.length; ++i) {
            assertGt(handler.calls(bytes32(bytes(actions[i]))), 0, actions[i]);
        }
        invariant_MarketplaceBalanceIsItsLiabilities();
        invariant_BoardBalanceIsTotalHeld();
        invariant_SupplyConserved();
        invariant_InFlightWithinCap();
        invariant_EscrowIsUnservedCalls();
        invariant_ServedWithinCalls();
        invariant_OneReviewPerPurchase();
    }
}
