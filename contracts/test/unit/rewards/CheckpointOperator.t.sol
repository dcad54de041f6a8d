// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {RewardsCoordinatorUnitBase} from "./RewardsCoordinatorUnitBase.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

contract RewardsCoordinator_CheckpointOperator is RewardsCoordinatorUnitBase {
    function test_CachesWeightAndTotalWeight() public {
        _fund(1000e18, 1000);
        _register(op1, 100);
        _register(op2, 300);
        (,,, uint256 totalWeight) = rc.getStream(set, strategy, IERC20(address(token)));
        assertEq(totalWeight, 400);
    }

    function test_TwoOperatorsOneToThree_Get25And75Percent() public {
        _fund(1000e18, 1000);
        _register(op1, 100);
        _register(op2, 300);
        _warpTo(1000);
        // no stakers: the pool share goes to the operator as well
        assertEq(_claim(op1), 250e18);
        assertEq(_claim(op2), 750e18);
    }

    function test_ZeroWeight_PausesStream() public {
        _fund(1000e18, 1000);
        _warpTo(500); // nobody holds weight: the clock stands still
        _register(op1, 100); // the stream is brought to now (idle) before op1's weight counts
        (, uint64 finish, uint64 lastUpdate, uint256 totalWeight) =
            rc.getStream(set, strategy, IERC20(address(token)));
        assertEq(finish, t0 + 1500);
        assertEq(lastUpdate, t0 + 500);
        assertEq(totalWeight, 100);

        _warpTo(1000);
        assertEq(_claim(op1), 500e18);
        _warpTo(1500);
        assertEq(_claim(op1), 500e18);
    }

    function test_Deregistered_StopsEarning() public {
        _fund(1000e18, 1000);
        _register(op1, 100);
        _register(op2, 100);
        _warpTo(500);
        _deregister(op2); // the AllocationManager still reports stake; membership is what counts
        (,,, uint256 totalWeight) = rc.getStream(set, strategy, IERC20(address(token)));
        assertEq(totalWeight, 100);
        _warpTo(1000);
        assertEq(_claim(op2), 250e18);
        assertEq(_claim(op1), 750e18);
    }

    function test_StaleWeightZeroedEvenWhenHookRunsLate() public {
        _fund(1000e18, 1000);
        _register(op1, 100);
        _register(op2, 100);
        _warpTo(500);
        am.setMember(op2, set, false); // no hook yet
        _warpTo(600);
        rc.checkpointOperator(op2, strategy); // anyone, later: op2 was paid on its cached weight until now
        _warpTo(1000);
        assertEq(_claim(op2), 300e18);
        assertEq(_claim(op1), 700e18);
    }

    function test_WeightChangeMidStream() public {
        _fund(1000e18, 1000);
        _register(op1, 100);
        _register(op2, 100);
        _warpTo(500);
        am.setAllocatedStake(set, op2, strategy, 300);
        rc.checkpointOperator(op2, strategy);
        _warpTo(1000);
        assertEq(_claim(op1), 250e18 + 125e18);
        assertEq(_claim(op2), 250e18 + 375e18);
    }

    function test_IsPermissionlessAndIdempotent() public {
        _fund(1000e18, 1000);
        _register(op1, 100);
        _warpTo(400);
        vm.prank(carol);
        rc.checkpointOperator(op1, strategy);
        rc.checkpointOperator(op1, strategy);
        assertEq(_claimable(op1), 400e18);
    }

    function test_ZeroAddressIsNoOp() public {
        rc.checkpointOperator(address(0), strategy);
    }

    function testFuzz_WeightsSplitProRata(uint64 w1, uint64 w2, uint32 elapsed) public {
        w1 = uint64(bound(w1, 1, type(uint64).max));
        w2 = uint64(bound(w2, 1, type(uint64).max));
        elapsed = uint32(bound(elapsed, 1, 1000));
        _fund(1000e18, 1000);
        _register(op1, w1);
        _register(op2, w2);
        _warpTo(elapsed);
        uint256 paid = _claim(op1) + _claim(op2);
        uint256 streamed = uint256(elapsed) * 1e18;
        assertLe(paid, streamed);
        assertGe(paid + 3, streamed); // 1 wei per stream step, 1 per operator settlement
    }
}
