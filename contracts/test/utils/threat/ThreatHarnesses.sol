// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ThreatPausable} from "../../../src/guard/ThreatPausable.sol";
import {IThreatResponse} from "../../../src/interfaces/IThreatResponse.sol";
import {AlertVerdicts} from "../../../src/libraries/AlertVerdicts.sol";

/// @notice Exposes AlertVerdicts.decode with the response in calldata, as ThreatResponse has it.
contract AlertVerdictsHarness {
    function decode(bytes calldata response) external pure returns (IThreatResponse.AlertVerdict memory) {
        return AlertVerdicts.decode(response);
    }

    function encode(IThreatResponse.AlertVerdict memory v) external pure returns (bytes memory) {
        return AlertVerdicts.encode(v);
    }
}

/// @notice A protocol inheriting ThreatPausable with one guarded and one unguarded entry point; anyone
///         may change its ThreatResponse (the access control is the inheritor's, not the mixin's).
contract ThreatPausableHarness is ThreatPausable {
    uint256 public guardedCalls;
    uint256 public unguardedCalls;

    function setThreatResponse(IThreatResponse newThreatResponse) external {
        _setThreatResponse(newThreatResponse);
    }

    function optIn(uint32 maxPauseSeconds) external {
        _optInThreatResponse(maxPauseSeconds);
    }

    function guarded() external whenNotThreatPaused {
        ++guardedCalls;
    }

    function unguarded() external {
        ++unguardedCalls;
    }
}
