// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IThreatPausable} from "../../../src/guard/IThreatPausable.sol";
import {IThreatResponse} from "../../../src/interfaces/IThreatResponse.sol";
import {ThreatPausableHarness} from "../../utils/threat/ThreatHarnesses.sol";
import {ThreatResponseDouble} from "../../utils/threat/ThreatResponseDouble.sol";
import {Test} from "forge-std/Test.sol";

/// @notice The ThreatPausable mixin: no check without a ThreatResponse, a revert naming the end of the
///         pause while paused, nothing from that end on, and no escape by switching the check off.
contract ThreatPausableTest is Test {
    uint64 internal constant T = 1_750_000_000;

    ThreatPausableHarness internal protocol;
    ThreatResponseDouble internal double;

    function setUp() public {
        vm.warp(T);
        protocol = new ThreatPausableHarness();
        double = new ThreatResponseDouble();
    }

    function _response() internal view returns (IThreatResponse) {
        return IThreatResponse(address(double));
    }

    function test_NoCheckWithoutAThreatResponse() public {
        assertEq(address(protocol.threatResponse()), address(0));
        protocol.guarded();
        assertEq(protocol.guardedCalls(), 1);
    }

    function test_SetThreatResponseEmits() public {
        vm.expectEmit(address(protocol));
        emit IThreatPausable.ThreatResponseSet(IThreatResponse(address(0)), _response());
        protocol.setThreatResponse(_response());
        assertEq(address(protocol.threatResponse()), address(double));
    }

    function test_OptInIsTheProtocolsOwnCall() public {
        protocol.setThreatResponse(_response());
        protocol.optIn(1 hours);
        assertEq(double.maxPauseOf(address(protocol)), 1 hours);
    }

    function test_Revert_WhilePaused() public {
        protocol.setThreatResponse(_response());
        double.setPausedUntil(address(protocol), T + 100);
        vm.expectRevert(
            abi.encodeWithSelector(IThreatPausable.ProtocolPausedByThreatResponse.selector, T + 100)
        );
        protocol.guarded();
        protocol.unguarded();
        assertEq(protocol.unguardedCalls(), 1, "unguarded functions are not held");
    }

    function test_WorksAgainFromTheEndOfThePause() public {
        protocol.setThreatResponse(_response());
        double.setPausedUntil(address(protocol), T + 100);
        vm.warp(T + 99);
        vm.expectRevert(
            abi.encodeWithSelector(IThreatPausable.ProtocolPausedByThreatResponse.selector, T + 100)
        );
        protocol.guarded();
        vm.warp(T + 100);
        protocol.guarded();
        assertEq(protocol.guardedCalls(), 1);
    }

    function test_APauseOfAnotherProtocolDoesNotHoldThisOne() public {
        protocol.setThreatResponse(_response());
        double.setPausedUntil(makeAddr("another protocol"), T + 100);
        protocol.guarded();
        assertEq(protocol.guardedCalls(), 1);
    }

    function test_Revert_WhenSwitchingOffWhilePaused() public {
        protocol.setThreatResponse(_response());
        double.setPausedUntil(address(protocol), T + 100);
        vm.expectRevert(
            abi.encodeWithSelector(IThreatPausable.ProtocolPausedByThreatResponse.selector, T + 100)
        );
        protocol.setThreatResponse(IThreatResponse(address(0)));
        vm.warp(T + 100);
        protocol.setThreatResponse(IThreatResponse(address(0)));
        assertEq(address(protocol.threatResponse()), address(0));
    }

    function testFuzz_InForceExactlyUntilItsEnd(uint64 until, uint64 at) public {
        until = uint64(bound(until, T, T + 30 days));
        at = uint64(bound(at, T, T + 31 days));
        protocol.setThreatResponse(_response());
        double.setPausedUntil(address(protocol), until);
        vm.warp(at);
        if (at < until) {
            vm.expectRevert(
                abi.encodeWithSelector(IThreatPausable.ProtocolPausedByThreatResponse.selector, until)
            );
        }
        protocol.guarded();
    }
}
