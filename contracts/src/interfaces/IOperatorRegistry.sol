// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {BLS12381} from "../libraries/BLS12381.sol";
import {IAllocationManager} from "./IAllocationManager.sol";
import {IQuorumVerifier} from "./IQuorumVerifier.sol";

/// @title Palisade's operators: BLS12-381 keys, node URLs and per-block stake histories
/// @notice An operator joins through the ServiceManager (the core's registrar hook forwards its
///         registration data here). Each operator has one BLS key for life, bound by a proof of
///         possession to the operator and this deployment (ADR 0003); a key belongs to one operator.
///         The registry keeps, per block, the aggregate key of registered operators and their total
///         stake, and per key the operator's registered flag and stake. An operator's stake is its
///         allocated value in Palisade's operator set 0 (`AllocationManager.getOperatorAllocatedValue`:
///         Σ over the set's strategies of underlying tokens × the set's value weight), so one number
///         covers every LST the set accepts. The core changes stakes without telling the registry
///         (allocations landing, slashes, withdrawals): anyone may call `updateStakes`, and the
///         registry refreshes at registration, deregistration and after each Palisade slash.
///         Pause group 0: `updateStakes` and `updateNodeUrl`.
interface IOperatorRegistry is IQuorumVerifier {
    /// @notice What an operator passes as `data` to `AllocationManager.registerForOperatorSets`.
    struct RegistrationParams {
        BLS12381.G1Point pubkey;
        /// @dev the key's signature over `AttestationLib.popDigest(chainId, registry, operator, pubkey)`
        BLS12381.G2Point proofOfPossession;
        string nodeUrl;
    }

    /// @notice Only the ServiceManager may register and deregister operators.
    error NotServiceManager(address caller);
    /// @notice The proof of possession does not verify for this key and operator.
    error InvalidProofOfPossession(address operator);
    /// @notice The key is the point at infinity (it would add nothing to the aggregate).
    error InvalidPubkey();
    /// @notice The key is already bound to another operator.
    error PubkeyAlreadyRegistered(bytes32 pubkeyHash, address owner);
    /// @notice The operator already has a different key (keys are for life).
    error OperatorKeyMismatch(address operator, bytes32 registeredPubkeyHash);
    /// @notice The operator is already registered.
    error AlreadyRegistered(address operator);
    /// @notice The operator is not registered.
    error NotRegistered(address operator);

    /// @notice `operator` bound `pubkey` (once, at its first registration).
    event PubkeyRegistered(address indexed operator, bytes32 indexed pubkeyHash, BLS12381.G1Point pubkey);
    /// @notice `operator` joined with `stake`; the aggregate key now includes its key.
    event OperatorRegistered(address indexed operator, bytes32 indexed pubkeyHash, uint256 stake);
    /// @notice `operator` left; its key and stake are out of the aggregate from this block on.
    event OperatorDeregistered(address indexed operator, bytes32 indexed pubkeyHash);
    /// @notice `operator`'s stake changed from `previous` to `current`.
    event OperatorStakeUpdated(address indexed operator, uint256 previous, uint256 current);
    /// @notice `operator` set the URL of its node.
    event NodeUrlUpdated(address indexed operator, string nodeUrl);

    /// @notice ServiceManager only: registers `operator` with the abi-encoded `RegistrationParams`.
    function registerOperator(address operator, bytes calldata data) external;
    /// @notice ServiceManager only: deregisters `operator`. Never reverts for the ServiceManager (a
    ///         call for an operator that is not registered does nothing), so exits cannot be trapped.
    function deregisterOperator(address operator) external;
    /// @notice Anyone: re-reads the stakes of `operators` from the core (unregistered ones are skipped).
    function updateStakes(address[] calldata operators) external;
    /// @notice A registered operator sets the URL of its node.
    function updateNodeUrl(string calldata nodeUrl) external;

    function allocationManager() external view returns (IAllocationManager);
    function serviceManager() external view returns (address);
    function isRegistered(address operator) external view returns (bool);
    function pubkeyOf(address operator) external view returns (BLS12381.G1Point memory);
    /// @notice The operator's key id, zero before its first registration.
    function pubkeyHashOf(address operator) external view returns (bytes32);
    function operatorOf(bytes32 pubkeyHash) external view returns (address);
    function nodeUrlOf(address operator) external view returns (string memory);
    /// @notice The operator's stake as last recorded (0 when not registered).
    function stakeOf(address operator) external view returns (uint256);
    /// @notice Aggregate key of the operators registered now.
    function currentApk() external view returns (BLS12381.G1Point memory);
    function currentTotalStake() external view returns (uint256);
    /// @notice Aggregate key and total stake at the end of `blockNumber` (a wrong hint only costs a search).
    function apkAt(uint32 blockNumber, uint256 hint)
        external
        view
        returns (BLS12381.G1Point memory apk, uint256 totalStake);
    /// @notice Registered flag and stake of a key at the end of `blockNumber`.
    function stakeAt(bytes32 pubkeyHash, uint32 blockNumber, uint256 hint)
        external
        view
        returns (bool registered, uint256 stake);
    /// @notice The hint `checkSignatures` wants for the aggregate key at `blockNumber` (for aggregators).
    function apkIndexAt(uint32 blockNumber) external view returns (uint32);
    /// @notice The hint `checkSignatures` wants for a non-signer's stake at `blockNumber`.
    function stakeIndexAt(bytes32 pubkeyHash, uint32 blockNumber) external view returns (uint32);
    function apkHistoryLength() external view returns (uint256);
    function stakeHistoryLength(bytes32 pubkeyHash) external view returns (uint256);
}
