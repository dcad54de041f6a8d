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
///
///         Veto window vs exit. The core keeps a deregistered operator slashable for
///         `deallocationDelay` blocks after it leaves (`slashableUntil = exit block + delay`, exclusive).
///         A request that only becomes executable after that point could never land: the operator
///         would exit the moment a request is filed and be gone (`OperatorNotSlashable`) before the
///         veto window ends. So the window is counted in blocks, like the core's delay, and is kept
///         strictly below it: at setting time and again at each request (the core's owner may have
///         lowered the delay since). A request also needs the operator to be a member of the set when
///         it is filed. Together: whenever the operator exits (at block d ≥ request block r), it stays
///         slashable until d + delay > r + vetoWindow = deadline, so the request is executable from
///         the deadline for at least `delay − vetoWindow` blocks. An operator that has already left is
///         not a target for a vetoable request (its remaining slashable time is not visible to this
///         contract); proven equivocation, which has no veto, still reaches it while the core allows.
abstract contract SlashingCoordinator is IServiceManager, Pausable {
    /// @inheritdoc IServiceManager
    uint32 public constant OPERATOR_SET_ID = 0;
    uint8 internal constant PAUSE_SLASHING = 2;
    uint256 internal constant WAD = 1e18;
    /// @dev In blocks, like the core's delays (block time differs per chain, so the length that gives
    ///      the committee its days is set per deployment). At least one block, so a veto is possible;
    ///      at most one block below the core's ceiling on delays (AllocationManager.MAX_DELAY = 216,000,
    ///      30 days of 12 s blocks), the longest window that can stay below a deallocation delay. The
    ///      binding upper bound is the core's current deallocation delay (see the contract notice).
    uint64 public constant MIN_VETO_WINDOW = 1;
    uint64 public constant MAX_VETO_WINDOW = 215_999;

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
        // half the core's deallocation delay: the committee gets one half to look at the evidence, the
        // executors the other half to land the execution before an exiting operator is released
        // (7 days on mainnet's 14-day delay). Reverts when the delay is under 2 blocks: no window fits.
        _setVetoWindow(allocationManager_.deallocationDelay() / 2);
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
        uint64 window = vetoWindow;
        // the core's owner may have lowered the delay since the window was set
        _checkWindowBelowDeallocationDelay(window);
        // block numbers fit 64 bits for ever; the window is at most MAX_VETO_WINDOW
        uint64 deadline = uint64(block.number) + window;
        // a member stays slashable for the full delay after any later exit, which outlasts the window
        require(
            allocationManager.isMemberOfOperatorSet(operator, _operatorSet()),
            NotSlashableUntilDeadline(operator, deadline)
        );
        id = SlashRequestId.wrap(++slashRequestCount);
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
        require(block.number < request.vetoDeadline, VetoWindowClosed(id, request.vetoDeadline));
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
        require(block.number >= request.vetoDeadline, VetoWindowOpen(id, request.vetoDeadline));
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
        _checkWindowBelowDeallocationDelay(window);
        uint64 previous = vetoWindow;
        vetoWindow = window;
        emit VetoWindowSet(previous, window);
    }

    function _checkWindowBelowDeallocationDelay(uint64 window) internal view {
        uint32 delay = allocationManager.deallocationDelay();
        require(window < delay, VetoWindowNotBelowDeallocationDelay(window, delay));
    }

    function _setEquivocationWad(uint256 wad) internal {
        require(wad != 0 && wad <= WAD, InvalidWad(wad));
        uint256 previous = equivocationWad;
        equivocationWad = wad;
        emit EquivocationWadSet(previous, wad);
    }
}
