// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Pausable} from "../core/Pausable.sol";
import {IAllocationManager} from "../interfaces/IAllocationManager.sol";
import {IOperatorRegistry} from "../interfaces/IOperatorRegistry.sol";
import {AttestationLib} from "../libraries/AttestationLib.sol";
import {BLS12381} from "../libraries/BLS12381.sol";
import {RegistryHistory} from "../libraries/RegistryHistory.sol";
import {OperatorSet} from "../types/OperatorSet.sol";
import {QuorumVerifier} from "./QuorumVerifier.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title Palisade's operator registry (see IOperatorRegistry)
/// @notice Stake histories are keyed by the operator's pubkey hash, not its address: a certificate
///         names non-signers by key, so one storage read per non-signer finds its stake.
contract OperatorRegistry is IOperatorRegistry, QuorumVerifier, Pausable {
    using RegistryHistory for RegistryHistory.OperatorCheckpoint[];
    using RegistryHistory for RegistryHistory.ApkCheckpoint[];

    uint8 internal constant PAUSE_UPDATES = 0;

    struct OperatorInfo {
        bytes32 pubkeyHash;
        BLS12381.G1Point pubkey;
        string nodeUrl;
    }

    /// @inheritdoc IOperatorRegistry
    IAllocationManager public immutable allocationManager;
    /// @inheritdoc IOperatorRegistry
    address public immutable serviceManager;
    /// @dev Palisade's operator set: (serviceManager, 0)
    uint32 internal constant OPERATOR_SET_ID = 0;

    mapping(address operator => OperatorInfo) internal _operators;
    mapping(bytes32 pubkeyHash => address operator) internal _operatorOf;
    mapping(bytes32 pubkeyHash => RegistryHistory.OperatorCheckpoint[]) internal _keyHistory;
    RegistryHistory.ApkCheckpoint[] internal _apkHistory;

    modifier onlyServiceManager() {
        require(msg.sender == serviceManager, NotServiceManager(msg.sender));
        _;
    }

    constructor(
        address initialOwner,
        address initialPauser,
        IAllocationManager allocationManager_,
        address sm
    ) Pausable(initialOwner, initialPauser) {
        allocationManager = allocationManager_;
        serviceManager = sm;
    }

    // ───────────── ServiceManager ─────────────

    /// @inheritdoc IOperatorRegistry
    function registerOperator(address operator, bytes calldata data) external onlyServiceManager {
        RegistrationParams memory params = abi.decode(data, (RegistrationParams));
        OperatorInfo storage info = _operators[operator];
        bytes32 pubkeyHash = BLS12381.hashG1(params.pubkey);
        if (info.pubkeyHash == bytes32(0)) {
            _bindPubkey(operator, info, pubkeyHash, params);
        } else {
            // keys are for life: a returning operator comes back with the key it proved before
            require(info.pubkeyHash == pubkeyHash, OperatorKeyMismatch(operator, info.pubkeyHash));
            require(!_keyHistory[pubkeyHash].latest().registered, AlreadyRegistered(operator));
        }
        _setNodeUrl(operator, info, params.nodeUrl);

        uint128 stake = _readStake(operator);
        _keyHistory[pubkeyHash].push(true, stake);
        RegistryHistory.ApkCheckpoint memory cp = _apkHistory.latest();
        _pushApk(BLS12381.addG1(_apkOf(cp), params.pubkey), cp.totalStake + stake);
        emit OperatorRegistered(operator, pubkeyHash, stake);
    }

    /// @inheritdoc IOperatorRegistry
    function deregisterOperator(address operator) external onlyServiceManager {
        bytes32 pubkeyHash = _operators[operator].pubkeyHash;
        RegistryHistory.OperatorCheckpoint[] storage history = _keyHistory[pubkeyHash];
        RegistryHistory.OperatorCheckpoint memory last = history.latest();
        if (!last.registered) return; // never registered here (or already out): nothing to undo
        history.push(false, 0);
        RegistryHistory.ApkCheckpoint memory cp = _apkHistory.latest();
        // the key is a registered, PoP-checked point: negation and G1ADD cannot fail on it
        _pushApk(
            BLS12381.addG1(_apkOf(cp), BLS12381.negateG1(_operators[operator].pubkey)),
            cp.totalStake - last.stake
        );
        emit OperatorDeregistered(operator, pubkeyHash);
    }

    // ───────────── anyone / operators ─────────────

    /// @inheritdoc IOperatorRegistry
    /// @dev The ServiceManager's refresh after a slash ignores the pause: a paused keeper path must
    ///      not block slashing.
    function updateStakes(address[] calldata operators) external {
        if (msg.sender != serviceManager) _checkNotPaused(PAUSE_UPDATES);
        RegistryHistory.ApkCheckpoint memory cp = _apkHistory.latest();
        uint128 total = cp.totalStake;
        for (uint256 i; i < operators.length; ++i) {
            address operator = operators[i];
            bytes32 pubkeyHash = _operators[operator].pubkeyHash;
            RegistryHistory.OperatorCheckpoint[] storage history = _keyHistory[pubkeyHash];
            RegistryHistory.OperatorCheckpoint memory last = history.latest();
            if (!last.registered) continue; // not ours: a keeper's stale list must not fail the batch
            uint128 stake = _readStake(operator);
            if (stake == last.stake) continue;
            history.push(true, stake);
            total = total - last.stake + stake;
            emit OperatorStakeUpdated(operator, last.stake, stake);
        }
        if (total != cp.totalStake) _pushApk(_apkOf(cp), total);
    }

    /// @inheritdoc IOperatorRegistry
    function updateNodeUrl(string calldata nodeUrl) external whenNotPaused(PAUSE_UPDATES) {
        OperatorInfo storage info = _operators[msg.sender];
        require(_keyHistory[info.pubkeyHash].latest().registered, NotRegistered(msg.sender));
        _setNodeUrl(msg.sender, info, nodeUrl);
    }

    // ───────────── views ─────────────

    /// @inheritdoc IOperatorRegistry
    function isRegistered(address operator) external view returns (bool) {
        bytes32 pubkeyHash = _operators[operator].pubkeyHash;
        return pubkeyHash != bytes32(0) && _keyHistory[pubkeyHash].latest().registered;
    }

    /// @inheritdoc IOperatorRegistry
    function pubkeyOf(address operator) external view returns (BLS12381.G1Point memory) {
        return _operators[operator].pubkey;
    }

    /// @inheritdoc IOperatorRegistry
    function pubkeyHashOf(address operator) external view returns (bytes32) {
        return _operators[operator].pubkeyHash;
    }

    /// @inheritdoc IOperatorRegistry
    function operatorOf(bytes32 pubkeyHash) external view returns (address) {
        return _operatorOf[pubkeyHash];
    }

    /// @inheritdoc IOperatorRegistry
    function nodeUrlOf(address operator) external view returns (string memory) {
        return _operators[operator].nodeUrl;
    }

    /// @inheritdoc IOperatorRegistry
    function stakeOf(address operator) external view returns (uint256) {
        bytes32 pubkeyHash = _operators[operator].pubkeyHash;
        if (pubkeyHash == bytes32(0)) return 0;
        return _keyHistory[pubkeyHash].latest().stake;
    }

    /// @inheritdoc IOperatorRegistry
    function currentApk() external view returns (BLS12381.G1Point memory) {
        return _apkOf(_apkHistory.latest());
    }

    /// @inheritdoc IOperatorRegistry
    function currentTotalStake() external view returns (uint256) {
        return _apkHistory.latest().totalStake;
    }

    /// @inheritdoc IOperatorRegistry
    function apkAt(uint32 blockNumber, uint256 hint)
        external
        view
        returns (BLS12381.G1Point memory apk, uint256 totalStake)
    {
        (RegistryHistory.ApkCheckpoint memory cp,) = _apkHistory.at(blockNumber, hint);
        return (_apkOf(cp), cp.totalStake);
    }

    /// @inheritdoc IOperatorRegistry
    function stakeAt(bytes32 pubkeyHash, uint32 blockNumber, uint256 hint)
        external
        view
        returns (bool registered, uint256 stake)
    {
        (RegistryHistory.OperatorCheckpoint memory cp,) = _keyHistory[pubkeyHash].at(blockNumber, hint);
        return (cp.registered, cp.stake);
    }

    /// @inheritdoc IOperatorRegistry
    function apkIndexAt(uint32 blockNumber) external view returns (uint32) {
        (uint256 index,) = _apkHistory.search(blockNumber);
        return SafeCast.toUint32(index);
    }

    /// @inheritdoc IOperatorRegistry
    function stakeIndexAt(bytes32 pubkeyHash, uint32 blockNumber) external view returns (uint32) {
        (uint256 index,) = _keyHistory[pubkeyHash].search(blockNumber);
        return SafeCast.toUint32(index);
    }

    /// @inheritdoc IOperatorRegistry
    function apkHistoryLength() external view returns (uint256) {
        return _apkHistory.length;
    }

    /// @inheritdoc IOperatorRegistry
    function stakeHistoryLength(bytes32 pubkeyHash) external view returns (uint256) {
        return _keyHistory[pubkeyHash].length;
    }

    // ───────────── internal ─────────────

    function _apkCheckpointAt(uint32 blockNumber, uint256 hint)
        internal
        view
        override
        returns (RegistryHistory.ApkCheckpoint memory, bool)
    {
        return _apkHistory.at(blockNumber, hint);
    }

    function _operatorCheckpointAt(bytes32 pubkeyHash, uint32 blockNumber, uint256 hint)
        internal
        view
        override
        returns (RegistryHistory.OperatorCheckpoint memory, bool)
    {
        return _keyHistory[pubkeyHash].at(blockNumber, hint);
    }

    /// @dev First registration: checks the key and its proof of possession, binds key ↔ operator.
    function _bindPubkey(
        address operator,
        OperatorInfo storage info,
        bytes32 pubkeyHash,
        RegistrationParams memory params
    ) internal {
        require(!BLS12381.isInfinity(params.pubkey), InvalidPubkey());
        address owner_ = _operatorOf[pubkeyHash];
        require(owner_ == address(0), PubkeyAlreadyRegistered(pubkeyHash, owner_));
        bytes32 digest = AttestationLib.popDigest(address(this), operator, params.pubkey);
        require(
            BLS12381.verify(params.pubkey, abi.encodePacked(digest), params.proofOfPossession),
            InvalidProofOfPossession(operator)
        );
        info.pubkeyHash = pubkeyHash;
        info.pubkey = params.pubkey;
        _operatorOf[pubkeyHash] = operator;
        emit PubkeyRegistered(operator, pubkeyHash, params.pubkey);
    }

    function _setNodeUrl(address operator, OperatorInfo storage info, string memory nodeUrl) internal {
        info.nodeUrl = nodeUrl;
        emit NodeUrlUpdated(operator, nodeUrl);
    }

    function _readStake(address operator) internal view returns (uint128) {
        return SafeCast.toUint128(
            allocationManager.getOperatorAllocatedValue(
                OperatorSet({avs: serviceManager, id: OPERATOR_SET_ID}), operator
            )
        );
    }

    function _pushApk(BLS12381.G1Point memory apk, uint128 total) internal {
        // EIP-2537 coordinates are below 2^384 (checked by the G1ADD that produced `apk`): the high
        // words hold at most 128 significant bits, so the casts below drop only zeros
        // forge-lint: disable-next-line(unsafe-typecast)
        uint128 xHi = uint128(uint256(apk.xA));
        // forge-lint: disable-next-line(unsafe-typecast)
        uint128 yHi = uint128(uint256(apk.yA));
        _apkHistory.push(xHi, apk.xB, yHi, apk.yB, total);
    }

    function _apkOf(RegistryHistory.ApkCheckpoint memory cp) internal pure returns (BLS12381.G1Point memory) {
        return BLS12381.G1Point({
            xA: bytes32(uint256(cp.xHi)), xB: cp.xLo, yA: bytes32(uint256(cp.yHi)), yB: cp.yLo
        });
    }
}
