// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {RegistryHistory} from "../../../src/libraries/RegistryHistory.sol";
import {Test} from "forge-std/Test.sol";

contract RegistryHistoryHarness {
    using RegistryHistory for RegistryHistory.OperatorCheckpoint[];
    using RegistryHistory for RegistryHistory.ApkCheckpoint[];

    RegistryHistory.OperatorCheckpoint[] internal ops;
    RegistryHistory.ApkCheckpoint[] internal apks;

    function push(uint128 value) external {
        ops.push(value % 2 == 0, value);
        apks.push(value, bytes32(uint256(value)), value, bytes32(0), value);
    }

    function opAt(uint32 b, uint256 hint)
        external
        view
        returns (RegistryHistory.OperatorCheckpoint memory cp, bool f)
    {
        return ops.at(b, hint);
    }

    function apkAt(uint32 b, uint256 hint)
        external
        view
        returns (RegistryHistory.ApkCheckpoint memory cp, bool f)
    {
        return apks.at(b, hint);
    }

    function opSearch(uint32 b) external view returns (uint256, bool) {
        return ops.search(b);
    }

    function apkSearch(uint32 b) external view returns (uint256, bool) {
        return apks.search(b);
    }

    function length() external view returns (uint256) {
        return ops.length;
    }

    function op(uint256 i) external view returns (RegistryHistory.OperatorCheckpoint memory) {
        return ops[i];
    }
}

/// @notice History lookups: with the right hint, any wrong hint (in range, past the end, huge) the
///         answer equals the binary search; same-block writes overwrite; toBlock links checkpoints.
contract RegistryHistoryTest is Test {
    RegistryHistoryHarness internal h;

    function setUp() public {
        h = new RegistryHistoryHarness();
    }

    /// @dev pushes at strictly increasing blocks from 1 (gaps 0..3: a 0 gap overwrites)
    function _build(uint8[] memory gaps) internal returns (uint32 lastBlock) {
        vm.roll(1);
        for (uint256 i; i < gaps.length && i < 40; ++i) {
            vm.roll(block.number + gaps[i] % 4);
            // forge-lint: disable-next-line(unsafe-typecast) i < 40
            h.push(uint128(i + 1));
        }
        return uint32(block.number);
    }

    function testFuzz_LookupWithAnyHintEqualsBinarySearch(uint8[] memory gaps, uint32 query, uint256 hint)
        public
    {
        uint32 last = _build(gaps);
        query = uint32(bound(query, 0, last + 3));
        (uint256 index, bool found) = h.opSearch(query);
        uint256 length = h.length();
        uint256[4] memory hints = [hint, index, length, hint % (length + 1)];
        for (uint256 k; k < hints.length; ++k) {
            (RegistryHistory.OperatorCheckpoint memory cp, bool f) = h.opAt(query, hints[k]);
            assertEq(f, found, "found");
            if (found) {
                RegistryHistory.OperatorCheckpoint memory expected = h.op(index);
                assertEq(cp.fromBlock, expected.fromBlock);
                assertEq(cp.stake, expected.stake);
                assertEq(cp.registered, expected.registered);
            } else {
                assertEq(cp.stake, 0);
            }
            (RegistryHistory.ApkCheckpoint memory a, bool fa) = h.apkAt(query, hints[k]);
            (uint256 apkIndex, bool apkFound) = h.apkSearch(query);
            assertEq(fa, apkFound);
            assertEq(apkIndex, index);
            if (found) assertEq(a.totalStake, h.op(index).stake, "same value pushed to both");
        }
    }

    function test_SameBlockOverwritesAndToBlockLinks() public {
        vm.roll(5);
        h.push(1);
        h.push(2); // same block: overwrite
        assertEq(h.length(), 1);
        vm.roll(9);
        h.push(3);
        assertEq(h.op(0).toBlock, 9);
        assertEq(h.op(0).stake, 2);
        (RegistryHistory.OperatorCheckpoint memory cp, bool f) = h.opAt(8, 1); // wrong hint
        assertTrue(f);
        assertEq(cp.stake, 2);
        (, f) = h.opAt(4, 0);
        assertFalse(f, "before the history");
        (cp,) = h.opAt(1000, type(uint256).max);
        assertEq(cp.stake, 3, "open-ended last checkpoint");
    }
}
