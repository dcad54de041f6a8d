// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IPalisadeGuard} from "../../../src/guard/IPalisadeGuard.sol";
import {SecurityVerdicts} from "../../../src/guard/SecurityVerdicts.sol";
import {IQuorumVerifier} from "../../../src/interfaces/IQuorumVerifier.sol";
import {IServiceManager} from "../../../src/interfaces/IServiceManager.sol";
import {AttestationLib} from "../../../src/libraries/AttestationLib.sol";
import {BLS12381} from "../../../src/libraries/BLS12381.sol";
import {GuardFixture} from "../../utils/guard/GuardFixture.sol";

/// @notice The guard tests' own machinery, checked against the independent one: the Merkle builder
///         against the batches `test/fixtures/avs/generate.ts` built in TypeScript, and the in-EVM
///         signers against the real ServiceManager (a certificate passes only with every key right).
contract GuardFixtureTest is GuardFixture {
    function test_MerkleBuilderMatchesTheTypeScriptBatches() public view {
        // five leaves: the fifth is carried up alone twice
        bytes32[] memory leaves = new bytes32[](5);
        for (uint256 i; i < 5; ++i) {
            IServiceManager.Verdict memory v =
                _verdict(string.concat(".integration.verdicts[", vm.toString(i), "]"));
            leaves[i] =
                AttestationLib.verdictLeaf(v.requestHash, v.responseHash, v.engineVersion, v.referenceBlock);
        }
        for (uint256 i; i < 5; ++i) {
            (bytes32 root, bytes32[] memory proof) = _merkle(leaves, i);
            assertEq(root, vm.parseJsonBytes32(fixture, ".integration.batchRoot"), "root");
            assertEq(proof, _proof(string.concat(".integration.proofs[", vm.toString(i), "]")), "proof");
        }
    }

    function test_RegistersTheSignersWithTheirKeys() public view {
        for (uint256 i; i < SIGNERS; ++i) {
            assertTrue(registry.isRegistered(_operator(i)));
            assertEq(registry.operatorOf(BLS12381.hashG1(_publicKey(_secretKey(i)))), _operator(i));
        }
        assertEq(registry.currentTotalStake(), SIGNERS * SIGNER_STAKE);
    }

    function test_CertifiesABatchThroughTheServiceManager() public {
        IPalisadeGuard.Attestation memory a =
            _attestAddress(makeAddr("bob"), SecurityVerdicts.SAFE, 0, 0, uint32(block.number - 1));
        IServiceManager.Batch memory b = serviceManager.getBatch(a.batchRoot);
        assertEq(b.verdictCount, 1 + FILLERS);
        assertEq(b.signedStake, SIGNERS * SIGNER_STAKE);
        assertEq(a.proof.length, 2, "three leaves: a two-step proof");
    }

    function test_Revert_WhenOneSignerKeyIsWrong() public {
        bytes32 root = keccak256("some batch");
        uint32 batchBlock = uint32(block.number - 1);
        IQuorumVerifier.NonSignerParams memory none;
        none.apkHint = registry.apkIndexAt(batchBlock);
        uint256 wrong = addmod(_aggregateKey(), 1, BLS_ORDER);
        BLS12381.G2Point memory sigma = _sign(wrong, serviceManager.attestationDigest(root, batchBlock));
        vm.expectRevert(IQuorumVerifier.InvalidSignature.selector);
        serviceManager.submitBatch(root, batchBlock, 1, none, sigma);
    }
}
