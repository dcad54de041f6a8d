// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {DemoApprovalDrainer} from "../../../../src/devnet/monitor/DemoApprovalDrainer.sol";
import {IDemoApprovalDrainer} from "../../../../src/devnet/monitor/IMonitorDemo.sol";
import {MonitorTestToken} from "./MonitorDemoBase.sol";
import {Test} from "forge-std/Test.sol";

/// @notice DemoApprovalDrainer: pulls each victim's allowance, skips those who approved nothing.
contract DemoApprovalDrainerTest is Test {
    MonitorTestToken internal token;
    DemoApprovalDrainer internal drainer;
    address internal attacker = makeAddr("attacker");
    address[] internal victims;

    function setUp() public {
        token = new MonitorTestToken("TOKEN");
        drainer = new DemoApprovalDrainer(attacker);
        for (uint256 i = 0; i < 3; i++) {
            address victim = makeAddr(string.concat("victim", vm.toString(i)));
            token.mint(victim, 100e18);
            victims.push(victim);
        }
        vm.prank(victims[0]);
        token.approve(address(drainer), type(uint256).max);
        vm.prank(victims[1]);
        token.approve(address(drainer), 40e18);
    }

    function test_DrainPullsEveryAllowance() public {
        vm.prank(attacker);
        uint256 total = drainer.drain(address(token), victims, attacker);
        assertEq(total, 140e18);
        assertEq(token.balanceOf(attacker), 140e18);
        assertEq(token.balanceOf(victims[0]), 0);
        assertEq(token.balanceOf(victims[1]), 60e18);
        assertEq(token.balanceOf(victims[2]), 100e18, "no allowance, nothing taken");
    }

    function test_Revert_WhenCallerIsNotTheOwner() public {
        vm.expectRevert(abi.encodeWithSelector(IDemoApprovalDrainer.NotOwner.selector, address(this)));
        drainer.drain(address(token), victims, address(this));
    }
}
