// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Pausable} from "../core/Pausable.sol";
import {IAVSRegistrar} from "../interfaces/IAVSRegistrar.sol";
import {IAllocationManager} from "../interfaces/IAllocationManager.sol";
import {IOperatorRegistry} from "../interfaces/IOperatorRegistry.sol";
import {IQuorumVerifier} from "../interfaces/IQuorumVerifier.sol";
import {IServiceManager} from "../interfaces/IServiceManager.sol";
import {IStrategy} from "../interfaces/IStrategy.sol";
import {IThreatResponse} from "../interfaces/IThreatResponse.sol";
import {AttestationLib} from "../libraries/AttestationLib.sol";
import {BLS12381} from "../libraries/BLS12381.sol";
import {SlashingCoordinator} from "./SlashingCoordinator.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

/// @title Palisade's AVS (see IServiceManager)
/// @notice Deploy the OperatorRegistry first with this contract's predicted address, then this
///         contract: its constructor becomes the AVS in the core (registrar = itself, operator set 0
///         with itself as slasher and the given strategies; slashed tokens are burnt until the
///         distribution to harmed consumers exists).
contract ServiceManager is IAVSRegistrar, SlashingCoordinator {
    uint8 internal constant PAUSE_REGISTRATION = 0;
    uint8 internal constant PAUSE_ATTESTATIONS = 1;
    /// @dev ≥ 2/3 of the stake, rounded up to whole basis points
    uint16 public constant DEFAULT_QUORUM_THRESHOLD_BPS = 6667;
    /// @dev a certificate below a simple majority of stake would let two conflicting batches both pass
    uint16 public constant MIN_QUORUM_THRESHOLD_BPS = 5001;
    /// @dev engine ids are short names with a version (`address-basics@1`); 64 bytes leaves room
    uint256 public constant MAX_ENGINE_ID_LENGTH = 64;
    /// @dev 4 KiB: every engine request is a handful of fields; the bound keeps a log (paid per byte
    ///      by the requester, but parsed by every node) from becoming a way to stall operators
    uint256 public constant MAX_TASK_REQUEST_LENGTH = 4096;

    /// @inheritdoc IServiceManager
    uint16 public quorumThresholdBps;

    /// @inheritdoc IServiceManager
    uint64 public taskCount;

    /// @inheritdoc IServiceManager
    /// @dev Packed with `quorumThresholdBps` and `taskCount`: submitBatch reads all three in one slot.
    IThreatResponse public threatResponse;

    mapping(bytes32 batchRoot => Batch) internal _batches;

    constructor(
        address initialOwner,
        address initialPauser,
        IAllocationManager allocationManager_,
        IOperatorRegistry registry_,
        IStrategy[] memory strategies
    ) Pausable(initialOwner, initialPauser) SlashingCoordinator(allocationManager_, registry_) {
        _setQuorumThreshold(DEFAULT_QUORUM_THRESHOLD_BPS);
        allocationManager_.setAVSRegistrar(IAVSRegistrar(address(this)));
        IAllocationManager.CreateSetParams[] memory params = new IAllocationManager.CreateSetParams[](1);
        params[0] = IAllocationManager.CreateSetParams({
            operatorSetId: OPERATOR_SET_ID,
            slasher: address(this),
            redistributionRecipient: address(0),
            strategies: strategies
        });
        allocationManager_.createOperatorSets(params);
    }

    // ───────────── registrar hooks (called by the core) ─────────────

    /// @notice The core's hook when `operator` joins; `data` = abi.encode(IOperatorRegistry.RegistrationParams).
    function registerOperator(
        address operator,
        address avs,
        uint32[] calldata operatorSetIds,
        bytes calldata data
    ) external whenNotPaused(PAUSE_REGISTRATION) {
        _checkHookCaller(avs);
        require(
            operatorSetIds.length == 1 && operatorSetIds[0] == OPERATOR_SET_ID,
            UnsupportedOperatorSets(operatorSetIds)
        );
        registry.registerOperator(operator, data);
    }

    /// @notice The core's hook when `operator` leaves. Never paused. Refuses, with
    ///         `OperatorFrozen(operator, until)`, the exit of an operator the ThreatResponse has frozen
    ///         (decision 0008): the core honours that one refusal (see IAVSRegistrar), so the operator
    ///         stays in operator set 0 and slashable by a request until the freeze ends or governance
    ///         lifts it. Any other exit goes through.
    function deregisterOperator(address operator, address avs, uint32[] calldata operatorSetIds) external {
        _checkHookCaller(avs);
        for (uint256 i; i < operatorSetIds.length; ++i) {
            if (operatorSetIds[i] == OPERATOR_SET_ID) {
                _checkNotFrozen(operator);
                registry.deregisterOperator(operator);
                return;
            }
        }
    }

    // ───────────── attestations ─────────────

    /// @inheritdoc IServiceManager
    function submitBatch(
        bytes32 batchRoot,
        uint32 referenceBlock,
        uint32 verdictCount,
        IQuorumVerifier.NonSignerParams calldata params,
        BLS12381.G2Point calldata sigma
    ) external whenNotPaused(PAUSE_ATTESTATIONS) {
        require(verdictCount != 0, EmptyBatch());
        Batch storage batch = _batches[batchRoot];
        require(batch.submittedBlock == 0, BatchAlreadySubmitted(batchRoot));
        (uint256 signedStake, uint256 totalStake) = registry.checkQuorum(
            AttestationLib.attestationDigest(address(this), batchRoot, referenceBlock),
            referenceBlock,
            params,
            sigma,
            effectiveQuorumThresholdBps()
        );
        // stakes are stored as uint128 by the registry, so these casts cannot truncate
        _batches[batchRoot] = Batch({
            referenceBlock: referenceBlock,
            // forge-lint: disable-next-line(unsafe-typecast) block numbers fit 32 bits for 1,600 years
            submittedBlock: uint32(block.number),
            verdictCount: verdictCount,
            // forge-lint: disable-next-line(unsafe-typecast)
            signedStake: uint128(signedStake),
            // forge-lint: disable-next-line(unsafe-typecast)
            totalStake: uint128(totalStake)
        });
        emit BatchAttested(batchRoot, referenceBlock, verdictCount, signedStake, totalStake);
    }

    /// @inheritdoc IServiceManager
    function requestTask(string calldata engine, bytes calldata request)
        external
        whenNotPaused(PAUSE_ATTESTATIONS)
        returns (uint64 taskNumber)
    {
        uint256 engineLength = bytes(engine).length;
        require(
            engineLength != 0 && engineLength <= MAX_ENGINE_ID_LENGTH,
            InvalidEngineIdLength(engineLength, MAX_ENGINE_ID_LENGTH)
        );
        require(
            request.length != 0 && request.length <= MAX_TASK_REQUEST_LENGTH,
            InvalidTaskRequestLength(request.length, MAX_TASK_REQUEST_LENGTH)
        );
        taskNumber = taskCount + 1;
        taskCount = taskNumber;
        // forge-lint: disable-next-line(unsafe-typecast) block numbers fit 32 bits for 1,600 years
        emit TaskRequested(taskNumber, msg.sender, engine, request, uint32(block.number - 1));
    }

    /// @inheritdoc IServiceManager
    function verifyVerdict(bytes32 batchRoot, Verdict calldata verdict, bytes32[] calldata proof)
        external
        view
        returns (bool)
    {
        if (_batches[batchRoot].submittedBlock == 0) return false;
        bytes32 leaf = AttestationLib.verdictLeaf(
            verdict.requestHash, verdict.responseHash, verdict.engineVersion, verdict.referenceBlock
        );
        return MerkleProof.verifyCalldata(proof, batchRoot, leaf);
    }

    // ───────────── owner ─────────────

    /// @inheritdoc IServiceManager
    function setQuorumThreshold(uint16 thresholdBps) external onlyOwner {
        _setQuorumThreshold(thresholdBps);
    }

    /// @inheritdoc IServiceManager
    function updateAVSMetadataURI(string calldata metadataURI) external onlyOwner {
        allocationManager.updateAVSMetadataURI(metadataURI);
    }

    /// @inheritdoc IServiceManager
    function setThreatResponse(IThreatResponse newThreatResponse) external onlyOwner {
        IThreatResponse previous = threatResponse;
        threatResponse = newThreatResponse;
        emit ThreatResponseSet(previous, newThreatResponse);
    }

    // ───────────── views ─────────────

    /// @inheritdoc IServiceManager
    function attestationDigest(bytes32 batchRoot, uint32 referenceBlock) external view returns (bytes32) {
        return AttestationLib.attestationDigest(address(this), batchRoot, referenceBlock);
    }

    /// @inheritdoc IServiceManager
    function getBatch(bytes32 batchRoot) external view returns (Batch memory) {
        return _batches[batchRoot];
    }

    /// @inheritdoc IServiceManager
    function effectiveQuorumThresholdBps() public view returns (uint16 thresholdBps) {
        thresholdBps = quorumThresholdBps;
        IThreatResponse response = threatResponse;
        if (address(response) != address(0)) {
            uint16 floor = response.thresholdFloorBps();
            if (floor > thresholdBps) thresholdBps = floor;
        }
    }

    function _checkHookCaller(address avs) internal view {
        require(msg.sender == address(allocationManager), NotAllocationManager(msg.sender));
        require(avs == address(this), WrongAVS(avs));
    }

    /// @dev Reverts `OperatorFrozen(operator, until)` while the ThreatResponse has `operator` frozen.
    function _checkNotFrozen(address operator) internal view {
        IThreatResponse response = threatResponse;
        if (address(response) == address(0)) return;
        uint64 until = response.frozenUntil(operator);
        // forge-lint: disable-next-line(block-timestamp) freezes last hours to days: drift is harmless
        require(block.timestamp >= until, OperatorFrozen(operator, until));
    }

    function _setQuorumThreshold(uint16 thresholdBps) internal {
        require(
            thresholdBps >= MIN_QUORUM_THRESHOLD_BPS && thresholdBps <= 10_000,
            IQuorumVerifier.InvalidThreshold(thresholdBps)
        );
        uint16 previous = quorumThresholdBps;
        quorumThresholdBps = thresholdBps;
        emit QuorumThresholdSet(previous, thresholdBps);
    }
}
