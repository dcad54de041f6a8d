// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAllocationManager} from "../../../src/interfaces/IAllocationManager.sol";
import {IPausable} from "../../../src/interfaces/IPausable.sol";
import {OperatorSet} from "../../../src/types/OperatorSet.sol";
import {AVSRegistrarDouble} from "../../utils/AVSRegistrarDouble.sol";
import {AllocationManagerTestBase} from "./AllocationManagerTestBase.sol";

contract AllocationManager_registerForOperatorSets is AllocationManagerTestBase {
    function _params(uint32[] memory ids) internal view returns (IAllocationManager.RegisterParams memory) {
        return IAllocationManager.RegisterParams({avs: avs, operatorSetIds: ids, data: hex"beef"});
    }

    function test_RegistersAndCallsRegistrar() public {
        OperatorSet memory set1 = _createSet(1);
        OperatorSet memory set2 = _createSet(2);
        vm.expectEmit(address(am));
        emit IAllocationManager.OperatorAddedToOperatorSet(operator, set1);
        vm.prank(operator);
        am.registerForOperatorSets(operator, _params(_ids(1, 2)));

        assertTrue(am.isMemberOfOperatorSet(operator, set1));
        assertTrue(am.isOperatorSlashable(operator, set2));
        assertEq(am.getMemberCount(set1), 1);
        assertEq(am.getMembers(set2)[0], operator);
        assertEq(am.getRegisteredSets(operator).length, 2);
        assertEq(am.getRegisteredSets(operator)[1].id, 2);
        assertEq(registrar.registerCount(), 1);
        assertEq(registrar.lastIds().length, 2);
        assertEq(registrar.lastData(), hex"beef");
        // one checkpoint per strategy of each set
        assertEq(rewards.checkpoints(operator, s1), 2);
        assertEq(rewards.total(), 4);
    }

    function test_Registers_WithoutRegistrar() public {
        _createSet(1);
        vm.prank(avs);
        am.setAVSRegistrar(AVSRegistrarDouble(address(0)));
        _register(operator, 1);
        assertTrue(am.isMemberOfOperatorSet(operator, _set(1)));
    }

    function test_Revert_WhenRegistrarRefuses() public {
        _createSet(1);
        registrar.setRefuseRegistration(true);
        vm.expectRevert(abi.encodeWithSelector(AVSRegistrarDouble.Refused.selector, operator));
        _register(operator, 1);
        assertFalse(am.isMemberOfOperatorSet(operator, _set(1)));
    }

    function test_Revert_WhenCallerIsNotOperator() public {
        _createSet(1);
        vm.expectRevert(abi.encodeWithSelector(IAllocationManager.Unauthorized.selector, stranger));
        vm.prank(stranger);
        am.registerForOperatorSets(operator, _params(_ids(1)));
    }

    function test_Revert_WhenNotAnOperator() public {
        _createSet(1);
        vm.expectRevert(abi.encodeWithSelector(IAllocationManager.NotOperator.selector, stranger));
        vm.prank(stranger);
        am.registerForOperatorSets(stranger, _params(_ids(1)));
    }

    function test_Revert_WhenSetDoesNotExist() public {
        vm.expectRevert(abi.encodeWithSelector(IAllocationManager.OperatorSetDoesNotExist.selector, avs, 1));
        _register(operator, 1);
    }

    function test_Revert_WhenAlreadyMember() public {
        _createSet(1);
        _register(operator, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IAllocationManager.AlreadyMemberOfSet.selector, operator, avs, 1)
        );
        _register(operator, 1);
    }

    function test_Revert_WhenPaused() public {
        _createSet(1);
        vm.prank(pauser);
        am.setPaused(1 << 0);
        vm.expectRevert(abi.encodeWithSelector(IPausable.Paused.selector, 0));
        _register(operator, 1);
    }
}

contract AllocationManager_deregisterFromOperatorSets is AllocationManagerTestBase {
    function _params(address op) internal view returns (IAllocationManager.DeregisterParams memory) {
        return IAllocationManager.DeregisterParams({operator: op, avs: avs, operatorSetIds: _ids(1)});
    }

    function setUp() public override {
        super.setUp();
        _createSet(1);
        _register(operator, 1);
    }

    function test_DeregistersAndCallsHook() public {
        vm.expectEmit(address(am));
        emit IAllocationManager.OperatorRemovedFromOperatorSet(
            operator, _set(1), uint32(block.number) + DEALLOCATION_DELAY
        );
        _deregister(operator, 1);
        assertFalse(am.isMemberOfOperatorSet(operator, _set(1)));
        assertEq(am.getRegisteredSets(operator).length, 0);
        assertEq(registrar.deregisterCount(), 1);
        assertEq(registrar.lastOperator(), operator);
        assertEq(rewards.checkpoints(operator, s1), 2);
    }

    function test_AVSCanDeregister() public {
        vm.prank(avs);
        am.deregisterFromOperatorSets(_params(operator));
        assertFalse(am.isMemberOfOperatorSet(operator, _set(1)));
    }

    function test_StaysSlashableUntilWindowEnds() public {
        _allocateNow(operator, _set(1), s1, 0.5e18);
        _deregister(operator, 1);
        uint256 end = block.number + DEALLOCATION_DELAY;
        assertTrue(am.isOperatorSlashable(operator, _set(1)));
        assertEq(_stake(operator, _set(1), s1), SHARES / 2);

        vm.roll(end - 1);
        _slash(operator, 1, s1, 0.5e18);
        assertEq(_current(operator, _set(1), s1), 0.25e18);

        vm.roll(end);
        assertFalse(am.isOperatorSlashable(operator, _set(1)));
        assertEq(_stake(operator, _set(1), s1), 0);
        vm.expectRevert(
            abi.encodeWithSelector(IAllocationManager.OperatorNotSlashable.selector, operator, avs, 1)
        );
        vm.prank(slasher);
        am.slashOperator(avs, _slashParams(operator, 1, s1, 0.5e18));
    }

    function test_HookReverting_DoesNotBlockExit() public {
        registrar.setDeregisterMode(AVSRegistrarDouble.DeregisterMode.Revert);
        vm.expectEmit(address(am));
        emit IAllocationManager.DeregistrationHookFailed(operator, avs, _ids(1));
        _deregister(operator, 1);
        assertFalse(am.isMemberOfOperatorSet(operator, _set(1)));
    }

    function test_HookBurningGas_DoesNotBlockExit() public {
        registrar.setDeregisterMode(AVSRegistrarDouble.DeregisterMode.BurnGas);
        vm.expectEmit(address(am));
        emit IAllocationManager.DeregistrationHookFailed(operator, avs, _ids(1));
        vm.prank(operator);
        uint256 before = gasleft();
        am.deregisterFromOperatorSets{gas: 1_000_000}(_params(operator));
        // the hook burns its cap and no more
        assertLt(before - gasleft(), am.DEREGISTRATION_HOOK_GAS() + 150_000);
        assertFalse(am.isMemberOfOperatorSet(operator, _set(1)));
    }

    function test_HookReturnBomb_DoesNotBlockExit() public {
        registrar.setDeregisterMode(AVSRegistrarDouble.DeregisterMode.ReturnBomb);
        vm.expectEmit(address(am));
        emit IAllocationManager.DeregistrationHookFailed(operator, avs, _ids(1));
        vm.prank(operator);
        uint256 before = gasleft();
        am.deregisterFromOperatorSets{gas: 1_000_000}(_params(operator));
        // copying 200 kB of return data would cost the caller ~100k+ gas more than this
        assertLt(before - gasleft(), 300_000);
        assertFalse(am.isMemberOfOperatorSet(operator, _set(1)));
    }

    function test_HookGetsItsFullGasCap() public {
        _deregister(operator, 1);
        assertGt(registrar.gasAtDeregisterEntry(), am.DEREGISTRATION_HOOK_GAS() - 5000);
    }

    /// @dev Whatever gas the caller sends, either the hook runs with (about) its full cap or the
    ///      call reverts with the named error: never a starved hook nor an out-of-gas exit.
    function test_CallerCannotStarveHook() public {
        uint256 cap = am.DEREGISTRATION_HOOK_GAS();
        registrar.setDeregisterMode(AVSRegistrarDouble.DeregisterMode.BurnGas);
        uint256 reverted;
        uint256 succeeded;
        for (uint256 gasLimit = cap; gasLimit < cap + 200_000; gasLimit += 5000) {
            uint256 snapshot = vm.snapshotState();
            vm.prank(operator);
            try am.deregisterFromOperatorSets{gas: gasLimit}(_params(operator)) {
                ++succeeded;
                assertFalse(am.isMemberOfOperatorSet(operator, _set(1)));
            } catch (bytes memory reason) {
                ++reverted;
                // forge-lint: disable-next-line(unsafe-typecast) only the selector is compared
                assertEq(bytes4(reason), IAllocationManager.InsufficientGasForDeregistrationHook.selector);
            }
            vm.revertToState(snapshot);
        }
        assertGt(reverted, 0);
        assertGt(succeeded, 0);

        // with the hook accepting, a success means it received its full cap
        registrar.setDeregisterMode(AVSRegistrarDouble.DeregisterMode.Accept);
        for (uint256 gasLimit = cap; gasLimit < cap + 200_000; gasLimit += 5000) {
            uint256 snapshot = vm.snapshotState();
            vm.prank(operator);
            try am.deregisterFromOperatorSets{gas: gasLimit}(_params(operator)) {
                assertGt(registrar.gasAtDeregisterEntry(), cap - 5000);
            } catch (bytes memory reason) {
                // forge-lint: disable-next-line(unsafe-typecast) only the selector is compared
                assertEq(bytes4(reason), IAllocationManager.InsufficientGasForDeregistrationHook.selector);
            }
            vm.revertToState(snapshot);
        }
    }

    function test_Revert_WhenCallerIsNeitherOperatorNorAVS() public {
        vm.expectRevert(abi.encodeWithSelector(IAllocationManager.Unauthorized.selector, stranger));
        vm.prank(stranger);
        am.deregisterFromOperatorSets(_params(operator));
    }

    function test_Revert_WhenNotMember() public {
        vm.expectRevert(abi.encodeWithSelector(IAllocationManager.NotMemberOfSet.selector, operator2, avs, 1));
        _deregister(operator2, 1);
    }

    function test_Revert_WhenSetDoesNotExist() public {
        vm.expectRevert(abi.encodeWithSelector(IAllocationManager.OperatorSetDoesNotExist.selector, avs, 2));
        _deregister(operator, 2);
    }

    function test_Revert_WhenPaused() public {
        vm.prank(pauser);
        am.setPaused(1 << 0);
        vm.expectRevert(abi.encodeWithSelector(IPausable.Paused.selector, 0));
        _deregister(operator, 1);
    }
}
