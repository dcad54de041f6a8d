// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AllocationManager} from "../../../src/core/AllocationManager.sol";
import {IAllocationManager} from "../../../src/interfaces/IAllocationManager.sol";
import {IDelegationManager} from "../../../src/interfaces/IDelegationManager.sol";
import {IRewardsCoordinator} from "../../../src/interfaces/IRewardsCoordinator.sol";
import {OperatorSet} from "../../../src/types/OperatorSet.sol";
import {AllocationManagerTestBase} from "./AllocationManagerTestBase.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

contract AllocationManager_constructor is AllocationManagerTestBase {
    function test_SetsDependenciesAndDelays() public view {
        assertEq(address(am.delegation()), address(dm));
        assertEq(address(am.rewardsCoordinator()), address(rewards));
        assertEq(am.allocationDelay(), ALLOCATION_DELAY);
        assertEq(am.deallocationDelay(), DEALLOCATION_DELAY);
        assertEq(am.owner(), owner);
        assertEq(am.pauser(), pauser);
    }

    function test_Revert_WhenDelayTooLong() public {
        vm.expectRevert(abi.encodeWithSelector(IAllocationManager.DelayTooLong.selector, 216_001, 216_000));
        new AllocationManager(
            owner, pauser, IDelegationManager(address(dm)), IRewardsCoordinator(address(0)), 0, 216_001
        );
    }

    /// @dev With no RewardsCoordinator the core still works end to end.
    function test_WorksWithoutRewardsCoordinator() public {
        am = new AllocationManager(
            owner, pauser, IDelegationManager(address(dm)), IRewardsCoordinator(address(0)), 0, 0
        );
        OperatorSet memory set = _createSet(1);
        _register(operator, 1);
        _modify(operator, set, s1, 0.5e18);
        _slash(operator, 1, s1, 0.5e18);
        _deregister(operator, 1);
        _modify(operator, set, s1, 0);
        assertEq(_current(operator, set, s1), 0);
        assertEq(am.getMaxMagnitude(operator, s1), 0.75e18);
        assertEq(rewards.total(), 0);
    }
}

contract AllocationManager_setAllocationDelay is AllocationManagerTestBase {
    function test_SetsDelay() public {
        vm.expectEmit(address(am));
        emit IAllocationManager.AllocationDelaySet(ALLOCATION_DELAY, 216_000);
        vm.prank(owner);
        am.setAllocationDelay(216_000);
        assertEq(am.allocationDelay(), 216_000);
    }

    function test_Revert_WhenTooLong() public {
        vm.expectRevert(abi.encodeWithSelector(IAllocationManager.DelayTooLong.selector, 216_001, 216_000));
        vm.prank(owner);
        am.setAllocationDelay(216_001);
    }

    function test_Revert_WhenNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        am.setAllocationDelay(1);
    }
}

contract AllocationManager_setDeallocationDelay is AllocationManagerTestBase {
    function test_SetsDelay_AppliesToLaterDeregistrations() public {
        OperatorSet memory set = _createSet(1);
        _register(operator, 1);
        vm.expectEmit(address(am));
        emit IAllocationManager.DeallocationDelaySet(DEALLOCATION_DELAY, 0);
        vm.prank(owner);
        am.setDeallocationDelay(0);
        assertEq(am.deallocationDelay(), 0);
        _deregister(operator, 1);
        assertFalse(am.isOperatorSlashable(operator, set));
    }

    function test_Revert_WhenTooLong() public {
        vm.expectRevert(abi.encodeWithSelector(IAllocationManager.DelayTooLong.selector, 216_001, 216_000));
        vm.prank(owner);
        am.setDeallocationDelay(216_001);
    }

    function test_Revert_WhenNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        am.setDeallocationDelay(1);
    }
}
