// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAllocationManager} from "../../src/interfaces/IAllocationManager.sol";
import {IOperatorRegistry} from "../../src/interfaces/IOperatorRegistry.sol";
import {IQuorumVerifier} from "../../src/interfaces/IQuorumVerifier.sol";
import {IServiceManager} from "../../src/interfaces/IServiceManager.sol";
import {BLS12381} from "../../src/libraries/BLS12381.sol";
import {SlashRequestId} from "../../src/types/SlashRequestId.sol";
import {AVSFixture} from "../utils/AVSFixture.sol";

/// @notice Flows 4 and 6 on the real core with real blst signatures: four operators (stakes
///         3333, 3333, 3333 and 1 stETH) register with keys and PoPs, certify a batch, get slashed.
contract AttestationFlowTest is AVSFixture {
    uint256 internal constant TOTAL = 10_000e18;

    function setUp() public override {
        super.setUp();
        uint256[] memory stakes = new uint256[](4);
        (stakes[0], stakes[1], stakes[2], stakes[3]) = (3333e18, 3333e18, 3333e18, 1e18);
        _onboard(stakes);
    }

    function _root() internal view returns (bytes32) {
        return vm.parseJsonBytes32(fixture, ".integration.batchRoot");
    }

    function _digest() internal view returns (bytes32) {
        return serviceManager.attestationDigest(_root(), REFERENCE_BLOCK);
    }

    function test_RegistrationRecordsKeysStakesAndAggregate() public view {
        BLS12381.G1Point memory sum = _pubkey(0);
        for (uint256 i; i < 4; ++i) {
            assertTrue(registry.isRegistered(_operator(i)));
            assertEq(registry.operatorOf(BLS12381.hashG1(_pubkey(i))), _operator(i));
            if (i != 0) sum = BLS12381.addG1(sum, _pubkey(i));
        }
        assertEq(BLS12381.hashG1(registry.currentApk()), BLS12381.hashG1(sum), "apk = sum of keys");
        assertEq(registry.currentTotalStake(), TOTAL);
        assertEq(registry.stakeOf(_operator(3)), 1e18);
        (, uint256 totalAtRef) = registry.apkAt(REFERENCE_BLOCK, 0);
        assertEq(totalAtRef, TOTAL);
    }

    function test_CertificateWithOneNonSigner_ExactStakes() public view {
        (uint256 signedStake, uint256 totalStake) = registry.checkSignatures(
            _digest(), REFERENCE_BLOCK, _nonSigners(_ids(0)), _g2(".integration.without0")
        );
        assertEq(totalStake, TOTAL);
        assertEq(signedStake, TOTAL - 3333e18);
    }

    function test_CertificateWithoutNonSigners() public view {
        IQuorumVerifier.NonSignerParams memory none = _nonSigners(new uint256[](0));
        (uint256 signedStake, uint256 totalStake) =
            registry.checkSignatures(_digest(), REFERENCE_BLOCK, none, _g2(".integration.allSign"));
        assertEq(signedStake, totalStake);
    }

    function test_Revert_WhenWrongMessage() public {
        bytes32 other = serviceManager.attestationDigest(keccak256("another root"), REFERENCE_BLOCK);
        IQuorumVerifier.NonSignerParams memory p = _nonSigners(_ids(0));
        BLS12381.G2Point memory sigma = _g2(".integration.without0");
        vm.expectRevert(IQuorumVerifier.InvalidSignature.selector);
        registry.checkSignatures(other, REFERENCE_BLOCK, p, sigma);
    }

    function test_Revert_WhenWrongKeyInAggregate() public {
        IQuorumVerifier.NonSignerParams memory p = _nonSigners(_ids(0, 3));
        BLS12381.G2Point memory sigma = _g2(".integration.wrongKey");
        bytes32 digest = _digest();
        vm.expectRevert(IQuorumVerifier.InvalidSignature.selector);
        registry.checkSignatures(digest, REFERENCE_BLOCK, p, sigma);
    }

    function test_Revert_WhenASignerIsMissing() public {
        // operators 1 and 2 signed, but only operator 0 is declared a non-signer
        IQuorumVerifier.NonSignerParams memory p = _nonSigners(_ids(0));
        BLS12381.G2Point memory sigma = _g2(".integration.only1and2");
        bytes32 digest = _digest();
        vm.expectRevert(IQuorumVerifier.InvalidSignature.selector);
        registry.checkSignatures(digest, REFERENCE_BLOCK, p, sigma);
    }

    function test_Revert_WhenRogueKeyWithoutProofOfPossession() public {
        // pk_rogue = pk_evil − pk_0: with it, evil alone could sign for operator 0 + rogue
        BLS12381.G1Point memory rogue =
            BLS12381.addG1(_g1(".rogue.evilPubkey"), BLS12381.negateG1(_pubkey(0)));
        address attacker = vm.parseJsonAddress(fixture, ".rogue.operator");
        _registerOperator(attacker);
        bytes memory data = _registrationData(rogue, _g2(".rogue.evilPop"));
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.InvalidProofOfPossession.selector, attacker));
        _registerWithData(attacker, data);
    }

    function test_Revert_WhenStaleOrFutureReferenceBlock() public {
        IQuorumVerifier.NonSignerParams memory p = _nonSigners(_ids(0));
        BLS12381.G2Point memory sigma = _g2(".integration.without0");
        bytes32 digest = _digest();
        vm.roll(REFERENCE_BLOCK + registry.REFERENCE_WINDOW() - 1);
        registry.checkSignatures(digest, REFERENCE_BLOCK, p, sigma); // last block inside the window
        vm.roll(REFERENCE_BLOCK + registry.REFERENCE_WINDOW());
        vm.expectRevert(
            abi.encodeWithSelector(
                IQuorumVerifier.StaleReferenceBlock.selector,
                REFERENCE_BLOCK,
                block.number,
                registry.REFERENCE_WINDOW()
            )
        );
        registry.checkSignatures(digest, REFERENCE_BLOCK, p, sigma);
        vm.roll(REFERENCE_BLOCK);
        vm.expectRevert(
            abi.encodeWithSelector(
                IQuorumVerifier.FutureReferenceBlock.selector, REFERENCE_BLOCK, block.number
            )
        );
        registry.checkSignatures(digest, REFERENCE_BLOCK, p, sigma);
    }

    function test_ThresholdEdge() public {
        bytes32 digest = _digest();
        // 6667 of 10000 signed: exactly the 6667 bps threshold passes, one bps more fails
        IQuorumVerifier.NonSignerParams memory p = _nonSigners(_ids(0));
        BLS12381.G2Point memory sigma = _g2(".integration.without0");
        registry.checkQuorum(digest, REFERENCE_BLOCK, p, sigma, 6667);
        vm.expectRevert(
            abi.encodeWithSelector(IQuorumVerifier.QuorumNotReached.selector, 6667e18, TOTAL, uint16(6668))
        );
        registry.checkQuorum(digest, REFERENCE_BLOCK, p, sigma, 6668);
        // one stETH less signed (operator 3 too is out): 6666 of 10000 fails at 6667
        p = _nonSigners(_ids(0, 3));
        sigma = _g2(".integration.without0and3");
        vm.expectRevert(
            abi.encodeWithSelector(IQuorumVerifier.QuorumNotReached.selector, 6666e18, TOTAL, uint16(6667))
        );
        registry.checkQuorum(digest, REFERENCE_BLOCK, p, sigma, 6667);
    }

    function test_BatchAndVerdictProofs() public {
        bytes32 root = _root();
        vm.expectEmit(address(serviceManager));
        emit IServiceManager.BatchAttested(root, REFERENCE_BLOCK, 5, TOTAL - 3333e18, TOTAL);
        serviceManager.submitBatch(
            root, REFERENCE_BLOCK, 5, _nonSigners(_ids(0)), _g2(".integration.without0")
        );
        IServiceManager.Batch memory batch = serviceManager.getBatch(root);
        assertEq(batch.verdictCount, 5);
        assertEq(batch.signedStake, TOTAL - 3333e18);
        for (uint256 i; i < 5; ++i) {
            string memory at = vm.toString(i);
            IServiceManager.Verdict memory v = _verdict(string.concat(".integration.verdicts[", at, "]"));
            bytes32[] memory proof = _proof(string.concat(".integration.proofs[", at, "]"));
            assertTrue(serviceManager.verifyVerdict(root, v, proof), "verdict in batch");
            v.responseHash = keccak256("tampered");
            assertFalse(serviceManager.verifyVerdict(root, v, proof), "tampered verdict");
        }
    }

    function test_SlashRequestThenVeto() public {
        vm.prank(requester);
        SlashRequestId id =
            serviceManager.requestSlash(_operator(1), 0.5e18, _one(stethStrategy), "ipfs://e", "h");
        vm.prank(committee);
        serviceManager.veto(id);
        vm.roll(block.number + serviceManager.vetoWindow());
        vm.expectRevert(
            abi.encodeWithSelector(
                IServiceManager.SlashNotPending.selector, id, IServiceManager.SlashStatus.Vetoed
            )
        );
        serviceManager.executeSlash(id);
        assertEq(delegation.operatorShares(_operator(1), stethStrategy), 3333e18, "untouched");
    }

    function test_SlashRequestThenExecute_CoreSlashedExactly() public {
        vm.prank(requester);
        SlashRequestId id =
            serviceManager.requestSlash(_operator(1), 0.5e18, _one(stethStrategy), "ipfs://e", "h");
        vm.roll(block.number + serviceManager.vetoWindow());
        serviceManager.executeSlash(id);
        assertEq(delegation.operatorShares(_operator(1), stethStrategy), 1666.5e18, "half the allocation");
        assertEq(registry.stakeOf(_operator(1)), 1666.5e18, "registry refreshed");
        assertEq(registry.currentTotalStake(), TOTAL - 1666.5e18);
    }

    function test_EquivocationSlash() public {
        IServiceManager.Attestation memory a = _attestation(".equivocation.a");
        IServiceManager.Attestation memory b = _attestation(".equivocation.b");
        serviceManager.proveEquivocation(_operator(1), a, b);
        assertEq(delegation.operatorShares(_operator(1), stethStrategy), 1666.5e18, "equivocation wad 0.5");
        assertTrue(serviceManager.equivocationSlashed(_operator(1), a.verdict.requestHash));
        vm.expectRevert(
            abi.encodeWithSelector(
                IServiceManager.AlreadySlashedForEquivocation.selector, _operator(1), a.verdict.requestHash
            )
        );
        serviceManager.proveEquivocation(_operator(1), a, b);
        // someone else's signatures are not operator 2's
        vm.expectRevert(
            abi.encodeWithSelector(
                IServiceManager.InvalidAttestationSignature.selector, _operator(2), a.batchRoot
            )
        );
        serviceManager.proveEquivocation(_operator(2), a, b);
    }

    function test_DeregistrationRemovesKeyAndStake() public {
        uint32[] memory ids = new uint32[](1);
        vm.prank(_operator(3));
        allocationManager.deregisterFromOperatorSets(
            IAllocationManager.DeregisterParams({
                operator: _operator(3), avs: address(serviceManager), operatorSetIds: ids
            })
        );
        assertFalse(registry.isRegistered(_operator(3)));
        assertEq(registry.currentTotalStake(), TOTAL - 1e18);
        // history still answers for the reference block
        (bool registered, uint256 stake) = registry.stakeAt(BLS12381.hashG1(_pubkey(3)), REFERENCE_BLOCK, 0);
        assertTrue(registered);
        assertEq(stake, 1e18);
    }

    function _attestation(string memory path) internal view returns (IServiceManager.Attestation memory att) {
        att.batchRoot = vm.parseJsonBytes32(fixture, string.concat(path, ".batchRoot"));
        att.referenceBlock = REFERENCE_BLOCK;
        att.signature = _g2(string.concat(path, ".signature"));
        att.verdict = _verdict(string.concat(path, ".verdict"));
        att.proof = _proof(string.concat(path, ".proof"));
    }
}
