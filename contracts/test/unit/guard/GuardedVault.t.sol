// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {MockLST} from "../../../src/devnet/MockLST.sol";
import {IPalisadeGuard} from "../../../src/guard/IPalisadeGuard.sol";
import {SecurityVerdicts} from "../../../src/guard/SecurityVerdicts.sol";
import {GuardedVault} from "../../../src/guard/examples/GuardedVault.sol";
import {IGuardedVault} from "../../../src/guard/examples/IGuardedVault.sol";
import {GuardUnitBase} from "./GuardUnitBase.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice GuardedVault's own checks (the verdict checks are PalisadeGuard's, tested beside it and in
///         test/integration/guard).
abstract contract GuardedVaultUnitBase is GuardUnitBase {
    MockLST internal token;
    GuardedVault internal vault;
    address internal alice = makeAddr("alice");

    function setUp() public virtual override {
        super.setUp();
        token = new MockLST("Vault token", "VT", address(this));
        vault = new GuardedVault(
            serviceManager,
            MAX_AGE,
            IERC20(address(token)),
            SecurityVerdicts.SUSPICIOUS,
            SANCTIONED,
            SANCTIONED
        );
        token.mint(alice, 1000e18);
        vm.prank(alice);
        token.approve(address(vault), type(uint256).max);
    }
}

/// @notice GuardedVault's constructor.
contract GuardedVault_constructor is GuardedVaultUnitBase {
    function test_SetsThePolicy() public view {
        assertEq(address(vault.asset()), address(token));
        assertEq(address(vault.serviceManager()), address(serviceManager));
        assertEq(vault.maxVerdictAge(), MAX_AGE);
        assertEq(vault.maxVerdict(), SecurityVerdicts.SUSPICIOUS);
        assertEq(vault.forbiddenFlags(), SANCTIONED);
        assertEq(vault.requiredKnown(), SANCTIONED);
    }

    function test_Revert_WhenAssetIsZero() public {
        vm.expectRevert(IGuardedVault.ZeroAsset.selector);
        new GuardedVault(serviceManager, MAX_AGE, IERC20(address(0)), 1, 0, 0);
    }

    function test_Revert_WhenMaxVerdictAboveMalicious() public {
        vm.expectRevert(abi.encodeWithSelector(IGuardedVault.InvalidMaxVerdict.selector, 3));
        new GuardedVault(serviceManager, MAX_AGE, IERC20(address(token)), 3, 0, 0);
    }

    function test_Revert_WhenMaxAgeOutOfBounds() public {
        vm.expectRevert(abi.encodeWithSelector(IPalisadeGuard.MaxVerdictAgeOutOfBounds.selector, 0, 1, 7200));
        new GuardedVault(serviceManager, 0, IERC20(address(token)), 1, 0, 0);
    }
}

/// @notice GuardedVault.deposit.
contract GuardedVault_deposit is GuardedVaultUnitBase {
    function test_CreditsTheCaller() public {
        vm.expectEmit(address(vault));
        emit IGuardedVault.Deposited(alice, 100e18);
        vm.prank(alice);
        vault.deposit(100e18);
        assertEq(vault.balanceOf(alice), 100e18);
        assertEq(vault.totalDeposits(), 100e18);
        assertEq(token.balanceOf(address(vault)), 100e18);
    }

    function test_Revert_WhenZero() public {
        vm.expectRevert(IGuardedVault.ZeroAmount.selector);
        vm.prank(alice);
        vault.deposit(0);
    }
}

/// @notice GuardedVault.withdraw: amounts (the verdict checks are in the integration test).
contract GuardedVault_withdraw is GuardedVaultUnitBase {
    function setUp() public override {
        super.setUp();
        vm.prank(alice);
        vault.deposit(100e18);
    }

    function test_PaysTheRecipientAndDebitsTheCaller() public {
        IPalisadeGuard.Attestation memory a = _bobVerdict(SecurityVerdicts.SAFE, 0, 0);
        vm.expectEmit(address(vault));
        emit IGuardedVault.GuardedWithdrawal(
            alice, bob, 40e18, a.referenceBlock, keccak256(abi.encode("report", _subject(bob), uint8(0)))
        );
        vm.prank(alice);
        vault.withdraw(bob, 40e18, a);
        assertEq(token.balanceOf(bob), 40e18);
        assertEq(vault.balanceOf(alice), 60e18);
        assertEq(vault.totalDeposits(), 60e18);
    }

    function test_Revert_WhenZero() public {
        IPalisadeGuard.Attestation memory a = _bobVerdict(SecurityVerdicts.SAFE, 0, 0);
        vm.expectRevert(IGuardedVault.ZeroAmount.selector);
        vm.prank(alice);
        vault.withdraw(bob, 0, a);
    }

    function test_Revert_WhenAboveTheBalance() public {
        IPalisadeGuard.Attestation memory a = _bobVerdict(SecurityVerdicts.SAFE, 0, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IGuardedVault.InsufficientBalance.selector, 100e18, 100e18 + 1)
        );
        vm.prank(alice);
        vault.withdraw(bob, 100e18 + 1, a);
    }

    function test_Revert_WhenTheCallerHasNoBalance() public {
        // a valid verdict about bob does not let bob (or anyone) spend alice's deposit
        IPalisadeGuard.Attestation memory a = _bobVerdict(SecurityVerdicts.SAFE, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IGuardedVault.InsufficientBalance.selector, 0, 1));
        vm.prank(bob);
        vault.withdraw(bob, 1, a);
    }

    function _subject(address account) internal pure returns (bytes32) {
        return SecurityVerdicts.addressSubject(account);
    }
}
