// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IPalisadeGuard} from "../../../src/guard/IPalisadeGuard.sol";
import {IThreatResponse} from "../../../src/interfaces/IThreatResponse.sol";
import {ThreatFixture} from "../../utils/threat/ThreatFixture.sol";

/// @notice Unit-test base: ThreatFixture with `protocol` opted in for pauses of at most MAX_PAUSE and
///         `stranger` not opted in; operators 0–3 registered (each 25 % of the stake).
abstract contract ThreatUnitBase is ThreatFixture {
    uint32 internal constant MAX_PAUSE = 12 hours;
    uint64 internal constant SERVICE = 7;

    address internal protocol = makeAddr("protocol");
    address internal stranger = makeAddr("stranger");

    function setUp() public virtual override {
        super.setUp();
        vm.prank(protocol);
        threat.optIn(MAX_PAUSE);
    }

    /// @dev A certified alert of `severity` about `protocol`, service SERVICE and `operators`.
    function _attestAlert(uint8 severity, address[] memory operators)
        internal
        returns (IThreatResponse.AlertVerdict memory v, IPalisadeGuard.Attestation memory a)
    {
        v = _alert(severity, protocol, SERVICE, operators);
        a = _certifyAlert(v);
    }

    /// @dev A certified high alert about `protocol` only (no service, no operator): a pause and nothing
    ///      else.
    function _pauseAlert() internal returns (IPalisadeGuard.Attestation memory a) {
        a = _certifyAlert(_alert(HIGH, protocol, 0, _none()));
    }
}
