// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IQuorumVerifier} from "../../../src/interfaces/IQuorumVerifier.sol";
import {IServiceManager} from "../../../src/interfaces/IServiceManager.sol";
import {BLS12381} from "../../../src/libraries/BLS12381.sol";
import {AVSUnitBase} from "./AVSUnitBase.sol";

/// @notice ServiceManager.submitBatch.
contract SubmitBatchTest is AVSUnitBase {
    function test_RecordsTheBatch() public {
        bytes32 root = _root();
        vm.expectEmit(address(serviceManager));
        emit IServiceManager.BatchAttested(root, REFERENCE_BLOCK, 5, TOTAL, TOTAL);
        serviceManager.submitBatch(root, REFERENCE_BLOCK, 5, _noNonSigners(), _g2(".integration.allSign"));
        IServiceManager.Batch memory b = serviceManager.getBatch(root);
        assertEq(b.referenceBlock, REFERENCE_BLOCK);
        assertEq(b.submittedBlock, block.number);
        assertEq(b.verdictCount, 5);
        assertEq(b.signedStake, TOTAL);
        assertEq(b.totalStake, TOTAL);
    }

    function test_Revert_WhenAlreadySubmitted() public {
        bytes32 root = _root();
        IQuorumVerifier.NonSignerParams memory p = _noNonSigners();
        BLS12381.G2Point memory sigma = _g2(".integration.allSign");
        serviceManager.submitBatch(root, REFERENCE_BLOCK, 5, p, sigma);
        vm.expectRevert(abi.encodeWithSelector(IServiceManager.BatchAlreadySubmitted.selector, root));
        serviceManager.submitBatch(root, REFERENCE_BLOCK, 5, p, sigma);
    }

    function test_Revert_WhenEmpty() public {
        bytes32 root = _root();
        IQuorumVerifier.NonSignerParams memory p = _noNonSigners();
        BLS12381.G2Point memory sigma = _g2(".integration.allSign");
        vm.expectRevert(IServiceManager.EmptyBatch.selector);
        serviceManager.submitBatch(root, REFERENCE_BLOCK, 0, p, sigma);
    }

    function test_Revert_WhenQuorumNotReached() public {
        vm.prank(owner);
        serviceManager.setQuorumThreshold(7000);
        bytes32 root = _root();
        IQuorumVerifier.NonSignerParams memory p = _nonSigners(_ids(0));
        BLS12381.G2Point memory sigma = _g2(".integration.without0");
        vm.expectRevert(
            abi.encodeWithSelector(IQuorumVerifier.QuorumNotReached.selector, 6667e18, TOTAL, uint16(7000))
        );
        serviceManager.submitBatch(root, REFERENCE_BLOCK, 5, p, sigma);
    }

    function test_Revert_WhenSignatureInvalid() public {
        bytes32 root = keccak256("another root");
        IQuorumVerifier.NonSignerParams memory p = _noNonSigners();
        BLS12381.G2Point memory sigma = _g2(".integration.allSign");
        vm.expectRevert(IQuorumVerifier.InvalidSignature.selector);
        serviceManager.submitBatch(root, REFERENCE_BLOCK, 5, p, sigma);
    }

    function test_Revert_WhenAttestationsPaused() public {
        _pause(address(serviceManager), 1);
        bytes32 root = _root();
        IQuorumVerifier.NonSignerParams memory p = _noNonSigners();
        BLS12381.G2Point memory sigma = _g2(".integration.allSign");
        _expectPaused(1);
        serviceManager.submitBatch(root, REFERENCE_BLOCK, 5, p, sigma);
    }
}

/// @notice ServiceManager.verifyVerdict.
contract VerifyVerdictTest is AVSUnitBase {
    function test_TrueForAVerdictOfASubmittedBatch() public {
        serviceManager.submitBatch(_root(), REFERENCE_BLOCK, 5, _noNonSigners(), _g2(".integration.allSign"));
        IServiceManager.Verdict memory v = _verdict(".integration.verdicts[2]");
        assertTrue(serviceManager.verifyVerdict(_root(), v, _proof(".integration.proofs[2]")));
        // the right verdict with another leaf's proof
        assertFalse(serviceManager.verifyVerdict(_root(), v, _proof(".integration.proofs[1]")));
    }

    function test_FalseForAnUnsubmittedRoot() public view {
        IServiceManager.Verdict memory v = _verdict(".integration.verdicts[0]");
        assertFalse(serviceManager.verifyVerdict(_root(), v, _proof(".integration.proofs[0]")));
    }
}
