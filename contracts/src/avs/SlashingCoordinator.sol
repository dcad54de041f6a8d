// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Pausable} from "../core/Pausable.sol";
import {IAllocationManager} from "../interfaces/IAllocationManager.sol";
import {IOperatorRegistry} from "../interfaces/IOperatorRegistry.sol";
import {IServiceManager} from "../interfaces/IServiceManager.sol";
import {IStrategy} from "../interfaces/IStrategy.sol";
import {AttestationLib} from "../libraries/AttestationLib.sol";
import {BLS12381} from "../libraries/BLS12381.sol";
import {OperatorSet} from "../types/OperatorSet.sol";
import {SlashRequestId} from "../types/SlashRequestId.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

/// @title The slashing lifecycle of the ServiceManager: request → veto window → execute, and
///        immediate slashing of proven equivocation
/// @notice The ServiceManager is the slasher of operator set 0, so every slash goes out through
///         `_slash`, which also refreshes the operator's stake in the registry.
abstract contract SlashingCoordinator is IServiceManager, Pausable {
    /// @inheritdoc IServiceManager
    uint32 public constant OPERATOR_SET_ID = 0;
    uint8 internal constant PAUSE_SLASHING = 2;
    uint256 internal constant WAD = 1e18;
    /// @dev the veto committee needs at least a day to look at evidence; a month is the longest an
    ///      honest operator should wait under a cloud
    uint64 public constant MIN_VETO_WINDOW = 1 days;
    uint64 public constant MAX_VETO_WINDOW = 30 days;

    /// @inheritdoc IServiceManager
    IAllocationManager public immutable allocationManager;
    /// @inheritdoc IServiceManager
    IOperatorRegistry public immutable registry;

    /// @inheritdoc IServiceManager
    address public slashRequester;
    /// @inheritdoc IServiceManager
    address public vetoCommittee;
    /// @inheritdoc IServiceManager
    uint64 public vetoWindow;
    /// @inheritdoc IServiceManager
    uint64 public slashRequestCount;
    /// @inheritdoc IServiceManager
    uint256 public equivocationWad;

    mapping(SlashRequestId id => SlashRequest) internal _slashRequests;
    mapping(address operator => mapping(bytes32 requestHash => bool)) internal _equivocationSlashed;

    constructor(IAllocationManager allocationManager_, IOperatorRegistry registry_) {
        allocationManager = allocationManager_;
        registry = registry_;
        // 3 days: a working week's margin for the committee under the 1–30 day bounds
        _setVetoWindow(3 days);
        // half the allocation per strategy: signing two answers to one request is never an accident
        // that a careful operator makes (slashing protection in the node forbids it)
        _setEquivocationWad(0.5e18);
    }

    /// @inheritdoc IServiceManager
    function requestSlash(
        address operator,
        uint256 wadToSlash,
        IStrategy[] calldata strategies,
        string calldata evidenceURI,
        bytes32 evidenceHash
    ) external whenNotPaused(PAUSE_SLASHING) returns (SlashRequestId id) {
        require(msg.sender == slashRequester, NotSlashRequester(msg.sender));
        require(strategies.length != 0 && wadToSlash != 0 && wadToSlash <= WAD, InvalidSlashParams());
        require(registry.pubkeyHashOf(operator) != bytes32(0), UnknownOperator(operator));
        id = SlashRequestId.wrap(++slashRequestCount);
        // the deadline fits in 64 bits for the next 500 billion years
        uint64 deadline = uint64(block.timestamp) + vetoWindow;
        _slashRequests[id] = SlashRequest({
            operator: operator,
            vetoDeadline: deadline,
            status: SlashStatus.Pending,
            wadToSlash: wadToSlash,
            evidenceHash: evidenceHash,
            strategies: strategies
        });
        emit SlashRequested(id, operator, wadToSlash, strategies, evidenceURI, evidenceHash, deadline);
    }

    /// @inheritdoc IServiceManager
    /// @dev Never paused: a pause must not stop the committee from protecting an operator.
    function veto(SlashRequestId id) external {
        require(msg.sender == vetoCommittee, NotVetoCommittee(msg.sender));
        SlashRequest storage request = _pending(id);
        // forge-lint: disable-next-line(block-timestamp) a window of days: seconds of drift do not matter
        require(block.timestamp < request.vetoDeadline, VetoWindowClosed(id, request.vetoDeadline));
        request.status = SlashStatus.Vetoed;
        emit SlashVetoed(id, msg.sender);
    }

    /// @inheritdoc IServiceManager
    function executeSlash(SlashRequestId id)
        external
        whenNotPaused(PAUSE_SLASHING)
        returns (uint256 coreSlashId)
    {
        SlashRequest storage request = _pending(id);
        // forge-lint: disable-next-line(block-timestamp) a window of days: seconds of drift do not matter
        require(block.timestamp >= request.vetoDeadline, VetoWindowOpen(id, request.vetoDeadline));
        request.status = SlashStatus.Executed;
        uint256[] memory wads = new uint256[](request.strategies.length);
        for (uint256 i; i < wads.length; ++i) {
            wads[i] = request.wadToSlash;
        }
        coreSlashId = _slash(request.operator, request.strategies, wads, "palisade: vetoable slash request");
        emit SlashExecuted(id, request.operator, coreSlashId);
    }

    /// @inheritdoc IServiceManager
    function proveEquivocation(address operator, Attestation calldata a, Attestation calldata b)
        external
        whenNotPaused(PAUSE_SLASHING)
        returns (uint256 coreSlashId)
    {
        Verdict calldata va = a.verdict;
        Verdict calldata vb = b.verdict;
        // same question, same engine, same block, different answers: only one can be the engine's
        require(
            va.requestHash == vb.requestHash && va.engineVersion == vb.engineVersion
                && va.referenceBlock == vb.referenceBlock && va.responseHash != vb.responseHash,
            NotConflicting()
        );
        require(
            !_equivocationSlashed[operator][va.requestHash],
            AlreadySlashedForEquivocation(operator, va.requestHash)
        );
        bytes32 pubkeyHash = registry.pubkeyHashOf(operator);
        require(pubkeyHash != bytes32(0), UnknownOperator(operator));
        BLS12381.G1Point memory pubkey = registry.pubkeyOf(operator);
        _checkAttestation(operator, pubkey, a);
        _checkAttestation(operator, pubkey, b);

        _equivocationSlashed[operator][va.requestHash] = true;
        IStrategy[] memory strategies = allocationManager.getStrategiesInOperatorSet(_operatorSet());
        uint256[] memory wads = new uint256[](strategies.length);
        for (uint256 i; i < wads.length; ++i) {
            wads[i] = equivocationWad;
        }
        coreSlashId = _slash(operator, strategies, wads, "palisade: equivocation");
        emit EquivocationSlashed(operator, va.requestHash, msg.sender, coreSlashId);
    }

    /// @inheritdoc IServiceManager
    function setSlashRequester(address requester) external onlyOwner {
        address previous = slashRequester;
        slashRequester = requester;
        emit SlashRequesterSet(previous, requester);
    }

    /// @inheritdoc IServiceManager
    function setVetoCommittee(address committee) external onlyOwner {
        address previous = vetoCommittee;
        vetoCommittee = committee;
        emit VetoCommitteeSet(previous, committee);
    }

    /// @inheritdoc IServiceManager
    function setVetoWindow(uint64 window) external onlyOwner {
        _setVetoWindow(window);
    }

    /// @inheritdoc IServiceManager
    function setEquivocationWad(uint256 wad) external onlyOwner {
        _setEquivocationWad(wad);
    }

    /// @inheritdoc IServiceManager
    function getSlashRequest(SlashRequestId id) external view returns (SlashRequest memory) {
        return _slashRequests[id];
    }

    /// @inheritdoc IServiceManager
    function equivocationSlashed(address operator, bytes32 requestHash) external view returns (bool) {
        return _equivocationSlashed[operator][requestHash];
    }

    function _pending(SlashRequestId id) internal view returns (SlashRequest storage request) {
        request = _slashRequests[id];
        require(request.status == SlashStatus.Pending, SlashNotPending(id, request.status));
    }

    function _checkAttestation(address operator, BLS12381.G1Point memory pubkey, Attestation calldata att)
        internal
        view
    {
        Verdict calldata v = att.verdict;
        bytes32 leaf =
            AttestationLib.verdictLeaf(v.requestHash, v.responseHash, v.engineVersion, v.referenceBlock);
        require(MerkleProof.verifyCalldata(att.proof, att.batchRoot, leaf), InvalidMerkleProof(att.batchRoot));
        bytes32 digest = AttestationLib.attestationDigest(address(this), att.batchRoot, att.referenceBlock);
        require(
            BLS12381.verify(pubkey, abi.encodePacked(digest), att.signature),
            InvalidAttestationSignature(operator, att.batchRoot)
        );
    }

    function _slash(address operator, IStrategy[] memory strategies, uint256[] memory wads, string memory why)
        internal
        returns (uint256 coreSlashId)
    {
        (coreSlashId,) = allocationManager.slashOperator(
            address(this),
            IAllocationManager.SlashingParams({
                operator: operator,
                operatorSetId: OPERATOR_SET_ID,
                strategies: strategies,
                wadsToSlash: wads,
                description: why
            })
        );
        address[] memory operators = new address[](1);
        operators[0] = operator;
        registry.updateStakes(operators);
    }

    function _operatorSet() internal view returns (OperatorSet memory) {
        return OperatorSet({avs: address(this), id: OPERATOR_SET_ID});
    }

    function _setVetoWindow(uint64 window) internal {
        require(
            window >= MIN_VETO_WINDOW && window <= MAX_VETO_WINDOW,
            VetoWindowOutOfBounds(window, MIN_VETO_WINDOW, MAX_VETO_WINDOW)
        );
        uint64 previous = vetoWindow;
        vetoWindow = window;
        emit VetoWindowSet(previous, window);
    }

    function _setEquivocationWad(uint256 wad) internal {
        require(wad != 0 && wad <= WAD, InvalidWad(wad));
        uint256 previous = equivocationWad;
        equivocationWad = wad;
        emit EquivocationWadSet(previous, wad);
    }
}
