// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IPalisadeGuard} from "../../../src/guard/IPalisadeGuard.sol";
import {SecurityVerdicts} from "../../../src/guard/SecurityVerdicts.sol";
import {IQuorumVerifier} from "../../../src/interfaces/IQuorumVerifier.sol";
import {IServiceManager} from "../../../src/interfaces/IServiceManager.sol";
import {AttestationLib} from "../../../src/libraries/AttestationLib.sol";
import {BLS12381} from "../../../src/libraries/BLS12381.sol";
import {AVSFixture} from "../AVSFixture.sol";
import {TestSigners} from "./TestSigners.sol";

/// @notice The core and Palisade's AVS (AVSFixture) with four operators whose secret keys the test
///         knows, so any batch a test builds is certified for real: each operator registers its key
///         with a proof of possession the OperatorRegistry checks, and `_certify` submits the batch
///         through `ServiceManager.submitBatch` with the operators' aggregate BLS signature, which the
///         QuorumVerifier checks with the EIP-2537 pairing (keys, signatures and Merkle trees: TestSigners).
///         Nothing on the verification side is mocked.
///
///         Why sign here rather than with blst (as test/fixtures/avs does): the guard tests certify
///         batches they build on the fly (random responses in fuzz tests, batches with a verdict from
///         the future), which a committed fixture cannot hold. A signature σ = sk·H(m) is computed with
///         the G2MSM precompile on the same hash-to-curve the verifier uses; the Merkle tree builder
///         (TestSigners) is checked against the batch of the blst fixture (GuardFixture.t.sol).
///
///         Timeline: operators join at ONBOARD_BLOCK, their stakes are read at ONBOARD_BLOCK +
///         ALLOCATION_DELAY + 1 = 13, and setUp ends at REFERENCE_BLOCK + 1 = 21; a batch may reference
///         any block from 13 to block.number − 1.
abstract contract GuardFixture is AVSFixture, TestSigners {
    uint256 internal constant SIGNERS = 4;
    uint256 internal constant SIGNER_STAKE = 2500e18;
    /// @dev leaves added beside the attested verdict, so its proof is not empty
    uint256 internal constant FILLERS = 2;
    uint64 internal constant CHAIN_ID = 31_337;
    bytes32 internal constant LISTS_VERSION = keccak256("test lists");

    /// @dev makes every batch root unique (a root is accepted once)
    uint256 internal batchNonce;

    /// @dev One verdict of a batch under construction.
    struct Entry {
        bytes32 engineVersion;
        bytes32 requestHash;
        uint32 referenceBlock;
        bytes response;
    }

    function setUp() public virtual override {
        super.setUp();
        _onboardSigners();
    }

    // ───────────── keys and signatures ─────────────

    /// @dev The signers' aggregate: Σσᵢ = (Σskᵢ mod r)·H(m).
    function _aggregateKey() internal pure returns (uint256 sum) {
        for (uint256 i; i < SIGNERS; ++i) {
            sum = addmod(sum, _secretKey(i), BLS_ORDER);
        }
    }

    /// @dev AVSFixture._onboard with the keys above.
    function _onboardSigners() internal {
        vm.roll(ONBOARD_BLOCK);
        address[] memory operators = new address[](SIGNERS);
        for (uint256 i; i < SIGNERS; ++i) {
            operators[i] = _operator(i);
            uint256 sk = _secretKey(i);
            BLS12381.G1Point memory pk = _publicKey(sk);
            BLS12381.G2Point memory pop =
                _sign(sk, AttestationLib.popDigest(address(registry), operators[i], pk));
            _join(operators[i], SIGNER_STAKE, _registrationData(pk, pop));
            // forge-lint: disable-next-line(unsafe-typecast) WAD = 1e18 fits 64 bits
            _allocate(operators[i], palisadeSet, stethStrategy, uint64(WAD));
        }
        vm.roll(ONBOARD_BLOCK + ALLOCATION_DELAY + 1);
        registry.updateStakes(operators);
        vm.roll(REFERENCE_BLOCK + 1);
    }

    // ───────────── batches ─────────────

    /// @dev Submits `root` (of `count` verdicts) referencing `batchBlock`, signed by every operator.
    function _certify(bytes32 root, uint32 count, uint32 batchBlock) internal {
        IQuorumVerifier.NonSignerParams memory none;
        none.apkHint = registry.apkIndexAt(batchBlock);
        BLS12381.G2Point memory sigma =
            _sign(_aggregateKey(), serviceManager.attestationDigest(root, batchBlock));
        serviceManager.submitBatch(root, batchBlock, count, none, sigma);
    }

    function _leaf(Entry memory e) internal pure returns (bytes32) {
        return
            AttestationLib.verdictLeaf(
                e.requestHash, keccak256(e.response), e.engineVersion, e.referenceBlock
            );
    }

    /// @dev Certifies `entries` as one batch referencing `batchBlock`; returns their attestations.
    function _certifyBatch(Entry[] memory entries, uint32 batchBlock)
        internal
        returns (IPalisadeGuard.Attestation[] memory attestations)
    {
        bytes32[] memory leaves = new bytes32[](entries.length);
        for (uint256 i; i < entries.length; ++i) {
            leaves[i] = _leaf(entries[i]);
        }
        (bytes32 root,) = _merkle(leaves, 0);
        // forge-lint: disable-next-line(unsafe-typecast) test batches are small
        _certify(root, uint32(entries.length), batchBlock);
        attestations = new IPalisadeGuard.Attestation[](entries.length);
        for (uint256 i; i < entries.length; ++i) {
            (, bytes32[] memory proof) = _merkle(leaves, i);
            attestations[i] = IPalisadeGuard.Attestation({
                batchRoot: root,
                requestHash: entries[i].requestHash,
                referenceBlock: entries[i].referenceBlock,
                response: entries[i].response,
                proof: proof
            });
        }
    }

    /// @dev Certifies one verdict beside FILLERS unrelated ones, in a batch referencing the verdict's
    ///      own block (as the aggregator does when every task of a batch has the same block).
    function _attest(bytes32 engineVersion, bytes32 requestHash, uint32 referenceBlock, bytes memory response)
        internal
        returns (IPalisadeGuard.Attestation memory)
    {
        return _attestIn(engineVersion, requestHash, referenceBlock, response, referenceBlock);
    }

    /// @dev `_attest` in a batch referencing `batchBlock` (which may differ from the verdict's block).
    function _attestIn(
        bytes32 engineVersion,
        bytes32 requestHash,
        uint32 referenceBlock,
        bytes memory response,
        uint32 batchBlock
    ) internal returns (IPalisadeGuard.Attestation memory) {
        Entry[] memory entries = new Entry[](1 + FILLERS);
        entries[0] = Entry(engineVersion, requestHash, referenceBlock, response);
        for (uint256 i = 1; i <= FILLERS; ++i) {
            entries[i] = Entry(
                SecurityVerdicts.PHISHING_V1,
                keccak256(abi.encode("filler", batchNonce, i)),
                referenceBlock,
                abi.encode(keccak256(abi.encode("filler host", i)), uint8(0), 0, 0, bytes32(0))
            );
        }
        ++batchNonce;
        return _certifyBatch(entries, batchBlock)[0];
    }

    // ───────────── verdicts ─────────────

    function _response(bytes32 subject, uint8 verdict, uint256 flags, uint256 unknowns)
        internal
        pure
        returns (bytes memory)
    {
        return
            abi.encode(subject, verdict, flags, unknowns, keccak256(abi.encode("report", subject, verdict)));
    }

    /// @dev decision 0005: keccak256(abi.encode(engineVersion, target, chainId, counterparty,
    ///      listsVersion, referenceBlock)).
    function _addressRiskRequest(address target, uint32 referenceBlock) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(
                SecurityVerdicts.ADDRESS_RISK_V1, target, CHAIN_ID, address(0), LISTS_VERSION, referenceBlock
            )
        );
    }

    /// @dev A certified `address-risk@1` verdict about `target` judged at `referenceBlock`.
    function _attestAddress(
        address target,
        uint8 verdict,
        uint256 flags,
        uint256 unknowns,
        uint32 referenceBlock
    ) internal returns (IPalisadeGuard.Attestation memory) {
        return _attest(
            SecurityVerdicts.ADDRESS_RISK_V1,
            _addressRiskRequest(target, referenceBlock),
            referenceBlock,
            _response(SecurityVerdicts.addressSubject(target), verdict, flags, unknowns)
        );
    }
}
