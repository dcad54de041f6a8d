// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {BLS12381} from "./BLS12381.sol";

/// @title The messages and leaves of ADR 0003, in one place
/// @notice Model. Every BLS signature in Palisade is over a 32-byte keccak digest whose first field is
///         a type tag, followed by the chain id and the verifying contract: a proof of possession can
///         never be replayed as an attestation, nor either on another chain or deployment. A batch is
///         a Merkle tree (OpenZeppelin sorted-pair convention) of verdict leaves; a leaf is hashed
///         twice so no 64-byte inner node can pass for a leaf.
library AttestationLib {
    bytes32 internal constant POP_TAG = keccak256("PALISADE_BLS_POP");
    bytes32 internal constant ATTESTATION_TAG = keccak256("PALISADE_ATTESTATION");

    /// @notice What an operator's key signs to prove possession (binds key, operator, deployment).
    function popDigest(address registry, address operator, BLS12381.G1Point memory pubkey)
        internal
        view
        returns (bytes32)
    {
        return keccak256(abi.encode(POP_TAG, block.chainid, registry, operator, pubkey));
    }

    /// @notice What operators sign for a batch.
    function attestationDigest(address serviceManager, bytes32 batchRoot, uint32 referenceBlock)
        internal
        view
        returns (bytes32)
    {
        return
            keccak256(abi.encode(ATTESTATION_TAG, block.chainid, serviceManager, batchRoot, referenceBlock));
    }

    /// @notice The Merkle leaf of a verdict.
    function verdictLeaf(
        bytes32 requestHash,
        bytes32 responseHash,
        bytes32 engineVersion,
        uint32 referenceBlock
    ) internal pure returns (bytes32) {
        return keccak256(
            bytes.concat(keccak256(abi.encode(requestHash, responseHash, engineVersion, referenceBlock)))
        );
    }
}
