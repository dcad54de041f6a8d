// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IPalisadeGuard} from "../../../src/guard/IPalisadeGuard.sol";
import {SecurityVerdicts} from "../../../src/guard/SecurityVerdicts.sol";
import {IServiceManager} from "../../../src/interfaces/IServiceManager.sol";
import {GuardHarness} from "../../utils/guard/GuardHarnesses.sol";
import {GuardUnitBase} from "./GuardUnitBase.sol";

/// @notice PalisadeGuard's constructor.
contract PalisadeGuard_constructor is GuardUnitBase {
    function test_SetsServiceManagerAndMaxAge() public view {
        assertEq(address(guard.serviceManager()), address(serviceManager));
        assertEq(guard.maxVerdictAge(), MAX_AGE);
    }

    function test_LimitIsTheQuorumReferenceWindow() public view {
        assertEq(guard.MAX_VERDICT_AGE_LIMIT(), registry.REFERENCE_WINDOW());
    }

    function test_AcceptsTheBounds() public {
        assertEq(new GuardHarness(serviceManager, 1).maxVerdictAge(), 1);
        assertEq(new GuardHarness(serviceManager, 7200).maxVerdictAge(), 7200);
    }

    function test_Revert_WhenServiceManagerIsZero() public {
        vm.expectRevert(IPalisadeGuard.ZeroServiceManager.selector);
        new GuardHarness(IServiceManager(address(0)), MAX_AGE);
    }

    function test_Revert_WhenMaxAgeIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IPalisadeGuard.MaxVerdictAgeOutOfBounds.selector, 0, 1, 7200));
        new GuardHarness(serviceManager, 0);
    }

    function test_Revert_WhenMaxAgeAboveTheLimit() public {
        vm.expectRevert(
            abi.encodeWithSelector(IPalisadeGuard.MaxVerdictAgeOutOfBounds.selector, 7201, 1, 7200)
        );
        new GuardHarness(serviceManager, 7201);
    }
}

/// @notice PalisadeGuard._verifiedVerdict: proven, recent, about the expected subject.
contract PalisadeGuard_verifiedVerdict is GuardUnitBase {
    bytes32 internal constant ADDRESS_RISK = SecurityVerdicts.ADDRESS_RISK_V1;

    function test_ReturnsTheCertifiedVerdict() public {
        IPalisadeGuard.Attestation memory a = _bobVerdict(SecurityVerdicts.SUSPICIOUS, SANCTIONED, 1 << 3);
        SecurityVerdicts.SecurityVerdict memory v =
            guard.verifiedVerdict(ADDRESS_RISK, SecurityVerdicts.addressSubject(bob), a);
        assertEq(v.subject, SecurityVerdicts.addressSubject(bob));
        assertEq(v.verdict, SecurityVerdicts.SUSPICIOUS);
        assertEq(v.flags, SANCTIONED);
        assertEq(v.unknowns, 1 << 3);
        assertEq(v.reportHash, keccak256(abi.encode("report", v.subject, v.verdict)));
    }

    function test_AcceptsABatchOfOne() public {
        Entry[] memory one = new Entry[](1);
        one[0] = Entry(
            ADDRESS_RISK,
            _addressRiskRequest(bob, _lastBlock()),
            _lastBlock(),
            _response(SecurityVerdicts.addressSubject(bob), 0, 0, 0)
        );
        IPalisadeGuard.Attestation memory a = _certifyBatch(one, _lastBlock())[0];
        assertEq(a.proof.length, 0, "root = leaf");
        guard.verifiedVerdict(ADDRESS_RISK, SecurityVerdicts.addressSubject(bob), a);
    }

    function test_Revert_WhenBatchNotSubmitted() public {
        IPalisadeGuard.Attestation memory a = _bobVerdict(0, 0, 0);
        (a.batchRoot, a.proof) = (_leafOf(a), new bytes32[](0)); // a batch of one nobody certified
        _expectNotProven(a);
        guard.verifiedVerdict(ADDRESS_RISK, SecurityVerdicts.addressSubject(bob), a);
    }

    function test_Revert_WhenVerdictOfAnotherEngine() public {
        // token risk uses the same subject encoding: only the leaf's engine version tells them apart
        IPalisadeGuard.Attestation memory a = _bobVerdict(0, 0, 0);
        _expectNotProven(a);
        guard.verifiedVerdict(SecurityVerdicts.TOKEN_RISK_V1, SecurityVerdicts.addressSubject(bob), a);
    }

    function test_Revert_WhenResponseAltered() public {
        IPalisadeGuard.Attestation memory a = _bobVerdict(SecurityVerdicts.MALICIOUS, 0, 0);
        a.response = _response(SecurityVerdicts.addressSubject(bob), SecurityVerdicts.SAFE, 0, 0);
        _expectNotProven(a);
        guard.verifiedVerdict(ADDRESS_RISK, SecurityVerdicts.addressSubject(bob), a);
    }

    function test_Revert_WhenReferenceBlockMadeNewer() public {
        IPalisadeGuard.Attestation memory a = _bobVerdict(0, 0, 0);
        vm.roll(block.number + MAX_AGE + 10);
        a.referenceBlock = _lastBlock(); // claim a fresh block to dodge the age check
        _expectNotProven(a);
        guard.verifiedVerdict(ADDRESS_RISK, SecurityVerdicts.addressSubject(bob), a);
    }

    function test_Revert_WhenRequestHashAltered() public {
        IPalisadeGuard.Attestation memory a = _bobVerdict(0, 0, 0);
        a.requestHash = _addressRiskRequest(bob, _lastBlock() - 1);
        _expectNotProven(a);
        guard.verifiedVerdict(ADDRESS_RISK, SecurityVerdicts.addressSubject(bob), a);
    }

    function test_Revert_WhenProofOfAnotherBatch() public {
        IPalisadeGuard.Attestation memory a = _bobVerdict(0, 0, 0);
        IPalisadeGuard.Attestation memory other = _attestAddress(mallory, 0, 0, 0, _lastBlock());
        a.batchRoot = other.batchRoot; // certified, but bob's leaf is not in it
        _expectNotProven(a);
        guard.verifiedVerdict(ADDRESS_RISK, SecurityVerdicts.addressSubject(bob), a);
    }

    function test_Revert_WhenFromTheFuture() public {
        // Only a quorum can certify a leaf claiming a block after its batch's: the guard still refuses it.
        uint32 future = uint32(block.number + 5);
        IPalisadeGuard.Attestation memory a = _attestIn(
            ADDRESS_RISK,
            _addressRiskRequest(bob, future),
            future,
            _response(SecurityVerdicts.addressSubject(bob), 0, 0, 0),
            _lastBlock()
        );
        vm.expectRevert(
            abi.encodeWithSelector(IPalisadeGuard.VerdictFromFuture.selector, future, block.number)
        );
        guard.verifiedVerdict(ADDRESS_RISK, SecurityVerdicts.addressSubject(bob), a);
        vm.roll(future); // the same verdict is fine once its block is reached
        guard.verifiedVerdict(ADDRESS_RISK, SecurityVerdicts.addressSubject(bob), a);
    }

    function test_AgeBoundIsInclusive() public {
        IPalisadeGuard.Attestation memory a = _bobVerdict(0, 0, 0);
        bytes32 subject = SecurityVerdicts.addressSubject(bob);
        vm.roll(a.referenceBlock + MAX_AGE);
        guard.verifiedVerdict(ADDRESS_RISK, subject, a);
        vm.roll(a.referenceBlock + MAX_AGE + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IPalisadeGuard.VerdictTooOld.selector, a.referenceBlock, MAX_AGE)
        );
        guard.verifiedVerdict(ADDRESS_RISK, subject, a);
    }

    function test_Revert_WhenAboutAnotherSubject() public {
        IPalisadeGuard.Attestation memory a = _bobVerdict(0, 0, 0);
        bytes32 expected = SecurityVerdicts.addressSubject(mallory);
        vm.expectRevert(
            abi.encodeWithSelector(
                IPalisadeGuard.SubjectMismatch.selector, expected, SecurityVerdicts.addressSubject(bob)
            )
        );
        guard.verifiedVerdict(ADDRESS_RISK, expected, a);
    }

    function test_Revert_WhenCertifiedResponseIsNotAVerdict() public {
        bytes32 subject = SecurityVerdicts.addressSubject(bob);
        IPalisadeGuard.Attestation memory short =
            _attest(ADDRESS_RISK, keccak256("short"), _lastBlock(), abi.encode(subject, uint8(0)));
        vm.expectRevert(abi.encodeWithSelector(SecurityVerdicts.InvalidResponseLength.selector, 64, 160));
        guard.verifiedVerdict(ADDRESS_RISK, subject, short);
        IPalisadeGuard.Attestation memory three =
            _attest(ADDRESS_RISK, keccak256("three"), _lastBlock(), abi.encode(subject, 3, 0, 0, bytes32(0)));
        vm.expectRevert(abi.encodeWithSelector(SecurityVerdicts.InvalidVerdict.selector, 3));
        guard.verifiedVerdict(ADDRESS_RISK, subject, three);
    }

    function test_ProofIsCheckedFirst() public {
        // stale and about someone else, but first of all not proven
        IPalisadeGuard.Attestation memory a = _bobVerdict(0, 0, 0);
        a.requestHash = keccak256("altered");
        vm.roll(block.number + MAX_AGE + 10);
        _expectNotProven(a);
        guard.verifiedVerdict(ADDRESS_RISK, SecurityVerdicts.addressSubject(mallory), a);
    }

    // ───────────── fuzz ─────────────

    function testFuzz_ReturnsAnyCertifiedVerdict(
        bytes32 subject,
        uint8 verdict,
        uint256 flags,
        uint256 unknowns,
        bytes32 reportHash
    ) public {
        verdict = uint8(bound(verdict, 0, 2));
        bytes memory response = abi.encode(subject, verdict, flags, unknowns, reportHash);
        IPalisadeGuard.Attestation memory a =
            _attest(SecurityVerdicts.TX_FIREWALL_V1, keccak256(response), _lastBlock(), response);
        SecurityVerdicts.SecurityVerdict memory v =
            guard.verifiedVerdict(SecurityVerdicts.TX_FIREWALL_V1, subject, a);
        assertEq(v.subject, subject);
        assertEq(v.verdict, verdict);
        assertEq(v.flags, flags);
        assertEq(v.unknowns, unknowns);
        assertEq(v.reportHash, reportHash);
    }

    /// @dev Any change to any part of a certified attestation, or checking it under another engine,
    ///      makes it unprovable.
    function testFuzz_MutatedAttestationNeverVerifies(uint256 part, bytes32 noise) public {
        vm.assume(noise != 0);
        IPalisadeGuard.Attestation memory a = _bobVerdict(0, 0, 0);
        bytes32 engine = ADDRESS_RISK;
        part = part % 7;
        if (part == 0) {
            a.batchRoot ^= noise;
        } else if (part == 1) {
            a.requestHash ^= noise;
        } else if (part == 2) {
            uint32 flip = uint32(uint256(noise));
            a.referenceBlock ^= flip == 0 ? 1 : flip;
        } else if (part == 3) {
            uint256 at = uint256(noise) % a.response.length;
            bytes1 flip = noise[31] == 0 ? bytes1(0x01) : noise[31];
            a.response[at] ^= flip;
        } else if (part == 4) {
            a.proof[uint256(noise) % a.proof.length] ^= noise;
        } else if (part == 5) {
            engine ^= noise;
        } else {
            bytes32[] memory longer = new bytes32[](a.proof.length + 1);
            for (uint256 i; i < a.proof.length; ++i) {
                longer[i] = a.proof[i];
            }
            longer[a.proof.length] = noise;
            a.proof = longer;
        }
        _expectNotProven(a);
        guard.verifiedVerdict(engine, SecurityVerdicts.addressSubject(bob), a);
    }

    function testFuzz_RandomProofNeverVerifies(bytes32[] memory proof) public {
        IPalisadeGuard.Attestation memory a = _bobVerdict(0, 0, 0);
        vm.assume(keccak256(abi.encode(proof)) != keccak256(abi.encode(a.proof)));
        a.proof = proof;
        _expectNotProven(a);
        guard.verifiedVerdict(ADDRESS_RISK, SecurityVerdicts.addressSubject(bob), a);
    }

    /// @dev A verdict at most MAX_AGE blocks old passes, an older one fails, whatever the age.
    function testFuzz_AgeBound(uint256 age) public {
        IPalisadeGuard.Attestation memory a = _bobVerdict(0, 0, 0);
        // the batch was submitted at referenceBlock + 1: ages from 1 on; around the edge half the time
        age = age % 2 == 0 ? bound(age, MAX_AGE - 2, MAX_AGE + 2) : bound(age, 1, 100 * uint256(MAX_AGE));
        vm.roll(a.referenceBlock + age);
        if (age > MAX_AGE) {
            vm.expectRevert(
                abi.encodeWithSelector(IPalisadeGuard.VerdictTooOld.selector, a.referenceBlock, MAX_AGE)
            );
        }
        guard.verifiedVerdict(ADDRESS_RISK, SecurityVerdicts.addressSubject(bob), a);
    }

    function testFuzz_Revert_WhenFromTheFuture(uint256 ahead) public {
        ahead = bound(ahead, 1, type(uint32).max - block.number);
        // forge-lint: disable-next-line(unsafe-typecast) bounded to uint32 above
        uint32 future = uint32(block.number + ahead);
        IPalisadeGuard.Attestation memory a = _attestIn(
            ADDRESS_RISK,
            keccak256("future"),
            future,
            _response(SecurityVerdicts.addressSubject(bob), 0, 0, 0),
            _lastBlock()
        );
        vm.expectRevert(
            abi.encodeWithSelector(IPalisadeGuard.VerdictFromFuture.selector, future, block.number)
        );
        guard.verifiedVerdict(ADDRESS_RISK, SecurityVerdicts.addressSubject(bob), a);
    }

    function _leafOf(IPalisadeGuard.Attestation memory a) internal pure returns (bytes32) {
        return _leaf(Entry(ADDRESS_RISK, a.requestHash, a.referenceBlock, a.response));
    }
}

/// @notice PalisadeGuard._requireVerdict: the protocol's policy on top of a verified verdict.
contract PalisadeGuard_requireVerdict is GuardUnitBase {
    bytes32 internal constant ADDRESS_RISK = SecurityVerdicts.ADDRESS_RISK_V1;

    function _require(IPalisadeGuard.Attestation memory a, uint8 maxVerdict, uint256 forbidden)
        internal
        view
        returns (SecurityVerdicts.SecurityVerdict memory)
    {
        return guard.requireVerdict(
            ADDRESS_RISK, SecurityVerdicts.addressSubject(bob), a, maxVerdict, forbidden
        );
    }

    function test_PassesASafeVerdict() public {
        IPalisadeGuard.Attestation memory a = _bobVerdict(SecurityVerdicts.SAFE, 0, 0);
        assertEq(_require(a, SecurityVerdicts.SAFE, SANCTIONED).verdict, SecurityVerdicts.SAFE);
    }

    function test_VerdictBoundIsInclusive() public {
        IPalisadeGuard.Attestation memory a = _bobVerdict(SecurityVerdicts.SUSPICIOUS, 0, 0);
        _require(a, SecurityVerdicts.SUSPICIOUS, 0);
        vm.expectRevert(abi.encodeWithSelector(IPalisadeGuard.VerdictNotAllowed.selector, 1, 0));
        _require(a, SecurityVerdicts.SAFE, 0);
    }

    function test_Revert_WhenMalicious() public {
        IPalisadeGuard.Attestation memory a = _bobVerdict(SecurityVerdicts.MALICIOUS, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IPalisadeGuard.VerdictNotAllowed.selector, 2, 1));
        _require(a, SecurityVerdicts.SUSPICIOUS, 0);
    }

    function test_MaliciousAllowedLeavesOnlyTheFlags() public {
        IPalisadeGuard.Attestation memory a = _bobVerdict(SecurityVerdicts.MALICIOUS, 1, 0);
        _require(a, SecurityVerdicts.MALICIOUS, SANCTIONED);
    }

    function test_Revert_WhenAForbiddenFlagIsSet() public {
        // three flags set, two of them forbidden: the error names exactly those two
        uint256 flags = SANCTIONED | (1 << 2) | 1;
        IPalisadeGuard.Attestation memory a = _bobVerdict(SecurityVerdicts.SUSPICIOUS, flags, 0);
        vm.expectRevert(abi.encodeWithSelector(IPalisadeGuard.ForbiddenFlags.selector, SANCTIONED | 1));
        _require(a, SecurityVerdicts.SUSPICIOUS, SANCTIONED | (1 << 5) | 1);
    }

    function test_OtherFlagsPass() public {
        IPalisadeGuard.Attestation memory a = _bobVerdict(SecurityVerdicts.SUSPICIOUS, 1 << 2, 0);
        _require(a, SecurityVerdicts.SUSPICIOUS, SANCTIONED);
    }

    function test_VerdictIsCheckedBeforeFlags() public {
        IPalisadeGuard.Attestation memory a = _bobVerdict(SecurityVerdicts.MALICIOUS, SANCTIONED, 0);
        vm.expectRevert(abi.encodeWithSelector(IPalisadeGuard.VerdictNotAllowed.selector, 2, 1));
        _require(a, SecurityVerdicts.SUSPICIOUS, SANCTIONED);
    }

    function test_GuardChecksComeFirst() public {
        IPalisadeGuard.Attestation memory a = _bobVerdict(SecurityVerdicts.MALICIOUS, SANCTIONED, 0);
        vm.roll(a.referenceBlock + MAX_AGE + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IPalisadeGuard.VerdictTooOld.selector, a.referenceBlock, MAX_AGE)
        );
        _require(a, SecurityVerdicts.SAFE, SANCTIONED);
    }

    function test_UnknownFieldPassesWithoutRequiredKnown() public {
        // the engine could not tell whether bob is sanctioned: the flag bit is clear
        IPalisadeGuard.Attestation memory a = _bobVerdict(SecurityVerdicts.SAFE, 0, SANCTIONED);
        _require(a, SecurityVerdicts.SAFE, SANCTIONED);
    }

    function test_Revert_WhenARequiredFieldIsUnknown() public {
        IPalisadeGuard.Attestation memory a = _bobVerdict(SecurityVerdicts.SAFE, 0, SANCTIONED | 1);
        bytes32 subject = SecurityVerdicts.addressSubject(bob);
        vm.expectRevert(abi.encodeWithSelector(IPalisadeGuard.UnknownFields.selector, SANCTIONED));
        guard.requireVerdictKnown(
            ADDRESS_RISK, subject, a, SecurityVerdicts.SAFE, SANCTIONED, SANCTIONED | (1 << 4)
        );
        // bit 0 unknown is fine when only other fields must be known
        guard.requireVerdictKnown(ADDRESS_RISK, subject, a, SecurityVerdicts.SAFE, SANCTIONED, 1 << 4);
    }

    /// @dev The policy's outcome for any certified verdict and any policy, checked against a model.
    function testFuzz_PolicyMatchesTheModel(
        uint8 verdict,
        uint256 flags,
        uint256 unknowns,
        uint8 maxVerdict,
        uint256 forbidden,
        uint256 known
    ) public {
        verdict = uint8(bound(verdict, 0, 2));
        maxVerdict = uint8(bound(maxVerdict, 0, 2));
        // sparse masks, so every outcome is reached
        (flags, unknowns) = (flags & (flags >> 128) & 0xff, unknowns & (unknowns >> 128) & 0xff);
        (forbidden, known) = (forbidden & 0xff, known & 0xff);
        IPalisadeGuard.Attestation memory a = _bobVerdict(verdict, flags, unknowns);
        if (verdict > maxVerdict) {
            vm.expectRevert(
                abi.encodeWithSelector(IPalisadeGuard.VerdictNotAllowed.selector, verdict, maxVerdict)
            );
        } else if (flags & forbidden != 0) {
            vm.expectRevert(abi.encodeWithSelector(IPalisadeGuard.ForbiddenFlags.selector, flags & forbidden));
        } else if (unknowns & known != 0) {
            vm.expectRevert(abi.encodeWithSelector(IPalisadeGuard.UnknownFields.selector, unknowns & known));
        }
        guard.requireVerdictKnown(
            ADDRESS_RISK, SecurityVerdicts.addressSubject(bob), a, maxVerdict, forbidden, known
        );
    }
}
