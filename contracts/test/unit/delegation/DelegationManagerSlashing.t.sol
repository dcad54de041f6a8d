// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IDelegationManager} from "../../../src/interfaces/IDelegationManager.sol";
import {IStrategyManager} from "../../../src/interfaces/IStrategyManager.sol";
import {DelegationTestBase} from "./DelegationTestBase.sol";

contract DelegationManager_slashOperatorShares is DelegationTestBase {
    function setUp() public override {
        super.setUp();
        _registerOperator(operator);
    }

    function test_SlashesBothPoolsAndBurns() public {
        _deposit(alice, 6e18);
        _deposit(bob, 4e18);
        _delegate(alice, operator);
        _delegate(bob, operator);
        bytes32 root = _queue(bob, 4e18); // active 6e18, queued 4e18

        vm.expectEmit(address(delegation));
        emit IDelegationManager.OperatorPoolUpdated(operator, strategy, 3e18, 6e18, 2e18, 4e18);
        vm.expectEmit(address(delegation));
        emit IDelegationManager.OperatorSharesSlashed(operator, strategy, 3e18, 2e18);
        vm.expectEmit(address(strategyManager));
        emit IStrategyManager.SlashedSharesTransferred(strategy, 5e18, 5e18, strategyManager.BURN_ADDRESS());
        assertEq(_slash(operator, strategy, 1e18, 0.5e18), 5e18);

        assertEq(_withdrawable(alice), 3e18);
        assertEq(_queuedValue(root), 2e18);
        assertEq(strategy.totalShares(), 5e18);
        assertEq(token.balanceOf(strategyManager.BURN_ADDRESS()), 5e18);
    }

    function test_SendsToDestination() public {
        _deposit(operator, 4e18);
        vm.prank(allocationManager);
        delegation.slashOperatorShares(operator, strategy, 4, 1, carol);
        assertEq(token.balanceOf(carol), 3e18);
    }

    function test_RoundsSlashUp() public {
        _deposit(operator, 10);
        // 10 * 1 / 3 = 3.33 -> 4 shares slashed
        assertEq(_slash(operator, strategy, 3, 2), 4);
        assertEq(delegation.operatorShares(operator, strategy), 6);
    }

    function test_EmptyPoolSlashesNothing() public {
        assertEq(_slash(operator, strategy, 2, 1), 0);
    }

    function test_FullSlashLeavesUnitsWorthless() public {
        _deposit(alice, 1e18);
        _delegate(alice, operator);
        _slash(operator, strategy, 5, 0);
        (uint256 aS, uint256 aU,,) = delegation.getOperatorPool(operator, strategy);
        assertEq(aS, 0);
        assertEq(aU, 1e18);
        assertEq(_withdrawable(alice), 0);
    }

    function testFuzz_SlashReducesEveryoneByTheFraction(
        uint256 a,
        uint256 b,
        uint256 c,
        uint256 queuedPart,
        uint64 prev,
        uint64 next
    ) public {
        a = bound(a, 1, 1e30);
        b = bound(b, 1, 1e30);
        c = bound(c, 1, 1e30);
        prev = uint64(bound(prev, 1, type(uint64).max));
        next = uint64(bound(next, 0, prev - 1));
        _deposit(alice, a);
        _deposit(bob, b);
        _deposit(carol, c);
        _delegate(alice, operator);
        _delegate(bob, operator);
        _delegate(carol, operator);
        queuedPart = bound(queuedPart, 1, c);
        bytes32 root = _queue(carol, queuedPart);

        uint256[4] memory before =
            [_withdrawable(alice), _withdrawable(bob), _withdrawable(carol), _queuedValue(root)];
        _slash(operator, strategy, prev, next);
        uint256[4] memory afterSlash =
            [_withdrawable(alice), _withdrawable(bob), _withdrawable(carol), _queuedValue(root)];

        for (uint256 i; i < 4; ++i) {
            assertLe(afterSlash[i], before[i], "a slash never increases anything");
            // kept ≈ before × next / prev: the pool's round-up costs each holder at most its share of one
            // share (≤ 1) and the holder's own round-down at most one more
            uint256 ideal = before[i] * uint256(next) / prev;
            assertLe(afterSlash[i], ideal + 1, "not more than the unslashed fraction");
            assertGe(afterSlash[i] + 2, ideal, "not less than the fraction, within rounding");
        }
    }

    function test_Revert_WhenMagnitudeNotDecreasing() public {
        vm.prank(allocationManager);
        vm.expectRevert(abi.encodeWithSelector(IDelegationManager.InvalidMagnitudes.selector, 5, 5));
        delegation.slashOperatorShares(operator, strategy, 5, 5, address(0));
    }

    function test_Revert_WhenNotAllocationManager() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IDelegationManager.OnlyAllocationManager.selector, alice));
        delegation.slashOperatorShares(operator, strategy, 2, 1, address(0));
    }
}

contract DelegationManager_views is DelegationTestBase {
    function test_DefaultsAreEmpty() public {
        assertFalse(delegation.isOperator(alice));
        assertEq(delegation.delegatedTo(alice), address(0));
        assertEq(delegation.delegationApprover(alice), address(0));
        assertEq(delegation.operatorShares(alice, strategy), 0);
        assertEq(delegation.withdrawableShares(alice, strategy), 0);
        assertEq(delegation.getStakerStrategies(alice).length, 0);
        assertEq(delegation.getQueuedWithdrawalRoots(alice).length, 0);
        vm.expectRevert(abi.encodeWithSelector(IDelegationManager.WithdrawalNotFound.selector, bytes32(0)));
        delegation.getQueuedWithdrawal(bytes32(0));
    }

    function test_EmptyPoolRestartsAtOneUnitPerShare() public {
        _registerOperator(operator);
        _deposit(alice, 3e18);
        _delegate(alice, operator);
        _slash(operator, strategy, 3, 2); // 2e18 shares, 3e18 units
        vm.prank(alice);
        delegation.undelegate(); // every unit leaves
        (uint256 aS, uint256 aU,,) = delegation.getOperatorPool(operator, strategy);
        assertEq(aU, 0);
        assertEq(aS, 0);
        _deposit(bob, 5e18);
        _delegate(bob, operator);
        (, uint256 units) = delegation.stakerUnits(bob, strategy);
        assertEq(units, 5e18);
    }
}
