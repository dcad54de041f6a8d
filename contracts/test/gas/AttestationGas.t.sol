// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IQuorumVerifier} from "../../src/interfaces/IQuorumVerifier.sol";
import {IServiceManager} from "../../src/interfaces/IServiceManager.sol";
import {BLS12381} from "../../src/libraries/BLS12381.sol";
import {AVSFixture} from "../utils/AVSFixture.sol";

/// @notice Gas of quorum certificates and batched attestations, call by call (isolated: every call is
///         its own transaction, so storage is cold as on a real chain) into `snapshots/avs.json`.
///         Goals (CRYPTO.md): ≤ 150,000 per certificate with no non-signers, ≤ 5,000 per non-signer,
///         < 100 per verdict with 10,000 verdicts per batch.
contract AttestationGasTest is AVSFixture {
    string internal constant GROUP = "avs";

    /// forge-config: default.isolate = true
    function test_Gas_Certificate10() public {
        _certificates(0, 10);
    }

    /// forge-config: default.isolate = true
    function test_Gas_Certificate50() public {
        _certificates(3, 50);
    }

    /// forge-config: default.isolate = true
    function test_Gas_Certificate200() public {
        _certificates(6, 200);
    }

    /// forge-config: default.isolate = true
    function test_Gas_RequestTask() public {
        // A typical address-basics request (56 bytes). The counter shares its slot with
        // quorumThresholdBps, so even the first request writes a non-zero slot: every request costs the same.
        serviceManager.requestTask(
            "address-basics@1", bytes('{"address":"0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045"}')
        );
        vm.snapshotGasLastCall(GROUP, "requestTask (address-basics request, with the 21,000 base)");
    }

    /// forge-config: default.isolate = true
    function test_Gas_BatchesPerVerdict() public {
        _onboard(_equalStakes(10, 1e18));
        IQuorumVerifier.NonSignerParams memory none = _nonSigners(new uint256[](0));
        for (uint256 i; i < 3; ++i) {
            string memory path = string.concat(".gas.batches[", vm.toString(i), "]");
            uint256 count = vm.parseJsonUint(fixture, string.concat(path, ".count"));
            bytes32 root = vm.parseJsonBytes32(fixture, string.concat(path, ".root"));
            BLS12381.G2Point memory sigma = _g2(string.concat(path, ".sigma"));
            // forge-lint: disable-next-line(unsafe-typecast) counts are 1, 100 and 10,000
            serviceManager.submitBatch(root, REFERENCE_BLOCK, uint32(count), none, sigma);
            uint256 submitGas = vm.snapshotGasLastCall(
                GROUP, string.concat("submitBatch (", vm.toString(count), " verdicts)")
            );
            vm.snapshotValue(
                GROUP,
                string.concat("submitBatch per verdict (", vm.toString(count), " verdicts)"),
                submitGas / count
            );
            IServiceManager.Verdict memory v = _verdict(string.concat(path, ".verdict"));
            bytes32[] memory proof = _proof(string.concat(path, ".proof"));
            assertTrue(serviceManager.verifyVerdict(root, v, proof));
            vm.snapshotGasLastCall(GROUP, string.concat("verifyVerdict (batch of ", vm.toString(count), ")"));
        }
    }

    /// @dev The three certificates of the fixture for `n` operators (entries `first`..`first+2`):
    ///      0 %, 10 % and 33 % non-signers.
    function _certificates(uint256 first, uint256 n) internal {
        _onboard(_equalStakes(n, 1e18));
        // what an isolated call costs before doing anything (the 21,000 transaction base and calldata)
        registry.REFERENCE_WINDOW();
        vm.snapshotGasLastCall(GROUP, "baseline: REFERENCE_WINDOW() (empty view)");
        bytes32 digest =
            serviceManager.attestationDigest(vm.parseJsonBytes32(fixture, ".gas.root"), REFERENCE_BLOCK);
        for (uint256 i = first; i < first + 3; ++i) {
            string memory path = string.concat(".gas.certificates[", vm.toString(i), "]");
            assertEq(vm.parseJsonUint(fixture, string.concat(path, ".operators")), n);
            uint256 k = vm.parseJsonUint(fixture, string.concat(path, ".nonSigners"));
            IQuorumVerifier.NonSignerParams memory p = _nonSigners(_range(k));
            BLS12381.G2Point memory sigma = _g2(string.concat(path, ".sigma"));
            (uint256 signedStake, uint256 totalStake) =
                registry.checkSignatures(digest, REFERENCE_BLOCK, p, sigma);
            vm.snapshotGasLastCall(
                GROUP,
                string.concat(
                    "checkSignatures (", vm.toString(n), " operators, ", vm.toString(k), " non-signers)"
                )
            );
            assertEq(totalStake, n * 1e18);
            assertEq(signedStake, (n - k) * 1e18);
        }
    }
}
