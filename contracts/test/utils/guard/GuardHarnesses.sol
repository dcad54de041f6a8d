// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {PalisadeGuard} from "../../../src/guard/PalisadeGuard.sol";
import {SecurityVerdicts} from "../../../src/guard/SecurityVerdicts.sol";
import {IServiceManager} from "../../../src/interfaces/IServiceManager.sol";

/// @notice PalisadeGuard's internal checks as external calls (the attestation arrives in calldata, as
///         it does in a real protocol).
contract GuardHarness is PalisadeGuard {
    constructor(IServiceManager serviceManager_, uint32 maxVerdictAge_)
        PalisadeGuard(serviceManager_, maxVerdictAge_)
    {}

    function verifiedVerdict(bytes32 engineVersion, bytes32 subject, Attestation calldata a)
        external
        view
        returns (SecurityVerdicts.SecurityVerdict memory)
    {
        return _verifiedVerdict(engineVersion, subject, a);
    }

    function requireVerdict(
        bytes32 engineVersion,
        bytes32 subject,
        Attestation calldata a,
        uint8 maxVerdict,
        uint256 forbiddenFlags
    ) external view returns (SecurityVerdicts.SecurityVerdict memory) {
        return _requireVerdict(engineVersion, subject, a, maxVerdict, forbiddenFlags);
    }

    function requireVerdictKnown(
        bytes32 engineVersion,
        bytes32 subject,
        Attestation calldata a,
        uint8 maxVerdict,
        uint256 forbiddenFlags,
        uint256 requiredKnown
    ) external view returns (SecurityVerdicts.SecurityVerdict memory) {
        return _requireVerdict(engineVersion, subject, a, maxVerdict, forbiddenFlags, requiredKnown);
    }
}

/// @notice SecurityVerdicts' internal functions as external calls (`decode` reads calldata).
contract SecurityVerdictsHarness {
    function decode(bytes calldata response) external pure returns (SecurityVerdicts.SecurityVerdict memory) {
        return SecurityVerdicts.decode(response);
    }

    function encode(SecurityVerdicts.SecurityVerdict memory v) external pure returns (bytes memory) {
        return SecurityVerdicts.encode(v);
    }
}
