// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IThreatResponse} from "../interfaces/IThreatResponse.sol";
import {IThreatPausable} from "./IThreatPausable.sol";

/// @title Pauses from Palisade's threat response, for protocols to inherit (decision 0008)
/// @notice Model. The operators certify an alert about the protocol; anyone submits it to the
///         ThreatResponse, which records `pausedUntil[protocol]` (at most the protocol's own `maxPause`
///         ahead). The protocol reads it: every function marked `whenNotThreatPaused` reverts
///         `ProtocolPausedByThreatResponse(until)` while `block.timestamp < until`, and works again at
///         `until` with no transaction. Cost when not paused: one storage read (the address) and one
///         view call; with no ThreatResponse set (address(0)), the storage read only.
///
///         The inheritor decides who may change the ThreatResponse: it calls `_setThreatResponse` from
///         its constructor only (an immutable choice) or from a guarded setter, then
///         `_optInThreatResponse(maxPause)` (the opt-in is the protocol's own call, so it must be made
///         from the protocol's code). A change is refused while the current ThreatResponse has the
///         protocol paused, so that a pause cannot be escaped by switching the check off.
abstract contract ThreatPausable is IThreatPausable {
    IThreatResponse private _threatResponse;

    modifier whenNotThreatPaused() {
        _checkNotThreatPaused();
        _;
    }

    /// @inheritdoc IThreatPausable
    function threatResponse() public view returns (IThreatResponse) {
        return _threatResponse;
    }

    /// @notice Makes this protocol obey `newThreatResponse` (address(0): no check). Reverts
    ///         `ProtocolPausedByThreatResponse` while the current one has the protocol paused.
    function _setThreatResponse(IThreatResponse newThreatResponse) internal {
        _checkNotThreatPaused();
        IThreatResponse previous = _threatResponse;
        _threatResponse = newThreatResponse;
        emit ThreatResponseSet(previous, newThreatResponse);
    }

    /// @notice Opts this protocol in to the current ThreatResponse: pauses of at most `maxPauseSeconds`.
    function _optInThreatResponse(uint32 maxPauseSeconds) internal {
        _threatResponse.optIn(maxPauseSeconds);
    }

    /// @notice Reverts `ProtocolPausedByThreatResponse(until)` while the ThreatResponse has this protocol
    ///         paused; does nothing without a ThreatResponse.
    function _checkNotThreatPaused() internal view {
        IThreatResponse response = _threatResponse;
        if (address(response) == address(0)) return;
        uint64 until = response.pausedUntil(address(this));
        // forge-lint: disable-next-line(block-timestamp) pauses last minutes to days: drift is harmless
        require(block.timestamp >= until, ProtocolPausedByThreatResponse(until));
    }
}
