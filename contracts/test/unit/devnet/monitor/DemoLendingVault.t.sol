// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {DemoLendingVault} from "../../../../src/devnet/monitor/DemoLendingVault.sol";
import {IDemoLendingVault} from "../../../../src/devnet/monitor/IMonitorDemo.sol";
import {MonitorDemoBase, MonitorTestToken} from "./MonitorDemoBase.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

/// @notice DemoLendingVault: spot-price collateral, supply/borrow accounting, the guardian's pause.
contract DemoLendingVaultTest is MonitorDemoBase {
    function test_PriceIsThePairsSpotPrice() public view {
        assertEq(vault.price(), PAIR_WETH * 1e18 / PAIR_TOKEN);
        assertEq(vault.availableLiquidity(), VAULT_WETH);
        assertEq(vault.suppliedOf(supplier), VAULT_WETH);
        assertEq(vault.guardian(), guardian);
    }

    function test_Revert_WhenPairDoesNotHoldTheTokens() public {
        MonitorTestToken other = new MonitorTestToken("OTHER");
        vm.expectRevert(abi.encodeWithSelector(IDemoLendingVault.PairMismatch.selector, address(pair)));
        new DemoLendingVault(address(other), address(token), address(pair), LTV_BPS, owner, guardian);
    }

    function test_BorrowWithinTheLoanToValue() public {
        _depositCollateral(borrower, 100_000e18); // 2 WETH at spot, 1.5 WETH at 75 %
        assertEq(vault.maxDebt(borrower), 1.5e18);
        vm.expectEmit(address(vault));
        emit IDemoLendingVault.Borrowed(borrower, 1.5e18);
        vm.prank(borrower);
        vault.borrow(1.5e18);
        assertEq(weth.balanceOf(borrower), 1.5e18);
        assertEq(vault.debtOf(borrower), 1.5e18);
    }

    function test_Revert_WhenBorrowExceedsTheLoanToValue() public {
        _depositCollateral(borrower, 100_000e18);
        vm.expectRevert(
            abi.encodeWithSelector(IDemoLendingVault.Undercollateralised.selector, 1.6e18, 1.5e18)
        );
        vm.prank(borrower);
        vault.borrow(1.6e18);
    }

    function test_Revert_WhenBorrowExceedsTheLiquidity() public {
        vm.expectRevert(
            abi.encodeWithSelector(IDemoLendingVault.InsufficientLiquidity.selector, 101e18, 100e18)
        );
        vm.prank(borrower);
        vault.borrow(101e18);
    }

    function test_RepayThenWithdrawCollateral() public {
        _depositCollateral(borrower, 100_000e18);
        vm.startPrank(borrower);
        vault.borrow(1e18);
        weth.approve(address(vault), 1e18);
        vault.repay(1e18);
        vault.withdrawCollateral(100_000e18);
        vm.stopPrank();
        assertEq(token.balanceOf(borrower), 100_000e18);
        assertEq(vault.debtOf(borrower), 0);
    }

    function test_Revert_WhenWithdrawingCollateralLeavesDebtUncovered() public {
        _depositCollateral(borrower, 100_000e18);
        vm.startPrank(borrower);
        vault.borrow(1e18);
        vm.expectRevert(abi.encodeWithSelector(IDemoLendingVault.Undercollateralised.selector, 1e18, 0.75e18));
        vault.withdrawCollateral(50_000e18);
        vm.stopPrank();
    }

    function test_SupplierWithdraws() public {
        vm.prank(supplier);
        vault.withdraw(40e18);
        assertEq(weth.balanceOf(supplier), 40e18);
        assertEq(vault.suppliedOf(supplier), 60e18);
    }

    function test_Revert_WhenWithdrawExceedsSupplied() public {
        vm.expectRevert(abi.encodeWithSelector(IDemoLendingVault.ExceedsBalance.selector, 1, 0));
        vm.prank(borrower);
        vault.withdraw(1);
    }

    function test_Revert_WhenAmountIsZero() public {
        vm.expectRevert(IDemoLendingVault.ZeroAmount.selector);
        vault.supply(0);
        vm.expectRevert(IDemoLendingVault.ZeroAmount.selector);
        vault.borrow(0);
    }

    function test_GuardianPausesBorrowAndWithdrawals() public {
        _depositCollateral(borrower, 100_000e18);
        vm.expectEmit(address(vault));
        emit Pausable.Paused(guardian);
        vm.prank(guardian);
        vault.pause();

        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(borrower);
        vault.borrow(1e18);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(borrower);
        vault.withdrawCollateral(1e18);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(supplier);
        vault.withdraw(1e18);

        // Deposits still go in while paused.
        _depositCollateral(borrower, 1e18);
        assertEq(vault.collateralOf(borrower), 100_001e18);
    }

    function test_OwnerPausesToo() public {
        vm.prank(owner);
        vault.pause();
        assertTrue(vault.paused());
    }

    function test_Revert_WhenPauseCallerIsNotTheGuardian() public {
        vm.expectRevert(abi.encodeWithSelector(IDemoLendingVault.NotGuardian.selector, attacker));
        vm.prank(attacker);
        vault.pause();
    }

    function test_Revert_WhenGuardianUnpauses() public {
        vm.prank(guardian);
        vault.pause();
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, guardian));
        vm.prank(guardian);
        vault.unpause();
    }

    function test_OwnerSetsTheGuardian() public {
        vm.expectEmit(address(vault));
        emit IDemoLendingVault.GuardianSet(guardian, attacker);
        vm.prank(owner);
        vault.setGuardian(attacker);
        vm.prank(attacker);
        vault.pause();
        assertTrue(vault.paused());
    }
}

