// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {BLS12381} from "../libraries/BLS12381.sol";

/// @title Quorum certificates: one aggregate BLS signature checked against registered stake
/// @notice A certificate says "operators holding `signedStake` of the `totalStake` registered at
///         `referenceBlock` signed `messageDigest`". The verifier starts from the aggregate public key
///         of all operators registered at the reference block and subtracts the keys of the
///         non-signers given in calldata (each checked against the registry's history), so its cost
///         grows with the non-signers only, never with the number of operators. Signatures follow
///         ADR 0003 (min-pk: keys in G1, signatures in G2; the signed bytes are the 32-byte digest).
interface IQuorumVerifier {
    /// @notice Who did not sign, and where to find their history entries.
    /// @dev `apkHint` indexes the registry's combined (aggregate key, total stake) history, so one
    ///      hint serves both: a wrong hint costs a binary search, never a failure.
    struct NonSignerParams {
        /// @dev strictly ascending by `pubkeyHash = keccak256(abi.encode(key))`
        BLS12381.G1Point[] nonSignerPubkeys;
        /// @dev per non-signer: index into its key's stake history at the reference block
        uint32[] stakeHints;
        /// @dev index into the registry's aggregate-key history at the reference block
        uint32 apkHint;
    }

    /// @notice The reference block is older than the verification window.
    error StaleReferenceBlock(uint32 referenceBlock, uint256 currentBlock, uint32 window);
    /// @notice The reference block is the current block or later (its state is not final).
    error FutureReferenceBlock(uint32 referenceBlock, uint256 currentBlock);
    /// @notice A non-signer key was not registered at the reference block.
    error UnknownNonSigner(bytes32 pubkeyHash);
    /// @notice Non-signer keys are not strictly ascending by hash at `index` (also catches duplicates).
    error NonSignersNotSorted(uint256 index);
    /// @notice `stakeHints` does not have one entry per non-signer key.
    error HintsLengthMismatch(uint256 keys, uint256 hints);
    /// @notice Nobody signed: no stake was registered at the reference block, or every key is a
    ///         non-signer (the empty aggregate would "verify" the point at infinity).
    error NoSigners(uint32 referenceBlock);
    /// @notice The aggregate signature does not verify against the signers' aggregate key.
    error InvalidSignature();
    /// @notice `signed × 10000 < total × thresholdBps`.
    error QuorumNotReached(uint256 signedStake, uint256 totalStake, uint16 thresholdBps);
    /// @notice A threshold above 100 % (10000 bps) can never be met.
    error InvalidThreshold(uint16 thresholdBps);

    /// @notice How many blocks back a reference block may lie (~1 day of 12 s blocks).
    function REFERENCE_WINDOW() external view returns (uint32);

    /// @notice Verifies a certificate and returns the stake behind it (reverts on any invalid part).
    /// @param messageDigest the 32 bytes the operators signed
    /// @param referenceBlock the block whose registered keys and stakes count; in
    ///        `(block.number − REFERENCE_WINDOW, block.number)`
    /// @param params non-signer keys and history hints
    /// @param sigma the aggregate signature of the signers
    /// @return signedStake total stake minus the non-signers' stake at `referenceBlock`
    /// @return totalStake stake of all operators registered at `referenceBlock`
    function checkSignatures(
        bytes32 messageDigest,
        uint32 referenceBlock,
        NonSignerParams calldata params,
        BLS12381.G2Point calldata sigma
    ) external view returns (uint256 signedStake, uint256 totalStake);

    /// @notice `checkSignatures`, then requires `signedStake × 10000 ≥ totalStake × thresholdBps`.
    function checkQuorum(
        bytes32 messageDigest,
        uint32 referenceBlock,
        NonSignerParams calldata params,
        BLS12381.G2Point calldata sigma,
        uint16 thresholdBps
    ) external view returns (uint256 signedStake, uint256 totalStake);
}
