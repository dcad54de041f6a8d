// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AllocationManager} from "../../src/core/AllocationManager.sol";
import {DelegationManager} from "../../src/core/DelegationManager.sol";
import {StrategyManager} from "../../src/core/StrategyManager.sol";
import {MockLST} from "../../src/devnet/MockLST.sol";
import {IAllocationManager} from "../../src/interfaces/IAllocationManager.sol";
import {IDelegationManager} from "../../src/interfaces/IDelegationManager.sol";
import {IStrategy} from "../../src/interfaces/IStrategy.sol";
import {GovernanceToken} from "../../src/token/GovernanceToken.sol";
import {OperatorSet} from "../../src/types/OperatorSet.sol";
import {LotsReference} from "../utils/LotsReference.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Drives the GovernanceToken on the real core: stakers restake with two operators of the
///         token's set, sync, trade their tokens, queue withdrawals through the gate, get slashed, and
///         governance grants; time and blocks pass. Every token movement is mirrored in LotsReference,
///         and each sync checks that the staker's backing equals its backed stake afterwards.
contract GovernanceHandler is CommonBase, StdCheats, StdUtils {
    StrategyManager internal immutable strategyManager;
    DelegationManager internal immutable delegation;
    AllocationManager internal immutable allocationManager;
    GovernanceToken public immutable token;
    LotsReference public immutable ref;
    IStrategy internal immutable strategy;
    MockLST internal immutable lst;
    address internal immutable slasher;
    address internal immutable governance;

    address[] public actors;
    address[] public operators;

    // ghost state read by the invariants
    uint256 public syncsThatMissedTheBackedStake;
    uint256 public gatePassesWithoutReturn;
    uint256 public slashCount;
    uint256 public withdrawalsRefused;

    constructor(
        StrategyManager strategyManager_,
        DelegationManager delegation_,
        AllocationManager allocationManager_,
        GovernanceToken token_,
        IStrategy strategy_,
        MockLST lst_,
        OperatorSet memory set,
        address slasher_,
        address governance_
    ) {
        strategyManager = strategyManager_;
        delegation = delegation_;
        allocationManager = allocationManager_;
        token = token_;
        ref = new LotsReference();
        strategy = strategy_;
        lst = lst_;
        slasher = slasher_;
        governance = governance_;
        for (uint256 i; i < 2; ++i) {
            address operator = makeAddr(string.concat("govOperator", vm.toString(i)));
            operators.push(operator);
            vm.prank(operator);
            delegation.registerAsOperator(address(0), "");
            uint32[] memory ids = new uint32[](1);
            ids[0] = set.id;
            vm.prank(operator);
            allocationManager.registerForOperatorSets(
                operator, IAllocationManager.RegisterParams({avs: set.avs, operatorSetIds: ids, data: ""})
            );
            IStrategy[] memory strategies = new IStrategy[](1);
            strategies[0] = strategy_;
            uint64[] memory magnitudes = new uint64[](1);
            magnitudes[0] = i == 0 ? 1e18 : 0.5e18;
            IAllocationManager.AllocateParams[] memory params = new IAllocationManager.AllocateParams[](1);
            params[0] = IAllocationManager.AllocateParams({
                operatorSet: set, strategies: strategies, newMagnitudes: magnitudes
            });
            vm.prank(operator);
            allocationManager.modifyAllocations(operator, params);
        }
        for (uint256 i; i < 4; ++i) {
            actors.push(makeAddr(string.concat("govStaker", vm.toString(i))));
        }
        actors.push(governance_);
        vm.roll(block.number + 10);
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function _staker(uint256 seed) internal view returns (address) {
        // the last actor is governance's grant recipient, never a staker
        return actors[seed % (actors.length - 1)];
    }

    // ───────────── actions ─────────────

    function restake(uint256 stakerSeed, uint256 amount, uint256 operatorSeed) external {
        address staker = _staker(stakerSeed);
        amount = bound(amount, 1e6, 1_000_000e18);
        lst.mint(staker, amount);
        vm.startPrank(staker);
        lst.approve(address(strategyManager), amount);
        strategyManager.depositIntoStrategy(strategy, amount);
        if (delegation.delegatedTo(staker) == address(0)) {
            IDelegationManager.SignatureWithExpiry memory none;
            delegation.delegateTo(operators[operatorSeed % operators.length], none, bytes32(0));
        }
        vm.stopPrank();
    }

    function sync(uint256 stakerSeed) public {
        address staker = _staker(stakerSeed);
        (uint256 minted, uint256 burned) = token.sync(staker);
        if (minted != 0) ref.onMint(staker, minted, block.timestamp);
        if (burned != 0) ref.onBurn(staker, burned);
        if (token.stakerRecord(staker).backing != token.backedStake(staker)) ++syncsThatMissedTheBackedStake;
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = actors[fromSeed % actors.length];
        address to = actors[toSeed % actors.length];
        amount = bound(amount, 0, token.balanceOf(from));
        vm.prank(from);
        require(token.transfer(to, amount), "transfer failed");
        ref.onTransfer(from, to, amount, block.timestamp);
    }

    /// @dev Queues a withdrawal of a fraction of the staker's stake; the gate either burns what the
    ///      leaving stake backed plus the debt, or refuses.
    function withdraw(uint256 stakerSeed, uint256 fraction) external {
        address staker = _staker(stakerSeed);
        uint256 shares = delegation.withdrawableShares(staker, strategy);
        if (shares == 0) return;
        uint256 amount = bound(fraction, 1, shares);
        uint256 balanceBefore = token.balanceOf(staker);
        IStrategy[] memory strategies = new IStrategy[](1);
        strategies[0] = strategy;
        uint256[] memory amounts = new uint256[](1);
        amounts[0] = amount;
        vm.prank(staker);
        try delegation.queueWithdrawal(strategies, amounts) {
            // the gate's sync may also mint a rise the staker had not synced yet
            uint256 balanceAfter = token.balanceOf(staker);
            if (balanceAfter > balanceBefore) {
                ref.onMint(staker, balanceAfter - balanceBefore, block.timestamp);
            }
            if (balanceBefore > balanceAfter) ref.onBurn(staker, balanceBefore - balanceAfter);
            // a staker the token minted for leaves no debt and a backing that matches its stake
            if (
                token.stakerRecord(staker).debt != 0
                    || token.stakerRecord(staker).backing > token.backedStake(staker)
            ) ++gatePassesWithoutReturn;
        } catch {
            ++withdrawalsRefused;
        }
    }

    function slash(uint256 operatorSeed, uint256 wad) external {
        address operator = operators[operatorSeed % operators.length];
        wad = bound(wad, 1, 0.3e18);
        IStrategy[] memory strategies = new IStrategy[](1);
        strategies[0] = strategy;
        uint256[] memory wads = new uint256[](1);
        wads[0] = wad;
        IAllocationManager.SlashingParams memory params = IAllocationManager.SlashingParams({
            operator: operator,
            operatorSetId: token.operatorSetId(),
            strategies: strategies,
            wadsToSlash: wads,
            description: ""
        });
        address avs = token.avs();
        vm.prank(slasher);
        try allocationManager.slashOperator(avs, params) {
            ++slashCount;
        } catch {}
    }

    function grant(uint256 amount) external {
        uint256 backing = token.totalBacking();
        amount = bound(amount, 0, backing * 50 / 10_000);
        if (amount == 0) return;
        address to = actors[actors.length - 1];
        vm.prank(governance);
        try token.grant(to, amount, "grant") {
            ref.onMint(to, amount, block.timestamp);
        } catch {}
    }

    function wait(uint256 secondsToWait) external {
        vm.warp(block.timestamp + bound(secondsToWait, 0, 90 days));
        vm.roll(block.number + 1);
    }
}
