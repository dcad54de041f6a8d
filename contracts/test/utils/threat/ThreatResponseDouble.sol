// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @notice The reads the hooks make of a ThreatResponse (and the opt-in calls of a protocol), with every
///         answer set by the test: for the unit tests of the ServiceManager, DelegationManager, Marketplace
///         and ThreatPausable hooks in isolation. The real contract is exercised by the threat tests.
contract ThreatResponseDouble {
    mapping(address protocol => uint64) public pausedUntil;
    mapping(uint64 serviceId => uint64) public servicePausedUntil;
    mapping(address operator => uint64) public frozenUntil;
    uint16 public thresholdFloorBps;
    mapping(address protocol => uint32) public maxPauseOf;
    uint256 public optInCalls;

    function setPausedUntil(address protocol, uint64 until) external {
        pausedUntil[protocol] = until;
    }

    function setServicePausedUntil(uint64 serviceId, uint64 until) external {
        servicePausedUntil[serviceId] = until;
    }

    function setFrozenUntil(address operator, uint64 until) external {
        frozenUntil[operator] = until;
    }

    function setThresholdFloorBps(uint16 floorBps) external {
        thresholdFloorBps = floorBps;
    }

    function optIn(uint32 maxPauseSeconds) external {
        maxPauseOf[msg.sender] = maxPauseSeconds;
        ++optInCalls;
    }
}
