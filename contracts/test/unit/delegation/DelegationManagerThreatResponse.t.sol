// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IDelegationManager} from "../../../src/interfaces/IDelegationManager.sol";
import {IThreatResponse} from "../../../src/interfaces/IThreatResponse.sol";
import {ThreatResponseDouble} from "../../utils/threat/ThreatResponseDouble.sol";
import {WithdrawalGateDouble} from "./DelegationManagerWithdrawalGate.t.sol";
import {DelegationTestBase} from "./DelegationTestBase.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @notice The DelegationManager's freeze check (decision 0008): a frozen operator cannot queue a
///         withdrawal, and no withdrawal queued while delegated to it completes until the freeze ends;
///         its stakers may still queue, undelegated stake is never held, and the withdrawal gate works
///         as before.
contract DelegationManagerThreatResponseTest is DelegationTestBase {
    uint64 internal constant T = 1_750_000_000;
    uint64 internal constant UNTIL = T + 14 days;

    ThreatResponseDouble internal double;

    function setUp() public override {
        super.setUp();
        vm.warp(T);
        double = new ThreatResponseDouble();
        _registerOperator(operator);
        _registerOperator(operator2);
        _deposit(operator, 100e18);
        _deposit(alice, 100e18);
        _delegate(alice, operator);
        _deposit(bob, 100e18); // bob stays undelegated
    }

    function _set() internal {
        vm.prank(owner);
        delegation.setThreatResponse(IThreatResponse(address(double)));
    }

    function _freeze(address op) internal {
        _set();
        double.setFrozenUntil(op, UNTIL);
    }

    function _expectFrozen(address op) internal {
        vm.expectRevert(abi.encodeWithSelector(IDelegationManager.OperatorFrozen.selector, op, UNTIL));
    }

    // ───────────── setThreatResponse ─────────────

    function test_NoThreatResponseByDefault() public {
        assertEq(address(delegation.threatResponse()), address(0));
        double.setFrozenUntil(operator, UNTIL); // unread: nothing is set
        bytes32 root = _queue(operator, 10e18);
        vm.roll(block.number + DELAY);
        _complete(operator, root, true);
    }

    function test_SetThreatResponse() public {
        vm.expectEmit(address(delegation));
        emit IDelegationManager.ThreatResponseSet(
            IThreatResponse(address(0)), IThreatResponse(address(double))
        );
        _set();
        assertEq(address(delegation.threatResponse()), address(double));
    }

    function test_Revert_SetThreatResponse_WhenNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        delegation.setThreatResponse(IThreatResponse(address(double)));
    }

    // ───────────── queueing ─────────────

    function test_Revert_WhenAFrozenOperatorQueues() public {
        _freeze(operator);
        _expectFrozen(operator);
        _queue(operator, 10e18);
    }

    function test_Revert_WhenAFrozenOperatorUndelegates() public {
        _freeze(operator);
        vm.expectRevert(
            abi.encodeWithSelector(IDelegationManager.OperatorCannotUndelegate.selector, operator)
        );
        vm.prank(operator);
        delegation.undelegate();
    }

    function test_AnotherOperatorQueues() public {
        _freeze(operator);
        _deposit(operator2, 10e18);
        _queue(operator2, 10e18);
    }

    function test_OperatorQueuesFromTheEndOfTheFreeze() public {
        _freeze(operator);
        vm.warp(UNTIL);
        _queue(operator, 10e18);
    }

    function test_StakersOfAFrozenOperatorMayQueueAndUndelegate() public {
        _freeze(operator);
        _queue(alice, 10e18);
        vm.prank(alice);
        delegation.undelegate();
        assertEq(delegation.delegatedTo(alice), address(0));
    }

    // ───────────── completing ─────────────

    function test_Revert_WhenCompletingAFrozenOperatorsOwnWithdrawal() public {
        bytes32 root = _queue(operator, 10e18);
        _freeze(operator);
        vm.roll(block.number + DELAY);
        _expectFrozen(operator);
        _complete(operator, root, true);
    }

    function test_Revert_WhenCompletingStakeQueuedWhileDelegatedToAFrozenOperator() public {
        bytes32 queued = _queue(alice, 10e18);
        _freeze(operator);
        vm.prank(alice);
        bytes32 undelegated = delegation.undelegate(); // queued while delegated: held as well
        vm.roll(block.number + DELAY);
        _expectFrozen(operator);
        _complete(alice, queued, true);
        _expectFrozen(operator);
        _complete(alice, undelegated, false);
    }

    function test_CompletesFromTheEndOfTheFreeze() public {
        bytes32 root = _queue(alice, 10e18);
        _freeze(operator);
        vm.roll(block.number + DELAY);
        vm.warp(UNTIL);
        uint256[] memory shares = _complete(alice, root, true);
        assertEq(shares[0], 10e18);
        assertEq(token.balanceOf(alice), 10e18);
    }

    function test_UndelegatedStakeIsNeverHeld() public {
        _freeze(operator);
        bytes32 root = _queue(bob, 10e18);
        vm.roll(block.number + DELAY);
        _complete(bob, root, true);
        assertEq(token.balanceOf(bob), 10e18);
    }

    function test_StakeQueuedFromAnotherOperatorIsNotHeld() public {
        _deposit(carol, 10e18);
        _delegate(carol, operator2);
        bytes32 root = _queue(carol, 10e18);
        _freeze(operator);
        vm.roll(block.number + DELAY);
        _complete(carol, root, true);
    }

    function test_TheWithdrawalGateStillRuns() public {
        WithdrawalGateDouble gate = new WithdrawalGateDouble(delegation, strategy);
        vm.prank(owner);
        delegation.setWithdrawalGate(gate);
        _freeze(operator);
        _queue(alice, 10e18);
        assertEq(gate.calls(), 1);
        gate.setRefuse(true);
        vm.expectRevert(abi.encodeWithSelector(WithdrawalGateDouble.Refused.selector, alice));
        _queue(alice, 10e18);
    }

    function testFuzz_CompletionHeldExactlyWhileFrozen(uint64 until, uint64 at) public {
        until = uint64(bound(until, T, T + 30 days));
        at = uint64(bound(at, T, T + 31 days));
        bytes32 root = _queue(alice, 10e18);
        _set();
        double.setFrozenUntil(operator, until);
        vm.roll(block.number + DELAY);
        vm.warp(at);
        if (at < until) {
            vm.expectRevert(
                abi.encodeWithSelector(IDelegationManager.OperatorFrozen.selector, operator, until)
            );
        }
        _complete(alice, root, true);
    }
}
