// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAVSRegistrar} from "../../../src/interfaces/IAVSRegistrar.sol";
import {IAllocationManager} from "../../../src/interfaces/IAllocationManager.sol";
import {AVSRegistrarDouble} from "../../utils/AVSRegistrarDouble.sol";
import {AllocationManagerTestBase} from "./AllocationManagerTestBase.sol";

/// @notice The one refusal of an exit the core honours: the AVS's `OperatorFrozen(operator, until)`
///         naming the leaving operator and a time to come (decision 0008). Anything else still lets the
///         operator go.
contract AllocationManager_deregistrationFreeze is AllocationManagerTestBase {
    uint64 internal constant T = 1_750_000_000;

    function setUp() public override {
        super.setUp();
        vm.warp(T);
        _createSet(1);
        _register(operator, 1);
    }

    function _params() internal view returns (IAllocationManager.DeregisterParams memory) {
        return IAllocationManager.DeregisterParams({operator: operator, avs: avs, operatorSetIds: _ids(1)});
    }

    function test_Revert_WhenTheAVSFreezesTheOperator() public {
        registrar.setFreeze(address(0), T + 1);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistrar.OperatorFrozen.selector, operator, T + 1));
        _deregister(operator, 1);
        assertTrue(am.isMemberOfOperatorSet(operator, _set(1)), "still a member");
        assertEq(am.getRegisteredSets(operator).length, 1);
    }

    function test_Revert_WhenTheAVSItselfDeregistersAFrozenOperator() public {
        registrar.setFreeze(address(0), T + 1);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistrar.OperatorFrozen.selector, operator, T + 1));
        vm.prank(avs);
        am.deregisterFromOperatorSets(_params());
    }

    function test_ExitGoesAheadWhenTheFreezeHasEnded() public {
        registrar.setFreeze(address(0), T);
        vm.expectEmit(address(am));
        emit IAllocationManager.DeregistrationHookFailed(operator, avs, _ids(1));
        _deregister(operator, 1);
        assertFalse(am.isMemberOfOperatorSet(operator, _set(1)));
    }

    function test_ExitGoesAheadWhenTheRefusalNamesAnotherOperator() public {
        registrar.setFreeze(makeAddr("someone else"), T + 1 days);
        vm.expectEmit(address(am));
        emit IAllocationManager.DeregistrationHookFailed(operator, avs, _ids(1));
        _deregister(operator, 1);
        assertFalse(am.isMemberOfOperatorSet(operator, _set(1)));
    }

    function test_OtherRevertsStillDoNotBlockTheExit() public {
        registrar.setDeregisterMode(AVSRegistrarDouble.DeregisterMode.Revert);
        _deregister(operator, 1);
        assertFalse(am.isMemberOfOperatorSet(operator, _set(1)));
    }

    function test_FreezeRefusalCostsTheCallerLittle() public {
        registrar.setFreeze(address(0), T + 1);
        vm.prank(operator);
        uint256 before = gasleft();
        try am.deregisterFromOperatorSets{gas: 1_000_000}(_params()) {
            revert("exit went ahead");
        } catch (bytes memory reason) {
            assertEq(reason, abi.encodeWithSelector(IAVSRegistrar.OperatorFrozen.selector, operator, T + 1));
        }
        assertLt(before - gasleft(), 200_000);
    }

    function testFuzz_ExitRefusedExactlyWhileTheFreezeLasts(uint64 until, uint64 at) public {
        until = uint64(bound(until, T, T + 60 days));
        at = uint64(bound(at, T, T + 61 days));
        registrar.setFreeze(address(0), until);
        vm.warp(at);
        if (at < until) {
            vm.expectRevert(abi.encodeWithSelector(IAVSRegistrar.OperatorFrozen.selector, operator, until));
        }
        _deregister(operator, 1);
        assertEq(am.isMemberOfOperatorSet(operator, _set(1)), at < until);
    }
}
