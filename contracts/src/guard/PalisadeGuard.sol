// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IServiceManager} from "../interfaces/IServiceManager.sol";
import {IPalisadeGuard} from "./IPalisadeGuard.sol";
import {SecurityVerdicts} from "./SecurityVerdicts.sol";

/// @title On-chain check of an operator-attested security verdict, for protocols to inherit
/// @notice Model (decision 0005). The operators certify batches of verdicts under one BLS quorum
///         certificate each (`ServiceManager.submitBatch`); a verdict is the Merkle leaf
///
///           (requestHash, keccak256(response), engineVersion, referenceBlock)
///
///         and its response decodes to `SecurityVerdicts.SecurityVerdict`. A protocol that wants a
///         verdict before acting inherits this contract and calls, with the `Attestation` the
///         gateway's attested mode returns:
///
///           _verifiedVerdict   proven in a certified batch of the right engine version, recent
///                              (0 ≤ block.number − referenceBlock ≤ maxVerdictAge), about the subject
///                              the protocol is about to trust; returns the decoded verdict
///           _requireVerdict    the same, then verdict ≤ maxVerdict, no forbidden flag set and
///                              (optionally) the fields the protocol relies on known
///
///         Both are views and emit nothing: an event, if any, is the inheriting protocol's.
///
///         Not checked (the caller's business, see docs/contracts/PalisadeGuard.md): the request's
///         other parameters (chain id, counterparty, lists version, DEX, policy): any certified verdict
///         of the right engine about the right subject at a recent block passes, and compare
///         `requestHash` with your own encoding of the request if one of them matters; that no newer
///         verdict says otherwise (the caller picks which certified verdict to present, so keep
///         `maxVerdictAge` short); the batch's signed stake beyond the ServiceManager's threshold.
abstract contract PalisadeGuard is IPalisadeGuard {
    /// @inheritdoc IPalisadeGuard
    /// @dev Equal to QuorumVerifier.REFERENCE_WINDOW (a day of 12-second blocks): no batch is certified
    ///      more than that after its reference block, so a longer bound would accept verdicts about a
    ///      state older than any the operators may still attest to.
    uint32 public constant MAX_VERDICT_AGE_LIMIT = 7200;

    /// @inheritdoc IPalisadeGuard
    IServiceManager public immutable serviceManager;

    /// @inheritdoc IPalisadeGuard
    uint32 public immutable maxVerdictAge;

    /// @param serviceManager_ the ServiceManager whose certified batches are trusted
    /// @param maxVerdictAge_ the oldest verdict accepted, in blocks, in [1, MAX_VERDICT_AGE_LIMIT]. At
    ///        least 1 because a batch is certified only after its reference block (a bound of 0 would
    ///        reject every verdict); choose it by how fast the judged state can turn bad on your chain
    ///        (e.g. 300 blocks ≈ an hour of 12-second blocks).
    constructor(IServiceManager serviceManager_, uint32 maxVerdictAge_) {
        require(address(serviceManager_) != address(0), ZeroServiceManager());
        require(
            maxVerdictAge_ >= 1 && maxVerdictAge_ <= MAX_VERDICT_AGE_LIMIT,
            MaxVerdictAgeOutOfBounds(maxVerdictAge_, 1, MAX_VERDICT_AGE_LIMIT)
        );
        serviceManager = serviceManager_;
        maxVerdictAge = maxVerdictAge_;
    }

    /// @notice The verdict of `a`, once proven to be a certified `engineVersion` verdict about
    ///         `subject` at most `maxVerdictAge` blocks old.
    /// @param engineVersion `keccak256(bytes(id))` of the engine, e.g. `SecurityVerdicts.ADDRESS_RISK_V1`
    /// @param subject what the protocol is about to trust, e.g. `SecurityVerdicts.addressSubject(to)`
    /// @param a the attestation, as the gateway's attested mode returns it
    /// @return v the decoded response
    /// @dev Reverts, in this order: `VerdictNotProven(batchRoot, requestHash)`,
    ///      `VerdictFromFuture(referenceBlock, block.number)`, `VerdictTooOld(referenceBlock, maxAge)`,
    ///      `SecurityVerdicts.InvalidResponseLength` / `InvalidVerdict` (a certified response that is not
    ///      a verdict), `SubjectMismatch(expected, actual)`.
    function _verifiedVerdict(bytes32 engineVersion, bytes32 subject, Attestation calldata a)
        internal
        view
        returns (SecurityVerdicts.SecurityVerdict memory v)
    {
        IServiceManager.Verdict memory leaf = IServiceManager.Verdict({
            requestHash: a.requestHash,
            responseHash: keccak256(a.response),
            engineVersion: engineVersion,
            referenceBlock: a.referenceBlock
        });
        require(
            serviceManager.verifyVerdict(a.batchRoot, leaf, a.proof),
            VerdictNotProven(a.batchRoot, a.requestHash)
        );
        require(a.referenceBlock <= block.number, VerdictFromFuture(a.referenceBlock, block.number));
        require(
            block.number - a.referenceBlock <= maxVerdictAge, VerdictTooOld(a.referenceBlock, maxVerdictAge)
        );
        v = SecurityVerdicts.decode(a.response);
        require(v.subject == subject, SubjectMismatch(subject, v.subject));
    }

    /// @notice `_verifiedVerdict`, then the protocol's policy: the verdict is at most `maxVerdict` and
    ///         none of `forbiddenFlags` is set.
    /// @param maxVerdict the worst verdict accepted: `SecurityVerdicts.SAFE` (0) or `SUSPICIOUS` (1);
    ///        `MALICIOUS` (2) leaves only the flag check
    /// @param forbiddenFlags the flag bits (the engine version's field order) that must be clear
    /// @return v the decoded response
    /// @dev A field the engine could not tell has its flag bit clear and its `unknowns` bit set: this
    ///      overload accepts it. Use the one with `requiredKnown` to refuse it.
    function _requireVerdict(
        bytes32 engineVersion,
        bytes32 subject,
        Attestation calldata a,
        uint8 maxVerdict,
        uint256 forbiddenFlags
    ) internal view returns (SecurityVerdicts.SecurityVerdict memory v) {
        return _requireVerdict(engineVersion, subject, a, maxVerdict, forbiddenFlags, 0);
    }

    /// @notice `_requireVerdict`, and every field of `requiredKnown` known: typically the forbidden
    ///         flags themselves, so that "not flagged" cannot mean "could not tell" (e.g. no sanctions
    ///         list loaded).
    /// @param requiredKnown the field bits whose `unknowns` bit must be clear
    /// @dev Reverts, after `_verifiedVerdict`'s errors: `VerdictNotAllowed(verdict, maxVerdict)`,
    ///      `ForbiddenFlags(flags & forbiddenFlags)`, `UnknownFields(unknowns & requiredKnown)`.
    function _requireVerdict(
        bytes32 engineVersion,
        bytes32 subject,
        Attestation calldata a,
        uint8 maxVerdict,
        uint256 forbiddenFlags,
        uint256 requiredKnown
    ) internal view returns (SecurityVerdicts.SecurityVerdict memory v) {
        v = _verifiedVerdict(engineVersion, subject, a);
        require(v.verdict <= maxVerdict, VerdictNotAllowed(v.verdict, maxVerdict));
        require(v.flags & forbiddenFlags == 0, ForbiddenFlags(v.flags & forbiddenFlags));
        require(v.unknowns & requiredKnown == 0, UnknownFields(v.unknowns & requiredKnown));
    }
}
