// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IDelegationManager, IWithdrawalGate} from "../../../src/interfaces/IDelegationManager.sol";
import {IStrategy} from "../../../src/interfaces/IStrategy.sol";
import {DelegationTestBase} from "./DelegationTestBase.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @dev Records what the staker's position looked like when it was called, and may refuse.
contract WithdrawalGateDouble is IWithdrawalGate {
    error Refused(address staker);

    IDelegationManager internal immutable _delegation;
    IStrategy internal immutable _strategy;
    bool public refuse;
    uint256 public calls;
    address public lastStaker;
    uint256 public withdrawableSeen;
    address public operatorSeen;

    constructor(IDelegationManager delegation_, IStrategy strategy_) {
        _delegation = delegation_;
        _strategy = strategy_;
    }

    function setRefuse(bool refuse_) external {
        refuse = refuse_;
    }

    function onWithdrawalQueued(address staker) external {
        require(!refuse, Refused(staker));
        ++calls;
        lastStaker = staker;
        withdrawableSeen = _delegation.withdrawableShares(staker, _strategy);
        operatorSeen = _delegation.delegatedTo(staker);
    }
}

/// @notice The optional withdrawal gate: set by the owner only, called after queueWithdrawal and
///         undelegate with the state after the withdrawal, able to refuse it, and absent by default.
contract DelegationManagerWithdrawalGateTest is DelegationTestBase {
    WithdrawalGateDouble internal gate;

    function setUp() public override {
        super.setUp();
        gate = new WithdrawalGateDouble(delegation, strategy);
        _registerOperator(operator);
        _deposit(alice, 100e18);
        _delegate(alice, operator);
    }

    function _setGate() internal {
        vm.prank(owner);
        delegation.setWithdrawalGate(gate);
    }

    function test_NoGateByDefault() public {
        assertEq(address(delegation.withdrawalGate()), address(0));
        _queue(alice, 10e18);
        assertEq(gate.calls(), 0);
    }

    function test_OwnerSetsAndClearsTheGate() public {
        vm.expectEmit(address(delegation));
        emit IDelegationManager.WithdrawalGateSet(IWithdrawalGate(address(0)), gate);
        _setGate();
        assertEq(address(delegation.withdrawalGate()), address(gate));
        vm.prank(owner);
        delegation.setWithdrawalGate(IWithdrawalGate(address(0)));
        _queue(alice, 10e18);
        assertEq(gate.calls(), 0, "cleared gate is not called");
    }

    function test_Revert_WhenNotOwnerSetsGate() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        delegation.setWithdrawalGate(gate);
    }

    function test_QueueWithdrawalCallsGateAfterTheStakeLeft() public {
        _setGate();
        _queue(alice, 40e18);
        assertEq(gate.calls(), 1);
        assertEq(gate.lastStaker(), alice);
        assertEq(gate.withdrawableSeen(), 60e18, "the gate sees the position after the withdrawal");
    }

    function test_UndelegateCallsGateAfterTheStakerLeft() public {
        _setGate();
        vm.prank(alice);
        delegation.undelegate();
        assertEq(gate.calls(), 1);
        assertEq(gate.operatorSeen(), address(0), "undelegated when the gate runs");
        assertEq(gate.withdrawableSeen(), 0);
    }

    function test_Revert_WhenGateRefusesQueueWithdrawal() public {
        _setGate();
        gate.setRefuse(true);
        vm.expectRevert(abi.encodeWithSelector(WithdrawalGateDouble.Refused.selector, alice));
        _queue(alice, 40e18);
        assertEq(_withdrawable(alice), 100e18, "nothing left the position");
    }

    function test_Revert_WhenGateRefusesUndelegate() public {
        _setGate();
        gate.setRefuse(true);
        vm.expectRevert(abi.encodeWithSelector(WithdrawalGateDouble.Refused.selector, alice));
        vm.prank(alice);
        delegation.undelegate();
        assertEq(delegation.delegatedTo(alice), operator, "still delegated");
    }

    function test_CompletionDoesNotCallTheGate() public {
        _setGate();
        bytes32 root = _queue(alice, 40e18);
        vm.roll(block.number + DELAY);
        _complete(alice, root, true);
        assertEq(gate.calls(), 1, "only the queueing");
    }
}
