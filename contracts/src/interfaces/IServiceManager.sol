// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {BLS12381} from "../libraries/BLS12381.sol";
import {SlashRequestId} from "../types/SlashRequestId.sol";
import {IAllocationManager} from "./IAllocationManager.sol";
import {IOperatorRegistry} from "./IOperatorRegistry.sol";
import {IQuorumVerifier} from "./IQuorumVerifier.sol";
import {IStrategy} from "./IStrategy.sol";
import {IThreatResponse} from "./IThreatResponse.sol";

/// @title Palisade's AVS: the one entry point for operators, attestations and slashing
/// @notice At construction it names itself the AVS registrar in the core AllocationManager and
///         creates operator set 0 with itself as slasher. Operators join by calling
///         `AllocationManager.registerForOperatorSets(operator, {avs: serviceManager, [0], data})`
///         with `data = abi.encode(IOperatorRegistry.RegistrationParams)`; the core calls back
///         `registerOperator`, which forwards to the OperatorRegistry. The aggregator submits a batch
///         of verdicts as one Merkle root under one quorum certificate; anyone checks a verdict with its
///         proof. Slashing: a requester files a request with evidence, the veto committee may veto it
///         within the veto window, then anyone executes it; signing two conflicting verdicts is
///         slashed at once by anyone holding both signatures. Pause groups: 0 registration,
///         1 attestations, 2 slashing (requests, execution, equivocation; vetoes are never paused).
interface IServiceManager {
    /// @notice One security verdict; a batch's leaves are `AttestationLib.verdictLeaf(verdict)`.
    struct Verdict {
        bytes32 requestHash;
        bytes32 responseHash;
        bytes32 engineVersion;
        uint32 referenceBlock;
    }

    /// @notice What a submitted batch proved.
    struct Batch {
        uint32 referenceBlock;
        uint32 submittedBlock;
        uint32 verdictCount;
        uint128 signedStake;
        uint128 totalStake;
    }

    /// @notice One operator's signed batch with one of its verdicts (evidence of equivocation).
    struct Attestation {
        bytes32 batchRoot;
        uint32 referenceBlock;
        /// @dev the operator's own signature over `attestationDigest(batchRoot, referenceBlock)`
        BLS12381.G2Point signature;
        Verdict verdict;
        bytes32[] proof;
    }

    enum SlashStatus {
        None,
        Pending,
        Vetoed,
        Executed
    }

    struct SlashRequest {
        address operator;
        /// @dev block number: vetoes before it, execution from it on
        uint64 vetoDeadline;
        SlashStatus status;
        uint256 wadToSlash;
        bytes32 evidenceHash;
        IStrategy[] strategies;
    }

    /// @notice The call did not come from the core AllocationManager.
    error NotAllocationManager(address caller);
    /// @notice A registrar hook named another AVS.
    error WrongAVS(address avs);
    /// @notice Operators register for exactly operator set 0.
    error UnsupportedOperatorSets(uint32[] operatorSetIds);
    /// @notice A batch with this root was already submitted.
    error BatchAlreadySubmitted(bytes32 batchRoot);
    /// @notice A batch needs at least one verdict.
    error EmptyBatch();
    error NotSlashRequester(address caller);
    error NotVetoCommittee(address caller);
    /// @notice The request is not pending (unknown, vetoed or executed).
    error SlashNotPending(SlashRequestId id, SlashStatus status);
    /// @notice The veto window ended at block `vetoDeadline`.
    error VetoWindowClosed(SlashRequestId id, uint64 vetoDeadline);
    /// @notice The veto window is still open until block `vetoDeadline`.
    error VetoWindowOpen(SlashRequestId id, uint64 vetoDeadline);
    /// @notice A slash needs at least one strategy and a wad in (0, 1e18].
    error InvalidSlashParams();
    /// @notice The operator is unknown to the registry.
    error UnknownOperator(address operator);
    /// @notice The two verdicts do not conflict (different request, engine or block, or same response).
    error NotConflicting();
    /// @notice A verdict is not in the attested batch.
    error InvalidMerkleProof(bytes32 batchRoot);
    /// @notice An attestation's signature does not verify against the operator's key.
    error InvalidAttestationSignature(address operator, bytes32 batchRoot);
    /// @notice The operator was already slashed for equivocating on this request.
    error AlreadySlashedForEquivocation(address operator, bytes32 requestHash);
    error VetoWindowOutOfBounds(uint64 window, uint64 min, uint64 max);
    /// @notice A veto window (blocks) must end before an exiting operator stops being slashable, i.e.
    ///         be strictly below the core's `deallocationDelay` (blocks).
    error VetoWindowNotBelowDeallocationDelay(uint64 window, uint32 deallocationDelay);
    /// @notice The operator is not a member of operator set 0, so nothing guarantees it is still
    ///         slashable at block `vetoDeadline` (it may already be on its way out).
    error NotSlashableUntilDeadline(address operator, uint64 vetoDeadline);
    error InvalidWad(uint256 wad);
    /// @notice A task's engine id must be 1 to `MAX_ENGINE_ID_LENGTH` bytes.
    error InvalidEngineIdLength(uint256 length, uint256 max);
    /// @notice A task's request must be 1 to `MAX_TASK_REQUEST_LENGTH` bytes.
    error InvalidTaskRequestLength(uint256 length, uint256 max);

    event BatchAttested(
        bytes32 indexed batchRoot,
        uint32 referenceBlock,
        uint32 verdictCount,
        uint256 signedStake,
        uint256 totalStake
    );
    /// @notice A task was requested on-chain: operator nodes run `engine` on `request` at
    ///         `referenceBlock` and the aggregator certifies the answer like a task opened over HTTP.
    event TaskRequested(
        uint64 indexed taskNumber,
        address indexed requester,
        string engine,
        bytes request,
        uint32 referenceBlock
    );
    event SlashRequested(
        SlashRequestId indexed id,
        address indexed operator,
        uint256 wadToSlash,
        IStrategy[] strategies,
        string evidenceURI,
        bytes32 evidenceHash,
        uint64 vetoDeadline
    );
    event SlashVetoed(SlashRequestId indexed id, address indexed vetoedBy);
    event SlashExecuted(SlashRequestId indexed id, address indexed operator, uint256 coreSlashId);
    event EquivocationSlashed(
        address indexed operator, bytes32 indexed requestHash, address indexed prover, uint256 coreSlashId
    );
    event QuorumThresholdSet(uint16 previous, uint16 current);
    event SlashRequesterSet(address indexed previous, address indexed current);
    event VetoCommitteeSet(address indexed previous, address indexed current);
    event VetoWindowSet(uint64 previous, uint64 current);
    event EquivocationWadSet(uint256 previous, uint256 current);
    /// @notice The ThreatResponse read for exits and the threshold floor changed (address(0): none).
    event ThreatResponseSet(IThreatResponse indexed previous, IThreatResponse indexed current);

    // ───────────── attestations ─────────────

    /// @notice Anyone (the aggregator): records a batch of `verdictCount` verdicts under `batchRoot`,
    ///         certified by operators holding at least `effectiveQuorumThresholdBps()` of the stake
    ///         registered at `referenceBlock`, who signed `attestationDigest(batchRoot, referenceBlock)`.
    function submitBatch(
        bytes32 batchRoot,
        uint32 referenceBlock,
        uint32 verdictCount,
        IQuorumVerifier.NonSignerParams calldata params,
        BLS12381.G2Point calldata sigma
    ) external;

    /// @notice Anyone: asks the operators to attest `engine`'s answer to `request`, as if the task were
    ///         posted to the aggregator's `POST /v1/tasks`. Emits `TaskRequested` with the next task
    ///         number (from 1) and `referenceBlock = block.number − 1` (the last block whose state is
    ///         final when the event is seen). Stores nothing but the counter: the event is the task.
    /// @param engine an engine id such as `address-basics@1`, 1 to 64 bytes
    /// @param request the engine request WITHOUT `referenceBlock`, as the UTF-8 bytes of its JSON,
    ///        e.g. `{"address":"0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045"}`; 1 to 4096 bytes. The
    ///        contract does not parse it: a request an engine rejects (bad JSON, unknown engine) is
    ///        ignored off-chain and never certified.
    /// @return taskNumber the task's sequence number in this ServiceManager
    function requestTask(string calldata engine, bytes calldata request) external returns (uint64 taskNumber);

    /// @notice Whether `verdict` belongs to the submitted batch `batchRoot` (false for unknown roots).
    function verifyVerdict(bytes32 batchRoot, Verdict calldata verdict, bytes32[] calldata proof)
        external
        view
        returns (bool);

    // ───────────── slashing ─────────────

    /// @notice Slash requester: files a request to slash `wadToSlash` of `operator`'s allocation in each
    ///         of `strategies`, executable from block `block.number + vetoWindow` on. The operator must
    ///         be a member of set 0 and the window below the core's deallocation delay, so the operator
    ///         is still slashable at the deadline whenever it exits.
    function requestSlash(
        address operator,
        uint256 wadToSlash,
        IStrategy[] calldata strategies,
        string calldata evidenceURI,
        bytes32 evidenceHash
    ) external returns (SlashRequestId id);

    /// @notice Veto committee: cancels a pending request before its deadline (a block number).
    function veto(SlashRequestId id) external;

    /// @notice Anyone: executes a pending, unvetoed request once its veto deadline has passed.
    function executeSlash(SlashRequestId id) external returns (uint256 coreSlashId);

    /// @notice Anyone: slashes `operator` by `equivocationWad` in every strategy of the set, without
    ///         veto, when it signed two verdicts for the same request (same engine version and block)
    ///         with different responses. Once per (operator, requestHash).
    function proveEquivocation(address operator, Attestation calldata a, Attestation calldata b)
        external
        returns (uint256 coreSlashId);

    // ───────────── owner ─────────────

    function setQuorumThreshold(uint16 thresholdBps) external;
    function setSlashRequester(address requester) external;
    function setVetoCommittee(address committee) external;
    /// @notice Owner: the veto window in blocks, in [MIN_VETO_WINDOW, MAX_VETO_WINDOW] and strictly
    ///         below `allocationManager.deallocationDelay()`.
    function setVetoWindow(uint64 window) external;
    function setEquivocationWad(uint256 wad) external;
    function updateAVSMetadataURI(string calldata metadataURI) external;
    /// @notice Owner: the ThreatResponse (decision 0008) whose threshold floor certification honours and
    ///         whose freezes keep operators from leaving operator set 0; address(0), the default, turns
    ///         both off.
    function setThreatResponse(IThreatResponse threatResponse) external;

    // ───────────── views ─────────────

    function OPERATOR_SET_ID() external view returns (uint32);
    function allocationManager() external view returns (IAllocationManager);
    function registry() external view returns (IOperatorRegistry);
    function quorumThresholdBps() external view returns (uint16);
    /// @notice The threshold `submitBatch` certifies with now: `max(quorumThresholdBps,
    ///         threatResponse.thresholdFloorBps())` (the floor is 0 when none is in force or no
    ///         ThreatResponse is set).
    function effectiveQuorumThresholdBps() external view returns (uint16);
    /// @notice The ThreatResponse, or address(0).
    function threatResponse() external view returns (IThreatResponse);
    function slashRequester() external view returns (address);
    function vetoCommittee() external view returns (address);
    /// @notice Blocks between a slash request and the first block it may be executed in.
    function vetoWindow() external view returns (uint64);
    function equivocationWad() external view returns (uint256);
    /// @notice The 32 bytes operators sign for a batch (ADR 0003).
    function attestationDigest(bytes32 batchRoot, uint32 referenceBlock) external view returns (bytes32);
    function getBatch(bytes32 batchRoot) external view returns (Batch memory);
    function getSlashRequest(SlashRequestId id) external view returns (SlashRequest memory);
    function slashRequestCount() external view returns (uint64);
    /// @notice How many tasks were requested on-chain (the last `TaskRequested.taskNumber`).
    function taskCount() external view returns (uint64);
    function equivocationSlashed(address operator, bytes32 requestHash) external view returns (bool);
}
