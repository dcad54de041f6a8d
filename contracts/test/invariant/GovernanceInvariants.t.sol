// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IGovernanceToken} from "../../src/interfaces/IGovernanceToken.sol";
import {GovernanceToken} from "../../src/token/GovernanceToken.sol";
import {CoreFixture} from "../utils/CoreFixture.sol";
import {LotsReference} from "../utils/LotsReference.sol";
import {GovernanceHandler} from "./GovernanceHandler.sol";

/// @notice Accounting and vote invariants of the GovernanceToken under random restaking, syncs,
///         trades, gated withdrawals, slashes and grants (see GovernanceHandler).
contract GovernanceInvariantsTest is CoreFixture {
    uint256 internal constant RAMP = 365 days;

    GovernanceHandler internal handler;
    GovernanceToken internal token;
    LotsReference internal ref;
    address internal governance = makeAddr("governance");

    function setUp() public override {
        super.setUp();
        vm.warp(1_750_000_000);
        token = new GovernanceToken(
            delegation,
            allocationManager,
            setA,
            governance,
            IGovernanceToken.GrantCaps({periodCapBps: 100, totalCapBps: 1000})
        );
        vm.prank(owner);
        delegation.setWithdrawalGate(token);
        handler = new GovernanceHandler(
            strategyManager,
            delegation,
            allocationManager,
            token,
            stethStrategy,
            steth,
            setA,
            slasher,
            governance
        );
        ref = handler.ref();
        steth.transferOwnership(address(handler));
        targetContract(address(handler));
    }

    /// @notice The token's supply is exactly what it recognised as backed, plus debt, plus grants.
    function invariant_SupplyIsBackingPlusDebtPlusGrants() public view {
        assertEq(token.totalSupply(), token.totalBacking() + token.totalDebt() + token.totalGranted());
        uint256 backing;
        uint256 debt;
        uint256 balances;
        for (uint256 i; i < handler.actorCount(); ++i) {
            address a = handler.actors(i);
            backing += token.stakerRecord(a).backing;
            debt += token.stakerRecord(a).debt;
            balances += token.balanceOf(a);
        }
        assertEq(backing, token.totalBacking(), "sum of backings");
        assertEq(debt, token.totalDebt(), "sum of debts");
        assertEq(balances, token.totalSupply(), "every token is an actor's");
    }

    /// @notice A sync always lands on the core's backed stake (restaked − slashed − withdrawn), and a
    ///         withdrawal the gate let through left no debt and no unreturned backing.
    function invariant_SyncAndGateMatchTheCore() public view {
        assertEq(handler.syncsThatMissedTheBackedStake(), 0, "sync");
        assertEq(handler.gatePassesWithoutReturn(), 0, "gate");
    }

    /// @notice After syncing every staker, the supply net of grants and debt is exactly the stake the
    ///         core says is restaked into the set (deposits − slashes − withdrawals, at allocation).
    function invariant_SyncedSupplyEqualsRestakedMinusSlashed() public {
        for (uint256 i; i + 1 < handler.actorCount(); ++i) {
            handler.sync(i);
        }
        uint256 backed;
        for (uint256 i; i + 1 < handler.actorCount(); ++i) {
            backed += token.backedStake(handler.actors(i));
        }
        assertEq(token.totalSupply() - token.totalGranted() - token.totalDebt(), backed);
    }

    /// @notice Every account's lots add up to its balance, in at most eight lots.
    function invariant_LotsSumToBalances() public view {
        for (uint256 i; i < handler.actorCount(); ++i) {
            address a = handler.actors(i);
            uint256 sum;
            uint256 n = token.lotsOf(a).length;
            assertLe(n, 8, "at most eight lots");
            for (uint256 j; j < n; ++j) {
                sum += token.lotsOf(a)[j].amount;
            }
            assertEq(sum, token.balanceOf(a), "lots = balance");
        }
    }

    /// @notice Sybil safety under everything the handler did: every account's votes at past
    ///         snapshots are at most the unbounded-lots model's, and their sum at most the no-transfer
    ///         world's and 2× the supply then.
    function invariant_VotesNeverBeatTheReferenceModels() public view {
        // forge-lint: disable-next-line(block-timestamp) a test guard on the fuzzed clock
        if (block.timestamp <= 1_750_000_000) return;
        uint256[3] memory snapshots =
            [block.timestamp - 1, block.timestamp - 1 - (block.timestamp - 1_750_000_000) / 2, 1_750_000_000];
        for (uint256 k; k < snapshots.length; ++k) {
            uint256 s = snapshots[k];
            uint256 sum;
            for (uint256 i; i < handler.actorCount(); ++i) {
                address a = handler.actors(i);
                uint256 votes = token.getVotes(a, s);
                assertLe(votes, ref.weightAt(a, s) / RAMP, "unbounded-lots model");
                sum += votes;
            }
            assertLe(sum, ref.noTransferWeightAt(s) / RAMP, "no-transfer world");
            assertLe(sum, token.maxTotalWeightAt(s), "2x the supply at the snapshot");
        }
    }
}
