// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Timelock} from "../../../src/governance/Timelock.sol";
import {ITimelock} from "../../../src/interfaces/ITimelock.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {Test} from "forge-std/Test.sol";

/// @notice The timelock's delay stays within [1 hour, 30 days], at construction and in updateDelay,
///         which only the timelock itself may call.
contract TimelockTest is Test {
    Timelock internal timelock;

    function setUp() public {
        timelock = new Timelock(2 days, new address[](0), new address[](0), address(0));
    }

    function test_UpdatesWithinBounds() public {
        vm.prank(address(timelock));
        timelock.updateDelay(1 hours);
        assertEq(timelock.getMinDelay(), 1 hours);
        vm.prank(address(timelock));
        timelock.updateDelay(30 days);
        assertEq(timelock.getMinDelay(), 30 days);
    }

    function test_Revert_WhenDelayOutOfBounds() public {
        vm.expectRevert(
            abi.encodeWithSelector(ITimelock.DelayOutOfBounds.selector, 1 hours - 1, 1 hours, 30 days)
        );
        vm.prank(address(timelock));
        timelock.updateDelay(1 hours - 1);
        vm.expectRevert(
            abi.encodeWithSelector(ITimelock.DelayOutOfBounds.selector, 30 days + 1, 1 hours, 30 days)
        );
        vm.prank(address(timelock));
        timelock.updateDelay(30 days + 1);
    }

    function test_Revert_WhenUpdatedByAnotherAccount() public {
        vm.expectRevert(
            abi.encodeWithSelector(TimelockController.TimelockUnauthorizedCaller.selector, address(this))
        );
        timelock.updateDelay(1 days);
    }

    function test_Revert_WhenConstructedOutOfBounds() public {
        vm.expectRevert(abi.encodeWithSelector(ITimelock.DelayOutOfBounds.selector, 0, 1 hours, 30 days));
        new Timelock(0, new address[](0), new address[](0), address(0));
    }
}
