// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IPalisadeGuard} from "../guard/IPalisadeGuard.sol";
import {IOperatorRegistry} from "../interfaces/IOperatorRegistry.sol";
import {IServiceManager} from "../interfaces/IServiceManager.sol";
import {IThreatResponse} from "../interfaces/IThreatResponse.sol";
import {AlertVerdicts} from "../libraries/AlertVerdicts.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";

/// @title Palisade's threat response (see IThreatResponse and decision 0008)
/// @notice Pull, not push: this contract only records until when each action is in force; protocols,
///         the Marketplace, the ServiceManager and the DelegationManager read it. So an action ends
///         without a transaction, and a reverting or gas-hungry protocol cannot keep the other actions
///         of an alert from being taken.
///
///         Timestamps are unix seconds in uint64 and every "until" is exclusive: an action is in force
///         while `block.timestamp < until`. Seconds of validator drift are harmless against durations of
///         minutes to days.
contract ThreatResponse is IThreatResponse, Ownable2Step {
    /// @inheritdoc IThreatResponse
    bytes32 public constant MONITOR_ALERT_V1 = AlertVerdicts.MONITOR_ALERT_V1;
    /// @inheritdoc IThreatResponse
    /// @dev Equal to QuorumVerifier.REFERENCE_WINDOW (a day of 12-second blocks): no batch is certified
    ///      more than that after its reference block.
    uint32 public constant MAX_ALERT_AGE_LIMIT = 7200;

    /// @dev Bounds of the policy (decision 0008). Pauses are at least five minutes (shorter ones would end
    ///      before anyone could look at the alert) and at most a week (governance acts within a timelock
    ///      delay); freezes outlast a governance vote on a slash (up to 30 days, the core's longest delay).
    uint32 internal constant MIN_PAUSE_SECONDS = 5 minutes;
    uint32 internal constant MAX_PAUSE_SECONDS = 7 days;
    uint32 internal constant MIN_FREEZE_SECONDS = 1 hours;
    uint32 internal constant MAX_FREEZE_SECONDS = 30 days;
    uint8 internal constant MIN_SEVERITY_LOW = 1;
    uint16 internal constant MAX_BPS = 10_000;

    /// @dev bits of `AlertHandled.actions`
    uint8 internal constant ACTION_PAUSE_PROTOCOL = 1;
    uint8 internal constant ACTION_PAUSE_SERVICE = 2;
    uint8 internal constant ACTION_FREEZE_OPERATORS = 4;
    uint8 internal constant ACTION_RAISE_THRESHOLD = 8;

    /// @dev A protocol's opt-in and pause share one slot.
    struct ProtocolState {
        /// @dev 0: not opted in
        uint32 maxPause;
        uint64 pausedUntil;
    }

    /// @dev The floor and its end share one slot.
    struct ThresholdFloor {
        uint16 floorBps;
        uint64 until;
    }

    /// @inheritdoc IThreatResponse
    IServiceManager public immutable serviceManager;
    /// @inheritdoc IThreatResponse
    IOperatorRegistry public immutable registry;

    Policy internal _policy;
    ThresholdFloor internal _floor;
    mapping(address protocol => ProtocolState) internal _protocols;
    mapping(uint64 serviceId => uint64 until) internal _servicePausedUntil;
    mapping(address operator => uint64 until) internal _frozenUntil;
    mapping(bytes32 alertId => bool) internal _handled;

    /// @param initialOwner the owner (the timelock in deployments)
    /// @param serviceManager_ the ServiceManager whose certified batches are trusted
    /// @param initialPolicy the policy, within the bounds of `setPolicy`
    constructor(address initialOwner, IServiceManager serviceManager_, Policy memory initialPolicy)
        Ownable(initialOwner)
    {
        require(address(serviceManager_) != address(0), ZeroServiceManager());
        serviceManager = serviceManager_;
        registry = serviceManager_.registry();
        _setPolicy(initialPolicy);
    }

    // ───────────── anyone ─────────────

    /// @inheritdoc IThreatResponse
    function respond(IPalisadeGuard.Attestation calldata a) external returns (uint8 actions) {
        Policy memory p = _policy;
        AlertVerdict memory v = _verifiedAlert(a, p.maxAlertAge);
        require(v.chainId == block.chainid, WrongChain(v.chainId, block.chainid));
        require(!_handled[v.alertId], AlertAlreadyHandled(v.alertId));
        require(v.reproduced, AlertNotReproduced(v.alertId));
        require(v.severity >= p.minSeverity, SeverityBelowMinimum(v.severity, p.minSeverity));
        _handled[v.alertId] = true;

        if (_pauseProtocol(v.protocol, v.alertId, p.pauseSeconds)) actions |= ACTION_PAUSE_PROTOCOL;
        if (v.serviceId != 0) {
            _extendServicePause(v.serviceId, v.alertId, p.servicePauseSeconds);
            actions |= ACTION_PAUSE_SERVICE;
        }
        if (_freezeOperators(v.implicatedOperators, v.alertId, p.freezeSeconds)) {
            actions |= ACTION_FREEZE_OPERATORS;
        }
        if (v.severity == AlertVerdicts.SEVERITY_CRITICAL) {
            _raiseThresholdFloor(v.alertId, p.thresholdFloorBps, p.thresholdSeconds);
            actions |= ACTION_RAISE_THRESHOLD;
        }
        emit AlertHandled(v.alertId, a.batchRoot, v.protocol, v.serviceId, v.alertType, v.severity, actions);
    }

    // ───────────── protocols ─────────────

    /// @inheritdoc IThreatResponse
    function optIn(uint32 maxPauseSeconds) external {
        require(maxPauseSeconds != 0, ZeroMaxPause());
        _protocols[msg.sender].maxPause = maxPauseSeconds;
        emit ProtocolOptedIn(msg.sender, maxPauseSeconds);
    }

    /// @inheritdoc IThreatResponse
    function optOut() external {
        ProtocolState storage state = _protocols[msg.sender];
        require(state.maxPause != 0, NotOptedIn(msg.sender));
        uint64 until = state.pausedUntil;
        require(!_inForce(until), ProtocolStillPaused(msg.sender, until));
        state.maxPause = 0;
        emit ProtocolOptedOut(msg.sender);
    }

    // ───────────── owner ─────────────

    /// @inheritdoc IThreatResponse
    function liftProtocolPause(address protocol) external onlyOwner {
        ProtocolState storage state = _protocols[protocol];
        require(_inForce(state.pausedUntil), ProtocolNotPaused(protocol));
        state.pausedUntil = 0;
        emit ProtocolPauseLifted(protocol, msg.sender);
    }

    /// @inheritdoc IThreatResponse
    function liftServicePause(uint64 serviceId) external onlyOwner {
        require(_inForce(_servicePausedUntil[serviceId]), ServiceNotPaused(serviceId));
        delete _servicePausedUntil[serviceId];
        emit ServicePauseLifted(serviceId, msg.sender);
    }

    /// @inheritdoc IThreatResponse
    function unfreeze(address operator) external onlyOwner {
        require(_inForce(_frozenUntil[operator]), OperatorNotFrozen(operator));
        delete _frozenUntil[operator];
        emit OperatorUnfrozen(operator, msg.sender);
    }

    /// @inheritdoc IThreatResponse
    function liftThresholdFloor() external onlyOwner {
        require(_inForce(_floor.until), ThresholdFloorNotRaised());
        delete _floor;
        emit ThresholdFloorLifted(msg.sender);
    }

    /// @inheritdoc IThreatResponse
    function setPolicy(Policy calldata newPolicy) external onlyOwner {
        _setPolicy(newPolicy);
    }

    // ───────────── views ─────────────

    /// @inheritdoc IThreatResponse
    function policy() external view returns (Policy memory) {
        return _policy;
    }

    /// @inheritdoc IThreatResponse
    function alertHandled(bytes32 alertId) external view returns (bool) {
        return _handled[alertId];
    }

    /// @inheritdoc IThreatResponse
    function maxPauseOf(address protocol) external view returns (uint32) {
        return _protocols[protocol].maxPause;
    }

    /// @inheritdoc IThreatResponse
    function pausedUntil(address protocol) external view returns (uint64) {
        return _protocols[protocol].pausedUntil;
    }

    /// @inheritdoc IThreatResponse
    function isPaused(address protocol) external view returns (bool) {
        return _inForce(_protocols[protocol].pausedUntil);
    }

    /// @inheritdoc IThreatResponse
    function servicePausedUntil(uint64 serviceId) external view returns (uint64) {
        return _servicePausedUntil[serviceId];
    }

    /// @inheritdoc IThreatResponse
    function isServicePaused(uint64 serviceId) external view returns (bool) {
        return _inForce(_servicePausedUntil[serviceId]);
    }

    /// @inheritdoc IThreatResponse
    function frozenUntil(address operator) external view returns (uint64) {
        return _frozenUntil[operator];
    }

    /// @inheritdoc IThreatResponse
    function isFrozen(address operator) external view returns (bool) {
        return _inForce(_frozenUntil[operator]);
    }

    /// @inheritdoc IThreatResponse
    function thresholdFloorBps() external view returns (uint16) {
        ThresholdFloor memory floor = _floor;
        return _inForce(floor.until) ? floor.floorBps : 0;
    }

    /// @inheritdoc IThreatResponse
    function thresholdFloorUntil() external view returns (uint64) {
        return _floor.until;
    }

    // ───────────── internal: checks ─────────────

    /// @dev The decoded verdict of `a`, once proven to be a certified `monitor-alert@1` verdict at most
    ///      `maxAge` blocks old and not from the future.
    function _verifiedAlert(IPalisadeGuard.Attestation calldata a, uint32 maxAge)
        internal
        view
        returns (AlertVerdict memory)
    {
        IServiceManager.Verdict memory leaf = IServiceManager.Verdict({
            requestHash: a.requestHash,
            responseHash: keccak256(a.response),
            engineVersion: MONITOR_ALERT_V1,
            referenceBlock: a.referenceBlock
        });
        require(
            serviceManager.verifyVerdict(a.batchRoot, leaf, a.proof),
            AlertNotProven(a.batchRoot, a.requestHash)
        );
        require(a.referenceBlock <= block.number, AlertFromFuture(a.referenceBlock, block.number));
        require(block.number - a.referenceBlock <= maxAge, AlertTooOld(a.referenceBlock, maxAge));
        return AlertVerdicts.decode(a.response);
    }

    // ───────────── internal: actions ─────────────

    /// @dev Pauses an opted-in protocol for `min(seconds_, its maxPause)`; false when it did not opt in.
    function _pauseProtocol(address protocol, bytes32 alertId, uint32 seconds_) internal returns (bool) {
        ProtocolState storage state = _protocols[protocol];
        uint32 maxPause = state.maxPause;
        if (maxPause == 0) return false;
        uint64 until = _extended(state.pausedUntil, seconds_ < maxPause ? seconds_ : maxPause);
        state.pausedUntil = until;
        emit ProtocolPaused(protocol, alertId, until);
        return true;
    }

    function _extendServicePause(uint64 serviceId, bytes32 alertId, uint32 seconds_) internal {
        uint64 until = _extended(_servicePausedUntil[serviceId], seconds_);
        _servicePausedUntil[serviceId] = until;
        emit ServicePaused(serviceId, alertId, until);
    }

    /// @dev Freezes every implicated operator registered now; false when none is.
    function _freezeOperators(address[] memory operators, bytes32 alertId, uint32 seconds_)
        internal
        returns (bool frozen)
    {
        for (uint256 i; i < operators.length; ++i) {
            address operator = operators[i];
            // the verdict names operators registered at its reference block; one that left since is no
            // longer Palisade's to hold (its stake follows the core's deallocation delay)
            if (!registry.isRegistered(operator)) continue;
            uint64 until = _extended(_frozenUntil[operator], seconds_);
            _frozenUntil[operator] = until;
            emit OperatorFrozen(operator, alertId, until);
            frozen = true;
        }
    }

    /// @dev The floor in force becomes the higher of the current one (if in force) and `floorBps`, until
    ///      the later of the two ends.
    function _raiseThresholdFloor(bytes32 alertId, uint16 floorBps, uint32 seconds_) internal {
        ThresholdFloor memory current = _floor;
        if (_inForce(current.until) && current.floorBps > floorBps) floorBps = current.floorBps;
        uint64 until = _extended(current.until, seconds_);
        _floor = ThresholdFloor({floorBps: floorBps, until: until});
        emit ThresholdFloorRaised(alertId, floorBps, until);
    }

    // ───────────── internal: policy and time ─────────────

    function _setPolicy(Policy memory p) internal {
        _checkBound("maxAlertAge", p.maxAlertAge, 1, MAX_ALERT_AGE_LIMIT);
        _checkBound("minSeverity", p.minSeverity, MIN_SEVERITY_LOW, AlertVerdicts.SEVERITY_CRITICAL);
        _checkBound("pauseSeconds", p.pauseSeconds, MIN_PAUSE_SECONDS, MAX_PAUSE_SECONDS);
        _checkBound("servicePauseSeconds", p.servicePauseSeconds, MIN_PAUSE_SECONDS, MAX_PAUSE_SECONDS);
        _checkBound("freezeSeconds", p.freezeSeconds, MIN_FREEZE_SECONDS, MAX_FREEZE_SECONDS);
        _checkBound("thresholdSeconds", p.thresholdSeconds, MIN_PAUSE_SECONDS, MAX_PAUSE_SECONDS);
        // below the ServiceManager's own threshold a "floor" would lower nothing; above 100 % is meaningless
        _checkBound("thresholdFloorBps", p.thresholdFloorBps, serviceManager.quorumThresholdBps(), MAX_BPS);
        _policy = p;
        emit PolicySet(p);
    }

    function _checkBound(string memory name, uint256 value, uint256 min, uint256 max) internal pure {
        require(value >= min && value <= max, PolicyOutOfBounds(name, value, min, max));
    }

    /// @dev `max(current, now + seconds_)`: a second alert never shortens what a first imposed.
    function _extended(uint64 current, uint32 seconds_) internal view returns (uint64) {
        // unix seconds fit 64 bits for ever; seconds_ ≤ 30 days
        uint64 until = uint64(block.timestamp) + seconds_;
        return until > current ? until : current;
    }

    /// @dev Whether an action ending at `until` is in force now.
    function _inForce(uint64 until) internal view returns (bool) {
        // forge-lint: disable-next-line(block-timestamp) durations are minutes to days: drift is harmless
        return block.timestamp < until;
    }
}
