// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IDelegationManager} from "../../../src/interfaces/IDelegationManager.sol";
import {IStrategy} from "../../../src/interfaces/IStrategy.sol";
import {DelegationTestBase} from "./DelegationTestBase.sol";

/// @notice A queued pool slashed to zero shares while withdrawals still own its units starts a new
///         generation when stake next enters it, so stakers who never complete cannot block the
///         operator's other stakers from leaving.
contract DelegationManager_queuedPoolGenerations is DelegationTestBase {
    function setUp() public override {
        super.setUp();
        _registerOperator(operator);
    }

    /// @dev alice and bob leave, the operator is slashed 100 % with only their withdrawals in the
    ///      queued pool (units > 0, shares 0); the active pool is empty, so carol may still delegate.
    ///      Before generations, carol's queueWithdrawal and undelegate reverted `FullySlashed` until
    ///      bob — who never does — completed.
    function _fullySlashedQueueWithIdleWithdrawal() internal returns (bytes32 aliceRoot, bytes32 bobRoot) {
        _deposit(alice, 1e18);
        _deposit(bob, 2e18);
        _delegate(alice, operator);
        _delegate(bob, operator);
        aliceRoot = _queue(alice, 1e18);
        vm.prank(bob);
        bobRoot = delegation.undelegate();
        _slash(operator, strategy, 1e18, 0);
        (uint256 aS, uint256 aU, uint256 qS, uint256 qU) = delegation.getOperatorPool(operator, strategy);
        assertEq(aS + aU + qS, 0, "active pool empty, queued pool worthless");
        assertEq(qU, 3e18);
        vm.roll(block.number + DELAY);
        assertEq(_complete(alice, aliceRoot, true)[0], 0, "alice's withdrawal was fully slashed");
    }

    function test_NewStakerCanLeaveWhileOldWithdrawalIdles() public {
        (, bytes32 bobRoot) = _fullySlashedQueueWithIdleWithdrawal();
        _deposit(carol, 3e18);
        _delegate(carol, operator);

        // carol's shares leave the active pool, the queued pool restarts, then they enter it
        vm.expectEmit(address(delegation));
        emit IDelegationManager.OperatorPoolUpdated(operator, strategy, 2e18, 2e18, 0, 0);
        vm.expectEmit(address(delegation));
        emit IDelegationManager.OperatorPoolUpdated(operator, strategy, 2e18, 2e18, 1e18, 1e18);
        bytes32 first = _queue(carol, 1e18);
        vm.prank(carol);
        bytes32 second = delegation.undelegate();

        assertEq(_queuedValue(first), 1e18);
        assertEq(_queuedValue(second), 2e18);
        assertEq(_queuedValue(bobRoot), 0, "bob's older generation stays worthless");
        (,, uint256 qS, uint256 qU) = delegation.getOperatorPool(operator, strategy);
        assertEq(qS, 3e18);
        assertEq(qU, 3e18, "only the new generation's units");

        vm.roll(block.number + DELAY);
        assertEq(_complete(carol, first, true)[0], 1e18);
        assertEq(_complete(carol, second, true)[0], 2e18);
        assertEq(token.balanceOf(carol), 3e18);
        assertEq(strategy.totalShares(), 0);
    }

    function test_OldGenerationCompletesForZeroWithoutTouchingTheNewOne() public {
        (, bytes32 bobRoot) = _fullySlashedQueueWithIdleWithdrawal();
        _deposit(carol, 3e18);
        _delegate(carol, operator);
        bytes32 carolRoot = _queue(carol, 3e18);

        vm.roll(block.number + DELAY);
        uint256[] memory paid = _complete(bob, bobRoot, false);
        assertEq(paid[0], 0);
        (, uint256 bobUnits) = delegation.stakerUnits(bob, strategy);
        assertEq(bobUnits, 0, "nothing credited");
        (,, uint256 qS, uint256 qU) = delegation.getOperatorPool(operator, strategy);
        assertEq(qS, 3e18, "current generation untouched");
        assertEq(qU, 3e18, "current generation untouched");

        assertEq(_complete(carol, carolRoot, true)[0], 3e18, "paid exactly");
        (,, qS, qU) = delegation.getOperatorPool(operator, strategy);
        assertEq(qS + qU, 0);
    }

    function test_SeveralGenerations() public {
        (, bytes32 bobRoot) = _fullySlashedQueueWithIdleWithdrawal();
        _deposit(carol, 4e18);
        _delegate(carol, operator);
        bytes32 gen1 = _queue(carol, 1e18);
        _slash(operator, strategy, 1, 0); // carol's remaining 3e18 and gen1 are gone too
        // carol's active units are worthless: undelegating is how she leaves, and it queues nothing
        vm.prank(carol);
        bytes32 empty = delegation.undelegate();
        (, uint256[] memory emptyShares) = delegation.getQueuedWithdrawal(empty);
        assertEq(emptyShares[0], 0);

        address dave = makeAddr("dave");
        _deposit(dave, 5e18);
        _delegate(dave, operator); // the active pool emptied when carol left
        bytes32 gen2 = _queue(dave, 5e18);
        assertEq(_queuedValue(gen1), 0);
        assertEq(_queuedValue(gen2), 5e18);

        vm.roll(block.number + DELAY);
        assertEq(_complete(carol, gen1, true)[0], 0);
        assertEq(_complete(carol, empty, true)[0], 0);
        assertEq(_complete(bob, bobRoot, true)[0], 0);
        assertEq(_complete(dave, gen2, true)[0], 5e18);
        assertEq(token.balanceOf(dave), 5e18);
    }

    function test_GenerationIsPerStrategy() public {
        _deposit(alice, 1e18);
        _deposit(alice, strategy2, 2e18);
        _delegate(alice, operator);
        vm.prank(alice);
        bytes32 aliceRoot = delegation.undelegate();
        _slash(operator, strategy, 1, 0); // strategy2 is not slashed

        _deposit(bob, 1e18);
        _deposit(bob, strategy2, 1e18);
        _delegate(bob, operator);
        vm.prank(bob);
        bytes32 bobRoot = delegation.undelegate(); // restarts only strategy's queued pool

        IStrategy[] memory aliceOrder = _withdrawalStrategies(aliceRoot);
        IStrategy[] memory bobOrder = _withdrawalStrategies(bobRoot);
        vm.roll(block.number + DELAY);
        uint256[] memory alicePaid = _complete(alice, aliceRoot, true);
        uint256[] memory bobPaid = _complete(bob, bobRoot, true);
        for (uint256 i; i < 2; ++i) {
            assertEq(alicePaid[i], aliceOrder[i] == strategy ? 0 : 2e18, "alice: the unslashed entry pays");
            assertEq(bobPaid[i], 1e18, "bob: both entries pay in full");
        }
        assertEq(bobOrder.length, 2);
        assertEq(token.balanceOf(alice), 0);
        assertEq(token2.balanceOf(alice), 2e18);
        assertEq(token.balanceOf(bob), 1e18);
        assertEq(token2.balanceOf(bob), 1e18);
    }

    /// @notice A fully slashed operator's stakers keep their way out: undelegating queues their
    ///         worthless units for nothing, after which they can delegate elsewhere.
    function test_FullySlashedOperatorsStakersCanLeave() public {
        _deposit(alice, 1e18);
        _deposit(bob, 1e18);
        _delegate(alice, operator);
        _delegate(bob, operator);
        bytes32 bobRoot = _queue(bob, 1e18);
        _slash(operator, strategy, 1, 0);

        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IDelegationManager.InsufficientShares.selector, strategy, 0, 1)
        );
        delegation.queueWithdrawal(_one(strategy), _one(1));
        vm.prank(alice);
        bytes32 aliceRoot = delegation.undelegate();
        assertEq(delegation.delegatedTo(alice), address(0));

        _registerOperator(operator2);
        _deposit(alice, 1e18);
        _delegate(alice, operator2);
        assertEq(delegation.withdrawableShares(alice, strategy), 1e18);

        vm.roll(block.number + DELAY);
        assertEq(_complete(alice, aliceRoot, false)[0], 0);
        assertEq(_complete(bob, bobRoot, true)[0], 0);
    }

    /// @notice Random deposits, delegations, queues, undelegations, slashes (half of them 100 %)
    ///         and completions in random order: every share stays accounted for, and every pending
    ///         withdrawal completes, paying exactly what it was reported to be worth.
    function testFuzz_SharesConservedAndCompletionsNeverRevert(uint256 entropy) public {
        for (uint256 i; i < STEPS; ++i) {
            // hashed, so each step's choices are uniform whatever values the fuzzer favours
            uint256 seed = uint256(keccak256(abi.encode(entropy, i)));
            address staker = _actor(seed);
            uint256 action = (seed >> 8) % 8;
            uint256 arg = seed >> 16;
            if (action == 0) _fuzzDeposit(staker, arg);
            else if (action == 1) _fuzzJoin(staker, arg);
            else if (action < 4) _fuzzQueue(staker, arg);
            else if (action < 6) _fuzzUndelegate(staker);
            else if (action == 6) _fuzzSlash(arg);
            else _fuzzComplete(arg);
            _assertSharesConserved();
        }
        while (_pending.length != 0) {
            _fuzzComplete(0);
            _assertSharesConserved();
        }
    }

    // ------------------------------------------------------------------ fuzz actions

    uint64 internal constant WAD = 1e18;
    uint256 internal constant STEPS = 40;
    bytes32[] internal _pending;

    function _actor(uint256 seed) internal view returns (address) {
        uint256 i = seed % 3;
        return i == 0 ? alice : i == 1 ? bob : carol;
    }

    function _activeFullySlashed() internal view returns (bool) {
        (uint256 aS, uint256 aU,,) = delegation.getOperatorPool(operator, strategy);
        return aU != 0 && aS == 0;
    }

    function _fuzzDeposit(address staker, uint256 arg) internal {
        // a fully slashed active pool refuses new stake by design
        if (delegation.delegatedTo(staker) != address(0) && _activeFullySlashed()) return;
        _deposit(staker, bound(arg, 1, 1e24));
    }

    /// @dev Deposits, then delegates if the staker is not delegated and the active pool takes it.
    function _fuzzJoin(address staker, uint256 arg) internal {
        _fuzzDeposit(staker, arg);
        if (delegation.delegatedTo(staker) == address(0) && !_activeFullySlashed()) {
            _delegate(staker, operator);
        }
    }

    function _fuzzQueue(address staker, uint256 arg) internal {
        uint256 have = _withdrawable(staker);
        if (have == 0) return;
        _pending.push(_queue(staker, bound(arg, 1, have)));
    }

    function _fuzzUndelegate(address staker) internal {
        if (delegation.delegatedTo(staker) == address(0)) return;
        vm.prank(staker);
        bytes32 root = delegation.undelegate();
        if (root != bytes32(0)) _pending.push(root);
    }

    function _fuzzSlash(uint256 arg) internal {
        // half the slashes take everything
        uint64 next = arg % 2 == 0 ? 0 : uint64(bound(arg >> 2, 0, WAD - 1));
        _slash(operator, strategy, WAD, next);
    }

    function _fuzzComplete(uint256 arg) internal {
        if (_pending.length == 0) return;
        uint256 index = arg % _pending.length;
        bytes32 root = _pending[index];
        _pending[index] = _pending[_pending.length - 1];
        _pending.pop();
        (IDelegationManager.QueuedWithdrawal memory w, uint256[] memory worth) =
            delegation.getQueuedWithdrawal(root);
        if (block.number < w.completableBlock) vm.roll(w.completableBlock);
        // back into a position only where it can go: not into a fully slashed active pool
        bool asTokens = (arg >> 128) % 2 == 0
            || (worth[0] != 0 && delegation.delegatedTo(w.staker) != address(0) && _activeFullySlashed());
        assertEq(_complete(w.staker, root, asTokens)[0], worth[0], "pays what it was worth");
    }

    function _assertSharesConserved() internal view {
        uint256 accounted;
        for (uint256 i; i < 3; ++i) {
            address staker = _actor(i);
            if (delegation.delegatedTo(staker) == address(0)) {
                (, uint256 plain) = delegation.stakerUnits(staker, strategy);
                accounted += plain;
            }
        }
        (uint256 aS,, uint256 qS,) = delegation.getOperatorPool(operator, strategy);
        accounted += aS + qS;
        for (uint256 i; i < _pending.length; ++i) {
            (IDelegationManager.QueuedWithdrawal memory w,) = delegation.getQueuedWithdrawal(_pending[i]);
            if (w.operator == address(0)) accounted += w.units[0];
        }
        assertEq(accounted, strategy.totalShares(), "shares conserved");
    }

    function _withdrawalStrategies(bytes32 root) internal view returns (IStrategy[] memory) {
        (IDelegationManager.QueuedWithdrawal memory w,) = delegation.getQueuedWithdrawal(root);
        return w.strategies;
    }
}
