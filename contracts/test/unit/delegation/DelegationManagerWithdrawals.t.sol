// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IDelegationManager} from "../../../src/interfaces/IDelegationManager.sol";
import {IPausable} from "../../../src/interfaces/IPausable.sol";
import {IStrategy} from "../../../src/interfaces/IStrategy.sol";
import {DelegationTestBase} from "./DelegationTestBase.sol";

contract DelegationManager_onDeposit is DelegationTestBase {
    function test_CreditsPlainSharesWhenUndelegated() public {
        vm.expectEmit(address(delegation));
        emit IDelegationManager.StakerPositionUpdated(alice, strategy, 2e18, 2e18);
        vm.prank(address(strategyManager));
        delegation.onDeposit(alice, strategy, 2e18);
        assertEq(delegation.getStakerStrategies(alice).length, 1);
        assertEq(_withdrawable(alice), 2e18);
    }

    function test_Revert_WhenNotStrategyManager() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IDelegationManager.OnlyStrategyManager.selector, alice));
        delegation.onDeposit(alice, strategy, 1);
    }

    function test_Revert_WhenOperatorFullySlashed() public {
        _registerOperator(operator);
        _deposit(alice, 1e18);
        _delegate(alice, operator);
        _slash(operator, strategy, 1e18, 0);
        token.mint(alice, 1e18);
        vm.startPrank(alice);
        token.approve(address(strategyManager), 1e18);
        vm.expectRevert(abi.encodeWithSelector(IDelegationManager.FullySlashed.selector, operator, strategy));
        strategyManager.depositIntoStrategy(strategy, 1e18);
        vm.stopPrank();
    }
}

contract DelegationManager_queueWithdrawal is DelegationTestBase {
    function setUp() public override {
        super.setUp();
        _registerOperator(operator);
    }

    function test_UndelegatedQueuesPlainShares() public {
        _deposit(alice, 5e18);
        bytes32 root = _queue(alice, 2e18);
        (IDelegationManager.QueuedWithdrawal memory w, uint256[] memory shares) =
            delegation.getQueuedWithdrawal(root);
        assertEq(w.staker, alice);
        assertEq(w.operator, address(0));
        assertEq(w.startBlock, block.number);
        assertEq(w.completableBlock, block.number + DELAY);
        assertEq(w.nonce, 0);
        assertEq(w.units[0], 2e18);
        assertEq(shares[0], 2e18);
        assertEq(root, keccak256(abi.encode(w)));
        assertEq(_withdrawable(alice), 3e18);
        bytes32[] memory roots = delegation.getQueuedWithdrawalRoots(alice);
        assertEq(roots.length, 1);
        assertEq(roots[0], root);
    }

    function test_DelegatedMovesSharesToQueuedPool() public {
        _deposit(alice, 5e18);
        _delegate(alice, operator);
        bytes32 root = _queue(alice, 2e18);
        (uint256 aS, uint256 aU, uint256 qS, uint256 qU) = delegation.getOperatorPool(operator, strategy);
        assertEq(aS, 3e18);
        assertEq(aU, 3e18);
        assertEq(qS, 2e18);
        assertEq(qU, 2e18);
        assertEq(_queuedValue(root), 2e18);
        assertEq(_withdrawable(alice), 3e18);
    }

    function test_NoncesIncrementAndRootsDiffer() public {
        _deposit(alice, 5e18);
        bytes32 a = _queue(alice, 1e18);
        bytes32 b = _queue(alice, 1e18);
        assertTrue(a != b);
        (IDelegationManager.QueuedWithdrawal memory w,) = delegation.getQueuedWithdrawal(b);
        assertEq(w.nonce, 1);
        assertEq(delegation.getQueuedWithdrawalRoots(alice).length, 2);
    }

    function test_WholeAmountTakesAllUnits() public {
        _deposit(alice, 3e18);
        _deposit(bob, 7e18);
        _delegate(alice, operator);
        _delegate(bob, operator);
        _slash(operator, strategy, 3, 2); // an awkward price: shares/units = 2/3
        uint256 all = _withdrawable(alice);
        _queue(alice, all);
        (, uint256 units) = delegation.stakerUnits(alice, strategy);
        assertEq(units, 0, "no dust units left behind");
        assertEq(delegation.getStakerStrategies(alice).length, 0);
    }

    function test_RoundsAgainstTheLeaver() public {
        _deposit(alice, 3e18);
        _deposit(bob, 7e18);
        _delegate(alice, operator);
        _delegate(bob, operator);
        _slash(operator, strategy, 3, 2);
        uint256 bobBefore = _withdrawable(bob);
        (uint256 sharesBefore, uint256 unitsBefore,,) = delegation.getOperatorPool(operator, strategy);
        _queue(alice, 1e18 + 1);
        (uint256 sharesAfter, uint256 unitsAfter,,) = delegation.getOperatorPool(operator, strategy);
        // price of the units that stay never falls
        assertGe(sharesAfter * unitsBefore, sharesBefore * unitsAfter);
        assertGe(_withdrawable(bob), bobBefore);
    }

    function test_QueuesSeveralStrategies() public {
        _deposit(alice, 5e18);
        _deposit(alice, strategy2, 6e18);
        vm.prank(alice);
        bytes32 root = delegation.queueWithdrawal(_two(strategy, strategy2), _two(1e18, 6e18));
        (, uint256[] memory shares) = delegation.getQueuedWithdrawal(root);
        assertEq(shares[0], 1e18);
        assertEq(shares[1], 6e18);
        IStrategy[] memory left = delegation.getStakerStrategies(alice);
        assertEq(left.length, 1);
        assertEq(address(left[0]), address(strategy));
    }

    function test_Revert_WhenLengthMismatch() public {
        vm.prank(alice);
        vm.expectRevert(IDelegationManager.InputLengthMismatch.selector);
        delegation.queueWithdrawal(_one(strategy), _two(1, 1));
    }

    function test_Revert_WhenEmpty() public {
        vm.prank(alice);
        vm.expectRevert(IDelegationManager.InputLengthMismatch.selector);
        delegation.queueWithdrawal(new IStrategy[](0), new uint256[](0));
    }

    function test_Revert_WhenZeroShares() public {
        _deposit(alice, 1e18);
        vm.prank(alice);
        vm.expectRevert(IDelegationManager.ZeroShares.selector);
        delegation.queueWithdrawal(_one(strategy), _one(0));
    }

    function test_Revert_WhenDuplicateStrategy() public {
        _deposit(alice, 2e18);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IDelegationManager.DuplicateStrategy.selector, strategy));
        delegation.queueWithdrawal(_two(strategy, strategy), _two(1, 1));
    }

    function test_Revert_WhenInsufficientPlainShares() public {
        _deposit(alice, 1e18);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IDelegationManager.InsufficientShares.selector, strategy, 1e18, 1e18 + 1)
        );
        delegation.queueWithdrawal(_one(strategy), _one(1e18 + 1));
    }

    function test_Revert_WhenInsufficientDelegatedShares() public {
        _deposit(alice, 1e18);
        _delegate(alice, operator);
        _slash(operator, strategy, 2, 1);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IDelegationManager.InsufficientShares.selector, strategy, 0.5e18, 1e18)
        );
        delegation.queueWithdrawal(_one(strategy), _one(1e18));
    }

    function test_Revert_WhenPaused() public {
        vm.prank(pauser);
        delegation.setPaused(1 << 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IPausable.Paused.selector, 1));
        delegation.queueWithdrawal(_one(strategy), _one(1));
    }
}

contract DelegationManager_completeQueuedWithdrawal is DelegationTestBase {
    function setUp() public override {
        super.setUp();
        _registerOperator(operator);
        _registerOperator(operator2);
    }

    function test_CompletesAsTokens() public {
        _deposit(alice, 5e18);
        _delegate(alice, operator);
        bytes32 root = _queue(alice, 2e18);
        vm.roll(block.number + DELAY);
        vm.expectEmit(address(delegation));
        emit IDelegationManager.WithdrawalCompleted(root, true, _one(2e18));
        uint256[] memory out = _complete(alice, root, true);
        assertEq(out[0], 2e18);
        assertEq(token.balanceOf(alice), 2e18);
        assertEq(delegation.getQueuedWithdrawalRoots(alice).length, 0);
        (,, uint256 qS, uint256 qU) = delegation.getOperatorPool(operator, strategy);
        assertEq(qS, 0);
        assertEq(qU, 0);
    }

    function test_UndelegatedCompletesAsTokens() public {
        _deposit(alice, 5e18);
        bytes32 root = _queue(alice, 5e18);
        vm.roll(block.number + DELAY);
        _complete(alice, root, true);
        assertEq(token.balanceOf(alice), 5e18);
        assertEq(strategy.totalShares(), 0);
    }

    function test_SlashedWithdrawalPaysReducedAmount() public {
        _deposit(alice, 4e18);
        _delegate(alice, operator);
        bytes32 root = _queue(alice, 4e18);
        _slash(operator, strategy, 100, 75); // 25 %
        assertEq(_queuedValue(root), 3e18);
        vm.roll(block.number + DELAY);
        uint256[] memory out = _complete(alice, root, true);
        assertEq(out[0], 3e18);
        assertEq(token.balanceOf(alice), 3e18);
        assertEq(token.balanceOf(strategyManager.BURN_ADDRESS()), 1e18);
    }

    function test_UndelegatedWithdrawalIsNotSlashable() public {
        _deposit(alice, 4e18);
        bytes32 root = _queue(alice, 4e18);
        _slash(operator, strategy, 100, 50);
        vm.roll(block.number + DELAY);
        assertEq(_complete(alice, root, true)[0], 4e18);
    }

    function test_RedelegatesViaCompletionAsShares() public {
        _deposit(alice, 4e18);
        _delegate(alice, operator);
        vm.prank(alice);
        bytes32 root = delegation.undelegate();
        _delegate(alice, operator2);
        vm.roll(block.number + DELAY);
        _complete(alice, root, false);
        assertEq(delegation.delegatedTo(alice), operator2);
        assertEq(delegation.operatorShares(operator2, strategy), 4e18);
        assertEq(delegation.operatorShares(operator, strategy), 0);
        assertEq(_withdrawable(alice), 4e18);
        assertEq(token.balanceOf(alice), 0);
    }

    function test_CompletionAsSharesWhenUndelegatedGivesPlainShares() public {
        _deposit(alice, 4e18);
        _delegate(alice, operator);
        vm.prank(alice);
        bytes32 root = delegation.undelegate();
        _slash(operator, strategy, 4, 3);
        vm.roll(block.number + DELAY);
        _complete(alice, root, false);
        (address op, uint256 units) = delegation.stakerUnits(alice, strategy);
        assertEq(op, address(0));
        assertEq(units, 3e18);
    }

    function testFuzz_QueueThenCompleteNeverReturnsMore(uint256 a, uint256 b, uint256 request, uint64 slashTo)
        public
    {
        a = bound(a, 1, 1e30);
        b = bound(b, 1, 1e30);
        _deposit(alice, a);
        _deposit(bob, b);
        _delegate(alice, operator);
        _delegate(bob, operator);
        slashTo = uint64(bound(slashTo, 1, 1e18 - 1));
        _slash(operator, strategy, 1e18, slashTo);
        uint256 aliceBefore = _withdrawable(alice);
        uint256 bobBefore = _withdrawable(bob);
        vm.assume(aliceBefore != 0);
        request = bound(request, 1, aliceBefore);

        bytes32 root = _queue(alice, request);
        uint256 queued = _queuedValue(root);
        assertGe(queued, request, "the leaver gets at least what it asked for");
        assertLe(queued + _withdrawable(alice), aliceBefore, "queue creates nothing");
        assertGe(_withdrawable(bob), bobBefore, "the stayer never loses");

        vm.roll(block.number + DELAY);
        uint256 out = _complete(alice, root, true)[0];
        assertLe(out, queued, "completion returns at most what was queued");
        // slashes burn at the strategy's price of exactly one token per share here
        assertEq(token.balanceOf(alice), out);
    }

    function test_Revert_WhenNotFound() public {
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IDelegationManager.WithdrawalNotFound.selector, bytes32(uint256(1)))
        );
        delegation.completeQueuedWithdrawal(bytes32(uint256(1)), true);
    }

    function test_Revert_WhenAlreadyCompleted() public {
        _deposit(alice, 1e18);
        bytes32 root = _queue(alice, 1e18);
        vm.roll(block.number + DELAY);
        _complete(alice, root, true);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IDelegationManager.WithdrawalNotFound.selector, root));
        delegation.completeQueuedWithdrawal(root, true);
    }

    function test_Revert_WhenNotStaker() public {
        _deposit(alice, 1e18);
        bytes32 root = _queue(alice, 1e18);
        vm.roll(block.number + DELAY);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IDelegationManager.NotWithdrawalStaker.selector, bob, alice));
        delegation.completeQueuedWithdrawal(root, true);
    }

    function testFuzz_Revert_WhenBeforeDelay(uint256 wait) public {
        wait = bound(wait, 0, DELAY - 1);
        _deposit(alice, 1e18);
        bytes32 root = _queue(alice, 1e18);
        uint32 completable = uint32(block.number + DELAY);
        vm.roll(block.number + wait);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDelegationManager.WithdrawalNotCompletable.selector, root, completable, block.number
            )
        );
        delegation.completeQueuedWithdrawal(root, true);
    }

    function test_Revert_WhenRedelegatedOperatorFullySlashed() public {
        _deposit(alice, 1e18);
        _deposit(bob, 1e18);
        _delegate(bob, operator2);
        _delegate(alice, operator);
        vm.prank(alice);
        bytes32 root = delegation.undelegate();
        _delegate(alice, operator2);
        _slash(operator2, strategy, 1, 0);
        vm.roll(block.number + DELAY);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IDelegationManager.FullySlashed.selector, operator2, strategy));
        delegation.completeQueuedWithdrawal(root, false);
    }

    function test_Revert_WhenPaused() public {
        vm.prank(pauser);
        delegation.setPaused(1 << 2);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IPausable.Paused.selector, 2));
        delegation.completeQueuedWithdrawal(bytes32(0), true);
    }
}

/// @notice Stand-in coordinator: counts checkpoints and records what the DelegationManager shows at
///         the time of the call, proving the hook runs after the change.
contract RecordingCoordinator {
    IDelegationManager internal delegation;
    uint256 public stakerCheckpoints;
    uint256 public operatorCheckpoints;
    address public seenOperator;
    uint256 public seenUnits;
    uint256 public seenActiveShares;

    function setDelegation(IDelegationManager delegation_) external {
        delegation = delegation_;
    }

    function checkpointStaker(address staker, IStrategy strategy) external {
        ++stakerCheckpoints;
        (seenOperator, seenUnits) = delegation.stakerUnits(staker, strategy);
    }

    function checkpointOperator(address operator, IStrategy strategy) external {
        ++operatorCheckpoints;
        seenActiveShares = delegation.operatorShares(operator, strategy);
    }
}

/// @notice The rewards hooks.
contract DelegationManager_rewardsHooks is DelegationTestBase {
    // deployed in the constructor, before setUp predicts the DelegationManager's address
    RecordingCoordinator internal coordinator = new RecordingCoordinator();

    function _rewardsCoordinator() internal view override returns (address) {
        return address(coordinator);
    }

    function setUp() public override {
        super.setUp();
        coordinator.setDelegation(delegation);
    }

    function test_CheckpointsAfterEveryUnitChange() public {
        _registerOperator(operator);
        _deposit(alice, 2e18);
        assertEq(coordinator.stakerCheckpoints(), 0, "undelegated deposit: no checkpoint");

        _delegate(alice, operator);
        assertEq(coordinator.stakerCheckpoints(), 1);
        assertEq(coordinator.seenUnits(), 2e18);
        _deposit(alice, 1e18);
        assertEq(coordinator.stakerCheckpoints(), 2);
        assertEq(coordinator.seenUnits(), 3e18);
        _queue(alice, 1e18);
        assertEq(coordinator.stakerCheckpoints(), 3);
        assertEq(coordinator.seenUnits(), 2e18);
        vm.prank(alice);
        bytes32 root = delegation.undelegate();
        assertEq(coordinator.stakerCheckpoints(), 4);
        assertEq(coordinator.seenOperator(), address(0), "after leaving the operator");
        assertEq(coordinator.seenUnits(), 0);

        _delegate(alice, operator); // no positions left: nothing to checkpoint
        assertEq(coordinator.stakerCheckpoints(), 4);
        vm.roll(block.number + DELAY);
        _complete(alice, root, false);
        assertEq(coordinator.stakerCheckpoints(), 5);
        assertEq(coordinator.seenOperator(), operator);
        assertEq(coordinator.seenUnits(), 2e18);
    }

    function test_CheckpointsOperatorAfterSlash() public {
        _registerOperator(operator);
        _deposit(operator, 2e18);
        _slash(operator, strategy, 2, 1);
        assertEq(coordinator.operatorCheckpoints(), 1);
        assertEq(coordinator.seenActiveShares(), 1e18);
    }
}
