// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ThreatResponse} from "../../../src/avs/ThreatResponse.sol";
import {IPalisadeGuard} from "../../../src/guard/IPalisadeGuard.sol";
import {IAllocationManager} from "../../../src/interfaces/IAllocationManager.sol";
import {IThreatResponse} from "../../../src/interfaces/IThreatResponse.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Certifies alerts through the real ServiceManager (the invariant test, which holds the keys).
interface IAlertCertifier {
    function certifyAlert(IThreatResponse.AlertVerdict memory v)
        external
        returns (IPalisadeGuard.Attestation memory);
    function registeredOperatorCount() external view returns (uint256);
}

/// @notice Drives the ThreatResponse with random certified alerts (random severity, protocol, service and
///         implicated operators), replays of handled alerts, the owner's early lifts, policy changes,
///         operators trying to leave operator set 0, and passing time. It keeps a model of what each
///         target should be held until (the contract's rules restated), the latest end ever granted to
///         each target, and a sequence number of each target's last imposition and last lift.
contract ThreatResponseHandler is CommonBase, StdCheats, StdUtils {
    uint256 internal constant OPERATORS = 4;
    uint256 internal constant SERVICES = 3;

    ThreatResponse internal immutable threat;
    IAlertCertifier internal immutable certifier;
    IAllocationManager internal immutable allocationManager;
    address internal immutable serviceManager;
    address internal immutable owner;

    /// @notice protocols[0] and [1] opted in (1 h and 3 d), protocols[2] did not
    address[] public protocols;
    address[] public operators;

    IPalisadeGuard.Attestation[] internal handled;

    // the model: what the contract should record, per target (key: address or service id)
    mapping(address => uint64) public modelPausedUntil;
    mapping(uint64 => uint64) public modelServicePausedUntil;
    mapping(address => uint64) public modelFrozenUntil;
    uint64 public modelFloorUntil;
    uint16 public modelFloorBps;

    // the latest end any alert granted each target (a lift never raises it)
    mapping(bytes32 target => uint64) public latestEnd;
    // sequence numbers of each target's last imposition and last lift
    uint256 internal seq;
    mapping(bytes32 target => uint256) public lastImposed;
    mapping(bytes32 target => uint256) public lastLifted;

    uint256 public handledCount;
    /// @notice replays of a handled alert that were accepted (must stay 0)
    uint256 public replaysAccepted;
    /// @notice exits that went through while the operator was frozen (must stay 0)
    uint256 public exitsWhileFrozen;
    /// @notice responds the model expected to succeed that reverted, or the reverse (must stay 0)
    uint256 public unexpectedOutcomes;
    mapping(bytes32 action => uint256) public calls;

    constructor(
        ThreatResponse threat_,
        IAlertCertifier certifier_,
        IAllocationManager allocationManager_,
        address serviceManager_,
        address owner_,
        address[] memory operators_
    ) {
        (threat, certifier, allocationManager, serviceManager, owner) =
        (threat_, certifier_, allocationManager_, serviceManager_, owner_);
        operators = operators_;
        protocols.push(makeAddr("protocol A"));
        protocols.push(makeAddr("protocol B"));
        protocols.push(makeAddr("protocol C (not opted in)"));
        vm.prank(protocols[0]);
        threat.optIn(1 hours);
        vm.prank(protocols[1]);
        threat.optIn(3 days);
    }

    // ───────────── actions ─────────────

    /// @notice The operators certify a random alert; anyone responds with it.
    function alert(uint256 severitySeed, uint256 protocolSeed, uint256 serviceSeed, uint256 operatorMask)
        external
    {
        IThreatResponse.AlertVerdict memory v;
        v.alertId = keccak256(abi.encode("invariant alert", handledCount, calls["alert"]));
        // forge-lint: disable-next-line(unsafe-typecast) chain ids fit 64 bits
        v.chainId = uint64(block.chainid);
        v.reproduced = severitySeed % 8 != 0;
        // forge-lint: disable-next-line(unsafe-typecast) below 6
        v.alertType = uint8(severitySeed % 6);
        // medium, high or critical: two thirds act (below the policy's minimum, high, is refused)
        // forge-lint: disable-next-line(unsafe-typecast) at most 4
        v.severity = v.reproduced ? uint8(2 + (severitySeed >> 8) % 3) : 0;
        v.protocol = protocols[protocolSeed % protocols.length];
        // forge-lint: disable-next-line(unsafe-typecast) below SERVICES
        v.serviceId = uint64(serviceSeed % SERVICES);
        v.implicatedOperators = _subset(operatorMask);
        if (!v.reproduced) {
            (v.protocol, v.serviceId, v.implicatedOperators) = (address(0), 0, new address[](0));
        }
        IPalisadeGuard.Attestation memory a = certifier.certifyAlert(v);

        IThreatResponse.Policy memory p = threat.policy();
        bool acts = v.reproduced && v.severity >= p.minSeverity;
        try threat.respond(a) {
            if (!acts) ++unexpectedOutcomes;
            handled.push(a);
            ++handledCount;
            _model(v, p);
            ++calls["alert handled"];
        } catch {
            if (acts) ++unexpectedOutcomes;
            ++calls["alert refused"];
        }
        ++calls["alert"];
    }

    /// @notice Someone submits a handled alert again (if still recent enough to pass the age check).
    function replay(uint256 which) external {
        if (handled.length == 0) return;
        try threat.respond(handled[which % handled.length]) {
            ++replaysAccepted;
        } catch {}
        ++calls["replay"];
    }

    /// @notice The owner lifts one action early (when one is in force).
    function lift(uint256 kind, uint256 which) external {
        bytes32 target;
        vm.startPrank(owner);
        if (kind % 4 == 0) {
            address protocol = protocols[which % protocols.length];
            if (!threat.isPaused(protocol)) {
                vm.stopPrank();
                return;
            }
            threat.liftProtocolPause(protocol);
            modelPausedUntil[protocol] = 0;
            target = keyOf(protocol);
        } else if (kind % 4 == 1) {
            // forge-lint: disable-next-line(unsafe-typecast) below SERVICES
            uint64 serviceId = uint64(which % SERVICES);
            if (!threat.isServicePaused(serviceId)) {
                vm.stopPrank();
                return;
            }
            threat.liftServicePause(serviceId);
            modelServicePausedUntil[serviceId] = 0;
            target = serviceKeyOf(serviceId);
        } else if (kind % 4 == 2) {
            address operator = operators[which % operators.length];
            if (!threat.isFrozen(operator)) {
                vm.stopPrank();
                return;
            }
            threat.unfreeze(operator);
            modelFrozenUntil[operator] = 0;
            target = keyOf(operator);
        } else {
            if (threat.thresholdFloorBps() == 0) {
                vm.stopPrank();
                return;
            }
            threat.liftThresholdFloor();
            (modelFloorUntil, modelFloorBps) = (0, 0);
            target = FLOOR;
        }
        vm.stopPrank();
        lastLifted[target] = ++seq;
        ++calls["lift"];
    }

    /// @notice The owner changes the durations (within bounds).
    function setPolicy(uint32 pause, uint32 servicePause, uint32 freeze, uint32 threshold) external {
        IThreatResponse.Policy memory p = threat.policy();
        p.pauseSeconds = uint32(bound(pause, 5 minutes, 7 days));
        p.servicePauseSeconds = uint32(bound(servicePause, 5 minutes, 7 days));
        p.freezeSeconds = uint32(bound(freeze, 1 hours, 30 days));
        p.thresholdSeconds = uint32(bound(threshold, 5 minutes, 7 days));
        vm.prank(owner);
        threat.setPolicy(p);
        ++calls["setPolicy"];
    }

    /// @notice An operator tries to leave operator set 0 (two always stay: alerts need signers, and
    ///         freezes need operators).
    function exit(uint256 which) external {
        if (certifier.registeredOperatorCount() <= 2) return;
        address operator = operators[which % operators.length];
        bool frozen = threat.isFrozen(operator);
        vm.prank(operator);
        try allocationManager.deregisterFromOperatorSets(
            IAllocationManager.DeregisterParams({
                operator: operator, avs: serviceManager, operatorSetIds: new uint32[](1)
            })
        ) {
            if (frozen) ++exitsWhileFrozen;
            // the next certificates reference a block after the exit
            vm.roll(block.number + 1);
            ++calls["exit"];
        } catch {
            ++calls["exit refused"];
        }
    }

    function advance(uint256 secondsSeed) external {
        vm.warp(block.timestamp + bound(secondsSeed, 1, 10 days));
        vm.roll(block.number + 1);
        ++calls["advance"];
    }

    // ───────────── model ─────────────

    bytes32 public constant FLOOR = keccak256("threshold floor");

    function _model(IThreatResponse.AlertVerdict memory v, IThreatResponse.Policy memory p) internal {
        if (!v.reproduced || v.severity < p.minSeverity) return;
        uint32 maxPause = threat.maxPauseOf(v.protocol);
        if (maxPause != 0) {
            uint64 end = _end(p.pauseSeconds < maxPause ? p.pauseSeconds : maxPause);
            modelPausedUntil[v.protocol] = _max(modelPausedUntil[v.protocol], end);
            _imposed(keyOf(v.protocol), end);
        }
        if (v.serviceId != 0) {
            uint64 end = _end(p.servicePauseSeconds);
            modelServicePausedUntil[v.serviceId] = _max(modelServicePausedUntil[v.serviceId], end);
            _imposed(serviceKeyOf(v.serviceId), end);
        }
        for (uint256 i; i < v.implicatedOperators.length; ++i) {
            address operator = v.implicatedOperators[i];
            if (!threat.registry().isRegistered(operator)) continue;
            uint64 end = _end(p.freezeSeconds);
            modelFrozenUntil[operator] = _max(modelFrozenUntil[operator], end);
            _imposed(keyOf(operator), end);
        }
        if (v.severity == 4) {
            // forge-lint: disable-next-line(block-timestamp) the model restates the contract's rule
            bool inForce = block.timestamp < modelFloorUntil;
            modelFloorBps =
                inForce && modelFloorBps > p.thresholdFloorBps ? modelFloorBps : p.thresholdFloorBps;
            uint64 end = _end(p.thresholdSeconds);
            modelFloorUntil = _max(modelFloorUntil, end);
            _imposed(FLOOR, end);
        }
    }

    function _imposed(bytes32 target, uint64 end) internal {
        lastImposed[target] = ++seq;
        if (end > latestEnd[target]) latestEnd[target] = end;
    }

    function _end(uint32 seconds_) internal view returns (uint64) {
        // forge-lint: disable-next-line(unsafe-typecast) unix seconds fit 64 bits
        return uint64(block.timestamp) + seconds_;
    }

    function _max(uint64 a, uint64 b) internal pure returns (uint64) {
        return a > b ? a : b;
    }

    // ───────────── helpers ─────────────

    function protocolCount() external view returns (uint256) {
        return protocols.length;
    }

    function operatorCount() external view returns (uint256) {
        return operators.length;
    }

    function serviceCount() external pure returns (uint256) {
        return SERVICES;
    }

    function keyOf(address account) public pure returns (bytes32) {
        return bytes32(uint256(uint160(account)));
    }

    function serviceKeyOf(uint64 serviceId) public pure returns (bytes32) {
        return keccak256(abi.encode("service", serviceId));
    }

    /// @dev The operators of `mask`'s low bits, ascending (a verdict's order), plus one outsider on bit 4.
    function _subset(uint256 mask) internal returns (address[] memory list) {
        address[] memory candidates = new address[](OPERATORS + 1);
        uint256 n;
        for (uint256 i; i < OPERATORS; ++i) {
            if ((mask >> i) & 1 != 0) candidates[n++] = operators[i];
        }
        if ((mask >> OPERATORS) & 1 != 0) candidates[n++] = makeAddr("not an operator");
        list = new address[](n);
        for (uint256 i; i < n; ++i) {
            list[i] = candidates[i];
        }
        // insertion sort (n ≤ 5)
        for (uint256 i = 1; i < n; ++i) {
            for (uint256 j = i; j > 0 && list[j - 1] > list[j]; --j) {
                (list[j - 1], list[j]) = (list[j], list[j - 1]);
            }
        }
    }
}
