// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAllocationManager} from "../../src/interfaces/IAllocationManager.sol";
import {IDelegationManager} from "../../src/interfaces/IDelegationManager.sol";
import {IRewardsCoordinator} from "../../src/interfaces/IRewardsCoordinator.sol";
import {IStrategy} from "../../src/interfaces/IStrategy.sol";
import {CoreFixture} from "../utils/CoreFixture.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Gas of each restaking step on the real core, measured call by call with
///         `vm.snapshotGasLastCall` into `snapshots/core.json` (committed; `forge test` rewrites it,
///         `FORGE_SNAPSHOT_CHECK=true forge test --match-path test/gas/*` fails if it moved).
///         Each step is measured in a warm, realistic state: a second staker, the operator already
///         registered to the set, the reward stream already funded.
contract CoreGasTest is CoreFixture {
    string internal constant GROUP = "core";

    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal operator = makeAddr("operator");

    /// forge-config: default.isolate = true
    function test_GasOfEachStep() public {
        _registerOperator(operator);
        _registerForSets(operator, 0);
        _deposit(bob, stethStrategy, 10e18);
        _delegate(bob, operator);

        steth.mint(alice, 100e18);
        vm.prank(alice);
        steth.approve(address(strategyManager), 100e18);
        vm.prank(alice);
        strategyManager.depositIntoStrategy(stethStrategy, 100e18);
        vm.snapshotGasLastCall(GROUP, "depositIntoStrategy (undelegated staker)");

        IDelegationManager.SignatureWithExpiry memory none;
        vm.prank(alice);
        delegation.delegateTo(operator, none, bytes32(0));
        vm.snapshotGasLastCall(GROUP, "delegateTo (one strategy)");

        steth.mint(alice, 1e18);
        vm.prank(alice);
        steth.approve(address(strategyManager), 1e18);
        vm.prank(alice);
        strategyManager.depositIntoStrategy(stethStrategy, 1e18);
        vm.snapshotGasLastCall(GROUP, "depositIntoStrategy (delegated staker)");

        IAllocationManager.AllocateParams[] memory params = new IAllocationManager.AllocateParams[](1);
        uint64[] memory magnitudes = new uint64[](1);
        magnitudes[0] = 0.5e18;
        params[0] = IAllocationManager.AllocateParams({
            operatorSet: setA, strategies: _one(stethStrategy), newMagnitudes: magnitudes
        });
        vm.prank(operator);
        allocationManager.modifyAllocations(operator, params);
        vm.snapshotGasLastCall(GROUP, "modifyAllocations (one strategy)");
        vm.roll(block.number + ALLOCATION_DELAY);

        _fundStream(setA, stethStrategy, 100e18, 1000);
        vm.snapshotGasLastCall(GROUP, "createRewardsSubmission (first stream of the set)");
        vm.warp(block.timestamp + 100);

        uint256[] memory wads = new uint256[](1);
        wads[0] = 0.1e18;
        vm.prank(slasher);
        allocationManager.slashOperator(
            avs,
            IAllocationManager.SlashingParams({
                operator: operator,
                operatorSetId: 0,
                strategies: _one(stethStrategy),
                wadsToSlash: wads,
                description: "gas"
            })
        );
        vm.snapshotGasLastCall(GROUP, "slashOperator (one strategy, burn)");

        uint256[] memory shares = new uint256[](1);
        shares[0] = 10e18;
        vm.prank(alice);
        bytes32 root = delegation.queueWithdrawal(_one(stethStrategy), shares);
        vm.snapshotGasLastCall(GROUP, "queueWithdrawal (one strategy)");

        vm.roll(block.number + WITHDRAWAL_DELAY);
        vm.prank(alice);
        delegation.completeQueuedWithdrawal(root, true);
        vm.snapshotGasLastCall(GROUP, "completeQueuedWithdrawal (as tokens)");

        vm.warp(block.timestamp + 100);
        vm.prank(alice);
        rewards.claim(IERC20(address(reth)), _one(stethStrategy), alice);
        vm.snapshotGasLastCall(GROUP, "claim rewards (one strategy, one token)");
    }
}
