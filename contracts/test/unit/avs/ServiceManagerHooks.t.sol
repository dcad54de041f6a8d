// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IServiceManager} from "../../../src/interfaces/IServiceManager.sol";
import {AVSUnitBase} from "./AVSUnitBase.sol";

/// @notice ServiceManager.registerOperator: the core's registration hook.
contract ServiceManagerRegisterOperatorTest is AVSUnitBase {
    function test_RegistersThroughTheCore() public {
        _join(_operator(4), 5e18, _registrationData(_pubkey(4), _pop(4)));
        assertTrue(registry.isRegistered(_operator(4)));
        assertEq(registry.nodeUrlOf(_operator(4)), "https://node.example");
    }

    function test_Revert_WhenCallerIsNotTheAllocationManager() public {
        bytes memory data = _registrationData(_pubkey(4), _pop(4));
        vm.expectRevert(abi.encodeWithSelector(IServiceManager.NotAllocationManager.selector, address(this)));
        serviceManager.registerOperator(_operator(4), address(serviceManager), new uint32[](1), data);
    }

    function test_Revert_WhenHookNamesAnotherAVS() public {
        bytes memory data = _registrationData(_pubkey(4), _pop(4));
        vm.prank(address(allocationManager));
        vm.expectRevert(abi.encodeWithSelector(IServiceManager.WrongAVS.selector, avs));
        serviceManager.registerOperator(_operator(4), avs, new uint32[](1), data);
    }

    function test_Revert_WhenSetIdsAreNotExactlySetZero() public {
        bytes memory data = _registrationData(_pubkey(4), _pop(4));
        uint32[][] memory cases = new uint32[][](3);
        cases[0] = new uint32[](0);
        cases[1] = new uint32[](1);
        cases[1][0] = 1;
        cases[2] = new uint32[](2); // [0, 0]
        for (uint256 i; i < cases.length; ++i) {
            vm.prank(address(allocationManager));
            vm.expectRevert(
                abi.encodeWithSelector(IServiceManager.UnsupportedOperatorSets.selector, cases[i])
            );
            serviceManager.registerOperator(_operator(4), address(serviceManager), cases[i], data);
        }
    }

    function test_Revert_WhenRegistrationPaused() public {
        _pause(address(serviceManager), 0);
        _registerOperator(_operator(4));
        bytes memory data = _registrationData(_pubkey(4), _pop(4));
        _expectPaused(0);
        _registerWithData(_operator(4), data);
    }
}

/// @notice ServiceManager.deregisterOperator: the core's deregistration hook.
contract ServiceManagerDeregisterOperatorTest is AVSUnitBase {
    function test_DeregistersThroughTheCore() public {
        _leave(_operator(3));
        assertFalse(registry.isRegistered(_operator(3)));
        assertEq(registry.currentTotalStake(), TOTAL - 1e18);
    }

    function test_ExitWorksWhileEveryPalisadeGroupIsPaused() public {
        vm.prank(pauser);
        serviceManager.setPaused(7); // registration, attestations, slashing
        vm.prank(pauser);
        registry.setPaused(1);
        _leave(_operator(3));
        assertFalse(registry.isRegistered(_operator(3)));
    }

    function test_IgnoresOtherSetIds() public {
        uint32[] memory ids = new uint32[](2);
        (ids[0], ids[1]) = (1, 7);
        vm.prank(address(allocationManager));
        serviceManager.deregisterOperator(_operator(3), address(serviceManager), ids);
        assertTrue(registry.isRegistered(_operator(3)));
    }

    function test_Revert_WhenCallerIsNotTheAllocationManager() public {
        vm.expectRevert(abi.encodeWithSelector(IServiceManager.NotAllocationManager.selector, address(this)));
        serviceManager.deregisterOperator(_operator(3), address(serviceManager), new uint32[](1));
    }

    function test_Revert_WhenHookNamesAnotherAVS() public {
        vm.prank(address(allocationManager));
        vm.expectRevert(abi.encodeWithSelector(IServiceManager.WrongAVS.selector, avs));
        serviceManager.deregisterOperator(_operator(3), avs, new uint32[](1));
    }
}
