// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IThreatResponse} from "../../../src/interfaces/IThreatResponse.sol";
import {ThreatUnitBase} from "./ThreatUnitBase.sol";

/// @notice ThreatResponse.optIn and optOut: called by the protocol itself.
contract ThreatResponse_optIn is ThreatUnitBase {
    function test_RecordsTheCallersMaxPause() public {
        vm.expectEmit(address(threat));
        emit IThreatResponse.ProtocolOptedIn(stranger, 1 hours);
        vm.prank(stranger);
        threat.optIn(1 hours);
        assertEq(threat.maxPauseOf(stranger), 1 hours);
        assertEq(threat.maxPauseOf(protocol), MAX_PAUSE);
    }

    function test_CallingAgainChangesTheMax() public {
        vm.prank(protocol);
        threat.optIn(2 hours);
        assertEq(threat.maxPauseOf(protocol), 2 hours);
        threat.respond(_pauseAlert());
        assertEq(threat.pausedUntil(protocol), _now() + 2 hours);
    }

    function test_Revert_WhenMaxPauseIsZero() public {
        vm.expectRevert(IThreatResponse.ZeroMaxPause.selector);
        vm.prank(stranger);
        threat.optIn(0);
    }
}

contract ThreatResponse_optOut is ThreatUnitBase {
    function test_StopsLaterPauses() public {
        vm.expectEmit(address(threat));
        emit IThreatResponse.ProtocolOptedOut(protocol);
        vm.prank(protocol);
        threat.optOut();
        assertEq(threat.maxPauseOf(protocol), 0);
        assertEq(threat.respond(_pauseAlert()), 0);
        assertFalse(threat.isPaused(protocol));
    }

    function test_AllowedOnceThePauseExpired() public {
        threat.respond(_pauseAlert());
        vm.warp(threat.pausedUntil(protocol));
        vm.prank(protocol);
        threat.optOut();
        assertEq(threat.maxPauseOf(protocol), 0);
    }

    function test_AllowedOnceThePauseIsLifted() public {
        threat.respond(_pauseAlert());
        vm.prank(owner);
        threat.liftProtocolPause(protocol);
        vm.prank(protocol);
        threat.optOut();
        assertEq(threat.maxPauseOf(protocol), 0);
    }

    function test_Revert_WhilePaused() public {
        threat.respond(_pauseAlert());
        uint64 until = threat.pausedUntil(protocol);
        vm.warp(until - 1);
        vm.expectRevert(abi.encodeWithSelector(IThreatResponse.ProtocolStillPaused.selector, protocol, until));
        vm.prank(protocol);
        threat.optOut();
    }

    function test_Revert_WhenNotOptedIn() public {
        vm.expectRevert(abi.encodeWithSelector(IThreatResponse.NotOptedIn.selector, stranger));
        vm.prank(stranger);
        threat.optOut();
    }
}
