// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IDemoLendingVault} from "../../../../src/devnet/monitor/IMonitorDemo.sol";
import {IThreatPausable} from "../../../../src/guard/IThreatPausable.sol";
import {IThreatResponse} from "../../../../src/interfaces/IThreatResponse.sol";
import {ThreatResponseDouble} from "../../../utils/threat/ThreatResponseDouble.sol";
import {MonitorDemoBase} from "./MonitorDemoBase.sol";

/// @notice DemoLendingVault under Palisade's threat response: the guardian opts it in; while the
///         ThreatResponse has it paused, the two entry points the exploit needs (depositCollateral,
///         borrow) revert, and so does the attack; supplying, repaying and withdrawing are not held.
contract DemoLendingVaultThreatResponseTest is MonitorDemoBase {
    uint32 internal constant MAX_PAUSE = 1 days;

    ThreatResponseDouble internal double;
    uint64 internal until;

    function setUp() public override {
        super.setUp();
        vm.warp(1_750_000_000);
        double = new ThreatResponseDouble();
        until = uint64(block.timestamp + 1 hours);
    }

    function _optIn() internal {
        vm.prank(guardian);
        vault.setThreatResponse(address(double), MAX_PAUSE);
    }

    function _pause() internal {
        _optIn();
        double.setPausedUntil(address(vault), until);
    }

    function _expectThreatPaused() internal {
        vm.expectRevert(
            abi.encodeWithSelector(IThreatPausable.ProtocolPausedByThreatResponse.selector, until)
        );
    }

    function test_GuardianSetsTheThreatResponseAndOptsIn() public {
        vm.expectEmit(address(vault));
        emit IThreatPausable.ThreatResponseSet(IThreatResponse(address(0)), IThreatResponse(address(double)));
        _optIn();
        assertEq(address(vault.threatResponse()), address(double));
        assertEq(double.maxPauseOf(address(vault)), MAX_PAUSE, "opted in by the vault itself");
    }

    function test_ZeroAddressTurnsTheCheckOffWithoutOptingIn() public {
        _optIn();
        vm.prank(guardian);
        vault.setThreatResponse(address(0), MAX_PAUSE);
        assertEq(address(vault.threatResponse()), address(0));
        assertEq(double.optInCalls(), 1);
    }

    function test_Revert_WhenNotTheGuardian() public {
        vm.expectRevert(abi.encodeWithSelector(IDemoLendingVault.NotGuardian.selector, owner));
        vm.prank(owner);
        vault.setThreatResponse(address(double), MAX_PAUSE);
        vm.expectRevert(abi.encodeWithSelector(IDemoLendingVault.NotGuardian.selector, attacker));
        vm.prank(attacker);
        vault.setThreatResponse(address(0), 0);
    }

    function test_Revert_WhenSwitchedOffWhilePaused() public {
        _pause();
        _expectThreatPaused();
        vm.prank(guardian);
        vault.setThreatResponse(address(0), 0);
    }

    function test_Revert_BorrowAndDepositCollateralWhilePaused() public {
        _depositCollateral(borrower, 1000e18);
        _pause();
        token.mint(borrower, 1e18);
        vm.startPrank(borrower);
        token.approve(address(vault), 1e18);
        _expectThreatPaused();
        vault.depositCollateral(1e18);
        _expectThreatPaused();
        vault.borrow(1e15);
        vm.stopPrank();
    }

    function test_Revert_TheExploitWhilePaused() public {
        _pause();
        _expectThreatPaused();
        vm.prank(attacker);
        exploit.attack(FLASH);
        assertEq(weth.balanceOf(address(vault)), VAULT_WETH, "nothing left the vault");
        assertEq(weth.balanceOf(attacker), 0);
    }

    function test_SuppliersStillWithdrawWhilePaused() public {
        _pause();
        vm.prank(supplier);
        vault.withdraw(10e18);
        assertEq(weth.balanceOf(supplier), 10e18);
    }

    function test_WorksAgainFromTheEndOfThePause() public {
        _pause();
        vm.warp(until);
        vm.prank(attacker);
        exploit.attack(FLASH);
        assertEq(weth.balanceOf(address(vault)), 0, "the pause is over: the exploit drains it again");
    }
}
