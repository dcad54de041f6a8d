// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ThreatResponse} from "../../../src/avs/ThreatResponse.sol";
import {IPalisadeGuard} from "../../../src/guard/IPalisadeGuard.sol";
import {IThreatResponse} from "../../../src/interfaces/IThreatResponse.sol";
import {AlertVerdicts} from "../../../src/libraries/AlertVerdicts.sol";
import {GuardFixture} from "../guard/GuardFixture.sol";
import {AlertBuilder} from "./AlertBuilder.sol";

/// @notice GuardFixture (the real core and AVS, four operators whose keys the test holds, each 25 % of
///         the stake) plus the ThreatResponse of decision 0008, owned by the core's `owner` (governance in
///         these tests) and wired into the ServiceManager and the DelegationManager. `_certifyAlert`
///         certifies a verdict of AlertBuilder for real through `submitBatch`, with the request hash of
///         decision 0008 and the response `abi.encode(AlertVerdict)`.
///
///         Timeline: setUp ends at block REFERENCE_BLOCK + 1 and time START; alerts reference the
///         previous block.
abstract contract ThreatFixture is GuardFixture, AlertBuilder {
    uint256 internal constant START = 1_750_000_000;

    // the policy of these tests
    uint32 internal constant MAX_ALERT_AGE = 50;
    uint8 internal constant MIN_SEVERITY = HIGH;
    uint32 internal constant PAUSE_SECONDS = 1 days;
    uint32 internal constant SERVICE_PAUSE_SECONDS = 2 days;
    uint32 internal constant FREEZE_SECONDS = 14 days;
    uint32 internal constant THRESHOLD_SECONDS = 1 days;
    uint16 internal constant FLOOR_BPS = 9000;

    ThreatResponse internal threat;

    function setUp() public virtual override {
        super.setUp();
        vm.warp(START);
        threat = new ThreatResponse(owner, serviceManager, _policy());
        vm.startPrank(owner);
        serviceManager.setThreatResponse(threat);
        delegation.setThreatResponse(threat);
        vm.stopPrank();
    }

    function _policy() internal pure returns (IThreatResponse.Policy memory) {
        return IThreatResponse.Policy({
            maxAlertAge: MAX_ALERT_AGE,
            minSeverity: MIN_SEVERITY,
            pauseSeconds: PAUSE_SECONDS,
            servicePauseSeconds: SERVICE_PAUSE_SECONDS,
            freezeSeconds: FREEZE_SECONDS,
            thresholdSeconds: THRESHOLD_SECONDS,
            thresholdFloorBps: FLOOR_BPS
        });
    }

    // ───────────── alerts ─────────────

    /// @dev `v` certified by every operator at the last block.
    function _certifyAlert(IThreatResponse.AlertVerdict memory v)
        internal
        returns (IPalisadeGuard.Attestation memory)
    {
        return _certifyAlertResponse(v.alertId, abi.encode(v));
    }

    /// @dev Any response bytes certified as the `monitor-alert@1` answer about `alertId` at the last block.
    function _certifyAlertResponse(bytes32 alertId, bytes memory response)
        internal
        returns (IPalisadeGuard.Attestation memory)
    {
        uint32 judgedAt = _lastBlock();
        return _attest(AlertVerdicts.MONITOR_ALERT_V1, _alertRequest(alertId, judgedAt), judgedAt, response);
    }

    function _lastBlock() internal view returns (uint32) {
        // forge-lint: disable-next-line(unsafe-typecast) test block numbers are small
        return uint32(block.number - 1);
    }

    function _now() internal view returns (uint64) {
        // forge-lint: disable-next-line(unsafe-typecast) unix seconds fit 64 bits
        return uint64(block.timestamp);
    }
}
