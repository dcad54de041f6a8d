// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAllocationManager} from "../../../src/interfaces/IAllocationManager.sol";
import {IPausable} from "../../../src/interfaces/IPausable.sol";
import {IStrategy} from "../../../src/interfaces/IStrategy.sol";
import {OperatorSet} from "../../../src/types/OperatorSet.sol";
import {AllocationManagerTestBase} from "./AllocationManagerTestBase.sol";

contract AllocationManager_modifyAllocations is AllocationManagerTestBase {
    OperatorSet internal set1;

    function setUp() public override {
        super.setUp();
        set1 = _createSet(1);
        _register(operator, 1);
    }

    function test_Increase_EncumbersNowAndTakesEffectAfterDelay() public {
        uint32 effectBlock = uint32(block.number) + ALLOCATION_DELAY;
        vm.expectEmit(address(am));
        emit IAllocationManager.AllocationUpdated(operator, set1, s1, 0.4e18, effectBlock);
        _modify(operator, set1, s1, 0.4e18);

        assertEq(am.getEncumberedMagnitude(operator, s1), 0.4e18);
        assertEq(am.getAllocatableMagnitude(operator, s1), 0.6e18);
        IAllocationManager.Allocation memory a = am.getAllocation(operator, set1, s1);
        assertEq(a.currentMagnitude, 0);
        assertEq(a.pendingDiff, 0.4e18);
        assertEq(a.effectBlock, effectBlock);
        assertEq(_stake(operator, set1, s1), 0);
        assertEq(rewards.checkpoints(operator, s1), 2); // registration + modification

        vm.roll(effectBlock - 1);
        assertEq(_current(operator, set1, s1), 0);
        vm.roll(effectBlock);
        a = am.getAllocation(operator, set1, s1);
        assertEq(a.currentMagnitude, 0.4e18);
        assertEq(a.pendingDiff, 0);
        assertEq(_stake(operator, set1, s1), 40e18);
    }

    function test_Increase_ImmediateWithZeroDelay() public {
        vm.prank(owner);
        am.setAllocationDelay(0);
        _modify(operator, set1, s1, 0.4e18);
        assertEq(_current(operator, set1, s1), 0.4e18);
    }

    function test_Decrease_StaysSlashableAndEncumberedUntilDelay() public {
        _allocateNow(operator, set1, s1, 0.6e18);
        uint32 effectBlock = uint32(block.number) + DEALLOCATION_DELAY;
        _modify(operator, set1, s1, 0.2e18);

        IAllocationManager.Allocation memory a = am.getAllocation(operator, set1, s1);
        assertEq(a.currentMagnitude, 0.6e18);
        assertEq(a.pendingDiff, -0.4e18);
        assertEq(am.getEncumberedMagnitude(operator, s1), 0.6e18);
        assertEq(_stake(operator, set1, s1), 60e18);

        // slashable during the delay at the old magnitude
        vm.roll(effectBlock - 1);
        _slash(operator, 1, s1, 0.5e18);
        a = am.getAllocation(operator, set1, s1);
        assertEq(a.currentMagnitude, 0.3e18);
        assertEq(a.pendingDiff, -0.2e18); // the decrease shrank proportionally

        vm.roll(effectBlock);
        assertEq(_current(operator, set1, s1), 0.1e18);
        assertEq(am.getEncumberedMagnitude(operator, s1), 0.1e18);
        assertEq(am.getAllocatableMagnitude(operator, s1), 0.7e18 - 0.1e18);
    }

    function test_Decrease_ImmediateWhenNotSlashable() public {
        _allocateNow(operator, set1, s1, 0.6e18);
        _deregister(operator, 1);
        vm.roll(block.number + DEALLOCATION_DELAY);
        _modify(operator, set1, s1, 0);
        assertEq(_current(operator, set1, s1), 0);
        assertEq(am.getEncumberedMagnitude(operator, s1), 0);
    }

    function test_Decrease_DelayedWhileDeregisteredButSlashable() public {
        _allocateNow(operator, set1, s1, 0.6e18);
        _deregister(operator, 1);
        _modify(operator, set1, s1, 0);
        assertEq(am.getAllocation(operator, set1, s1).pendingDiff, -0.6e18);
    }

    function test_AppliesDuePendingChangeFirst() public {
        _modify(operator, set1, s1, 0.4e18);
        vm.roll(block.number + ALLOCATION_DELAY);
        _modify(operator, set1, s1, 0.5e18);
        IAllocationManager.Allocation memory a = am.getAllocation(operator, set1, s1);
        assertEq(a.currentMagnitude, 0.4e18);
        assertEq(a.pendingDiff, 0.1e18);
    }

    function test_IncreaseUsesMagnitudeFreedByDueDecreases() public {
        OperatorSet memory set2 = _createSet(2);
        _register(operator, 2);
        _allocateNow(operator, set1, s1, WAD);
        _modify(operator, set1, s1, 0);
        vm.roll(block.number + DEALLOCATION_DELAY);
        // the queue is cleared on the way in
        _modify(operator, set2, s1, WAD);
        assertEq(am.getEncumberedMagnitude(operator, s1), WAD);
        assertEq(am.getAllocation(operator, set2, s1).pendingDiff, int128(uint128(WAD)));
    }

    function test_Revert_WhenCallerIsNotOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IAllocationManager.Unauthorized.selector, stranger));
        vm.prank(stranger);
        am.modifyAllocations(operator, _allocateParams(set1, s1, 1));
    }

    function test_Revert_WhenModificationPending() public {
        _modify(operator, set1, s1, 0.4e18);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAllocationManager.ModificationAlreadyPending.selector,
                uint32(block.number) + ALLOCATION_DELAY
            )
        );
        _modify(operator, set1, s1, 0.5e18);
    }

    function test_Revert_WhenSameMagnitude() public {
        vm.expectRevert(abi.encodeWithSelector(IAllocationManager.SameMagnitude.selector, 0));
        _modify(operator, set1, s1, 0);
    }

    function test_Revert_WhenInsufficientMagnitude() public {
        OperatorSet memory set2 = _createSet(2);
        _register(operator, 2);
        _modify(operator, set1, s1, 0.7e18);
        vm.expectRevert(
            abi.encodeWithSelector(IAllocationManager.InsufficientMagnitude.selector, 0.3e18, 0.4e18)
        );
        _modify(operator, set2, s1, 0.4e18);
    }

    function test_Revert_WhenIncreasingWhileNotMember() public {
        _createSet(2);
        vm.expectRevert(abi.encodeWithSelector(IAllocationManager.NotMemberOfSet.selector, operator, avs, 2));
        _modify(operator, _set(2), s1, 1);
    }

    function test_Revert_WhenStrategyNotInSet() public {
        vm.expectRevert(abi.encodeWithSelector(IAllocationManager.StrategyNotInOperatorSet.selector, s3));
        _modify(operator, set1, s3, 1);
    }

    function test_Revert_WhenSetDoesNotExist() public {
        vm.expectRevert(abi.encodeWithSelector(IAllocationManager.OperatorSetDoesNotExist.selector, avs, 9));
        _modify(operator, _set(9), s1, 1);
    }

    function test_Revert_WhenLengthMismatch() public {
        IAllocationManager.AllocateParams[] memory params = _allocateParams(set1, s1, 1);
        params[0].newMagnitudes = new uint64[](2);
        vm.expectRevert(IAllocationManager.InputLengthMismatch.selector);
        vm.prank(operator);
        am.modifyAllocations(operator, params);
    }

    function test_Revert_WhenPaused() public {
        vm.prank(pauser);
        am.setPaused(1 << 1);
        vm.expectRevert(abi.encodeWithSelector(IPausable.Paused.selector, 1));
        _modify(operator, set1, s1, 1);
    }

    /// @dev Random sequences of modifications and slashes across two sets keep encumbered ≤ max.
    function testFuzz_EncumberedNeverExceedsMax(uint256 seed) public {
        OperatorSet memory set2 = _createSet(2);
        _register(operator, 2);
        OperatorSet[2] memory sets = [set1, set2];
        for (uint256 step; step < 12; ++step) {
            uint256 r = uint256(keccak256(abi.encode(seed, step)));
            OperatorSet memory set = sets[r % 2];
            vm.roll(block.number + (r >> 8) % 40);
            if ((r >> 16) % 3 == 0) {
                uint256 wad = bound(r >> 32, 1, WAD);
                if (_current(operator, set, s1) > 0) _slash(operator, set.id, s1, wad);
            } else {
                uint64 available = am.getAllocatableMagnitude(operator, s1);
                IAllocationManager.Allocation memory a = am.getAllocation(operator, set, s1);
                if (a.pendingDiff != 0) continue;
                uint64 target = uint64(bound(r >> 64, 0, a.currentMagnitude + available));
                if (target == a.currentMagnitude) continue;
                _modify(operator, set, s1, target);
            }
            uint64 max = am.getMaxMagnitude(operator, s1);
            uint64 encumbered = am.getEncumberedMagnitude(operator, s1);
            assertLe(encumbered, max, "encumbered > max");
            uint256 allocated;
            for (uint256 i; i < 2; ++i) {
                IAllocationManager.Allocation memory a = am.getAllocation(operator, sets[i], s1);
                allocated += a.currentMagnitude + (a.pendingDiff > 0 ? uint64(uint128(a.pendingDiff)) : 0);
            }
            assertEq(allocated, encumbered, "encumbered != current + pending increases");
        }
    }
}

contract AllocationManager_clearDeallocationQueue is AllocationManagerTestBase {
    OperatorSet internal set1;
    OperatorSet internal set2;

    function setUp() public override {
        super.setUp();
        set1 = _createSet(1);
        set2 = _createSet(2);
        _register(operator, 1);
        _register(operator, 2);
        _allocateNow(operator, set1, s1, 0.5e18);
        _allocateNow(operator, set2, s1, 0.5e18);
    }

    function _clear(uint16 n) internal {
        uint16[] memory nums = new uint16[](1);
        nums[0] = n;
        vm.prank(stranger);
        am.clearDeallocationQueue(operator, _strategies(s1), nums);
    }

    function _storedEncumbered() internal view returns (uint64) {
        // the view counts due decreases as freed; a stranger's clear makes storage agree
        return am.getEncumberedMagnitude(operator, s1);
    }

    function test_FreesDueDecreasesInOrder() public {
        _modify(operator, set1, s1, 0);
        vm.roll(block.number + 5);
        _modify(operator, set2, s1, 0);
        vm.roll(block.number + DEALLOCATION_DELAY - 5);
        // first is due, second is not
        assertEq(am.getEncumberedMagnitude(operator, s1), 0.5e18);
        uint256 before = rewards.checkpoints(operator, s1);
        vm.expectEmit(address(am));
        emit IAllocationManager.EncumberedMagnitudeUpdated(operator, s1, 0.5e18);
        _clear(10);
        assertEq(rewards.checkpoints(operator, s1), before + 1);
        assertEq(_storedEncumbered(), 0.5e18);
        vm.roll(block.number + 5);
        _clear(10);
        assertEq(_storedEncumbered(), 0);
        assertEq(am.getAllocatableMagnitude(operator, s1), WAD);
    }

    function test_StopsAtNumToClear() public {
        _modify(operator, set1, s1, 0);
        _modify(operator, set2, s1, 0);
        vm.roll(block.number + DEALLOCATION_DELAY);
        _clear(1);
        IAllocationManager.Allocation memory a = am.getAllocation(operator, set2, s1);
        assertEq(a.currentMagnitude, 0); // reads as applied even before it is cleared
        _clear(1);
        assertEq(am.getEncumberedMagnitude(operator, s1), 0);
    }

    function test_NothingDue_NoCheckpoint() public {
        _modify(operator, set1, s1, 0);
        uint256 before = rewards.total();
        _clear(10);
        assertEq(rewards.total(), before);
        assertEq(am.getAllocation(operator, set1, s1).pendingDiff, -0.5e18);
    }

    function test_SkipsEntriesAppliedElsewhere() public {
        _modify(operator, set1, s1, 0.2e18);
        vm.roll(block.number + DEALLOCATION_DELAY);
        // a slash applies the due decrease on its own, leaving a stale queue entry
        _slash(operator, 1, s1, 0.5e18);
        assertEq(_current(operator, set1, s1), 0.1e18);
        _modify(operator, set1, s1, 0);
        // the stale entry and the new one: the freed magnitude is counted once
        vm.roll(block.number + DEALLOCATION_DELAY);
        assertEq(am.getEncumberedMagnitude(operator, s1), 0.5e18);
        _clear(10);
        assertEq(am.getEncumberedMagnitude(operator, s1), 0.5e18);
        assertEq(am.getMaxMagnitude(operator, s1), 0.9e18);
    }

    function test_Revert_WhenLengthMismatch() public {
        vm.expectRevert(IAllocationManager.InputLengthMismatch.selector);
        am.clearDeallocationQueue(operator, _strategies(s1), new uint16[](2));
    }

    function test_Revert_WhenPaused() public {
        vm.prank(pauser);
        am.setPaused(1 << 1);
        vm.expectRevert(abi.encodeWithSelector(IPausable.Paused.selector, 1));
        _clear(1);
    }
}
