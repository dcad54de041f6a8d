// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IServiceManager} from "../interfaces/IServiceManager.sol";

/// @title What a protocol inheriting PalisadeGuard exposes: its settings, the attestation it takes and
///        the errors of the verdict checks (decision 0005)
/// @notice A protocol accepts an operator-attested security verdict as an `Attestation` (what the
///         gateway's attested mode returns) and checks it with PalisadeGuard's internal functions: the
///         verdict is in a batch certified by the ServiceManager, at most `maxVerdictAge` blocks old and
///         not from the future, about the subject the protocol is about to trust, and within the
///         verdict and flags the protocol allows.
interface IPalisadeGuard {
    /// @notice One certified verdict with its inclusion proof.
    struct Attestation {
        /// @dev the Merkle root of the certified batch (`ServiceManager.submitBatch`)
        bytes32 batchRoot;
        /// @dev the task id: keccak256 of the engine's canonical request (decision 0005)
        bytes32 requestHash;
        /// @dev the block whose state the engine judged (the leaf's, not necessarily the batch's)
        uint32 referenceBlock;
        /// @dev the engine's response, `abi.encode(subject, verdict, flags, unknowns, reportHash)`
        bytes response;
        /// @dev the leaf's Merkle proof in the batch (empty for a batch of one)
        bytes32[] proof;
    }

    /// @notice The leaf (requestHash, keccak256(response), engineVersion, referenceBlock) is not in a
    ///         batch the ServiceManager accepted: unknown root, wrong proof, another engine version, or
    ///         any field of the attestation altered.
    error VerdictNotProven(bytes32 batchRoot, bytes32 requestHash);
    /// @notice The verdict claims a block after the current one.
    error VerdictFromFuture(uint32 referenceBlock, uint256 currentBlock);
    /// @notice The verdict is more than `maxAge` blocks older than the current block.
    error VerdictTooOld(uint32 referenceBlock, uint32 maxAge);
    /// @notice The verdict judged another subject than the one the protocol is about to trust.
    error SubjectMismatch(bytes32 expected, bytes32 actual);
    /// @notice The verdict is worse than the protocol allows.
    error VerdictNotAllowed(uint8 verdict, uint8 maxVerdict);
    /// @notice These flag bits are set and the protocol forbids them.
    error ForbiddenFlags(uint256 flags);
    /// @notice The engine could not tell these fields, and the protocol needs them known.
    error UnknownFields(uint256 unknowns);
    /// @notice `maxVerdictAge` must be in [min, max] blocks.
    error MaxVerdictAgeOutOfBounds(uint32 maxAge, uint32 min, uint32 max);
    /// @notice The ServiceManager address is zero.
    error ZeroServiceManager();

    /// @notice The ServiceManager whose certified batches this protocol trusts.
    function serviceManager() external view returns (IServiceManager);

    /// @notice The oldest verdict accepted, in blocks before the current one (inclusive).
    function maxVerdictAge() external view returns (uint32);

    /// @notice The largest `maxVerdictAge` a protocol may set (QuorumVerifier's REFERENCE_WINDOW).
    function MAX_VERDICT_AGE_LIMIT() external view returns (uint32);
}
