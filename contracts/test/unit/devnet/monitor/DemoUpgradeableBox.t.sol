// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {DemoBackdooredBox} from "../../../../src/devnet/monitor/DemoBackdooredBox.sol";
import {DemoBoxProxy} from "../../../../src/devnet/monitor/DemoBoxProxy.sol";
import {DemoPriceFeed} from "../../../../src/devnet/monitor/DemoPriceFeed.sol";
import {DemoUpgradeableBox} from "../../../../src/devnet/monitor/DemoUpgradeableBox.sol";
import {
    IDemoBackdooredBox,
    IDemoPriceFeed,
    IDemoUpgradeableBox
} from "../../../../src/devnet/monitor/IMonitorDemo.sol";
import {IERC1967} from "@openzeppelin/contracts/interfaces/IERC1967.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts/proxy/utils/UUPSUpgradeable.sol";
import {Test} from "forge-std/Test.sol";

/// @notice The upgrade detector's toys: an ownable UUPS box, its backdoored successor, a price feed.
contract DemoUpgradeableBoxTest is Test {
    bytes32 internal constant OWNER_SLOT = 0x9016d09d72d40fdae2fd8ceac6b6234c7706214fd39c1cd1e609a0528c199300;
    bytes32 internal constant IMPLEMENTATION_SLOT =
        0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc;

    address internal owner = makeAddr("owner");
    address internal attacker = makeAddr("attacker");
    DemoUpgradeableBox internal v1;
    DemoBackdooredBox internal v2;
    IDemoBackdooredBox internal box;

    function setUp() public {
        v1 = new DemoUpgradeableBox(1);
        v2 = new DemoBackdooredBox(2);
        box = IDemoBackdooredBox(
            address(new DemoBoxProxy(address(v1), abi.encodeCall(IDemoUpgradeableBox.initialize, (owner))))
        );
    }

    function test_OwnerLivesInTheOpenZeppelinOwnableSlot() public view {
        assertEq(box.owner(), owner);
        assertEq(address(uint160(uint256(vm.load(address(box), OWNER_SLOT)))), owner);
        assertEq(box.version(), 1);
    }

    function test_TransferOwnershipEmits() public {
        vm.expectEmit(address(box));
        emit IDemoUpgradeableBox.OwnershipTransferred(owner, attacker);
        vm.prank(owner);
        box.transferOwnership(attacker);
        assertEq(box.owner(), attacker);
    }

    function test_Revert_WhenNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(IDemoUpgradeableBox.NotOwner.selector, attacker));
        vm.prank(attacker);
        box.setValue(1);
        vm.expectRevert(abi.encodeWithSelector(IDemoUpgradeableBox.NotOwner.selector, attacker));
        vm.prank(attacker);
        UUPSUpgradeable(address(box)).upgradeToAndCall(address(v2), "");
    }

    function test_Revert_WhenNewOwnerIsZero() public {
        vm.expectRevert(IDemoUpgradeableBox.ZeroOwner.selector);
        vm.prank(owner);
        box.transferOwnership(address(0));
    }

    function test_SetValue() public {
        vm.prank(owner);
        box.setValue(42);
        assertEq(box.value(), 42);
    }

    function test_UpgradeEmitsAndBackdoorsWriteSilently() public {
        vm.expectEmit(address(box));
        emit IERC1967.Upgraded(address(v2));
        vm.prank(owner);
        UUPSUpgradeable(address(box)).upgradeToAndCall(address(v2), "");
        assertEq(box.version(), 2);

        vm.recordLogs();
        vm.prank(attacker);
        box.backdoorSetOwner(attacker);
        vm.prank(attacker);
        box.backdoorSetImplementation(address(v1));
        assertEq(vm.getRecordedLogs().length, 0, "no event");
        assertEq(box.owner(), attacker);
        assertEq(address(uint160(uint256(vm.load(address(box), IMPLEMENTATION_SLOT)))), address(v1));
        assertEq(box.version(), 1);
    }

    function test_PriceFeedRounds() public {
        vm.warp(1_800_000_000);
        DemoPriceFeed feed = new DemoPriceFeed(owner, 8, 2000e8);
        vm.expectEmit(address(feed));
        emit IDemoPriceFeed.AnswerUpdated(1500e8, 2, block.timestamp);
        vm.prank(owner);
        feed.updateAnswer(1500e8);
        (uint80 roundId, int256 answer,, uint256 updatedAt,) = feed.latestRoundData();
        assertEq(roundId, 2);
        assertEq(answer, 1500e8);
        assertEq(updatedAt, block.timestamp);
        assertEq(feed.decimals(), 8);
        vm.expectRevert(abi.encodeWithSelector(IDemoPriceFeed.NotOwner.selector, attacker));
        vm.prank(attacker);
        feed.updateAnswer(1);
    }
}
