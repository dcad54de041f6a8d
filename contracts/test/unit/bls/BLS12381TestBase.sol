// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {BLS12381} from "../../../src/libraries/BLS12381.sol";
import {BLS12381Harness} from "./BLS12381Harness.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Loads `test/fixtures/bls/vectors.json` (written by generate.ts from noble-curves and blst;
///         points are EIP-2537 bytes, i.e. `abi.encode` of the library structs).
abstract contract BLS12381TestBase is Test {
    BLS12381Harness internal bls;
    string internal json;

    function setUp() public virtual {
        bls = new BLS12381Harness();
        json = vm.readFile("test/fixtures/bls/vectors.json");
    }

    function _g1(string memory key) internal view returns (BLS12381.G1Point memory) {
        return abi.decode(vm.parseJsonBytes(json, key), (BLS12381.G1Point));
    }

    function _g2(string memory key) internal view returns (BLS12381.G2Point memory) {
        return abi.decode(vm.parseJsonBytes(json, key), (BLS12381.G2Point));
    }

    function _bytes(string memory key) internal view returns (bytes memory) {
        return vm.parseJsonBytes(json, key);
    }

    function _count(string memory array) internal view returns (uint256 n) {
        while (vm.keyExistsJson(json, _at(array, n))) ++n;
    }

    function _at(string memory array, uint256 i) internal pure returns (string memory) {
        return string.concat(array, "[", vm.toString(i), "]");
    }

    function _eq(BLS12381.G1Point memory a, BLS12381.G1Point memory b) internal pure {
        assertEq(abi.encode(a), abi.encode(b));
    }

    function _eq(BLS12381.G2Point memory a, BLS12381.G2Point memory b) internal pure {
        assertEq(abi.encode(a), abi.encode(b));
    }

    /// @dev G1 point (1, 1): not on the curve y² = x³ + 4
    function _offCurveG1() internal pure returns (BLS12381.G1Point memory p) {
        p.xB = bytes32(uint256(1));
        p.yB = bytes32(uint256(1));
    }

    function _offCurveG2() internal pure returns (BLS12381.G2Point memory p) {
        p.xc0B = bytes32(uint256(1));
        p.yc0B = bytes32(uint256(1));
    }
}
