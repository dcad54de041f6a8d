// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IGovernanceToken} from "./IGovernanceToken.sol";

/// @title Palisade's governor: time-weighted votes, a bounded timelock, a veto committee for slashing
/// @notice What Palisade adds to OpenZeppelin's Governor (IGovernor, with simple counting and a
///         TimelockController; decision 0006):
///         - the clock is the block timestamp; votes are `GovernanceToken.getVotes(voter, snapshot)`
///           (holding lots, 1× to 2× over a year); there is no vote delegation;
///         - quorum (for + abstain) and the proposal threshold are basis points of the largest total
///           weight the supply can have at the snapshot, `GovernanceToken.maxTotalWeightAt`;
///         - the voting delay, voting period, quorum and threshold are set together by governance
///           within fixed bounds (`setParams`); the timelock cannot be replaced;
///         - *disciplinary slashing calls* are an add-only allowlist of (target, selector). A proposal
///           with one such call must consist only of such calls. While such a proposal is queued and
///           before its timelock ETA, the veto committee may veto it, which cancels it; the committee
///           can veto nothing else.
interface IPalisadeGovernor {
    /// @notice The governor's own parameters.
    struct Params {
        /// @dev seconds from proposal to snapshot (voting starts the second after)
        uint48 votingDelay;
        /// @dev seconds of voting
        uint32 votingPeriod;
        /// @dev quorum, in basis points of `maxTotalWeightAt(snapshot)`
        uint16 quorumBps;
        /// @dev votes needed to propose, in basis points of `maxTotalWeightAt(now − 1)`
        uint16 proposalThresholdBps;
    }

    error ParamOutOfBounds(string name, uint256 value, uint256 min, uint256 max);
    error NotVetoCommittee(address caller);
    /// @notice Only a queued proposal can be vetoed.
    error NotQueued(uint256 proposalId);
    /// @notice The veto window ended at the proposal's timelock ETA.
    error VetoWindowClosed(uint256 proposalId, uint256 eta);
    /// @notice The proposal is not made only of disciplinary slashing calls.
    error NotDisciplinary(uint256 proposalId);
    /// @notice A proposal with a disciplinary slashing call may contain nothing else.
    error MixedDisciplinaryProposal();
    /// @notice The pair is already on the allowlist (or the target is address(0)).
    error InvalidDisciplinaryCall(address target, bytes4 selector);
    /// @notice The constructor's disciplinary targets and selectors differ in length.
    error InputLengthMismatch();
    /// @notice The timelock is fixed for the governor's life (a new one could have no delay).
    error TimelockNotReplaceable();
    error ZeroAddress();

    event ParamsSet(Params params);
    event VetoCommitteeSet(address indexed previous, address indexed current);
    event DisciplinaryCallAdded(address indexed target, bytes4 selector);
    event ProposalVetoed(uint256 indexed proposalId, address indexed committee);

    /// @notice Veto committee: cancels a queued proposal made only of disciplinary slashing calls, before
    ///         its timelock ETA.
    function veto(
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata calldatas,
        bytes32 descriptionHash
    ) external returns (uint256 proposalId);

    /// @notice Governance: the voting delay [0, 14 days], voting period [1 hour, 30 days], quorum
    ///         [100, 5,000] bps and proposal threshold [0, 100] bps.
    function setParams(Params calldata params) external;
    /// @notice Governance: the veto committee (address(0) disables vetoes).
    function setVetoCommittee(address committee) external;
    /// @notice Governance: classifies calls of `selector` on `target` as disciplinary slashing (add-only).
    function addDisciplinaryCall(address target, bytes4 selector) external;

    function token() external view returns (IGovernanceToken);
    function params() external view returns (Params memory);
    function vetoCommittee() external view returns (address);
    function isDisciplinaryCall(address target, bytes4 selector) external view returns (bool);
    /// @notice Whether the calls form a disciplinary slashing proposal (all of them on the allowlist).
    function isDisciplinaryProposal(address[] calldata targets, bytes[] calldata calldatas)
        external
        view
        returns (bool);
}
