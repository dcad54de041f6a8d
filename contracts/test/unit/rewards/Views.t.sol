// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IStrategy} from "../../../src/interfaces/IStrategy.sol";
import {RewardsCoordinatorUnitBase} from "./RewardsCoordinatorUnitBase.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

contract RewardsCoordinator_Views is RewardsCoordinatorUnitBase {
    function test_OperatorCommission_DefaultsToTenPercent() public view {
        assertEq(rc.operatorCommission(op1, set), 1000);
    }

    function test_GetStream_UnknownIsZero() public view {
        (uint256 rate, uint64 finish, uint64 lastUpdate, uint256 totalWeight) =
            rc.getStream(set, strategy, IERC20(address(token)));
        assertEq(rate + finish + lastUpdate + totalWeight, 0);
    }

    function test_Claimable_AccruesLinearly() public {
        _fund(1000e18, 1000);
        _register(op1, 100);
        _delegate(alice, op1, 100);
        _warpTo(250);
        assertEq(_claimable(alice), 225e18);
        assertEq(_claimable(op1), 25e18);
        assertEq(_claimable(bob), 0);
    }

    function test_Claimable_IgnoresStrategiesNotListed() public {
        _fund(1000e18, 1000);
        _register(op1, 100);
        _warpTo(1000);
        assertEq(rc.claimable(op1, IERC20(address(token)), new IStrategy[](0)), 0);
    }

    function test_Totals() public {
        _fund(1000e18, 1000);
        _register(op1, 100);
        _warpTo(400);
        _claim(op1);
        assertEq(rc.totalFunded(IERC20(address(token))), 1000e18);
        assertEq(rc.totalClaimed(IERC20(address(token))), 400e18);
    }

    function test_Constants() public view {
        assertEq(rc.MAX_DURATION(), 365 days);
        assertEq(rc.MAX_TOKENS_PER_STREAM_SET(), 8);
        assertEq(address(rc.delegation()), address(dm));
        assertEq(address(rc.allocationManager()), address(am));
    }
}

