// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IServiceManager} from "../../../src/interfaces/IServiceManager.sol";
import {AVSUnitBase} from "./AVSUnitBase.sol";

/// @notice ServiceManager.requestTask: on-chain task requests for the operator nodes.
contract ServiceManagerRequestTaskTest is AVSUnitBase {
    string internal constant ENGINE = "address-basics@1";
    bytes internal constant REQUEST = bytes('{"address":"0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045"}');

    function test_EmitsTaskRequestedAtThePreviousBlock() public {
        vm.roll(block.number + 10);
        vm.expectEmit(address(serviceManager));
        emit IServiceManager.TaskRequested(1, address(this), ENGINE, REQUEST, uint32(block.number - 1));
        assertEq(serviceManager.requestTask(ENGINE, REQUEST), 1);
        assertEq(serviceManager.taskCount(), 1);
    }

    function test_NumbersTasksInOrder() public {
        serviceManager.requestTask(ENGINE, REQUEST);
        vm.prank(requester);
        vm.expectEmit(address(serviceManager));
        emit IServiceManager.TaskRequested(2, requester, ENGINE, REQUEST, uint32(block.number - 1));
        assertEq(serviceManager.requestTask(ENGINE, REQUEST), 2);
        assertEq(serviceManager.taskCount(), 2);
    }

    function test_AcceptsTheLargestSizes() public {
        string memory engine = string(new bytes(64));
        assertEq(serviceManager.requestTask(engine, new bytes(4096)), 1);
    }

    function test_Revert_WhenEngineIsEmpty() public {
        vm.expectRevert(abi.encodeWithSelector(IServiceManager.InvalidEngineIdLength.selector, 0, 64));
        serviceManager.requestTask("", REQUEST);
    }

    function test_Revert_WhenEngineIsTooLong() public {
        vm.expectRevert(abi.encodeWithSelector(IServiceManager.InvalidEngineIdLength.selector, 65, 64));
        serviceManager.requestTask(string(new bytes(65)), REQUEST);
    }

    function test_Revert_WhenRequestIsEmpty() public {
        vm.expectRevert(abi.encodeWithSelector(IServiceManager.InvalidTaskRequestLength.selector, 0, 4096));
        serviceManager.requestTask(ENGINE, "");
    }

    function test_Revert_WhenRequestIsTooLarge() public {
        vm.expectRevert(abi.encodeWithSelector(IServiceManager.InvalidTaskRequestLength.selector, 4097, 4096));
        serviceManager.requestTask(ENGINE, new bytes(4097));
    }

    function test_Revert_WhenAttestationsPaused() public {
        _pause(address(serviceManager), 1);
        _expectPaused(1);
        serviceManager.requestTask(ENGINE, REQUEST);
    }

    function test_NotPausedByTheOtherGroups() public {
        vm.prank(pauser);
        serviceManager.setPaused(5); // registration and slashing
        assertEq(serviceManager.requestTask(ENGINE, REQUEST), 1);
    }

    function testFuzz_RequestTask(uint8 engineLength, uint16 requestLength) public {
        engineLength = uint8(bound(engineLength, 1, 64));
        requestLength = uint16(bound(requestLength, 1, 4096));
        assertEq(serviceManager.requestTask(string(new bytes(engineLength)), new bytes(requestLength)), 1);
    }
}
