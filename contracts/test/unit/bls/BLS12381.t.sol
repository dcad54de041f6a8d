// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {BLS12381} from "../../../src/libraries/BLS12381.sol";
import {BLS12381TestBase} from "./BLS12381TestBase.sol";

/// @dev order r of G1/G2 (scalar field), for fuzzing scalar arithmetic
uint256 constant R = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001;

contract BLS12381_expandMessageXmd is BLS12381TestBase {
    function test_MatchesVectors() public view {
        uint256 n = _count(".expandMessageXmd");
        assertGt(n, 5);
        for (uint256 i; i < n; ++i) {
            string memory at = _at(".expandMessageXmd", i);
            bytes memory out = bls.expandMessageXmd(
                _bytes(string.concat(at, ".msg")),
                _bytes(string.concat(at, ".dst")),
                vm.parseJsonUint(json, string.concat(at, ".len"))
            );
            assertEq(out, _bytes(string.concat(at, ".out")));
        }
    }

    function test_Revert_WhenLengthZero() public {
        vm.expectRevert(abi.encodeWithSelector(BLS12381.InvalidExpandLength.selector, 0));
        bls.expandMessageXmd("m", "d", 0);
    }

    function test_Revert_WhenLengthOver255Blocks() public {
        vm.expectRevert(abi.encodeWithSelector(BLS12381.InvalidExpandLength.selector, 8161));
        bls.expandMessageXmd("m", "d", 8161);
    }

    function test_Revert_WhenDstTooLong() public {
        vm.expectRevert(abi.encodeWithSelector(BLS12381.DstTooLong.selector, 256));
        bls.expandMessageXmd("m", new bytes(256), 32);
    }
}

contract BLS12381_hashToFp2 is BLS12381TestBase {
    function test_MatchesNobleHashToField() public view {
        uint256 n = _count(".hashToG2");
        for (uint256 i; i < n; ++i) {
            string memory at = _at(".hashToG2", i);
            bytes memory u =
                bls.hashToFp2(_bytes(string.concat(at, ".msg")), _bytes(string.concat(at, ".dst")));
            assertEq(u, _bytes(string.concat(at, ".u")));
        }
    }
}

contract BLS12381_hashToG2 is BLS12381TestBase {
    /// @notice Includes the five RFC 9380 J.10.1 vectors (QUUX DST), asserted in the generator too,
    ///         then Ethereum-DST and custom-DST messages hashed by noble-curves.
    function test_MatchesVectors() public view {
        uint256 n = _count(".hashToG2");
        assertGt(n, 9);
        for (uint256 i; i < n; ++i) {
            string memory at = _at(".hashToG2", i);
            BLS12381.G2Point memory h =
                bls.hashToG2(_bytes(string.concat(at, ".msg")), _bytes(string.concat(at, ".dst")));
            _eq(h, _g2(string.concat(at, ".point")));
        }
    }

    function test_DifferentDstGivesDifferentPoint() public view {
        BLS12381.G2Point memory a = bls.hashToG2("m", "DST-A");
        BLS12381.G2Point memory b = bls.hashToG2("m", "DST-B");
        assertTrue(keccak256(abi.encode(a)) != keccak256(abi.encode(b)));
    }
}

contract BLS12381_addG1 is BLS12381TestBase {
    function test_AddsLikeScalars() public view {
        BLS12381.G1Point memory g = BLS12381.generatorG1();
        BLS12381.G1Point memory two = bls.addG1(g, g);
        _eq(bls.addG1(two, bls.mulG1(g, 3)), _g1(".points.g1Times2Plus3"));
    }

    function test_InfinityIsNeutral() public view {
        BLS12381.G1Point memory g = BLS12381.generatorG1();
        BLS12381.G1Point memory inf;
        _eq(bls.addG1(g, inf), g);
        _eq(bls.addG1(inf, g), g);
    }

    function test_AggregatesThreeKeysLikeBlst() public view {
        BLS12381.G1Point memory apk = _g1(".signatures.signers[0].pk");
        apk = bls.addG1(apk, _g1(".signatures.signers[1].pk"));
        apk = bls.addG1(apk, _g1(".signatures.signers[2].pk"));
        _eq(apk, _g1(".signatures.aggregatePk"));
    }

    function test_Revert_WhenNotOnCurve() public {
        vm.expectRevert(abi.encodeWithSelector(BLS12381.PrecompileFailed.selector, BLS12381.G1ADD));
        bls.addG1(BLS12381.generatorG1(), _offCurveG1());
    }

    function test_Revert_WhenCoordinateNotCanonical() public {
        BLS12381.G1Point memory g = BLS12381.generatorG1();
        // x + p encodes the same residue but is not a canonical field element
        BLS12381.G1Point memory bad = g;
        bad.xA = bytes32(uint256(g.xA) + uint256(BLS12381.P_A) + 1);
        vm.expectRevert(abi.encodeWithSelector(BLS12381.PrecompileFailed.selector, BLS12381.G1ADD));
        bls.addG1(g, bad);
    }

    function test_Revert_WhenTopBytesNotZero() public {
        BLS12381.G1Point memory bad = BLS12381.generatorG1();
        bad.yA = bytes32(uint256(bad.yA) | (1 << 255));
        vm.expectRevert(abi.encodeWithSelector(BLS12381.PrecompileFailed.selector, BLS12381.G1ADD));
        bls.addG1(BLS12381.generatorG1(), bad);
    }
}

contract BLS12381_negateG1 is BLS12381TestBase {
    function test_NegatesGenerator() public view {
        _eq(bls.negateG1(BLS12381.generatorG1()), BLS12381.negGeneratorG1());
    }

    function test_InfinityStaysInfinity() public view {
        BLS12381.G1Point memory inf;
        assertTrue(BLS12381.isInfinity(bls.negateG1(inf)));
    }

    function test_SumWithNegationIsInfinity() public view {
        BLS12381.G1Point memory pk = _g1(".signatures.signers[1].pk");
        assertTrue(BLS12381.isInfinity(bls.addG1(pk, bls.negateG1(pk))));
    }

    function test_Revert_WhenYNotCanonical() public {
        BLS12381.G1Point memory p = BLS12381.generatorG1();
        p.yA = BLS12381.P_A;
        p.yB = BLS12381.P_B;
        vm.expectRevert(BLS12381.InvalidFieldElement.selector);
        bls.negateG1(p);
    }

    function testFuzz_NegateTwiceIsIdentity(uint256 k) public view {
        BLS12381.G1Point memory p = bls.mulG1(BLS12381.generatorG1(), k);
        _eq(bls.negateG1(bls.negateG1(p)), p);
    }

    /// forge-config: default.fuzz.runs = 64
    function testFuzz_AddNegationIsInfinity(uint256 k) public view {
        BLS12381.G1Point memory p = bls.mulG1(BLS12381.generatorG1(), k);
        assertTrue(BLS12381.isInfinity(bls.addG1(p, bls.negateG1(p))));
    }
}

contract BLS12381_mulG1 is BLS12381TestBase {
    function test_MatchesNoble() public view {
        uint256 n = _count(".points.mulG1");
        for (uint256 i; i < n; ++i) {
            string memory at = _at(".points.mulG1", i);
            uint256 k = vm.parseJsonUint(json, string.concat(at, ".scalar"));
            _eq(bls.mulG1(BLS12381.generatorG1(), k), _g1(string.concat(at, ".point")));
        }
    }

    function test_ZeroAndOrderGiveInfinity() public view {
        assertTrue(BLS12381.isInfinity(bls.mulG1(BLS12381.generatorG1(), 0)));
        assertTrue(BLS12381.isInfinity(bls.mulG1(BLS12381.generatorG1(), R)));
    }

    function test_Revert_WhenNotInSubgroup() public {
        // on the curve (G1ADD accepts it) but outside the order-r subgroup: MSM refuses it
        BLS12381.G1Point memory p = _g1(".points.offSubgroupG1");
        bls.addG1(p, p);
        vm.expectRevert(abi.encodeWithSelector(BLS12381.PrecompileFailed.selector, BLS12381.G1MSM));
        bls.mulG1(p, 1);
    }

    function test_Revert_WhenNotOnCurve() public {
        vm.expectRevert(abi.encodeWithSelector(BLS12381.PrecompileFailed.selector, BLS12381.G1MSM));
        bls.mulG1(_offCurveG1(), 2);
    }

    /// forge-config: default.fuzz.runs = 64
    function testFuzz_ConsistentWithAdd(uint128 a, uint128 b) public view {
        BLS12381.G1Point memory g = BLS12381.generatorG1();
        // a + b < 2^129 < r: no reduction needed
        _eq(bls.addG1(bls.mulG1(g, a), bls.mulG1(g, b)), bls.mulG1(g, uint256(a) + b));
    }
}

contract BLS12381_addG2 is BLS12381TestBase {
    function test_AddsLikeScalars() public view {
        _eq(bls.addG2(_g2(".points.g2"), _g2(".points.twoG2")), _g2(".points.g2Plus2g2"));
    }

    function test_AggregatesThreeSignaturesLikeBlst() public view {
        BLS12381.G2Point memory s = _g2(".signatures.signers[0].sig");
        s = bls.addG2(s, _g2(".signatures.signers[1].sig"));
        s = bls.addG2(s, _g2(".signatures.signers[2].sig"));
        _eq(s, _g2(".signatures.aggregateSig"));
    }

    function test_Revert_WhenNotOnCurve() public {
        vm.expectRevert(abi.encodeWithSelector(BLS12381.PrecompileFailed.selector, BLS12381.G2ADD));
        bls.addG2(_g2(".points.g2"), _offCurveG2());
    }
}

contract BLS12381_pairing2 is BLS12381TestBase {
    function test_TrueForInversePair() public view {
        BLS12381.G2Point memory g2 = _g2(".points.g2");
        assertTrue(bls.pairing2(BLS12381.generatorG1(), g2, BLS12381.negGeneratorG1(), g2));
    }

    function test_FalseForNonInversePair() public view {
        BLS12381.G2Point memory g2 = _g2(".points.g2");
        assertFalse(bls.pairing2(BLS12381.generatorG1(), g2, BLS12381.generatorG1(), g2));
    }

    function test_Bilinear() public view {
        // e(2·g1, g2) · e(−g1, 2·g2) = 1
        BLS12381.G1Point memory twoG1 = bls.mulG1(BLS12381.generatorG1(), 2);
        assertTrue(bls.pairing2(twoG1, _g2(".points.g2"), BLS12381.negGeneratorG1(), _g2(".points.twoG2")));
    }

    function test_Revert_WhenG2NotInSubgroup() public {
        BLS12381.G2Point memory bad = _g2(".points.offSubgroupG2");
        vm.expectRevert(abi.encodeWithSelector(BLS12381.PrecompileFailed.selector, BLS12381.PAIRING_CHECK));
        bls.pairing2(BLS12381.generatorG1(), bad, BLS12381.negGeneratorG1(), _g2(".points.g2"));
    }

    function test_Revert_WhenG1NotInSubgroup() public {
        BLS12381.G2Point memory g2 = _g2(".points.g2");
        vm.expectRevert(abi.encodeWithSelector(BLS12381.PrecompileFailed.selector, BLS12381.PAIRING_CHECK));
        bls.pairing2(_g1(".points.offSubgroupG1"), g2, BLS12381.negGeneratorG1(), g2);
    }
}

contract BLS12381_verify is BLS12381TestBase {
    function test_AcceptsBlstSignatures() public view {
        bytes memory message = _bytes(".signatures.message");
        for (uint256 i; i < 3; ++i) {
            string memory at = _at(".signatures.signers", i);
            assertTrue(bls.verify(_g1(string.concat(at, ".pk")), message, _g2(string.concat(at, ".sig"))));
        }
    }

    function test_AcceptsAggregate() public view {
        assertTrue(
            bls.verify(
                _g1(".signatures.aggregatePk"), _bytes(".signatures.message"), _g2(".signatures.aggregateSig")
            )
        );
    }

    function test_ReturnsFalse_WhenWrongMessage() public view {
        assertFalse(
            bls.verify(
                _g1(".signatures.signers[0].pk"),
                _bytes(".signatures.otherMessage"),
                _g2(".signatures.signers[0].sig")
            )
        );
    }

    function test_ReturnsFalse_WhenWrongKey() public view {
        assertFalse(
            bls.verify(
                _g1(".signatures.signers[1].pk"),
                _bytes(".signatures.message"),
                _g2(".signatures.signers[0].sig")
            )
        );
    }

    function test_ReturnsFalse_WhenInfinityKey() public view {
        BLS12381.G1Point memory inf;
        BLS12381.G2Point memory infSig;
        assertFalse(bls.verify(inf, _bytes(".signatures.message"), infSig));
    }

    function test_ReturnsFalse_WhenAggregateMissesASigner() public view {
        BLS12381.G1Point memory apk =
            bls.addG1(_g1(".signatures.signers[0].pk"), _g1(".signatures.signers[1].pk"));
        assertFalse(bls.verify(apk, _bytes(".signatures.message"), _g2(".signatures.aggregateSig")));
    }

    /// @notice Why proofs of possession are required: pk_rogue = pk_evil − pk_honest makes an
    ///         "aggregate of honest and rogue" that verifies a message only evil signed.
    function test_RogueKey_ForgesAggregateWithoutPoP() public view {
        BLS12381.G1Point memory apk = bls.addG1(_g1(".rogue.honestPk"), _g1(".rogue.roguePk"));
        _eq(apk, _g1(".rogue.evilPk"));
        assertTrue(bls.verify(apk, _bytes(".rogue.message"), _g2(".rogue.evilSig")));
    }

    function test_Revert_WhenSignatureNotOnCurve() public {
        bytes memory message = _bytes(".signatures.message");
        BLS12381.G1Point memory pk = _g1(".signatures.signers[0].pk");
        vm.expectRevert(abi.encodeWithSelector(BLS12381.PrecompileFailed.selector, BLS12381.PAIRING_CHECK));
        bls.verify(pk, message, _offCurveG2());
    }

    function test_Revert_WhenSignatureNotInSubgroup() public {
        bytes memory message = _bytes(".signatures.message");
        BLS12381.G1Point memory pk = _g1(".signatures.signers[0].pk");
        BLS12381.G2Point memory sig = _g2(".points.offSubgroupG2");
        vm.expectRevert(abi.encodeWithSelector(BLS12381.PrecompileFailed.selector, BLS12381.PAIRING_CHECK));
        bls.verify(pk, message, sig);
    }

    function test_Revert_WhenKeyNotOnCurve() public {
        bytes memory message = _bytes(".signatures.message");
        BLS12381.G2Point memory sig = _g2(".signatures.signers[0].sig");
        vm.expectRevert(abi.encodeWithSelector(BLS12381.PrecompileFailed.selector, BLS12381.PAIRING_CHECK));
        bls.verify(_offCurveG1(), message, sig);
    }
}

contract BLS12381_points is BLS12381TestBase {
    function test_GeneratorMatchesNoble() public view {
        _eq(BLS12381.generatorG1(), _g1(".points.g1"));
    }

    function test_HashG1IsKeccakOfAbiEncoding() public view {
        BLS12381.G1Point memory pk = _g1(".signatures.signers[0].pk");
        assertEq(bls.hashG1(pk), keccak256(abi.encode(pk)));
    }

    function test_IsInfinity() public view {
        BLS12381.G1Point memory inf1;
        BLS12381.G2Point memory inf2;
        assertTrue(BLS12381.isInfinity(inf1));
        assertTrue(BLS12381.isInfinity(inf2));
        assertFalse(BLS12381.isInfinity(BLS12381.generatorG1()));
        assertFalse(BLS12381.isInfinity(_g2(".points.g2")));
    }
}
