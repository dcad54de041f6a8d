// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {RewardsCoordinatorUnitBase} from "./RewardsCoordinatorUnitBase.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

contract RewardsCoordinator_CheckpointStaker is RewardsCoordinatorUnitBase {
    function test_OneOperatorOneStaker() public {
        _fund(1000e18, 1000);
        _register(op1, 100);
        _delegate(alice, op1, 1000);
        _warpTo(1000);
        assertEq(_claim(alice), 900e18); // 90 % after the default 10 % commission
        assertEq(_claim(op1), 100e18);
        assertEq(rc.totalClaimed(token_()), 1000e18);
    }

    function test_TwoStakersOneToOne_ThenOneDoubles() public {
        _fund(1000e18, 1000);
        _register(op1, 100);
        _setCommission(op1, 0);
        _delegate(alice, op1, 100);
        _delegate(bob, op1, 100);
        _warpTo(500);
        _delegate(alice, op1, 200);
        _warpTo(1000);
        // second half: alice 2/3, bob 1/3 of 500e18, through a ×1e36 accumulator rounded down
        uint256 growth = uint256(500e18) * 1e36 / 300;
        assertEq(_claim(alice), 250e18 + 200 * growth / 1e36);
        assertEq(_claim(bob), 250e18 + 100 * growth / 1e36);
        assertEq(_claim(op1), 0);
        assertLe(rc.totalClaimed(token_()), 1000e18);
        assertGe(rc.totalClaimed(token_()) + 2, 1000e18);
    }

    function test_Redelegation_MovesEarningsToNewPool() public {
        _fund(1000e18, 1000);
        _register(op1, 100);
        _register(op2, 100);
        _setCommission(op1, 0);
        _setCommission(op2, 0);
        _delegate(alice, op1, 100);
        _delegate(bob, op2, 100);
        _warpTo(500);
        _delegate(alice, op2, 100); // alice leaves op1's pool for op2's
        _warpTo(1000);
        // op1: 250 to alice, then its pool is empty and it keeps 250; op2: 250 to bob, then 125 each
        assertEq(_claim(alice), 250e18 + 125e18);
        assertEq(_claim(bob), 250e18 + 125e18);
        assertEq(_claim(op1), 250e18);
        assertEq(_claim(op2), 0);
    }

    function test_Undelegated_EarnsNothing() public {
        _fund(1000e18, 1000);
        _register(op1, 100);
        _delegate(alice, op1, 100);
        _warpTo(500);
        _delegate(alice, address(0), 100); // plain shares now
        _warpTo(1000);
        assertEq(_claim(alice), 450e18);
        assertEq(_claim(op1), 50e18 + 500e18);
    }

    function test_LateHook_NeverOverpays() public {
        _fund(1000e18, 1000);
        _register(op1, 100);
        _setCommission(op1, 0);
        _delegate(alice, op1, 100);
        _delegate(bob, op1, 100);
        _warpTo(500);
        dm.setStakerUnits(bob, strategy, address(0), 0); // bob leaves; the hook is missed
        rc.checkpointOperator(op1, strategy); // someone checkpoints the operator meanwhile
        _warpTo(1000);
        rc.checkpointStaker(bob, strategy);
        // pool units are the cached sum, so bob is paid on its cached units until its checkpoint
        assertEq(_claim(alice), 500e18);
        assertEq(_claim(bob), 500e18);
    }

    function test_IsPermissionless() public {
        _fund(1000e18, 1000);
        _register(op1, 100);
        dm.setStakerUnits(alice, strategy, op1, 100);
        vm.prank(carol);
        rc.checkpointStaker(alice, strategy);
        _warpTo(1000);
        assertEq(_claimable(alice), 900e18);
    }

    function testFuzz_TwoStakersSplitProRata(uint128 ua, uint128 ub, uint32 elapsed) public {
        ua = uint128(bound(ua, 1, type(uint128).max));
        ub = uint128(bound(ub, 1, type(uint128).max));
        elapsed = uint32(bound(elapsed, 1, 1000));
        _fund(1000e18, 1000);
        _register(op1, 1e18);
        _setCommission(op1, 0);
        _delegate(alice, op1, ua);
        _delegate(bob, op1, ub);
        _warpTo(elapsed);
        uint256 a = _claim(alice);
        uint256 b = _claim(bob);
        uint256 o = _claim(op1);
        uint256 streamed = uint256(elapsed) * 1e18;
        assertLe(a + b + o, streamed);
        // < 1 wei per stream step and per settlement (4), plus < units / 1e36 for the one pool step
        assertGe(a + b + o + 4 + (uint256(ua) + ub) / 1e36 + 1, streamed);
    }

    function token_() internal view returns (IERC20) {
        return IERC20(address(token));
    }
}
