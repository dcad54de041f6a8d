// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {PalisadeGovernor} from "../../../src/governance/PalisadeGovernor.sol";
import {Timelock} from "../../../src/governance/Timelock.sol";
import {IGovernanceToken} from "../../../src/interfaces/IGovernanceToken.sol";
import {IPalisadeGovernor} from "../../../src/interfaces/IPalisadeGovernor.sol";
import {GovernanceTokenHarness} from "../../utils/GovernanceTokenHarness.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {Test} from "forge-std/Test.sol";

/// @dev A governed contract: owned by the timelock, with a parameter and a "slash" entry point.
contract GovernedTarget {
    error NotOwner(address caller);

    address public immutable owner;
    uint256 public value;
    uint256 public slashes;

    constructor(address owner_) {
        owner = owner_;
    }

    function setValue(uint256 value_) external {
        require(msg.sender == owner, NotOwner(msg.sender));
        value = value_;
    }

    function requestSlash(uint256 amount) external {
        require(msg.sender == owner, NotOwner(msg.sender));
        slashes += amount;
    }
}

/// @notice A PalisadeGovernor and its Timelock over the token harness (votes without stake), with
///         `target.requestSlash` classified as disciplinary, holders of different ages, and helpers
///         that drive a proposal through voting and the timelock.
abstract contract GovernorUnitBase is Test {
    uint256 internal constant START = 1_750_000_000;
    uint48 internal constant VOTING_DELAY = 1 days;
    uint32 internal constant VOTING_PERIOD = 3 days;
    uint256 internal constant TIMELOCK_DELAY = 2 days;
    uint16 internal constant QUORUM_BPS = 400;
    uint16 internal constant THRESHOLD_BPS = 10;

    GovernanceTokenHarness internal token;
    Timelock internal timelock;
    PalisadeGovernor internal governor;
    GovernedTarget internal target;

    address internal committee = makeAddr("committee");
    /// @dev holds since START (a year older than the others at the first proposal)
    address internal elder = makeAddr("elder");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal nobody = makeAddr("nobody");

    function setUp() public virtual {
        vm.warp(START);
        token = new GovernanceTokenHarness(address(this));
        // as a deployment does: the deployer administers the timelock only until the governor holds
        // its roles, then renounces
        timelock = new Timelock(TIMELOCK_DELAY, new address[](0), new address[](0), address(this));
        target = new GovernedTarget(address(timelock));
        governor = _deployGovernor(_params());
        timelock.grantRole(timelock.PROPOSER_ROLE(), address(governor));
        timelock.grantRole(timelock.CANCELLER_ROLE(), address(governor));
        timelock.grantRole(timelock.EXECUTOR_ROLE(), address(governor));
        timelock.renounceRole(timelock.DEFAULT_ADMIN_ROLE(), address(this));

        token.mintForTest(elder, 300e18);
        vm.warp(START + 365 days);
        token.mintForTest(alice, 400e18);
        token.mintForTest(bob, 300e18);
        vm.warp(block.timestamp + 1);
    }

    /// @dev `target.requestSlash` is the disciplinary slashing call.
    function _deployGovernor(IPalisadeGovernor.Params memory params) internal returns (PalisadeGovernor) {
        address[] memory targets = new address[](1);
        targets[0] = address(target);
        bytes4[] memory selectors = new bytes4[](1);
        selectors[0] = GovernedTarget.requestSlash.selector;
        return new PalisadeGovernor(
            IGovernanceToken(address(token)),
            TimelockController(payable(address(timelock))),
            params,
            committee,
            targets,
            selectors
        );
    }

    function _params() internal pure returns (IPalisadeGovernor.Params memory) {
        return IPalisadeGovernor.Params({
            votingDelay: VOTING_DELAY,
            votingPeriod: VOTING_PERIOD,
            quorumBps: QUORUM_BPS,
            proposalThresholdBps: THRESHOLD_BPS
        });
    }

    // ───────────── proposals ─────────────

    struct Proposal {
        address[] targets;
        uint256[] values;
        bytes[] calldatas;
        string description;
    }

    function _one(address to, bytes memory data, string memory description)
        internal
        pure
        returns (Proposal memory p)
    {
        p.targets = new address[](1);
        p.targets[0] = to;
        p.values = new uint256[](1);
        p.calldatas = new bytes[](1);
        p.calldatas[0] = data;
        p.description = description;
    }

    function _setValue(uint256 value) internal view returns (Proposal memory) {
        return _one(address(target), abi.encodeCall(GovernedTarget.setValue, (value)), "set the value");
    }

    function _slash(uint256 amount) internal view returns (Proposal memory) {
        return _one(address(target), abi.encodeCall(GovernedTarget.requestSlash, (amount)), "slash");
    }

    function _propose(Proposal memory p) internal returns (uint256 id) {
        vm.prank(alice);
        id = governor.propose(p.targets, p.values, p.calldatas, p.description);
    }

    function _vote(uint256 id, address voter, uint8 support) internal {
        vm.prank(voter);
        governor.castVote(id, support);
    }

    function _toVoting(uint256 id) internal {
        vm.warp(governor.proposalSnapshot(id) + 1);
    }

    function _toEnd(uint256 id) internal {
        vm.warp(governor.proposalDeadline(id) + 1);
    }

    function _queue(Proposal memory p) internal returns (uint256) {
        return governor.queue(p.targets, p.values, p.calldatas, keccak256(bytes(p.description)));
    }

    function _execute(Proposal memory p) internal returns (uint256) {
        return governor.execute(p.targets, p.values, p.calldatas, keccak256(bytes(p.description)));
    }

    /// @dev Proposed by alice, voted for by alice and the elder, queued.
    function _passAndQueue(Proposal memory p) internal returns (uint256 id) {
        id = _propose(p);
        _toVoting(id);
        _vote(id, alice, 1);
        _vote(id, elder, 1);
        _toEnd(id);
        _queue(p);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Queued));
    }

    /// @dev Passes, queues and executes `p` after the timelock delay.
    function _govern(Proposal memory p) internal {
        uint256 id = _passAndQueue(p);
        vm.warp(governor.proposalEta(id));
        _execute(p);
    }

    function _veto(Proposal memory p) internal returns (uint256) {
        vm.prank(committee);
        return governor.veto(p.targets, p.values, p.calldatas, keccak256(bytes(p.description)));
    }
}
