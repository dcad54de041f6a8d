// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAllocationManager} from "../../../src/interfaces/IAllocationManager.sol";
import {IPausable} from "../../../src/interfaces/IPausable.sol";
import {IStrategy} from "../../../src/interfaces/IStrategy.sol";
import {OperatorSet} from "../../../src/types/OperatorSet.sol";
import {DelegationManagerDouble} from "../../utils/DelegationManagerDouble.sol";
import {AllocationManagerTestBase} from "./AllocationManagerTestBase.sol";

contract AllocationManager_slashOperator is AllocationManagerTestBase {
    OperatorSet internal setA;
    OperatorSet internal setB;

    function setUp() public override {
        super.setUp();
        setA = _createSet(1);
        setB = _createSet(2);
        _register(operator, 1);
        _register(operator, 2);
    }

    function test_SlashesMagnitudeAndShares() public {
        _allocateNow(operator, setA, s1, 0.5e18);
        uint256[] memory wadSlashed = new uint256[](1);
        wadSlashed[0] = 0.1e18; // half of a 0.2 allocation is 10 % of the stake
        uint256[] memory sharesSlashed = new uint256[](1);
        sharesSlashed[0] = 10e18;
        vm.expectEmit(address(am));
        emit IAllocationManager.OperatorSlashed(
            1, operator, setA, _strategies(s1), wadSlashed, sharesSlashed, "test"
        );
        vm.prank(slasher);
        (uint256 slashId, uint256[] memory shares) =
            am.slashOperator(avs, _slashParams(operator, 1, s1, 0.2e18));

        assertEq(slashId, 1);
        assertEq(shares[0], 10e18);
        assertEq(_current(operator, setA, s1), 0.4e18);
        assertEq(am.getMaxMagnitude(operator, s1), 0.9e18);
        assertEq(am.getEncumberedMagnitude(operator, s1), 0.4e18);
        assertEq(dm.operatorShares(operator, s1), 90e18);
        DelegationManagerDouble.SlashCall memory call = dm.slashCall(0);
        assertEq(call.prevMaxMagnitude, WAD);
        assertEq(call.newMaxMagnitude, 0.9e18);
        assertEq(call.destination, recipient);
        assertEq(_stake(operator, setA, s1), 40e18);

        vm.prank(slasher);
        (slashId,) = am.slashOperator(avs, _slashParams(operator, 1, s1, WAD));
        assertEq(slashId, 2);
        assertEq(_current(operator, setA, s1), 0);
    }

    function test_SkipsEmptyAllocation() public {
        uint256 shares = _slash(operator, 1, s1, WAD);
        assertEq(shares, 0);
        assertEq(dm.slashCallCount(), 0);
        assertEq(am.getMaxMagnitude(operator, s1), WAD);
    }

    function test_AppliesDuePendingIncreaseFirst() public {
        _modify(operator, setA, s1, 0.5e18);
        vm.roll(block.number + ALLOCATION_DELAY);
        _slash(operator, 1, s1, 0.5e18);
        assertEq(_current(operator, setA, s1), 0.25e18);
    }

    function test_PendingIncreaseIsNotSlashed() public {
        _allocateNow(operator, setA, s1, 0.2e18);
        _modify(operator, setA, s1, 0.6e18);
        _slash(operator, 1, s1, 0.5e18);
        IAllocationManager.Allocation memory a = am.getAllocation(operator, setA, s1);
        assertEq(a.currentMagnitude, 0.1e18);
        assertEq(a.pendingDiff, 0.4e18);
        assertEq(am.getEncumberedMagnitude(operator, s1), 0.5e18);
        assertEq(am.getMaxMagnitude(operator, s1), 0.9e18);
    }

    /// @dev Unique stake: slashing set A leaves set B's slashable stake unchanged.
    function test_UniqueStake_OtherSetKeepsItsStake() public {
        _allocateNow(operator, setA, s1, 0.3e18);
        _allocateNow(operator, setB, s1, 0.5e18);
        assertEq(_stake(operator, setB, s1), 50e18);
        _slash(operator, 1, s1, WAD);
        assertEq(_stake(operator, setA, s1), 0);
        assertEq(_stake(operator, setB, s1), 50e18);
        assertEq(dm.operatorShares(operator, s1), 70e18);
    }

    function test_Revert_WhenNotSlasher() public {
        vm.expectRevert(abi.encodeWithSelector(IAllocationManager.NotSlasher.selector, stranger, slasher));
        vm.prank(stranger);
        am.slashOperator(avs, _slashParams(operator, 1, s1, 1));
    }

    function test_Revert_WhenNotSlashable() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAllocationManager.OperatorNotSlashable.selector, operator2, avs, 1)
        );
        vm.prank(slasher);
        am.slashOperator(avs, _slashParams(operator2, 1, s1, 1));
    }

    function test_Revert_WhenWadZero() public {
        vm.expectRevert(abi.encodeWithSelector(IAllocationManager.InvalidWadToSlash.selector, 0));
        vm.prank(slasher);
        am.slashOperator(avs, _slashParams(operator, 1, s1, 0));
    }

    function test_Revert_WhenWadAboveOne() public {
        vm.expectRevert(abi.encodeWithSelector(IAllocationManager.InvalidWadToSlash.selector, WAD + 1));
        vm.prank(slasher);
        am.slashOperator(avs, _slashParams(operator, 1, s1, WAD + 1));
    }

    function test_Revert_WhenStrategyNotInSet() public {
        vm.expectRevert(abi.encodeWithSelector(IAllocationManager.StrategyNotInOperatorSet.selector, s3));
        vm.prank(slasher);
        am.slashOperator(avs, _slashParams(operator, 1, s3, 1));
    }

    function test_Revert_WhenDuplicateStrategy() public {
        IAllocationManager.SlashingParams memory params = _slashParams(operator, 1, s1, 1);
        params.strategies = _strategies(s1, s1);
        params.wadsToSlash = new uint256[](2);
        params.wadsToSlash[0] = 1;
        params.wadsToSlash[1] = 1;
        vm.expectRevert(IAllocationManager.DuplicateEntry.selector);
        vm.prank(slasher);
        am.slashOperator(avs, params);
    }

    function test_Revert_WhenLengthMismatch() public {
        IAllocationManager.SlashingParams memory params = _slashParams(operator, 1, s1, 1);
        params.wadsToSlash = new uint256[](2);
        vm.expectRevert(IAllocationManager.InputLengthMismatch.selector);
        vm.prank(slasher);
        am.slashOperator(avs, params);
    }

    function test_Revert_WhenSetDoesNotExist() public {
        vm.expectRevert(abi.encodeWithSelector(IAllocationManager.OperatorSetDoesNotExist.selector, avs, 9));
        vm.prank(slasher);
        am.slashOperator(avs, _slashParams(operator, 9, s1, 1));
    }

    function test_Revert_WhenPaused() public {
        vm.prank(pauser);
        am.setPaused(1 << 2);
        vm.expectRevert(abi.encodeWithSelector(IPausable.Paused.selector, 2));
        vm.prank(slasher);
        am.slashOperator(avs, _slashParams(operator, 1, s1, 1));
    }

    /// @dev Unique stake under any allocation, share count and slash: set B's slashable stake moves
    ///      by at most one wei; the operator never loses more than set A's slashable stake; no
    ///      magnitude grows.
    function testFuzz_SlashInA_LeavesBUnchanged(
        uint64 magA,
        uint64 magB,
        uint256 shares,
        uint256 wad,
        uint256 wad2
    ) public {
        magA = uint64(bound(magA, 1, WAD));
        magB = uint64(bound(magB, 0, WAD - magA));
        shares = bound(shares, 1, 1e30);
        wad = bound(wad, 1, WAD);
        wad2 = bound(wad2, 1, WAD);
        dm.setOperatorShares(operator, s1, shares);
        _modify(operator, setA, s1, magA);
        if (magB > 0) _modify(operator, setB, s1, magB);
        vm.roll(block.number + ALLOCATION_DELAY);

        // two successive slashes in A, with a pending decrease of A in between
        for (uint256 round; round < 2; ++round) {
            uint256 stakeA = _stake(operator, setA, s1);
            uint256 stakeB = _stake(operator, setB, s1);
            uint64 maxBefore = am.getMaxMagnitude(operator, s1);
            uint64 encumberedBefore = am.getEncumberedMagnitude(operator, s1);
            IAllocationManager.Allocation memory aBefore = am.getAllocation(operator, setA, s1);
            uint256 sharesBefore = dm.operatorShares(operator, s1);
            if (aBefore.currentMagnitude == 0) break;

            uint256 slashed = _slash(operator, 1, s1, round == 0 ? wad : wad2);

            assertLe(slashed, stakeA + 1, "lost more than allocated");
            assertEq(dm.operatorShares(operator, s1), sharesBefore - slashed);
            assertApproxEqAbs(_stake(operator, setB, s1), stakeB, 1, "set B stake moved");
            assertLe(am.getMaxMagnitude(operator, s1), maxBefore);
            assertLe(am.getEncumberedMagnitude(operator, s1), encumberedBefore);
            assertLe(am.getEncumberedMagnitude(operator, s1), am.getMaxMagnitude(operator, s1));
            IAllocationManager.Allocation memory aAfter = am.getAllocation(operator, setA, s1);
            assertLe(aAfter.currentMagnitude, aBefore.currentMagnitude);
            assertGe(aAfter.pendingDiff, aBefore.pendingDiff < 0 ? aBefore.pendingDiff : int128(0));
            assertEq(_current(operator, setB, s1), magB);
            // the pending decrease never frees more than the allocation holds
            assertLe(
                uint256(uint128(-(aAfter.pendingDiff < 0 ? aAfter.pendingDiff : int128(0)))),
                aAfter.currentMagnitude
            );

            if (round == 0 && aAfter.currentMagnitude > 1) {
                _modify(operator, setA, s1, aAfter.currentMagnitude / 2);
            }
        }
    }
}
