// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IQuorumVerifier} from "../interfaces/IQuorumVerifier.sol";
import {BLS12381} from "../libraries/BLS12381.sol";
import {RegistryHistory} from "../libraries/RegistryHistory.sol";

/// @title Quorum-certificate verification over the registry's histories
/// @notice apk_signers = apk(ref) + (−Σ non-signer keys); the certificate holds when σ verifies
///         against apk_signers on the digest. Each non-signer key is checked, by its hash, against the
///         history of registered keys at the reference block — a key not in the aggregate cannot be
///         subtracted, and the strict ascending order of hashes rules out subtracting a key twice.
///         Cost: one pairing, one hash to G2, four storage reads for the aggregate, and per
///         non-signer one storage read, one keccak and one G1ADD. The inheritor supplies the reads.
abstract contract QuorumVerifier is IQuorumVerifier {
    /// @inheritdoc IQuorumVerifier
    /// @dev 7200 blocks ≈ 1 day of 12 s blocks: long enough for an aggregator to collect signatures
    ///      and land a transaction, short enough that a deregistered operator's old key stops counting
    ///      long before its stake is released (the core's deallocation delay is far longer in production).
    uint32 public constant REFERENCE_WINDOW = 7200;

    /// @dev 100 % in basis points
    uint256 internal constant BPS = 10_000;

    /// @inheritdoc IQuorumVerifier
    function checkSignatures(
        bytes32 messageDigest,
        uint32 referenceBlock,
        NonSignerParams calldata params,
        BLS12381.G2Point calldata sigma
    ) public view returns (uint256 signedStake, uint256 totalStake) {
        require(referenceBlock < block.number, FutureReferenceBlock(referenceBlock, block.number));
        require(
            block.number - referenceBlock < REFERENCE_WINDOW,
            StaleReferenceBlock(referenceBlock, block.number, REFERENCE_WINDOW)
        );
        uint256 count = params.nonSignerPubkeys.length;
        require(count == params.stakeHints.length, HintsLengthMismatch(count, params.stakeHints.length));

        (RegistryHistory.ApkCheckpoint memory cp,) = _apkCheckpointAt(referenceBlock, params.apkHint);
        totalStake = cp.totalStake;
        BLS12381.G1Point memory apk = BLS12381.G1Point({
            xA: bytes32(uint256(cp.xHi)), xB: cp.xLo, yA: bytes32(uint256(cp.yHi)), yB: cp.yLo
        });

        if (count != 0) {
            (BLS12381.G1Point memory nonSignerSum, uint256 nonSignerStake) =
                _sumNonSigners(referenceBlock, params);
            apk = BLS12381.addG1(apk, BLS12381.negateG1(nonSignerSum));
            // registered stakes sum to the total at the same block, so this cannot underflow
            signedStake = totalStake - nonSignerStake;
        } else {
            signedStake = totalStake;
        }
        // nobody left to sign: the empty aggregate is the point at infinity, which verify refuses anyway
        require(!BLS12381.isInfinity(apk), NoSigners(referenceBlock));
        require(BLS12381.verify(apk, abi.encodePacked(messageDigest), sigma), InvalidSignature());
    }

    /// @inheritdoc IQuorumVerifier
    function checkQuorum(
        bytes32 messageDigest,
        uint32 referenceBlock,
        NonSignerParams calldata params,
        BLS12381.G2Point calldata sigma,
        uint16 thresholdBps
    ) public view returns (uint256 signedStake, uint256 totalStake) {
        require(thresholdBps <= BPS, InvalidThreshold(thresholdBps));
        (signedStake, totalStake) = checkSignatures(messageDigest, referenceBlock, params, sigma);
        // zero signed stake never certifies anything, whatever the threshold
        require(
            signedStake != 0 && signedStake * BPS >= totalStake * thresholdBps,
            QuorumNotReached(signedStake, totalStake, thresholdBps)
        );
    }

    /// @dev Σ of the non-signers' keys and stakes, each checked registered at `referenceBlock`.
    function _sumNonSigners(uint32 referenceBlock, NonSignerParams calldata params)
        internal
        view
        returns (BLS12381.G1Point memory sum, uint256 stake)
    {
        uint256 previousHash;
        uint256 count = params.nonSignerPubkeys.length;
        for (uint256 i; i < count; ++i) {
            BLS12381.G1Point memory pk = params.nonSignerPubkeys[i];
            bytes32 pubkeyHash = BLS12381.hashG1(pk);
            require(uint256(pubkeyHash) > previousHash, NonSignersNotSorted(i));
            previousHash = uint256(pubkeyHash);
            (RegistryHistory.OperatorCheckpoint memory op, bool found) =
                _operatorCheckpointAt(pubkeyHash, referenceBlock, params.stakeHints[i]);
            require(found && op.registered, UnknownNonSigner(pubkeyHash));
            stake += op.stake;
            // the first add starts from the point at infinity (all zeros), the neutral element
            sum = BLS12381.addG1(sum, pk);
        }
    }

    /// @dev The registry's aggregate-key checkpoint at `blockNumber` (zeros before the first one).
    function _apkCheckpointAt(uint32 blockNumber, uint256 hint)
        internal
        view
        virtual
        returns (RegistryHistory.ApkCheckpoint memory cp, bool found);

    /// @dev A key's checkpoint at `blockNumber` (`found` false before its first registration).
    function _operatorCheckpointAt(bytes32 pubkeyHash, uint32 blockNumber, uint256 hint)
        internal
        view
        virtual
        returns (RegistryHistory.OperatorCheckpoint memory cp, bool found);
}
