// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IPalisadeGuard} from "../../../src/guard/IPalisadeGuard.sol";
import {IThreatResponse} from "../../../src/interfaces/IThreatResponse.sol";
import {ThreatUnitBase} from "./ThreatUnitBase.sol";

/// @notice Properties of ThreatResponse over random durations, times and policies.
contract ThreatResponseFuzzTest is ThreatUnitBase {
    /// @dev Each action is in force at `t0 + wait` exactly when `wait` is below its duration.
    function testFuzz_EachActionIsInForceExactlyUntilItsEnd(
        uint32 maxPause,
        uint32 pauseSeconds,
        uint32 servicePauseSeconds,
        uint32 freezeSeconds,
        uint32 thresholdSeconds,
        uint32 wait
    ) public {
        IThreatResponse.Policy memory p = _policy();
        p.pauseSeconds = uint32(bound(pauseSeconds, 5 minutes, 7 days));
        p.servicePauseSeconds = uint32(bound(servicePauseSeconds, 5 minutes, 7 days));
        p.freezeSeconds = uint32(bound(freezeSeconds, 1 hours, 30 days));
        p.thresholdSeconds = uint32(bound(thresholdSeconds, 5 minutes, 7 days));
        vm.prank(owner);
        threat.setPolicy(p);
        maxPause = uint32(bound(maxPause, 1, 30 days));
        vm.prank(protocol);
        threat.optIn(maxPause);

        threat.respond(_criticalAlert());
        uint64 t0 = _now();
        uint32 pause = p.pauseSeconds < maxPause ? p.pauseSeconds : maxPause;
        assertEq(threat.pausedUntil(protocol), t0 + pause, "pause end");
        assertEq(threat.servicePausedUntil(SERVICE), t0 + p.servicePauseSeconds, "service pause end");
        assertEq(threat.frozenUntil(_operator(0)), t0 + p.freezeSeconds, "freeze end");
        assertEq(threat.thresholdFloorUntil(), t0 + p.thresholdSeconds, "floor end");

        wait = uint32(bound(wait, 0, 31 days));
        vm.warp(t0 + wait);
        assertEq(threat.isPaused(protocol), wait < pause, "paused");
        assertEq(threat.isServicePaused(SERVICE), wait < p.servicePauseSeconds, "service paused");
        assertEq(threat.isFrozen(_operator(0)), wait < p.freezeSeconds, "frozen");
        assertEq(threat.thresholdFloorBps(), wait < p.thresholdSeconds ? FLOOR_BPS : 0, "floor");
    }

    /// @dev Two alerts `gap` seconds apart with different durations: every end is the later of the two.
    function testFuzz_OverlappingActionsTakeTheLaterEnd(uint32 first, uint32 second, uint32 gap) public {
        first = uint32(bound(first, 1 hours, 7 days));
        second = uint32(bound(second, 1 hours, 7 days));
        gap = uint32(bound(gap, 0, 8 days));
        vm.prank(protocol);
        threat.optIn(30 days);

        _setDurations(first);
        uint64 t0 = _now();
        threat.respond(_criticalAlert());
        vm.warp(t0 + gap);
        _setDurations(second);
        threat.respond(_criticalAlert());

        uint64 end = _max(t0 + first, t0 + gap + second);
        assertEq(threat.pausedUntil(protocol), end, "pause");
        assertEq(threat.servicePausedUntil(SERVICE), end, "service pause");
        assertEq(threat.frozenUntil(_operator(0)), end, "freeze");
        assertEq(threat.thresholdFloorUntil(), end, "floor");
        assertEq(threat.isPaused(protocol), end > _now());
    }

    /// @dev setPolicy accepts a policy exactly when every field is within its bounds, and otherwise
    ///      names the first field out of them.
    function testFuzz_PolicyIsAcceptedExactlyWithinItsBounds(IThreatResponse.Policy memory p) public {
        // half the runs within bounds, so both outcomes are exercised
        if (p.maxAlertAge % 2 == 0) {
            p.maxAlertAge = uint32(bound(p.maxAlertAge, 1, 7200));
            p.minSeverity = uint8(bound(p.minSeverity, 1, 4));
            p.pauseSeconds = uint32(bound(p.pauseSeconds, 5 minutes, 7 days));
            p.servicePauseSeconds = uint32(bound(p.servicePauseSeconds, 5 minutes, 7 days));
            p.freezeSeconds = uint32(bound(p.freezeSeconds, 1 hours, 30 days));
            p.thresholdSeconds = uint32(bound(p.thresholdSeconds, 5 minutes, 7 days));
            p.thresholdFloorBps = uint16(bound(p.thresholdFloorBps, 6667, 10_000));
        }
        (bool ok, bytes memory expected) = _model(p);
        if (!ok) vm.expectRevert(expected);
        vm.prank(owner);
        threat.setPolicy(p);
        if (ok) assertEq(abi.encode(threat.policy()), abi.encode(p));
    }

    // ───────────── helpers ─────────────

    function _criticalAlert() internal returns (IPalisadeGuard.Attestation memory a) {
        (, a) = _attestAlert(CRITICAL, _list(_operator(0)));
    }

    /// @dev Every duration of the policy set to `seconds_` (all bounds admit [1 h, 7 d]).
    function _setDurations(uint32 seconds_) internal {
        IThreatResponse.Policy memory p = _policy();
        (p.pauseSeconds, p.servicePauseSeconds, p.freezeSeconds, p.thresholdSeconds) =
        (seconds_, seconds_, seconds_, seconds_);
        vm.prank(owner);
        threat.setPolicy(p);
    }

    /// @dev The bounds of decision 0008, restated: whether `p` is accepted, else the expected error.
    function _model(IThreatResponse.Policy memory p) internal pure returns (bool, bytes memory) {
        string[7] memory names = [
            "maxAlertAge",
            "minSeverity",
            "pauseSeconds",
            "servicePauseSeconds",
            "freezeSeconds",
            "thresholdSeconds",
            "thresholdFloorBps"
        ];
        uint256[7] memory values = [
            uint256(p.maxAlertAge),
            p.minSeverity,
            p.pauseSeconds,
            p.servicePauseSeconds,
            p.freezeSeconds,
            p.thresholdSeconds,
            p.thresholdFloorBps
        ];
        uint256[7] memory mins = [uint256(1), 1, 5 minutes, 5 minutes, 1 hours, 5 minutes, 6667];
        uint256[7] memory maxs = [uint256(7200), 4, 7 days, 7 days, 30 days, 7 days, 10_000];
        for (uint256 i; i < 7; ++i) {
            if (values[i] < mins[i] || values[i] > maxs[i]) {
                return (
                    false,
                    abi.encodeWithSelector(
                        IThreatResponse.PolicyOutOfBounds.selector, names[i], values[i], mins[i], maxs[i]
                    )
                );
            }
        }
        return (true, "");
    }

    function _max(uint64 a, uint64 b) internal pure returns (uint64) {
        return a > b ? a : b;
    }
}
