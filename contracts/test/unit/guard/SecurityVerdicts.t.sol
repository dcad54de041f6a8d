// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {SecurityVerdicts} from "../../../src/guard/SecurityVerdicts.sol";
import {SecurityVerdictsHarness} from "../../utils/guard/GuardHarnesses.sol";
import {Test} from "forge-std/Test.sol";

/// @dev Vectors computed with viem 2.57.1 (the TypeScript side's encoder): `encodeAbiParameters` for
///      the response and the transaction subject, `keccak256(toHex(id))` for engine versions and hosts.
abstract contract SecurityVerdictsVectors is Test {
    address internal constant VITALIK = 0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045;
    /// @dev subject = VITALIK, verdict 2, flags = bits 0 and 11, unknowns = bit 3, reportHash = keccak256("{}")
    bytes internal constant RESPONSE = hex"000000000000000000000000d8da6bf26964af9d7eed9e03e53415d37aa96045"
        hex"0000000000000000000000000000000000000000000000000000000000000002"
        hex"0000000000000000000000000000000000000000000000000000000000000801"
        hex"0000000000000000000000000000000000000000000000000000000000000008"
        hex"b48d38f93eaa084033fc5970bf96e559c33c4cdc07d889ab00b4d63f9590739d";

    SecurityVerdictsHarness internal lib = new SecurityVerdictsHarness();

    function _words(bytes32 a, bytes32 b, bytes32 c, bytes32 d, bytes32 e)
        internal
        pure
        returns (bytes memory)
    {
        return abi.encode(a, b, c, d, e);
    }
}

/// @notice SecurityVerdicts.decode and encode.
contract SecurityVerdicts_decode is SecurityVerdictsVectors {
    function test_DecodesTheTypeScriptEncoding() public view {
        SecurityVerdicts.SecurityVerdict memory v = lib.decode(RESPONSE);
        assertEq(v.subject, bytes32(uint256(uint160(VITALIK))));
        assertEq(v.verdict, SecurityVerdicts.MALICIOUS);
        assertEq(v.flags, (1 << 11) | 1);
        assertEq(v.unknowns, 1 << 3);
        assertEq(v.reportHash, keccak256("{}"));
        assertEq(lib.encode(v), RESPONSE, "encode is the inverse");
    }

    function test_Revert_WhenEmpty() public {
        vm.expectRevert(abi.encodeWithSelector(SecurityVerdicts.InvalidResponseLength.selector, 0, 160));
        lib.decode("");
    }

    function test_Revert_WhenOneByteShort() public {
        bytes memory short = new bytes(159);
        vm.expectRevert(abi.encodeWithSelector(SecurityVerdicts.InvalidResponseLength.selector, 159, 160));
        lib.decode(short);
    }

    function test_Revert_WhenTrailingBytes() public {
        // what abi.decode would accept: the canonical encoding followed by a word of padding
        bytes memory long = bytes.concat(RESPONSE, bytes32(0));
        vm.expectRevert(abi.encodeWithSelector(SecurityVerdicts.InvalidResponseLength.selector, 192, 160));
        lib.decode(long);
    }

    function test_Revert_WhenVerdictIsThree() public {
        bytes memory r = _words(bytes32(uint256(1)), bytes32(uint256(3)), 0, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(SecurityVerdicts.InvalidVerdict.selector, 3));
        lib.decode(r);
    }

    function test_Revert_WhenVerdictWordDoesNotFitUint8() public {
        // 256 would read as 0 (safe) if the word were truncated to a uint8
        bytes memory r = _words(bytes32(uint256(1)), bytes32(uint256(256)), 0, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(SecurityVerdicts.InvalidVerdict.selector, 256));
        lib.decode(r);
    }

    function testFuzz_RoundTrips(
        bytes32 subject,
        uint8 verdict,
        uint256 flags,
        uint256 unknowns,
        bytes32 reportHash
    ) public view {
        verdict = uint8(bound(verdict, 0, 2));
        SecurityVerdicts.SecurityVerdict memory v =
            SecurityVerdicts.SecurityVerdict(subject, verdict, flags, unknowns, reportHash);
        bytes memory encoded = lib.encode(v);
        assertEq(encoded, abi.encode(subject, verdict, flags, unknowns, reportHash), "decision 0005 layout");
        SecurityVerdicts.SecurityVerdict memory back = lib.decode(encoded);
        assertEq(back.subject, subject);
        assertEq(back.verdict, verdict);
        assertEq(back.flags, flags);
        assertEq(back.unknowns, unknowns);
        assertEq(back.reportHash, reportHash);
    }

    /// @dev Any five words decode exactly when the verdict word is 0, 1 or 2.
    function testFuzz_AcceptsExactlyTheCanonicalWords(
        bytes32 a,
        uint256 verdictWord,
        bytes32 c,
        bytes32 d,
        bytes32 e
    ) public {
        if (verdictWord % 2 == 0) verdictWord = bound(verdictWord, 0, 4); // reach the edges often
        bytes memory r = _words(a, bytes32(verdictWord), c, d, e);
        if (verdictWord > 2) {
            vm.expectRevert(abi.encodeWithSelector(SecurityVerdicts.InvalidVerdict.selector, verdictWord));
            lib.decode(r);
        } else {
            assertEq(lib.decode(r).verdict, verdictWord);
        }
    }

    function testFuzz_Revert_WhenLengthIsNot160(bytes memory r) public {
        vm.assume(r.length != 160);
        vm.expectRevert(
            abi.encodeWithSelector(SecurityVerdicts.InvalidResponseLength.selector, r.length, 160)
        );
        lib.decode(r);
    }
}

/// @notice SecurityVerdicts' engine versions and subject helpers, against the TypeScript side's values.
contract SecurityVerdicts_subjects is SecurityVerdictsVectors {
    function test_EngineVersionsAreTheKeccakOfTheIds() public pure {
        assertEq(
            SecurityVerdicts.PHISHING_V1, 0xeda930a70caf80f47fb59832569dcd52e74503866b48c73fa33bddce9af4797e
        );
        assertEq(
            SecurityVerdicts.ADDRESS_RISK_V1,
            0x5902c114dcb5b61e4f11f1e19ab8b889e008b60fe6fcc491ffa60d037fc7caef
        );
        assertEq(
            SecurityVerdicts.TOKEN_RISK_V1, 0x168b83d5e95974716956a12b3e481edabdb5721e3c6dbe22c5729caae5783912
        );
        assertEq(
            SecurityVerdicts.TX_FIREWALL_V1,
            0xd97f932c9a9cca1f39904cd0816d74ab08b6f2dba3a8975ee37a58579fcaf660
        );
    }

    function test_AddressSubjectIsTheLeftPaddedAddress() public pure {
        assertEq(
            SecurityVerdicts.addressSubject(VITALIK),
            0x000000000000000000000000d8da6bf26964af9d7eed9e03e53415d37aa96045
        );
    }

    function test_HostSubjectIsTheKeccakOfTheHost() public pure {
        assertEq(
            SecurityVerdicts.hostSubject("app.uniswap-claim.example"),
            0xe46e80803ad9a6f6879b2d40a22aae8e0c8b060e99871a5acf0b89610e694884
        );
    }

    function test_TxSubjectOfACall() public pure {
        // a transfer(1) call with 1 ether
        bytes memory data = hex"a9059cbb0000000000000000000000000000000000000000000000000000000000000001";
        assertEq(
            SecurityVerdicts.txSubject(address(0xA11c), address(0xB0B0), 1 ether, data),
            0x03f15e8fe81463bfc45202eeda6e4953154d06d2f9765cb59b2a14e7f4aac8e5
        );
    }

    function test_TxSubjectOfACreationWithoutData() public pure {
        assertEq(
            SecurityVerdicts.txSubject(address(0xA11c), address(0), 0, ""),
            0x1016935685e50d2639cf461d4d2c65b36bdbf87a58199d265e4fa70187777aa9
        );
    }

    function testFuzz_AddressSubjectKeepsTheAddress(address account) public pure {
        bytes32 s = SecurityVerdicts.addressSubject(account);
        assertEq(address(uint160(uint256(s))), account);
        assertEq(uint256(s) >> 160, 0, "upper 96 bits clear");
    }
}
