// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {BLS12381} from "../../../src/libraries/BLS12381.sol";

/// @notice External wrappers around the internal library so tests can expect reverts and measure
///         whole calls.
contract BLS12381Harness {
    function addG1(BLS12381.G1Point memory a, BLS12381.G1Point memory b)
        external
        view
        returns (BLS12381.G1Point memory)
    {
        return BLS12381.addG1(a, b);
    }

    function negateG1(BLS12381.G1Point memory p) external pure returns (BLS12381.G1Point memory) {
        return BLS12381.negateG1(p);
    }

    function addG2(BLS12381.G2Point memory a, BLS12381.G2Point memory b)
        external
        view
        returns (BLS12381.G2Point memory)
    {
        return BLS12381.addG2(a, b);
    }

    function mulG1(BLS12381.G1Point memory p, uint256 scalar)
        external
        view
        returns (BLS12381.G1Point memory)
    {
        return BLS12381.mulG1(p, scalar);
    }

    function expandMessageXmd(bytes memory message, bytes memory dst, uint256 lenInBytes)
        external
        view
        returns (bytes memory)
    {
        return BLS12381.expandMessageXmd(message, dst, lenInBytes);
    }

    function hashToFp2(bytes memory message, bytes memory dst) external view returns (bytes memory) {
        return BLS12381.hashToFp2(message, dst);
    }

    function hashToG2(bytes memory message, bytes memory dst)
        external
        view
        returns (BLS12381.G2Point memory)
    {
        return BLS12381.hashToG2(message, dst);
    }

    function pairing2(
        BLS12381.G1Point memory a1,
        BLS12381.G2Point memory b1,
        BLS12381.G1Point memory a2,
        BLS12381.G2Point memory b2
    ) external view returns (bool) {
        return BLS12381.pairing2(a1, b1, a2, b2);
    }

    function verify(BLS12381.G1Point memory pk, bytes memory message, BLS12381.G2Point memory sig)
        external
        view
        returns (bool)
    {
        return BLS12381.verify(pk, message, sig);
    }

    function hashG1(BLS12381.G1Point memory p) external pure returns (bytes32) {
        return BLS12381.hashG1(p);
    }
}
