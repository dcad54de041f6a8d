// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IOperatorRegistry} from "../../../src/interfaces/IOperatorRegistry.sol";
import {IQuorumVerifier} from "../../../src/interfaces/IQuorumVerifier.sol";
import {IServiceManager} from "../../../src/interfaces/IServiceManager.sol";
import {BLS12381} from "../../../src/libraries/BLS12381.sol";

/// @notice Operators whose BLS secret keys a test knows, and the Merkle batches of ADR 0003: what a test
///         needs to certify any batch it builds for real through `ServiceManager.submitBatch` (GuardFixture
///         and the threat-response tests; GuardFixture's notice says why the signatures are computed in the
///         EVM). Test signer i has the secret key `_secretKey(i)`.
abstract contract TestSigners {
    /// @dev The BLS12-381 group order r: secret keys are scalars mod r.
    uint256 internal constant BLS_ORDER = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001;

    function _secretKey(uint256 i) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode("palisade-guard-test-key", i))) % BLS_ORDER;
    }

    function _publicKey(uint256 sk) internal view returns (BLS12381.G1Point memory) {
        return BLS12381.mulG1(BLS12381.generatorG1(), sk);
    }

    /// @dev σ = sk·H(digest) with Ethereum's DST, as a node signs (ADR 0003).
    function _sign(uint256 sk, bytes32 digest) internal view returns (BLS12381.G2Point memory sigma) {
        BLS12381.G2Point memory h = BLS12381.hashToG2(abi.encodePacked(digest), BLS12381.DST);
        bytes memory input = abi.encodePacked(abi.encode(h), sk);
        (bool ok, bytes memory out) = BLS12381.G2MSM.staticcall(input);
        require(ok && out.length == 256, "G2MSM failed");
        sigma = abi.decode(out, (BLS12381.G2Point));
    }

    /// @dev Σ of the secret keys of test signers `ids` (mod r): their aggregate signs for all of them.
    function _aggregateKeyOf(uint256[] memory ids) internal pure returns (uint256 sum) {
        for (uint256 i; i < ids.length; ++i) {
            sum = addmod(sum, _secretKey(ids[i]), BLS_ORDER);
        }
    }

    /// @dev Submits `root` (of `count` verdicts) referencing `batchBlock`, signed by test signers
    ///      `signers`, with test signers `nonSigners` (registered at `batchBlock`) named as non-signers.
    function _certifyBy(
        IServiceManager sm,
        IOperatorRegistry reg,
        bytes32 root,
        uint32 count,
        uint32 batchBlock,
        uint256[] memory signers,
        uint256[] memory nonSigners
    ) internal {
        (IQuorumVerifier.NonSignerParams memory p, BLS12381.G2Point memory sigma) =
            _certificateBy(sm, reg, root, batchBlock, signers, nonSigners);
        sm.submitBatch(root, batchBlock, count, p, sigma);
    }

    /// @dev The certificate `_certifyBy` submits, without submitting it (compute it before a
    ///      `vm.expectRevert`: signing calls the BLS precompiles).
    function _certificateBy(
        IServiceManager sm,
        IOperatorRegistry reg,
        bytes32 root,
        uint32 batchBlock,
        uint256[] memory signers,
        uint256[] memory nonSigners
    ) internal view returns (IQuorumVerifier.NonSignerParams memory p, BLS12381.G2Point memory sigma) {
        p = _nonSignerParams(reg, nonSigners, batchBlock);
        sigma = _sign(_aggregateKeyOf(signers), sm.attestationDigest(root, batchBlock));
    }

    /// @dev Non-signer params for test signers `ids`, sorted by pubkey hash, with exact hints.
    function _nonSignerParams(IOperatorRegistry reg, uint256[] memory ids, uint32 batchBlock)
        internal
        view
        returns (IQuorumVerifier.NonSignerParams memory p)
    {
        uint256 n = ids.length;
        p.nonSignerPubkeys = new BLS12381.G1Point[](n);
        p.stakeHints = new uint32[](n);
        bytes32[] memory hashes = new bytes32[](n);
        for (uint256 i; i < n; ++i) {
            p.nonSignerPubkeys[i] = _publicKey(_secretKey(ids[i]));
            hashes[i] = BLS12381.hashG1(p.nonSignerPubkeys[i]);
        }
        // insertion sort by hash (test sizes are small)
        for (uint256 i = 1; i < n; ++i) {
            for (uint256 j = i; j > 0 && hashes[j - 1] > hashes[j]; --j) {
                (hashes[j - 1], hashes[j]) = (hashes[j], hashes[j - 1]);
                (p.nonSignerPubkeys[j - 1], p.nonSignerPubkeys[j]) =
                (p.nonSignerPubkeys[j], p.nonSignerPubkeys[j - 1]);
            }
        }
        for (uint256 i; i < n; ++i) {
            p.stakeHints[i] = reg.stakeIndexAt(hashes[i], batchBlock);
        }
        p.apkHint = reg.apkIndexAt(batchBlock);
    }

    /// @dev ADR 0003: level by level, neighbours paired left to right (sorted pair hash), a lone last
    ///      node carried up unchanged. Returns the root and the proof of leaf `index`.
    function _merkle(bytes32[] memory leaves, uint256 index)
        internal
        pure
        returns (bytes32 root, bytes32[] memory proof)
    {
        bytes32[] memory siblings = new bytes32[](256);
        uint256 depth;
        bytes32[] memory level = leaves;
        while (level.length > 1) {
            uint256 sibling = index ^ 1;
            // a lone last node has no sibling at this level
            if (sibling < level.length) siblings[depth++] = level[sibling];
            index >>= 1;
            bytes32[] memory next = new bytes32[]((level.length + 1) / 2);
            for (uint256 j; j < next.length; ++j) {
                next[j] = 2 * j + 1 < level.length ? _hashPair(level[2 * j], level[2 * j + 1]) : level[2 * j];
            }
            level = next;
        }
        root = level[0];
        proof = new bytes32[](depth);
        for (uint256 i; i < depth; ++i) {
            proof[i] = siblings[i];
        }
    }

    function _hashPair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? keccak256(abi.encode(a, b)) : keccak256(abi.encode(b, a));
    }
}
