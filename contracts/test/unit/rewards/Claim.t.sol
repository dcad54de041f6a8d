// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IPausable} from "../../../src/interfaces/IPausable.sol";
import {IRewardsCoordinator} from "../../../src/interfaces/IRewardsCoordinator.sol";
import {IStrategy} from "../../../src/interfaces/IStrategy.sol";
import {RewardsCoordinatorUnitBase} from "./RewardsCoordinatorUnitBase.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

contract RewardsCoordinator_Claim is RewardsCoordinatorUnitBase {
    function test_PaysRecipientAndEmits() public {
        _fund(1000e18, 1000);
        _register(op1, 100);
        _delegate(alice, op1, 100);
        _warpTo(1000);
        vm.expectEmit(address(rc));
        emit IRewardsCoordinator.RewardsClaimed(alice, IERC20(address(token)), carol, 900e18);
        vm.prank(alice);
        uint256 paid = rc.claim(IERC20(address(token)), _strategies(), carol);
        assertEq(paid, 900e18);
        assertEq(token.balanceOf(carol), 900e18);
        assertEq(rc.totalClaimed(IERC20(address(token))), 900e18);
    }

    function test_SecondClaimPaysNothing() public {
        _fund(1000e18, 1000);
        _register(op1, 100);
        _warpTo(1000);
        assertEq(_claim(op1), 1000e18);
        assertEq(_claim(op1), 0);
    }

    function test_OperatorDelegatedToItself_EarnsCommissionAndPoolShare() public {
        _fund(1000e18, 1000);
        _register(op1, 100);
        _delegate(op1, op1, 100); // the operator's own stake sits in its pool
        _delegate(alice, op1, 300);
        _warpTo(1000);
        assertEq(_claim(op1), 100e18 + 225e18);
        assertEq(_claim(alice), 675e18);
    }

    function test_OperatorNotDelegatedAsStaker_StillPaidCommission() public {
        _fund(1000e18, 1000);
        _register(op1, 100);
        _delegate(alice, op1, 100);
        _warpTo(1000);
        assertEq(_claimable(op1), 100e18);
        assertEq(_claim(op1), 100e18);
    }

    function test_DuplicateStrategiesCountedOnce() public {
        _fund(1000e18, 1000);
        _register(op1, 100);
        _delegate(alice, op1, 100);
        _warpTo(1000);
        IStrategy[] memory twice = new IStrategy[](2);
        twice[0] = strategy;
        twice[1] = strategy;
        assertEq(rc.claimable(alice, IERC20(address(token)), twice), 900e18);
        vm.prank(alice);
        assertEq(rc.claim(IERC20(address(token)), twice, alice), 900e18);
    }

    function test_NoStrategies_PaysSettledBalanceOnly() public {
        _fund(1000e18, 1000);
        _register(op1, 100);
        _delegate(alice, op1, 100);
        _warpTo(500);
        rc.checkpointStaker(alice, strategy);
        _warpTo(1000);
        vm.prank(alice);
        assertEq(rc.claim(IERC20(address(token)), new IStrategy[](0), alice), 450e18);
    }

    function test_Revert_WhenClaimingPaused() public {
        vm.prank(pauserAccount);
        rc.setPaused(2); // group 1: claiming
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IPausable.Paused.selector, 1));
        rc.claim(IERC20(address(token)), _strategies(), alice);
    }

    /// @dev Random weights, units, commission and changes at random times; after the stream ends
    ///      everyone claims. Bound on the unpaid remainder (see RewardsMath, Rounding): < 1 wei
    ///      for the rate, and per checkpoint call at most two operators × (stream step + operator
    ///      settlement + pool step) + one staker settlement = 7 wei (every step is < 1 wei because
    ///      weights and units stay below 1e36).
    function testFuzz_PaidNeverExceedsFunded_DustBounded(uint256 seed, uint256 amount) public {
        amount = bound(amount, 1, 1e30);
        _fund(amount, 1000);
        _register(op1, _draw(seed, 0, 1, 1e30));
        _register(op2, _draw(seed, 1, 1, 1e30));
        _setCommission(op2, uint16(_draw(seed, 2, 0, 10_000)));
        _delegate(alice, op1, _draw(seed, 3, 0, 1e30));
        _delegate(bob, op1, _draw(seed, 4, 0, 1e30));
        _delegate(carol, op2, _draw(seed, 5, 0, 1e30));
        uint256 calls = 7;
        address[3] memory stakers = [alice, bob, carol];
        for (uint256 i; i < 6; ++i) {
            skip(_draw(seed, 10 + i, 0, 300));
            uint256 action = _draw(seed, 20 + i, 0, 3);
            address staker = stakers[_draw(seed, 30 + i, 0, 2)];
            if (action == 0) {
                address op = i % 2 == 0 ? op1 : op2;
                am.setAllocatedStake(set, op, strategy, _draw(seed, 40 + i, 1, 1e30));
                rc.checkpointOperator(op, strategy);
            } else if (action == 1) {
                _delegate(staker, i % 2 == 0 ? op1 : op2, _draw(seed, 50 + i, 0, 1e30));
            } else if (action == 2) {
                _delegate(staker, address(0), 0);
            } else {
                _claimChecked(staker);
            }
            ++calls;
        }
        _warpTo(2000); // past the end: weight never dropped to zero, so the finish did not move
        address[5] memory all = [alice, bob, carol, op1, op2];
        for (uint256 i; i < all.length; ++i) {
            _claimChecked(all[i]);
            ++calls;
        }
        uint256 claimed = rc.totalClaimed(IERC20(address(token)));
        assertLe(claimed, amount);
        assertLe(amount - claimed, 1 + 7 * calls);
        assertEq(token.balanceOf(address(rc)), amount - claimed);
    }

    function _claimChecked(address earner) internal {
        uint256 expected = _claimable(earner);
        assertEq(_claim(earner), expected, "claim pays exactly what claimable shows");
    }

    function _draw(uint256 seed, uint256 salt, uint256 min, uint256 max) internal pure returns (uint256) {
        return bound(uint256(keccak256(abi.encode(seed, salt))), min, max);
    }
}
