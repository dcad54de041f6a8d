// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IRewardsCoordinator} from "../../../src/interfaces/IRewardsCoordinator.sol";
import {OperatorSet} from "../../../src/types/OperatorSet.sol";
import {RewardsCoordinatorUnitBase} from "./RewardsCoordinatorUnitBase.sol";

contract RewardsCoordinator_SetOperatorCommission is RewardsCoordinatorUnitBase {
    function test_SetsCommissionAndEmits() public {
        vm.expectEmit(address(rc));
        emit IRewardsCoordinator.OperatorCommissionSet(op1, set, 2500);
        _setCommission(op1, 2500);
        assertEq(rc.operatorCommission(op1, set), 2500);
    }

    function test_CommissionSplit() public {
        _fund(1000e18, 1000);
        _register(op1, 100);
        _setCommission(op1, 2000);
        _delegate(alice, op1, 100);
        _warpTo(1000);
        assertEq(_claim(op1), 200e18);
        assertEq(_claim(alice), 800e18);
    }

    function test_SettlesAtOldCommissionFirst() public {
        _fund(1000e18, 1000);
        _register(op1, 100);
        _delegate(alice, op1, 100);
        _warpTo(500);
        _setCommission(op1, 5000);
        _warpTo(1000);
        assertEq(_claim(op1), 50e18 + 250e18);
        assertEq(_claim(alice), 450e18 + 250e18);
    }

    function test_FullCommission() public {
        _fund(1000e18, 1000);
        _register(op1, 100);
        _setCommission(op1, 10_000);
        _delegate(alice, op1, 100);
        _warpTo(1000);
        assertEq(_claim(op1), 1000e18);
        assertEq(_claim(alice), 0);
    }

    function test_Revert_WhenNotOperator() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IRewardsCoordinator.NotOperator.selector, alice));
        rc.setOperatorCommission(set, 100);
    }

    function test_Revert_WhenCommissionTooHigh() public {
        vm.prank(op1);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsCoordinator.CommissionTooHigh.selector, 10_001, 10_000)
        );
        rc.setOperatorCommission(set, 10_001);
    }

    function test_Revert_WhenSetDoesNotExist() public {
        OperatorSet memory missing = OperatorSet({avs: avs, id: 7});
        vm.prank(op1);
        vm.expectRevert(abi.encodeWithSelector(IRewardsCoordinator.OperatorSetDoesNotExist.selector, avs, 7));
        rc.setOperatorCommission(missing, 100);
    }

    function testFuzz_CommissionSplit(uint16 bips) public {
        bips = uint16(bound(bips, 0, 10_000));
        _fund(1000e18, 1000);
        _register(op1, 100);
        _setCommission(op1, bips);
        _delegate(alice, op1, 100);
        _warpTo(1000);
        uint256 commission = uint256(1000e18) * bips / 10_000;
        assertEq(_claim(op1), commission);
        assertEq(_claim(alice), 1000e18 - commission);
    }
}
