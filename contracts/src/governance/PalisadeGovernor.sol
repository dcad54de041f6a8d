// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IGovernanceToken} from "../interfaces/IGovernanceToken.sol";
import {IPalisadeGovernor} from "../interfaces/IPalisadeGovernor.sol";
import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {
    GovernorCountingSimple
} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {
    GovernorTimelockControl
} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title Palisade's governor (the model is in IPalisadeGovernor and decision 0006)
/// @notice OpenZeppelin's Governor with simple counting (against, for, abstain; quorum counts for +
///         abstain) and a TimelockController (a Timelock whose only proposer, canceller and executor is
///         this contract). Proposals are queued into the timelock and executed by anyone after its delay.
contract PalisadeGovernor is IPalisadeGovernor, Governor, GovernorCountingSimple, GovernorTimelockControl {
    /// @dev Two weeks of notice before voting starts is the most any proposal needs.
    uint256 internal constant MAX_VOTING_DELAY = 14 days;
    /// @dev At least an hour of voting, at most a month (longer only delays decisions).
    uint256 internal constant MIN_VOTING_PERIOD = 1 hours;
    uint256 internal constant MAX_VOTING_PERIOD = 30 days;
    /// @dev At least 1 % of the largest possible weight must take part; more than half would let
    ///      abstention alone block every decision.
    uint256 internal constant MIN_QUORUM_BPS = 100;
    uint256 internal constant MAX_QUORUM_BPS = 5000;
    /// @dev Proposing never needs more than 1 % of the largest possible weight.
    uint256 internal constant MAX_PROPOSAL_THRESHOLD_BPS = 100;
    uint256 internal constant BPS = 10_000;

    IGovernanceToken private immutable _token;
    Params private _params;
    address private _vetoCommittee;
    mapping(address target => mapping(bytes4 selector => bool)) private _disciplinary;

    /// @param targets with `selectors`: the initial disciplinary slashing calls (e.g.
    ///        ProviderSlashing.requestSlash, ServiceManager.requestSlash)
    constructor(
        IGovernanceToken token_,
        TimelockController timelock_,
        Params memory params_,
        address vetoCommittee_,
        address[] memory targets,
        bytes4[] memory selectors
    ) Governor("Palisade Governor") GovernorTimelockControl(timelock_) {
        require(address(token_) != address(0), ZeroAddress());
        require(targets.length == selectors.length, InputLengthMismatch());
        _token = token_;
        _setParams(params_);
        _setVetoCommittee(vetoCommittee_);
        for (uint256 i; i < targets.length; ++i) {
            _addDisciplinaryCall(targets[i], selectors[i]);
        }
    }

    // ───────────── veto ─────────────

    /// @inheritdoc IPalisadeGovernor
    function veto(
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata calldatas,
        bytes32 descriptionHash
    ) external returns (uint256 proposalId) {
        require(msg.sender == _vetoCommittee, NotVetoCommittee(msg.sender));
        proposalId = getProposalId(targets, values, calldatas, descriptionHash);
        require(state(proposalId) == ProposalState.Queued, NotQueued(proposalId));
        uint256 eta = proposalEta(proposalId);
        // forge-lint: disable-next-line(block-timestamp) the veto window is hours to days long: seconds of drift are harmless
        require(block.timestamp < eta, VetoWindowClosed(proposalId, eta));
        require(_countDisciplinary(targets, calldatas) == targets.length, NotDisciplinary(proposalId));
        _cancel(targets, values, calldatas, descriptionHash);
        emit ProposalVetoed(proposalId, msg.sender);
    }

    // ───────────── governance ─────────────

    /// @inheritdoc IPalisadeGovernor
    function setParams(Params calldata params_) external onlyGovernance {
        _setParams(params_);
    }

    /// @inheritdoc IPalisadeGovernor
    function setVetoCommittee(address committee) external onlyGovernance {
        _setVetoCommittee(committee);
    }

    /// @inheritdoc IPalisadeGovernor
    function addDisciplinaryCall(address target, bytes4 selector) external onlyGovernance {
        _addDisciplinaryCall(target, selector);
    }

    /// @inheritdoc GovernorTimelockControl
    /// @dev Disabled: a replacement timelock could have no delay (decision 0006).
    function updateTimelock(TimelockController) public pure override {
        revert TimelockNotReplaceable();
    }

    // ───────────── views ─────────────

    /// @inheritdoc IPalisadeGovernor
    function token() external view returns (IGovernanceToken) {
        return _token;
    }

    /// @inheritdoc IPalisadeGovernor
    function params() external view returns (Params memory) {
        return _params;
    }

    /// @inheritdoc IPalisadeGovernor
    function vetoCommittee() external view returns (address) {
        return _vetoCommittee;
    }

    /// @inheritdoc IPalisadeGovernor
    function isDisciplinaryCall(address target, bytes4 selector) external view returns (bool) {
        return _disciplinary[target][selector];
    }

    /// @inheritdoc IPalisadeGovernor
    function isDisciplinaryProposal(address[] calldata targets, bytes[] calldata calldatas)
        external
        view
        returns (bool)
    {
        return targets.length != 0 && _countDisciplinary(targets, calldatas) == targets.length;
    }

    /// @notice The block timestamp: votes weigh holding time in seconds.
    function clock() public view override returns (uint48) {
        return SafeCast.toUint48(block.timestamp);
    }

    /// @notice EIP-6372 clock description.
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    function votingDelay() public view override returns (uint256) {
        return _params.votingDelay;
    }

    function votingPeriod() public view override returns (uint256) {
        return _params.votingPeriod;
    }

    /// @notice `quorumBps` of the largest total weight the supply at `timepoint` can have.
    function quorum(uint256 timepoint) public view override returns (uint256) {
        return _token.maxTotalWeightAt(timepoint) * _params.quorumBps / BPS;
    }

    /// @notice `proposalThresholdBps` of the largest total weight the supply a second ago can have.
    function proposalThreshold() public view override returns (uint256) {
        uint256 bps = _params.proposalThresholdBps;
        if (bps == 0) return 0;
        return _token.maxTotalWeightAt(clock() - 1) * bps / BPS;
    }

    function state(uint256 proposalId)
        public
        view
        override(Governor, GovernorTimelockControl)
        returns (ProposalState)
    {
        return super.state(proposalId);
    }

    function proposalNeedsQueuing(uint256 proposalId)
        public
        view
        override(Governor, GovernorTimelockControl)
        returns (bool)
    {
        return super.proposalNeedsQueuing(proposalId);
    }

    // ───────────── internals ─────────────

    /// @dev Refuses a proposal that mixes disciplinary slashing calls with anything else.
    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal override returns (uint256) {
        uint256 disciplinary = _countDisciplinary(targets, calldatas);
        require(disciplinary == 0 || disciplinary == targets.length, MixedDisciplinaryProposal());
        return super._propose(targets, values, calldatas, description, proposer);
    }

    function _getVotes(address account, uint256 timepoint, bytes memory)
        internal
        view
        override
        returns (uint256)
    {
        return _token.getVotes(account, timepoint);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }

    function _countDisciplinary(address[] memory targets, bytes[] memory calldatas)
        internal
        view
        returns (uint256 count)
    {
        for (uint256 i; i < targets.length; ++i) {
            bytes memory data = calldatas[i];
            // forge-lint: disable-next-line(unsafe-typecast) a call without a whole selector (a plain transfer of value) is never disciplinary
            if (data.length >= 4 && _disciplinary[targets[i]][bytes4(data)]) ++count;
        }
    }

    function _setParams(Params memory p) internal {
        _checkBounds("votingDelay", p.votingDelay, 0, MAX_VOTING_DELAY);
        _checkBounds("votingPeriod", p.votingPeriod, MIN_VOTING_PERIOD, MAX_VOTING_PERIOD);
        _checkBounds("quorumBps", p.quorumBps, MIN_QUORUM_BPS, MAX_QUORUM_BPS);
        _checkBounds("proposalThresholdBps", p.proposalThresholdBps, 0, MAX_PROPOSAL_THRESHOLD_BPS);
        _params = p;
        emit ParamsSet(p);
    }

    function _setVetoCommittee(address committee) internal {
        address previous = _vetoCommittee;
        _vetoCommittee = committee;
        emit VetoCommitteeSet(previous, committee);
    }

    function _addDisciplinaryCall(address target, bytes4 selector) internal {
        require(
            target != address(0) && !_disciplinary[target][selector],
            InvalidDisciplinaryCall(target, selector)
        );
        _disciplinary[target][selector] = true;
        emit DisciplinaryCallAdded(target, selector);
    }

    function _checkBounds(string memory name, uint256 value, uint256 min, uint256 max) internal pure {
        require(value >= min && value <= max, ParamOutOfBounds(name, value, min, max));
    }
}
