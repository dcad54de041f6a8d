// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IThreatResponse} from "../interfaces/IThreatResponse.sol";

/// @title What a protocol inheriting ThreatPausable exposes: the ThreatResponse it obeys, its event
///        and the error of a paused entry point (decision 0008)
/// @notice A protocol opts in to Palisade's threat response (`ThreatResponse.optIn(maxPause)`, called by
///         the protocol itself) and guards its exploitable entry points with `whenNotThreatPaused`:
///         while a certified alert about the protocol has it paused, they revert
///         `ProtocolPausedByThreatResponse(until)`. The pause ends by itself at `until`.
interface IThreatPausable {
    /// @notice The ThreatResponse has this protocol paused until `until` (unix seconds, exclusive).
    error ProtocolPausedByThreatResponse(uint64 until);

    /// @notice The protocol now obeys `current` (address(0): no threat-response check).
    event ThreatResponseSet(IThreatResponse indexed previous, IThreatResponse indexed current);

    /// @notice The ThreatResponse whose pauses this protocol obeys; address(0): none.
    function threatResponse() external view returns (IThreatResponse);
}
