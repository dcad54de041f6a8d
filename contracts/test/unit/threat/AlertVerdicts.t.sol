// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IThreatResponse} from "../../../src/interfaces/IThreatResponse.sol";
import {AlertVerdictsHarness} from "../../utils/threat/ThreatHarnesses.sol";
import {Test} from "forge-std/Test.sol";

/// @notice AlertVerdicts.decode: the canonical `abi.encode(AlertVerdict)` and nothing else.
contract AlertVerdicts_decode is Test {
    AlertVerdictsHarness internal harness = new AlertVerdictsHarness();

    function _verdict(uint256 operators) internal pure returns (IThreatResponse.AlertVerdict memory v) {
        v = IThreatResponse.AlertVerdict({
            alertId: keccak256("alert"),
            chainId: 31_337,
            reproduced: true,
            alertType: 5,
            severity: 4,
            protocol: address(0xBEEF),
            serviceId: 3,
            implicatedOperators: new address[](operators)
        });
        for (uint256 i; i < operators; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast) small test addresses
            v.implicatedOperators[i] = address(uint160(0x10000 + i));
        }
    }

    function test_DecodesTheCanonicalEncoding() public view {
        IThreatResponse.AlertVerdict memory v = _verdict(3);
        bytes memory response = abi.encode(v);
        assertEq(response.length, 0x140 + 3 * 32);
        assertEq(abi.encode(harness.decode(response)), response);
        assertEq(harness.encode(v), response, "encode is abi.encode");
    }

    function test_DecodesAnEmptyOperatorList() public view {
        bytes memory response = abi.encode(_verdict(0));
        assertEq(response.length, 0x140);
        assertEq(harness.decode(response).implicatedOperators.length, 0);
    }

    function testFuzz_RoundTrip(
        bytes32 alertId,
        uint64 chainId,
        bool reproduced,
        uint8 alertType,
        uint8 severity,
        address protocol,
        uint64 serviceId,
        uint8 operators,
        uint256 seed
    ) public view {
        IThreatResponse.AlertVerdict memory v = IThreatResponse.AlertVerdict({
            alertId: alertId,
            chainId: chainId,
            reproduced: reproduced,
            alertType: uint8(bound(alertType, 0, 5)),
            severity: uint8(bound(severity, 0, 4)),
            protocol: protocol,
            serviceId: serviceId,
            implicatedOperators: new address[](bound(operators, 0, 20))
        });
        uint160 previous;
        for (uint256 i; i < v.implicatedOperators.length; ++i) {
            // strictly ascending: each step adds 1 to 2^32
            // forge-lint: disable-next-line(unsafe-typecast) the step is below 2^33
            previous += uint160(1 + uint256(keccak256(abi.encode(seed, i))) % 2 ** 32);
            v.implicatedOperators[i] = address(previous);
        }
        bytes memory response = abi.encode(v);
        assertEq(abi.encode(harness.decode(response)), response);
    }

    /// @dev Any change of one word of a canonical response either keeps it canonical (a value within
    ///      its type) or is refused with the offset of that word (or the length).
    function testFuzz_Revert_WhenAnyWordIsOutOfItsType(uint256 word, uint256 value) public {
        bytes memory response = abi.encode(_verdict(2));
        word = bound(word, 0, response.length / 32 - 1);
        assembly ("memory-safe") {
            mstore(add(add(response, 0x20), mul(word, 32)), value)
        }
        try harness.decode(response) returns (IThreatResponse.AlertVerdict memory v) {
            assertEq(abi.encode(v), response, "only canonical bytes decode");
        } catch (bytes memory reason) {
            // forge-lint: disable-next-line(unsafe-typecast) only the selector is compared
            assertEq(bytes4(reason), IThreatResponse.MalformedAlertVerdict.selector);
        }
    }

    function test_Revert_WhenShorterThanTheFixedPart() public {
        _expectMalformed(0x13f);
        harness.decode(new bytes(0x13f));
        _expectMalformed(0);
        harness.decode("");
    }

    function test_Revert_WhenTupleOffsetIsWrong() public {
        _expectMalformed(0x000, _withWord(abi.encode(_verdict(1)), 0x000, 0x40));
    }

    function test_Revert_WhenChainIdAbove64Bits() public {
        _expectMalformed(0x040, _withWord(abi.encode(_verdict(1)), 0x040, 2 ** 64));
    }

    function test_Revert_WhenReproducedIsNotABool() public {
        _expectMalformed(0x060, _withWord(abi.encode(_verdict(1)), 0x060, 2));
    }

    function test_Revert_WhenUnknownAlertType() public {
        _expectMalformed(0x080, _withWord(abi.encode(_verdict(1)), 0x080, 6));
    }

    function test_Revert_WhenSeverityAboveCritical() public {
        _expectMalformed(0x0a0, _withWord(abi.encode(_verdict(1)), 0x0a0, 5));
    }

    function test_Revert_WhenProtocolAbove160Bits() public {
        _expectMalformed(0x0c0, _withWord(abi.encode(_verdict(1)), 0x0c0, 2 ** 160));
    }

    function test_Revert_WhenServiceIdAbove64Bits() public {
        _expectMalformed(0x0e0, _withWord(abi.encode(_verdict(1)), 0x0e0, 2 ** 64));
    }

    function test_Revert_WhenArrayOffsetIsWrong() public {
        _expectMalformed(0x100, _withWord(abi.encode(_verdict(1)), 0x100, 0x120));
    }

    function test_Revert_WhenArrayLengthDisagreesWithTheBytes() public {
        bytes memory response = abi.encode(_verdict(2));
        _expectMalformed(response.length, _withWord(response, 0x120, 3));
        _expectMalformed(response.length, _withWord(response, 0x120, 1));
        _expectMalformed(response.length, _withWord(response, 0x120, type(uint256).max));
    }

    function test_Revert_WhenTrailingBytes() public {
        bytes memory response = abi.encodePacked(abi.encode(_verdict(1)), bytes32(0));
        _expectMalformed(response.length, response);
        response = abi.encodePacked(abi.encode(_verdict(1)), bytes1(0));
        _expectMalformed(response.length, response);
    }

    function test_Revert_WhenOperatorsNotAscending() public {
        IThreatResponse.AlertVerdict memory v = _verdict(2);
        (v.implicatedOperators[0], v.implicatedOperators[1]) =
        (v.implicatedOperators[1], v.implicatedOperators[0]);
        _expectMalformed(0x160, abi.encode(v));
    }

    function test_Revert_WhenOperatorRepeated() public {
        IThreatResponse.AlertVerdict memory v = _verdict(2);
        v.implicatedOperators[1] = v.implicatedOperators[0];
        _expectMalformed(0x160, abi.encode(v));
    }

    function test_Revert_WhenOperatorIsZero() public {
        IThreatResponse.AlertVerdict memory v = _verdict(1);
        v.implicatedOperators[0] = address(0);
        _expectMalformed(0x140, abi.encode(v));
    }

    function test_Revert_WhenOperatorAbove160Bits() public {
        _expectMalformed(0x140, _withWord(abi.encode(_verdict(1)), 0x140, 2 ** 160 + 1));
    }

    function _withWord(bytes memory response, uint256 offset, uint256 value)
        internal
        pure
        returns (bytes memory)
    {
        assembly ("memory-safe") {
            mstore(add(add(response, 0x20), offset), value)
        }
        return response;
    }

    function _expectMalformed(uint256 offset) internal {
        vm.expectRevert(abi.encodeWithSelector(IThreatResponse.MalformedAlertVerdict.selector, offset));
    }

    function _expectMalformed(uint256 offset, bytes memory response) internal {
        _expectMalformed(offset);
        harness.decode(response);
    }
}
