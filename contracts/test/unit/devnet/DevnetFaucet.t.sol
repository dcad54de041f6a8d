// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {DevnetFaucet} from "../../../src/devnet/DevnetFaucet.sol";
import {IDevnetFaucet} from "../../../src/interfaces/IDevnetFaucet.sol";
import {UtilityToken} from "../../../src/token/UtilityToken.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Test} from "forge-std/Test.sol";

/// @notice DevnetFaucet: allowlist, one drip per cooldown, empty faucet.
contract DevnetFaucetTest is Test {
    uint256 internal constant DRIP = 1000e18;
    uint256 internal constant COOLDOWN = 1 days;

    UtilityToken internal token;
    DevnetFaucet internal faucet;
    address internal owner = makeAddr("owner");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");

    function setUp() public {
        vm.warp(1_750_000_000);
        token = new UtilityToken(address(this), 1_000_000e18);
        faucet = new DevnetFaucet(IERC20(address(token)), owner, DRIP, COOLDOWN);
        assertTrue(token.transfer(address(faucet), 10 * DRIP));
        _allow(alice, true);
    }

    function test_Constructor() public view {
        assertEq(address(faucet.token()), address(token));
        assertEq(faucet.owner(), owner);
        assertEq(faucet.dripAmount(), DRIP);
        assertEq(faucet.cooldown(), COOLDOWN);
    }

    function test_Revert_WhenTokenIsZero() public {
        vm.expectRevert(IDevnetFaucet.ZeroAddress.selector);
        new DevnetFaucet(IERC20(address(0)), owner, DRIP, COOLDOWN);
    }

    function test_DripSendsTheDripAmount() public {
        vm.expectEmit(address(faucet));
        emit IDevnetFaucet.Dripped(alice, DRIP, block.timestamp + COOLDOWN);
        vm.prank(alice);
        faucet.drip();
        assertEq(token.balanceOf(alice), DRIP);
        assertEq(faucet.nextDripAt(alice), block.timestamp + COOLDOWN);
    }

    function test_Revert_WhenNotAllowed() public {
        vm.expectRevert(abi.encodeWithSelector(IDevnetFaucet.NotAllowed.selector, bob));
        vm.prank(bob);
        faucet.drip();
    }

    function test_Revert_WhenCoolingDown() public {
        vm.prank(alice);
        faucet.drip();
        vm.warp(block.timestamp + COOLDOWN - 1);
        vm.expectRevert(abi.encodeWithSelector(IDevnetFaucet.CoolingDown.selector, block.timestamp + 1));
        vm.prank(alice);
        faucet.drip();
    }

    function test_DripsAgainAfterTheCooldown() public {
        vm.prank(alice);
        faucet.drip();
        vm.warp(block.timestamp + COOLDOWN);
        vm.prank(alice);
        faucet.drip();
        assertEq(token.balanceOf(alice), 2 * DRIP);
    }

    function test_Revert_WhenFaucetEmpty() public {
        DevnetFaucet empty = new DevnetFaucet(IERC20(address(token)), owner, DRIP, COOLDOWN);
        assertTrue(token.transfer(address(empty), DRIP - 1));
        address[] memory accounts = new address[](1);
        accounts[0] = alice;
        vm.prank(owner);
        empty.setAllowed(accounts, true);
        vm.expectRevert(abi.encodeWithSelector(IDevnetFaucet.FaucetEmpty.selector, DRIP - 1, DRIP));
        vm.prank(alice);
        empty.drip();
    }

    function test_SetAllowedAddsAndRemoves() public {
        address[] memory accounts = new address[](2);
        (accounts[0], accounts[1]) = (alice, bob);
        vm.expectEmit(address(faucet));
        emit IDevnetFaucet.AllowedSet(alice, false);
        vm.expectEmit(address(faucet));
        emit IDevnetFaucet.AllowedSet(bob, false);
        vm.prank(owner);
        faucet.setAllowed(accounts, false);
        assertFalse(faucet.isAllowed(alice));
        vm.prank(owner);
        faucet.setAllowed(accounts, true);
        assertTrue(faucet.isAllowed(bob));
    }

    function test_Revert_WhenSetAllowedByNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        faucet.setAllowed(new address[](0), true);
    }

    function testFuzz_DripsOncePerCooldown(uint32 wait) public {
        vm.prank(alice);
        faucet.drip();
        uint256 nextAt = block.timestamp + COOLDOWN;
        vm.warp(block.timestamp + wait);
        if (wait < COOLDOWN) {
            vm.expectRevert(abi.encodeWithSelector(IDevnetFaucet.CoolingDown.selector, nextAt));
        }
        vm.prank(alice);
        faucet.drip();
    }

    function _allow(address account, bool allowed) internal {
        address[] memory accounts = new address[](1);
        accounts[0] = account;
        vm.prank(owner);
        faucet.setAllowed(accounts, allowed);
    }
}
