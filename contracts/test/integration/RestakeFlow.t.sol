// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IRewardsCoordinator} from "../../src/interfaces/IRewardsCoordinator.sol";
import {IStrategy} from "../../src/interfaces/IStrategy.sol";
import {CoreFixture} from "../utils/CoreFixture.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Flow 1 of DESIGN.md end to end on the real core: deposit → delegate → register →
///         allocate → slash → withdraw, with exact amounts.
contract RestakeFlowTest is CoreFixture {
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal operator = makeAddr("operator");

    function setUp() public override {
        super.setUp();
        _registerOperator(operator);
        _registerForSets(operator, 0);
        _registerForSets(operator, 1);
    }

    function test_DepositDelegateAllocateSlashWithdraw() public {
        assertEq(_deposit(alice, stethStrategy, 100e18), 100e18, "first deposit mints 1:1");
        _delegate(alice, operator);
        assertEq(delegation.operatorShares(operator, stethStrategy), 100e18);

        _allocate(operator, setA, stethStrategy, 0.5e18);
        vm.roll(block.number + ALLOCATION_DELAY);
        uint256[][] memory stake =
            allocationManager.getAllocatedStake(setA, _addr(operator), _one(stethStrategy));
        assertEq(stake[0][0], 50e18, "half the stake is slashable in set A");

        // 50 % of a 0.5 allocation = 0.25 of the max magnitude = 25 % of the operator's stake.
        uint256 slashed = _slash(operator, 0, stethStrategy, 0.5e18);
        assertEq(slashed, 25e18, "shares slashed");
        assertEq(steth.balanceOf(BURN_ADDRESS), 25e18, "set A burns");
        assertEq(allocationManager.getMaxMagnitude(operator, stethStrategy), 0.75e18);
        assertEq(delegation.withdrawableShares(alice, stethStrategy), 75e18);

        bytes32 root = _queue(alice, stethStrategy, 75e18);
        vm.roll(block.number + WITHDRAWAL_DELAY);
        uint256[] memory paid = _complete(alice, root, true);
        assertEq(paid[0], 75e18);
        assertEq(steth.balanceOf(alice), 75e18, "alice gets what was not slashed");
        assertEq(stethStrategy.totalShares(), 0);
    }

    function test_SlashInOneSetLeavesOtherSetsStakeUnchanged() public {
        _deposit(alice, stethStrategy, 100e18);
        _delegate(alice, operator);
        _allocate(operator, setA, stethStrategy, 0.5e18);
        _allocate(operator, setB, stethStrategy, 0.3e18);
        vm.roll(block.number + ALLOCATION_DELAY);

        uint256 beforeB =
            allocationManager.getAllocatedStake(setB, _addr(operator), _one(stethStrategy))[0][0];
        assertEq(beforeB, 30e18);
        _slash(operator, 0, stethStrategy, WAD); // all of set A's allocation
        uint256 afterB = allocationManager.getAllocatedStake(setB, _addr(operator), _one(stethStrategy))[0][0];
        assertEq(afterB, beforeB, "unique stake: set B keeps its 30e18");
        assertEq(delegation.operatorShares(operator, stethStrategy), 50e18);
    }

    function test_QueuedWithdrawalIsSlashedUntilCompleted() public {
        _deposit(alice, stethStrategy, 60e18);
        _deposit(bob, stethStrategy, 40e18);
        _delegate(alice, operator);
        _delegate(bob, operator);
        _allocate(operator, setB, stethStrategy, 1e18);
        vm.roll(block.number + ALLOCATION_DELAY);

        bytes32 root = _queue(alice, stethStrategy, 60e18);
        vm.roll(block.number + WITHDRAWAL_DELAY); // the delay has passed but alice has not completed
        _slash(operator, 1, stethStrategy, 0.1e18);

        assertEq(steth.balanceOf(redistributionRecipient), 10e18, "set B redistributes 10 % of both pools");
        assertEq(delegation.withdrawableShares(bob, stethStrategy), 36e18, "bob loses 10 %");
        uint256[] memory paid = _complete(alice, root, true);
        assertEq(paid[0], 54e18, "alice's queued withdrawal loses 10 % too");
        assertEq(steth.balanceOf(alice), 54e18);
    }

    function test_RedelegateThroughWithdrawalAsShares() public {
        address other = makeAddr("otherOperator");
        _registerOperator(other);
        _deposit(alice, stethStrategy, 10e18);
        _delegate(alice, operator);

        vm.prank(alice);
        bytes32 root = delegation.undelegate();
        assertEq(delegation.delegatedTo(alice), address(0));
        _delegate(alice, other);
        vm.roll(block.number + WITHDRAWAL_DELAY);
        _complete(alice, root, false);
        assertEq(
            delegation.operatorShares(other, stethStrategy), 10e18, "stake follows alice to the new operator"
        );
        assertEq(delegation.operatorShares(operator, stethStrategy), 0);
    }

    function test_RewardsFlowToStakersAfterCommission() public {
        _deposit(alice, stethStrategy, 30e18);
        _deposit(bob, stethStrategy, 10e18);
        _delegate(alice, operator);
        _delegate(bob, operator);
        _allocate(operator, setA, stethStrategy, 1e18);
        vm.roll(block.number + ALLOCATION_DELAY);
        _fundStream(setA, stethStrategy, 1000e18, 1000);
        vm.warp(block.timestamp + 1000);

        IStrategy[] memory list = _one(stethStrategy);
        vm.prank(alice);
        uint256 aliceGot = rewards.claim(IERC20(address(reth)), list, alice);
        vm.prank(bob);
        uint256 bobGot = rewards.claim(IERC20(address(reth)), list, bob);
        vm.prank(operator);
        uint256 operatorGot = rewards.claim(IERC20(address(reth)), list, operator);

        // default commission 10 %: operator 100, stakers 900 split 3:1
        assertApproxEqAbs(operatorGot, 100e18, 1e6);
        assertApproxEqAbs(aliceGot, 675e18, 1e6);
        assertApproxEqAbs(bobGot, 225e18, 1e6);
        assertLe(aliceGot + bobGot + operatorGot, 1000e18, "never pays more than funded");
    }

    function test_RemovingAStrategyFromTheSetStopsItsRewards() public {
        _deposit(alice, stethStrategy, 10e18);
        _delegate(alice, operator);
        _allocate(operator, setA, stethStrategy, 1e18);
        vm.roll(block.number + ALLOCATION_DELAY);
        _fundStream(setA, stethStrategy, 1000e18, 1000);
        vm.warp(block.timestamp + 100);

        vm.prank(avs);
        allocationManager.removeStrategiesFromOperatorSet(0, _one(stethStrategy));
        IStrategy[] memory list = _one(stethStrategy);
        uint256 atRemoval = rewards.claimable(alice, IERC20(address(reth)), list);
        assertApproxEqAbs(atRemoval, 90e18, 1e6, "100 s of 1 token/s, minus 10 % commission");
        vm.warp(block.timestamp + 500);
        assertEq(
            rewards.claimable(alice, IERC20(address(reth)), list), atRemoval, "nothing accrues after removal"
        );
    }

    function test_CheckpointsEmitTheCachedWeightAndUnits() public {
        _deposit(alice, stethStrategy, 10e18);
        _allocate(operator, setA, stethStrategy, 1e18);
        vm.roll(block.number + ALLOCATION_DELAY);
        _fundStream(setA, stethStrategy, 100e18, 100); // caches the members' weights: the operator has no stake yet

        vm.expectEmit(address(rewards));
        emit IRewardsCoordinator.OperatorWeightUpdated(operator, setA, stethStrategy, 10e18, 10e18);
        vm.expectEmit(address(rewards));
        emit IRewardsCoordinator.StakerUnitsUpdated(alice, stethStrategy, operator, 10e18);
        _delegate(alice, operator);
    }

    function _addr(address a) internal pure returns (address[] memory list) {
        list = new address[](1);
        list[0] = a;
    }
}
