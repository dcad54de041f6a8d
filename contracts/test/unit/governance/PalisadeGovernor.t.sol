// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {PalisadeGovernor} from "../../../src/governance/PalisadeGovernor.sol";
import {IGovernanceToken} from "../../../src/interfaces/IGovernanceToken.sol";
import {IPalisadeGovernor} from "../../../src/interfaces/IPalisadeGovernor.sol";
import {GovernedTarget, GovernorUnitBase} from "./GovernorUnitBase.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @notice The PalisadeGovernor: time-weighted tallies, quorum and threshold against 2× the supply,
///         the timelock, bounded parameters, and the veto committee's narrow power.
contract PalisadeGovernorTest is GovernorUnitBase {
    // ───────────── clock, votes, quorum, threshold ─────────────

    function test_ClockIsTheTimestamp() public view {
        assertEq(governor.clock(), block.timestamp);
        assertEq(governor.CLOCK_MODE(), "mode=timestamp");
    }

    function test_QuorumAndThresholdAreBpsOfTwiceTheSupply() public {
        uint256 id = _propose(_setValue(1));
        uint256 snapshot = governor.proposalSnapshot(id);
        assertEq(snapshot, block.timestamp + VOTING_DELAY);
        _toVoting(id);
        // supply 1,000: max weight 2,000; quorum 4 % = 80, threshold 0.1 % = 2
        assertEq(governor.quorum(snapshot), 80e18);
        assertEq(governor.proposalThreshold(), 2e18);
    }

    function test_OldTokensWeighTwiceNewOnes() public {
        uint256 id = _propose(_setValue(1));
        _toVoting(id);
        _vote(id, elder, 0);
        _vote(id, alice, 1);
        (uint256 against, uint256 forVotes,) = governor.proposalVotes(id);
        assertEq(against, 600e18, "300 held for a year: 2x");
        // 400 held for a day and a second at the snapshot
        assertEq(forVotes, uint256(400e18) * (365 days + 1 days + 1) / 365 days);
        _toEnd(id);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Defeated), "300 old beat 400 new");
    }

    function test_Revert_WhenProposerBelowThreshold() public {
        IPalisadeGovernor.Params memory p = _params();
        p.proposalThresholdBps = 100; // 1 % of 2,000 = 20
        _govern(_one(address(governor), abi.encodeCall(IPalisadeGovernor.setParams, (p)), "threshold 1 %"));
        token.mintForTest(nobody, 5e18);
        vm.warp(block.timestamp + 1);
        GovernorUnitBase.Proposal memory prop = _setValue(1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorInsufficientProposerVotes.selector, nobody, 5e18, 20.1e18
            )
        );
        vm.prank(nobody);
        governor.propose(prop.targets, prop.values, prop.calldatas, prop.description);
    }

    function test_TokensMovedAfterTheSnapshotVoteOnce() public {
        uint256 id = _propose(_setValue(1));
        _toVoting(id);
        _vote(id, bob, 1);
        vm.prank(bob);
        assertTrue(token.transfer(nobody, 300e18));
        _vote(id, nobody, 1);
        (, uint256 forVotes,) = governor.proposalVotes(id);
        assertEq(forVotes, uint256(300e18) * (365 days + 1 days + 1) / 365 days, "only bob's vote counts");
    }

    function test_ProposalFailsWithoutQuorum() public {
        token.mintForTest(nobody, 99_000e18);
        vm.warp(block.timestamp + 1);
        uint256 id = _propose(_setValue(1));
        _toVoting(id);
        _vote(id, alice, 1);
        _toEnd(id);
        assertEq(governor.quorum(governor.proposalSnapshot(id)), 8000e18, "4 % of 2 x 100,000");
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Defeated));
    }

    // ───────────── timelock ─────────────

    function test_PassedProposalExecutesAfterTheTimelock() public {
        GovernorUnitBase.Proposal memory p = _setValue(42);
        uint256 id = _passAndQueue(p);
        assertEq(governor.proposalEta(id), block.timestamp + TIMELOCK_DELAY);
        vm.expectRevert();
        _execute(p);
        vm.warp(governor.proposalEta(id));
        _execute(p);
        assertEq(target.value(), 42);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Executed));
    }

    function test_Revert_WhenTimelockReplaced() public {
        vm.expectRevert(IPalisadeGovernor.TimelockNotReplaceable.selector);
        governor.updateTimelock(TimelockController(payable(address(1))));
    }

    // ───────────── disciplinary proposals and the veto ─────────────

    function test_Revert_WhenDisciplinaryCallIsMixedWithOthers() public {
        GovernorUnitBase.Proposal memory p = _slash(1);
        address[] memory targets = new address[](2);
        (targets[0], targets[1]) = (address(target), address(target));
        bytes[] memory calldatas = new bytes[](2);
        calldatas[0] = p.calldatas[0];
        calldatas[1] = abi.encodeCall(GovernedTarget.setValue, (1));
        assertFalse(governor.isDisciplinaryProposal(targets, calldatas));
        vm.expectRevert(IPalisadeGovernor.MixedDisciplinaryProposal.selector);
        vm.prank(alice);
        governor.propose(targets, new uint256[](2), calldatas, "slash and set");
    }

    function test_CommitteeVetoesAQueuedSlash() public {
        GovernorUnitBase.Proposal memory p = _slash(5);
        uint256 id = _passAndQueue(p);
        assertTrue(governor.isDisciplinaryProposal(p.targets, p.calldatas));
        vm.expectEmit(address(governor));
        emit IPalisadeGovernor.ProposalVetoed(id, committee);
        assertEq(_veto(p), id);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Canceled));
        vm.warp(block.timestamp + TIMELOCK_DELAY);
        vm.expectRevert();
        _execute(p);
        assertEq(target.slashes(), 0);
    }

    function test_Revert_WhenVetoOfANonDisciplinaryProposal() public {
        GovernorUnitBase.Proposal memory p = _setValue(7);
        uint256 id = _passAndQueue(p);
        vm.expectRevert(abi.encodeWithSelector(IPalisadeGovernor.NotDisciplinary.selector, id));
        _veto(p);
    }

    function test_Revert_WhenVetoBeforeQueue() public {
        GovernorUnitBase.Proposal memory p = _slash(5);
        uint256 id = _propose(p);
        _toVoting(id);
        vm.expectRevert(abi.encodeWithSelector(IPalisadeGovernor.NotQueued.selector, id));
        _veto(p);
    }

    function test_Revert_WhenVetoAfterTheEta() public {
        GovernorUnitBase.Proposal memory p = _slash(5);
        uint256 id = _passAndQueue(p);
        uint256 eta = governor.proposalEta(id);
        vm.warp(eta);
        vm.expectRevert(abi.encodeWithSelector(IPalisadeGovernor.VetoWindowClosed.selector, id, eta));
        _veto(p);
        _execute(p);
        assertEq(target.slashes(), 5);
    }

    function test_Revert_WhenVetoByAnotherAccount() public {
        GovernorUnitBase.Proposal memory p = _slash(5);
        _passAndQueue(p);
        vm.expectRevert(abi.encodeWithSelector(IPalisadeGovernor.NotVetoCommittee.selector, alice));
        vm.prank(alice);
        governor.veto(p.targets, p.values, p.calldatas, keccak256(bytes(p.description)));
    }

    function test_DisciplinaryListIsAddOnlyAndGoverned() public {
        assertTrue(governor.isDisciplinaryCall(address(target), GovernedTarget.requestSlash.selector));
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, alice));
        vm.prank(alice);
        governor.addDisciplinaryCall(address(target), GovernedTarget.setValue.selector);

        bytes4 other = bytes4(keccak256("slashOperator()"));
        _govern(
            _one(
                address(governor),
                abi.encodeCall(IPalisadeGovernor.addDisciplinaryCall, (address(target), other)),
                "classify another slashing call"
            )
        );
        assertTrue(governor.isDisciplinaryCall(address(target), other));

        GovernorUnitBase.Proposal memory again = _one(
            address(governor),
            abi.encodeCall(
                IPalisadeGovernor.addDisciplinaryCall, (address(target), GovernedTarget.requestSlash.selector)
            ),
            "classify it twice"
        );
        uint256 id = _passAndQueue(again);
        vm.warp(governor.proposalEta(id));
        vm.expectRevert(
            abi.encodeWithSelector(
                IPalisadeGovernor.InvalidDisciplinaryCall.selector,
                address(target),
                GovernedTarget.requestSlash.selector
            )
        );
        _execute(again);
    }

    function test_GovernanceReplacesTheCommittee() public {
        address newCommittee = makeAddr("newCommittee");
        GovernorUnitBase.Proposal memory p = _one(
            address(governor), abi.encodeCall(IPalisadeGovernor.setVetoCommittee, (newCommittee)), "new"
        );
        uint256 id = _passAndQueue(p);
        vm.warp(governor.proposalEta(id));
        vm.expectEmit(address(governor));
        emit IPalisadeGovernor.VetoCommitteeSet(committee, newCommittee);
        _execute(p);
        assertEq(governor.vetoCommittee(), newCommittee);
    }

    // ───────────── parameters ─────────────

    function test_Revert_WhenParamsNotSetByGovernance() public {
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, alice));
        vm.prank(alice);
        governor.setParams(_params());
    }

    function test_ParamsThroughAProposal() public {
        IPalisadeGovernor.Params memory p = _params();
        p.votingPeriod = 5 days;
        GovernorUnitBase.Proposal memory prop =
            _one(address(governor), abi.encodeCall(IPalisadeGovernor.setParams, (p)), "longer votes");
        uint256 id = _passAndQueue(prop);
        vm.warp(governor.proposalEta(id));
        _execute(prop);
        assertEq(governor.votingPeriod(), 5 days);
    }

    function test_Revert_WhenParamsOutOfBounds() public {
        IPalisadeGovernor.Params memory p = _params();
        p.votingDelay = 14 days + 1;
        _expectOutOfBounds(p, "votingDelay", 14 days + 1, 0, 14 days);
        p = _params();
        p.votingPeriod = 1 hours - 1;
        _expectOutOfBounds(p, "votingPeriod", 1 hours - 1, 1 hours, 30 days);
        p.votingPeriod = 30 days + 1;
        _expectOutOfBounds(p, "votingPeriod", 30 days + 1, 1 hours, 30 days);
        p = _params();
        p.quorumBps = 99;
        _expectOutOfBounds(p, "quorumBps", 99, 100, 5000);
        p.quorumBps = 5001;
        _expectOutOfBounds(p, "quorumBps", 5001, 100, 5000);
        p = _params();
        p.proposalThresholdBps = 101;
        _expectOutOfBounds(p, "proposalThresholdBps", 101, 0, 100);
    }

    /// @dev The constructor and setParams share one check; the constructor is the cheap way to hit it.
    function _expectOutOfBounds(
        IPalisadeGovernor.Params memory p,
        string memory name,
        uint256 value,
        uint256 min,
        uint256 max
    ) internal {
        vm.expectRevert(
            abi.encodeWithSelector(IPalisadeGovernor.ParamOutOfBounds.selector, name, value, min, max)
        );
        _deployGovernor(p);
    }

    function test_Revert_WhenGovernanceSetsParamsOutOfBounds() public {
        IPalisadeGovernor.Params memory p = _params();
        p.quorumBps = 6000;
        GovernorUnitBase.Proposal memory prop =
            _one(address(governor), abi.encodeCall(IPalisadeGovernor.setParams, (p)), "quorum 60 %");
        uint256 id = _passAndQueue(prop);
        vm.warp(governor.proposalEta(id));
        vm.expectRevert(
            abi.encodeWithSelector(IPalisadeGovernor.ParamOutOfBounds.selector, "quorumBps", 6000, 100, 5000)
        );
        _execute(prop);
    }

    function test_Revert_WhenDisciplinaryListLengthsDiffer() public {
        vm.expectRevert(IPalisadeGovernor.InputLengthMismatch.selector);
        new PalisadeGovernor(
            IGovernanceToken(address(token)),
            TimelockController(payable(address(timelock))),
            _params(),
            committee,
            new address[](1),
            new bytes4[](0)
        );
    }
}
