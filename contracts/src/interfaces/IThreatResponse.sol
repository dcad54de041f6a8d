// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IPalisadeGuard} from "../guard/IPalisadeGuard.sol";
import {IOperatorRegistry} from "./IOperatorRegistry.sol";
import {IServiceManager} from "./IServiceManager.sol";

/// @title Palisade's threat response: bounded, self-expiring actions on operator-attested alerts
///        (decision 0008)
/// @notice Model. The monitor sees an attack; the operators re-derive the alert from the chain with
///         the monitor-alert engine (version 1, `MONITOR_ALERT_V1`) and certify what *they* found (an
///         `AlertVerdict`) in a batch under the ServiceManager's quorum certificate. Anyone then calls `respond` with that certified
///         verdict. Once the verdict is proven (`ServiceManager.verifyVerdict`), recent
///         (`0 ≤ block.number − referenceBlock ≤ maxAlertAge`), for this chain, reproduced, at least
///         `minSeverity` and its alert id never handled before, the contract takes every action that
///         applies:
///
///           pause the protocol     if it opted in: `pausedUntil = max(current, now + min(pauseSeconds,
///                                  its maxPause))`; the protocol reads `isPaused(address(this))`
///                                  (mixin ThreatPausable)
///           pause the service      if `serviceId ≠ 0`: `servicePausedUntil = max(current,
///                                  now + servicePauseSeconds)`; the Marketplace refuses purchases
///           freeze operators       each implicated operator registered in the OperatorRegistry:
///                                  `frozenUntil = max(current, now + freezeSeconds)`; the
///                                  ServiceManager refuses its exit from operator set 0 and the
///                                  DelegationManager its withdrawals (queueing them, and completing
///                                  those queued while delegated to it)
///           raise the threshold    if critical: the ServiceManager certifies with
///                                  `max(quorumThresholdBps, thresholdFloorBps)` until
///                                  `now + thresholdSeconds`
///
///         Every action is a timestamp compared on read (`now < until` is in force): it ends by itself,
///         no keeper and no transaction needed. The owner (the timelock: governance) may lift each one
///         early and sets the policy within fixed bounds. An alert id is handled once, whatever happens
///         later: a lifted action never comes back from the same certificate.
interface IThreatResponse {
    /// @notice The response of the `monitor-alert@1` engine: what an operator node found when it re-ran
    ///         the monitor's detectors on what the alert names. Certified as `abi.encode(AlertVerdict)`.
    struct AlertVerdict {
        /// @dev the alert's id (palisade.alert/1)
        bytes32 alertId;
        /// @dev the chain the alert is about
        uint64 chainId;
        /// @dev false: the detectors found no alert with this id (every field below is then zero)
        bool reproduced;
        /// @dev 0 large-outflow, 1 flash-loan-exploit, 2 ownership-change, 3 proxy-upgrade,
        ///      4 oracle-deviation, 5 approval-drain
        uint8 alertType;
        /// @dev 0 info, 1 low, 2 medium, 3 high, 4 critical
        uint8 severity;
        /// @dev the affected protocol (the reproduced alert's addresses[0])
        address protocol;
        /// @dev the Marketplace service the watch entry maps the protocol to, 0 if none
        uint64 serviceId;
        /// @dev the alert's suspects that were registered Palisade operators at the reference block,
        ///      strictly ascending
        address[] implicatedOperators;
    }

    /// @notice What the owner tunes, each within fixed bounds (see `setPolicy`). 23 bytes: one slot.
    struct Policy {
        /// @dev the oldest alert acted on, in blocks before the current one (inclusive)
        uint32 maxAlertAge;
        /// @dev the least severity acted on (1 low … 4 critical)
        uint8 minSeverity;
        /// @dev how long a protocol is paused (capped by the protocol's own `maxPause`)
        uint32 pauseSeconds;
        /// @dev how long a marketplace service is paused
        uint32 servicePauseSeconds;
        /// @dev how long an implicated operator is frozen
        uint32 freezeSeconds;
        /// @dev how long a critical alert raises the attestation threshold
        uint32 thresholdSeconds;
        /// @dev the threshold a critical alert raises certification to, in basis points
        uint16 thresholdFloorBps;
    }

    /// @notice The leaf (requestHash, keccak256(response), MONITOR_ALERT_V1, referenceBlock) is not in a
    ///         batch the ServiceManager accepted.
    error AlertNotProven(bytes32 batchRoot, bytes32 requestHash);
    /// @notice The alert's reference block is after the current one.
    error AlertFromFuture(uint32 referenceBlock, uint256 currentBlock);
    /// @notice The alert is more than `maxAge` blocks older than the current block.
    error AlertTooOld(uint32 referenceBlock, uint32 maxAge);
    /// @notice The certified response is not the canonical `abi.encode(AlertVerdict)`: the word at byte
    ///         `offset` is wrong (an offset, a value outside its type or range, an operator not above the
    ///         previous one), or `offset` is the length when the length is wrong.
    error MalformedAlertVerdict(uint256 offset);
    /// @notice The alert is about another chain.
    error WrongChain(uint64 chainId, uint256 expected);
    /// @notice This alert id was handled before (a lifted action never comes back from it).
    error AlertAlreadyHandled(bytes32 alertId);
    /// @notice The operators did not reproduce the alert.
    error AlertNotReproduced(bytes32 alertId);
    /// @notice The alert is less severe than the policy acts on.
    error SeverityBelowMinimum(uint8 severity, uint8 minSeverity);
    /// @notice A protocol opts in with a positive maximum pause.
    error ZeroMaxPause();
    /// @notice The protocol never opted in (or opted out).
    error NotOptedIn(address protocol);
    /// @notice A paused protocol cannot opt out before its pause ends (or is lifted).
    error ProtocolStillPaused(address protocol, uint64 until);
    /// @notice Nothing to lift: the protocol is not paused.
    error ProtocolNotPaused(address protocol);
    /// @notice Nothing to lift: the service is not paused.
    error ServiceNotPaused(uint64 serviceId);
    /// @notice Nothing to lift: the operator is not frozen.
    error OperatorNotFrozen(address operator);
    /// @notice Nothing to lift: no threshold floor is in force.
    error ThresholdFloorNotRaised();
    /// @notice A policy field is outside `[min, max]`.
    error PolicyOutOfBounds(string name, uint256 value, uint256 min, uint256 max);
    /// @notice The ServiceManager address is zero.
    error ZeroServiceManager();

    /// @notice A certified alert was handled. `actions` has bit 0 set when the protocol was paused, bit 1
    ///         the service, bit 2 at least one operator frozen, bit 3 the threshold raised (0: the alert
    ///         applied to nothing, and its id is spent all the same).
    event AlertHandled(
        bytes32 indexed alertId,
        bytes32 indexed batchRoot,
        address indexed protocol,
        uint64 serviceId,
        uint8 alertType,
        uint8 severity,
        uint8 actions
    );
    /// @notice `protocol` is paused until `until` (unix seconds, exclusive) because of `alertId`.
    event ProtocolPaused(address indexed protocol, bytes32 indexed alertId, uint64 until);
    /// @notice Marketplace service `serviceId` is paused until `until` because of `alertId`.
    event ServicePaused(uint64 indexed serviceId, bytes32 indexed alertId, uint64 until);
    /// @notice `operator` is frozen until `until` because of `alertId`.
    event OperatorFrozen(address indexed operator, bytes32 indexed alertId, uint64 until);
    /// @notice Certification needs `floorBps` of the stake until `until` because of `alertId`.
    event ThresholdFloorRaised(bytes32 indexed alertId, uint16 floorBps, uint64 until);
    /// @notice The owner `liftedBy` ended `protocol`'s pause early.
    event ProtocolPauseLifted(address indexed protocol, address indexed liftedBy);
    /// @notice The owner `liftedBy` ended service `serviceId`'s pause early.
    event ServicePauseLifted(uint64 indexed serviceId, address indexed liftedBy);
    /// @notice The owner `liftedBy` ended `operator`'s freeze early.
    event OperatorUnfrozen(address indexed operator, address indexed liftedBy);
    /// @notice The owner `liftedBy` ended the threshold floor early.
    event ThresholdFloorLifted(address indexed liftedBy);
    /// @notice `protocol` accepts pauses of at most `maxPauseSeconds` (emitted again when it changes).
    event ProtocolOptedIn(address indexed protocol, uint32 maxPauseSeconds);
    /// @notice `protocol` no longer accepts pauses.
    event ProtocolOptedOut(address indexed protocol);
    /// @notice The owner set the policy.
    event PolicySet(Policy policy);

    // ───────────── anyone ─────────────

    /// @notice Acts on a certified `monitor-alert@1` verdict (see the interface notice); anyone may call.
    /// @param a the certified verdict with its proof, as the aggregator returns it (the `Attestation` of
    ///        IPalisadeGuard: batchRoot, requestHash, referenceBlock, response, proof)
    /// @return actions the bits of `AlertHandled.actions`
    /// @dev Reverts, in this order: `AlertNotProven`, `AlertFromFuture`, `AlertTooOld`,
    ///      `MalformedAlertVerdict`, `WrongChain`, `AlertAlreadyHandled`, `AlertNotReproduced`,
    ///      `SeverityBelowMinimum`.
    function respond(IPalisadeGuard.Attestation calldata a) external returns (uint8 actions);

    // ───────────── protocols ─────────────

    /// @notice The caller (the protocol itself) accepts pauses of at most `maxPauseSeconds` from the next
    ///         alert naming it on. Calling again changes the maximum (for later pauses only).
    function optIn(uint32 maxPauseSeconds) external;

    /// @notice The caller no longer accepts pauses. Refused while it is paused (`ProtocolStillPaused`).
    function optOut() external;

    // ───────────── owner (governance) ─────────────

    /// @notice Owner: ends `protocol`'s pause now.
    function liftProtocolPause(address protocol) external;

    /// @notice Owner: ends service `serviceId`'s pause now.
    function liftServicePause(uint64 serviceId) external;

    /// @notice Owner: ends `operator`'s freeze now.
    function unfreeze(address operator) external;

    /// @notice Owner: ends the threshold floor now.
    function liftThresholdFloor() external;

    /// @notice Owner: sets the policy, each field within its bounds: maxAlertAge [1, MAX_ALERT_AGE_LIMIT]
    ///         blocks, minSeverity [1, 4], pauseSeconds and servicePauseSeconds [5 min, 7 d],
    ///         freezeSeconds [1 h, 30 d], thresholdSeconds [5 min, 7 d], thresholdFloorBps
    ///         [ServiceManager.quorumThresholdBps(), 10 000]. Applies to alerts handled later.
    function setPolicy(Policy calldata policy) external;

    // ───────────── views ─────────────

    /// @notice keccak256("monitor-alert@1"): the engine version of the alerts acted on.
    function MONITOR_ALERT_V1() external view returns (bytes32);
    /// @notice The largest `maxAlertAge` (QuorumVerifier's REFERENCE_WINDOW, in blocks).
    function MAX_ALERT_AGE_LIMIT() external view returns (uint32);
    /// @notice The ServiceManager whose certified batches are trusted.
    function serviceManager() external view returns (IServiceManager);
    /// @notice The OperatorRegistry that says which implicated operators are registered.
    function registry() external view returns (IOperatorRegistry);
    /// @notice The current policy.
    function policy() external view returns (Policy memory);
    /// @notice Whether the alert id was handled.
    function alertHandled(bytes32 alertId) external view returns (bool);
    /// @notice The protocol's maximum pause, 0 if it did not opt in.
    function maxPauseOf(address protocol) external view returns (uint32);
    /// @notice When `protocol`'s pause ends (unix seconds, exclusive; past or 0: not paused).
    function pausedUntil(address protocol) external view returns (uint64);
    /// @notice Whether `protocol` is paused now.
    function isPaused(address protocol) external view returns (bool);
    /// @notice When service `serviceId`'s pause ends (past or 0: not paused).
    function servicePausedUntil(uint64 serviceId) external view returns (uint64);
    /// @notice Whether service `serviceId` is paused now.
    function isServicePaused(uint64 serviceId) external view returns (bool);
    /// @notice When `operator`'s freeze ends (past or 0: not frozen).
    function frozenUntil(address operator) external view returns (uint64);
    /// @notice Whether `operator` is frozen now.
    function isFrozen(address operator) external view returns (bool);
    /// @notice The threshold floor in force now, in basis points; 0 when none is (or it expired).
    function thresholdFloorBps() external view returns (uint16);
    /// @notice When the last threshold floor ends (past or 0: none in force).
    function thresholdFloorUntil() external view returns (uint64);
}
