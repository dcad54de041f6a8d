// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title BLS12-381 signatures over the EIP-2537 precompiles
/// @notice Model. Ethereum's "min-pk" BLS scheme (ciphersuite
///         `BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_`): a secret key is a scalar sk, its public key
///         pk = sk·g1 lives in G1 (128 bytes on-chain), a signature σ = sk·H(m) lives in G2 (256 bytes),
///         where H hashes a message to G2 per RFC 9380 (expand_message_xmd with SHA-256 → two Fp2
///         elements u0, u1 → map each to G2 → add). A signature verifies when
///         e(pk, H(m)) = e(g1, σ), checked as the single pairing product e(pk, H(m)) · e(−g1, σ) = 1.
///         Keys and signatures add up: Σσᵢ verifies against Σpkᵢ for one message, which is why every
///         key must come with a proof of possession (else pk_rogue = pk_evil − pk_honest forges).
///
///         Encodings are EIP-2537's: a base-field element is 64 bytes big-endian with the top 16 bytes
///         zero, held here as two words (A = high word, B = low word); a G1 point is (x, y), a G2 point
///         is (x.c0, x.c1, y.c0, y.c1); the point at infinity is all zeros. So `abi.encode(point)` is
///         exactly the precompile input, and a memory struct is that byte string in place.
///
///         Cofactor clearing: EIP-2537's MAP_FP2_TO_G2 runs map_to_curve *and* clear_cofactor (h_eff·P).
///         Clearing is a group homomorphism, so map(u0) + map(u1) = clear(Q0 + Q1), which is RFC 9380's
///         hash_to_curve; no further multiplication is needed (checked against the noble-curves library in tests).
///
///         Validation: G1ADD/G2ADD check encoding and curve membership but not the subgroup; G1MSM and
///         PAIRING_CHECK check the subgroup too. Every precompile failure reverts `PrecompileFailed`.
library BLS12381 {
    /// @notice A G1 point in EIP-2537 encoding: x = xA‖xB, y = yA‖yB (64 bytes each, xA/yA < 2^128).
    struct G1Point {
        bytes32 xA;
        bytes32 xB;
        bytes32 yA;
        bytes32 yB;
    }

    /// @notice A G2 point in EIP-2537 encoding: x = x.c0 + x.c1·v, y = y.c0 + y.c1·v, each coordinate
    ///         component 64 bytes split into a high (A) and low (B) word. Note blst/zcash byte strings
    ///         put c1 before c0: reorder when converting.
    struct G2Point {
        bytes32 xc0A;
        bytes32 xc0B;
        bytes32 xc1A;
        bytes32 xc1B;
        bytes32 yc0A;
        bytes32 yc0B;
        bytes32 yc1A;
        bytes32 yc1B;
    }

    /// @notice A precompile call failed: invalid encoding, a point off the curve or (MSM, pairing) outside
    ///         the prime-order subgroup.
    error PrecompileFailed(address precompile);
    /// @notice A coordinate is not a canonical field element (≥ p).
    error InvalidFieldElement();
    /// @notice expand_message_xmd cannot produce `lenInBytes` bytes (0, or more than 255 SHA-256 blocks).
    error InvalidExpandLength(uint256 lenInBytes);
    /// @notice Domain separation tags longer than 255 bytes are not supported (RFC 9380 would hash them).
    error DstTooLong(uint256 length);

    // ───────────────────────────── precompiles ─────────────────────────────
    /// @dev SHA-256, the hash of expand_message_xmd
    address internal constant SHA256 = address(0x02);
    /// @dev MODEXP, used with exponent 1 to reduce a 64-byte number mod p
    address internal constant MODEXP = address(0x05);
    /// @dev EIP-2537 precompiles
    address internal constant G1ADD = address(0x0b);
    address internal constant G1MSM = address(0x0c);
    address internal constant G2ADD = address(0x0d);
    address internal constant G2MSM = address(0x0e);
    address internal constant PAIRING_CHECK = address(0x0f);
    address internal constant MAP_FP_TO_G1 = address(0x10);
    address internal constant MAP_FP2_TO_G2 = address(0x11);

    // ───────────────────────────── constants ───────────────────────────────
    /// @dev Base-field modulus p (381 bits) as high and low words of its 64-byte encoding.
    bytes32 internal constant P_A = 0x000000000000000000000000000000001a0111ea397fe69a4b1ba7b6434bacd7;
    bytes32 internal constant P_B = 0x64774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab;

    /// @dev The standard G1 generator g1 (x, y), as in the zcash/IETF specification.
    bytes32 internal constant G1_X_A = 0x0000000000000000000000000000000017f1d3a73197d7942695638c4fa9ac0f;
    bytes32 internal constant G1_X_B = 0xc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb;
    bytes32 internal constant G1_Y_A = 0x0000000000000000000000000000000008b3f481e3aaa0f1a09e30ed741d8ae4;
    bytes32 internal constant G1_Y_B = 0xfcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1;
    /// @dev y of −g1, i.e. p − G1_Y (precomputed so `verify` needs no negation).
    bytes32 internal constant NEG_G1_Y_A = 0x00000000000000000000000000000000114d1d6855d545a8aa7d76c8cf2e21f2;
    bytes32 internal constant NEG_G1_Y_B = 0x67816aef1db507c96655b9d5caac42364e6f38ba0ecb751bad54dcd6b939c2ca;

    /// @notice Ethereum's ciphersuite tag, the DST of every Palisade signature (attestations and proofs of
    ///         possession alike; domain separation lives in the signed message).
    bytes internal constant DST = "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_";

    // ──────────────────────────── point basics ─────────────────────────────

    /// @notice The G1 generator g1.
    function generatorG1() internal pure returns (G1Point memory) {
        return G1Point(G1_X_A, G1_X_B, G1_Y_A, G1_Y_B);
    }

    /// @notice −g1, the generator's negation.
    function negGeneratorG1() internal pure returns (G1Point memory) {
        return G1Point(G1_X_A, G1_X_B, NEG_G1_Y_A, NEG_G1_Y_B);
    }

    /// @notice Whether `p` is the point at infinity (all-zero encoding).
    function isInfinity(G1Point memory p) internal pure returns (bool) {
        return (p.xA | p.xB | p.yA | p.yB) == 0;
    }

    /// @notice Whether `p` is the point at infinity (all-zero encoding).
    function isInfinity(G2Point memory p) internal pure returns (bool) {
        return (p.xc0A | p.xc0B | p.xc1A | p.xc1B | p.yc0A | p.yc0B | p.yc1A | p.yc1B) == 0;
    }

    /// @notice The on-chain id of a key: keccak256(abi.encode(p)), i.e. of its 128-byte EIP-2537 encoding.
    function hashG1(G1Point memory p) internal pure returns (bytes32 h) {
        // a memory struct of four static words is its abi encoding in place (128 bytes)
        assembly ("memory-safe") {
            h := keccak256(p, 128)
        }
    }

    /// @notice −p = (x, p − y). Infinity (and any y = 0) stays as it is, since −0 = 0 in the field.
    /// @dev Reverts `InvalidFieldElement` if y ≥ p; x is not inspected (the next precompile call does).
    function negateG1(G1Point memory p) internal pure returns (G1Point memory r) {
        uint256 yA = uint256(p.yA);
        uint256 yB = uint256(p.yB);
        r.xA = p.xA;
        r.xB = p.xB;
        if (yA | yB == 0) return r;
        require(yA < uint256(P_A) || (yA == uint256(P_A) && yB < uint256(P_B)), InvalidFieldElement());
        unchecked {
            // two-word subtraction p − y with borrow; y < p so the high word cannot underflow, and the
            // low word wraps mod 2^256 exactly as a borrow requires
            uint256 borrow = yB > uint256(P_B) ? 1 : 0;
            r.yB = bytes32(uint256(P_B) - yB);
            r.yA = bytes32(uint256(P_A) - yA - borrow);
        }
    }

    /// @notice a + b in G1 (G1ADD, 375 gas). Checks encoding and curve membership, not the subgroup.
    function addG1(G1Point memory a, G1Point memory b) internal view returns (G1Point memory r) {
        bool ok;
        assembly ("memory-safe") {
            // r was allocated above the free pointer; the 256-byte input goes in scratch past it
            let input := mload(0x40)
            mcopy(input, a, 128)
            mcopy(add(input, 128), b, 128)
            ok := staticcall(gas(), 0x0b, input, 256, r, 128)
        }
        require(ok, PrecompileFailed(G1ADD));
    }

    /// @notice a + b in G2 (G2ADD, 600 gas). Checks encoding and curve membership, not the subgroup.
    function addG2(G2Point memory a, G2Point memory b) internal view returns (G2Point memory r) {
        bool ok;
        assembly ("memory-safe") {
            let input := mload(0x40)
            mcopy(input, a, 256)
            mcopy(add(input, 256), b, 256)
            ok := staticcall(gas(), 0x0d, input, 512, r, 256)
        }
        require(ok, PrecompileFailed(G2ADD));
    }

    /// @notice scalar · p in G1 (G1MSM with k = 1, 12,000 gas). Also proves p is in the prime-order
    ///         subgroup: the precompile fails otherwise. The scalar may be any uint256 (not reduced).
    function mulG1(G1Point memory p, uint256 scalar) internal view returns (G1Point memory r) {
        bool ok;
        assembly ("memory-safe") {
            let input := mload(0x40)
            mcopy(input, p, 128)
            mstore(add(input, 128), scalar)
            ok := staticcall(gas(), 0x0c, input, 160, r, 128)
        }
        require(ok, PrecompileFailed(G1MSM));
    }

    // ──────────────────────────── hash to curve ────────────────────────────

    /// @notice RFC 9380 §5.3.1 expand_message_xmd with SHA-256 (b = 32, s = 64 bytes).
    /// @param message the message msg
    /// @param dst the domain separation tag (≤ 255 bytes)
    /// @param lenInBytes output length, 1 … 8160 (255 blocks of 32 bytes)
    function expandMessageXmd(bytes memory message, bytes memory dst, uint256 lenInBytes)
        internal
        view
        returns (bytes memory out)
    {
        // ell = ⌈len / 32⌉ must fit one byte (RFC 9380: ell ≤ 255), so len ≤ 255·32 = 8160
        require(lenInBytes != 0 && lenInBytes <= 8160, InvalidExpandLength(lenInBytes));
        require(dst.length <= 255, DstTooLong(dst.length));
        uint256 ell = (lenInBytes + 31) / 32;
        out = new bytes(ell * 32);
        bool ok;
        // Assembly so the SHA-256 inputs are built once in scratch memory past the free pointer
        // instead of one abi.encodePacked copy per block (saves ~4,000 gas on a 256-byte expansion).
        assembly ("memory-safe") {
            let msgLen := mload(message)
            let dstLen := mload(dst)
            let buf := mload(0x40)
            // b0 = H(Z_pad ‖ msg ‖ I2OSP(len, 2) ‖ I2OSP(0, 1) ‖ DST ‖ I2OSP(len(DST), 1)),
            // Z_pad = 64 zero bytes (the SHA-256 block size s)
            mstore(buf, 0)
            mstore(add(buf, 32), 0)
            mcopy(add(buf, 64), add(message, 32), msgLen)
            let p := add(add(buf, 64), msgLen)
            mstore8(p, shr(8, lenInBytes))
            mstore8(add(p, 1), and(lenInBytes, 0xff))
            mstore8(add(p, 2), 0)
            mcopy(add(p, 3), add(dst, 32), dstLen)
            mstore8(add(add(p, 3), dstLen), dstLen)
            // 68 = 64 (Z_pad) + 2 (length) + 1 (zero byte) + 1 (DST length byte)
            ok := staticcall(gas(), 0x02, buf, add(add(msgLen, dstLen), 68), 0x00, 32)
            let b0 := mload(0x00)

            // bᵢ = H(strxor(b0, bᵢ₋₁) ‖ I2OSP(i, 1) ‖ DST ‖ I2OSP(len(DST), 1)), with b₁ = H(b0 ‖ 1 ‖ …):
            // one buffer, DST' written once at offset 33, only the first 33 bytes change per block
            mcopy(add(buf, 33), add(dst, 32), dstLen)
            mstore8(add(add(buf, 33), dstLen), dstLen)
            // 34 = 32 (chaining value) + 1 (block index) + 1 (DST length byte)
            let blockLen := add(dstLen, 34)
            let bi := 0
            for { let i := 1 } iszero(gt(i, ell)) { i := add(i, 1) } {
                mstore(buf, xor(b0, bi))
                mstore8(add(buf, 32), i)
                let dest := add(out, mul(i, 32))
                ok := and(staticcall(gas(), 0x02, buf, blockLen, dest, 32), ok)
                bi := mload(dest)
            }
            // truncate to the requested length (shrinking a bytes length never exposes foreign memory)
            mstore(out, lenInBytes)
        }
        require(ok, PrecompileFailed(SHA256));
    }

    /// @notice RFC 9380 hash_to_field for Fp2 with count = 2: expand to 256 bytes, read four 64-byte
    ///         big-endian numbers and reduce each mod p (MODEXP with exponent 1).
    /// @return u 256 bytes = u0.c0 ‖ u0.c1 ‖ u1.c0 ‖ u1.c1, each 64 bytes in EIP-2537 encoding, so
    ///         u[0:128] and u[128:256] are MAP_FP2_TO_G2 inputs as they stand.
    function hashToFp2(bytes memory message, bytes memory dst) internal view returns (bytes memory u) {
        // 2 elements × 2 components × L = 64 bytes (L = ⌈(381 + 128) / 8⌉, 128-bit security margin)
        bytes memory uniform = expandMessageXmd(message, dst, 256);
        u = new bytes(256);
        bool ok = true;
        assembly ("memory-safe") {
            // MODEXP input: len(base) = 64, len(exp) = 1, len(mod) = 64, base, exp = 1, mod = p (225 bytes)
            let input := mload(0x40)
            mstore(input, 64)
            mstore(add(input, 32), 1)
            mstore(add(input, 64), 64)
            mstore8(add(input, 160), 1)
            mstore(add(input, 161), P_A)
            mstore(add(input, 193), P_B)
            for { let i := 0 } lt(i, 4) { i := add(i, 1) } {
                let chunk := add(add(uniform, 32), mul(i, 64))
                mstore(add(input, 96), mload(chunk))
                mstore(add(input, 128), mload(add(chunk, 32)))
                ok := and(ok, staticcall(gas(), 0x05, input, 225, add(add(u, 32), mul(i, 64)), 64))
            }
        }
        require(ok, PrecompileFailed(MODEXP));
    }

    /// @notice RFC 9380 hash_to_curve to G2 (suite BLS12381G2_XMD:SHA-256_SSWU_RO_) under `dst`:
    ///         u0, u1 = hashToFp2; map each with MAP_FP2_TO_G2 (which clears the cofactor); add with G2ADD.
    function hashToG2(bytes memory message, bytes memory dst) internal view returns (G2Point memory r) {
        bytes memory u = hashToFp2(message, dst);
        bool ok;
        address failed;
        assembly ("memory-safe") {
            // q0 ‖ q1 (512 bytes) in scratch past the free pointer, then G2ADD straight into r
            let q := mload(0x40)
            ok := staticcall(gas(), 0x11, add(u, 32), 128, q, 256)
            ok := and(ok, staticcall(gas(), 0x11, add(u, 160), 128, add(q, 256), 256))
            if iszero(ok) { failed := 0x11 }
            if ok {
                ok := staticcall(gas(), 0x0d, q, 512, r, 256)
                if iszero(ok) { failed := 0x0d }
            }
        }
        require(ok, PrecompileFailed(failed));
    }

    // ────────────────────────────── pairing ────────────────────────────────

    /// @notice Whether e(a1, b1) · e(a2, b2) = 1 (PAIRING_CHECK with k = 2, 102,900 gas).
    /// @dev Reverts `PrecompileFailed` on an invalid encoding or a point outside its subgroup; both the
    ///      success flag and the 32-byte output are checked.
    function pairing2(G1Point memory a1, G2Point memory b1, G1Point memory a2, G2Point memory b2)
        internal
        view
        returns (bool result)
    {
        bool ok;
        assembly ("memory-safe") {
            // 2 × (G1 128 ‖ G2 256) = 768 bytes in scratch past the free pointer
            let input := mload(0x40)
            mcopy(input, a1, 128)
            mcopy(add(input, 128), b1, 256)
            mcopy(add(input, 384), a2, 128)
            mcopy(add(input, 512), b2, 256)
            ok := staticcall(gas(), 0x0f, input, 768, 0x00, 32)
            // Yul evaluates arguments right to left: read returndatasize only after the call
            ok := and(ok, eq(returndatasize(), 32))
            result := eq(mload(0x00), 1)
        }
        require(ok, PrecompileFailed(PAIRING_CHECK));
    }

    /// @notice Verifies σ on `message` under `pk` with the Ethereum DST: e(pk, H(m)) · e(−g1, σ) = 1.
    /// @return false for a wrong key, message or signature, and for pk = infinity (which would accept
    ///         σ = infinity on any message; the BLS spec's KeyValidate rejects it).
    /// @dev Reverts `PrecompileFailed` if pk or σ is not a valid subgroup point. The caller is responsible
    ///      for pk carrying a proof of possession when it is an aggregate.
    function verify(G1Point memory pk, bytes memory message, G2Point memory sig)
        internal
        view
        returns (bool)
    {
        if (isInfinity(pk)) return false;
        return pairing2(pk, hashToG2(message, DST), negGeneratorG1(), sig);
    }
}
