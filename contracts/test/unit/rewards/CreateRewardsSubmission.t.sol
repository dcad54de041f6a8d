// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {MockLST} from "../../../src/devnet/MockLST.sol";
import {IPausable} from "../../../src/interfaces/IPausable.sol";
import {IRewardsCoordinator} from "../../../src/interfaces/IRewardsCoordinator.sol";
import {OperatorSet} from "../../../src/types/OperatorSet.sol";
import {FeeOnTransferRewardsToken} from "../../utils/RewardsDoubles.sol";
import {RewardsCoordinatorUnitBase} from "./RewardsCoordinatorUnitBase.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

contract RewardsCoordinator_CreateRewardsSubmission is RewardsCoordinatorUnitBase {
    function test_CreatesStream() public {
        IRewardsCoordinator.RewardsSubmission memory s = _submission(1000e18, 1000);
        token.mint(avs, 1000e18);
        bytes32 expectedId = keccak256(abi.encode(set.key(), strategy, IERC20(address(token))));
        vm.expectEmit(address(rc));
        // forge-lint: disable-next-line(unsafe-typecast) t0 is a 2020s-scale timestamp
        emit IRewardsCoordinator.RewardsSubmissionCreated(avs, expectedId, s, 1e18 * 1e18, uint64(t0 + 1000));
        vm.prank(avs);
        bytes32 id = rc.createRewardsSubmission(s);

        assertEq(id, expectedId);
        (uint256 rate, uint64 finish, uint64 lastUpdate, uint256 totalWeight) =
            rc.getStream(set, strategy, IERC20(address(token)));
        assertEq(rate, 1e36); // 1 token/s × 1e18
        assertEq(finish, t0 + 1000);
        assertEq(lastUpdate, t0);
        assertEq(totalWeight, 0);
        assertEq(token.balanceOf(address(rc)), 1000e18);
        assertEq(rc.totalFunded(IERC20(address(token))), 1000e18);
    }

    function test_TopUpMidStream_AddsRemainderToNewRate() public {
        _fund(1000e18, 1000);
        _register(op1, 100); // weights are cached once the (set, strategy) is funded
        _warpTo(500);
        _fund(1000e18, 1000);
        (uint256 rate, uint64 finish,,) = rc.getStream(set, strategy, IERC20(address(token)));
        assertEq(rate, 1.5e36); // (500 left + 1000 new) / 1000 s
        assertEq(finish, t0 + 1500);

        _warpTo(1500);
        assertEq(_claim(op1), 2000e18); // no stakers: everything to the operator
        assertEq(rc.totalFunded(IERC20(address(token))), 2000e18);
    }

    function test_TopUpAfterFinish_StartsFresh() public {
        _fund(1000e18, 1000);
        _register(op1, 100); // weights are cached once the (set, strategy) is funded
        _warpTo(2000);
        _fund(500e18, 500);
        (uint256 rate, uint64 finish,,) = rc.getStream(set, strategy, IERC20(address(token)));
        assertEq(rate, 1e36);
        assertEq(finish, t0 + 2500);
        _warpTo(3000);
        assertEq(_claim(op1), 1500e18);
    }

    function test_EightTokensAllowed() public {
        for (uint256 i; i < 8; ++i) {
            _fundOtherToken();
        }
    }

    function test_Revert_WhenNotAVS() public {
        token.mint(alice, 1e18);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IRewardsCoordinator.NotOperatorSetAVS.selector, alice, avs));
        rc.createRewardsSubmission(_submission(1e18, 100));
    }

    function test_Revert_WhenSetDoesNotExist() public {
        IRewardsCoordinator.RewardsSubmission memory s = _submission(1e18, 100);
        s.operatorSet = OperatorSet({avs: avs, id: 99});
        vm.prank(avs);
        vm.expectRevert(abi.encodeWithSelector(IRewardsCoordinator.OperatorSetDoesNotExist.selector, avs, 99));
        rc.createRewardsSubmission(s);
    }

    function test_Revert_WhenStrategyNotInSet() public {
        IRewardsCoordinator.RewardsSubmission memory s = _submission(1e18, 100);
        s.strategy = otherStrategy;
        vm.prank(avs);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsCoordinator.StrategyNotInOperatorSet.selector, otherStrategy)
        );
        rc.createRewardsSubmission(s);
    }

    function test_Revert_WhenDurationZero() public {
        vm.prank(avs);
        vm.expectRevert(abi.encodeWithSelector(IRewardsCoordinator.InvalidDuration.selector, 0, 365 days));
        rc.createRewardsSubmission(_submission(1e18, 0));
    }

    function test_Revert_WhenDurationTooLong() public {
        vm.prank(avs);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsCoordinator.InvalidDuration.selector, 365 days + 1, 365 days)
        );
        rc.createRewardsSubmission(_submission(1e18, 365 days + 1));
    }

    function test_Revert_WhenZeroAmount() public {
        vm.prank(avs);
        vm.expectRevert(IRewardsCoordinator.ZeroAmount.selector);
        rc.createRewardsSubmission(_submission(0, 100));
    }

    function test_Revert_WhenAmountTooLarge() public {
        uint256 amount = uint256(type(uint128).max) + 1;
        vm.prank(avs);
        vm.expectRevert(abi.encodeWithSelector(IRewardsCoordinator.AmountTooLarge.selector, amount));
        rc.createRewardsSubmission(_submission(amount, 100));
    }

    function test_Revert_WhenTopUpWouldExceedCap() public {
        uint256 amount = type(uint128).max;
        _fund(amount, 1000);
        vm.prank(avs);
        vm.expectRevert(abi.encodeWithSelector(IRewardsCoordinator.AmountTooLarge.selector, 1));
        rc.createRewardsSubmission(_submission(1, 1000));
    }

    function test_Revert_WhenTooManyRewardTokens() public {
        for (uint256 i; i < 8; ++i) {
            _fundOtherToken();
        }
        MockLST ninth = new MockLST("N", "N", address(this));
        ninth.mint(avs, 1e18);
        IRewardsCoordinator.RewardsSubmission memory s = _submission(1e18, 100);
        s.token = IERC20(address(ninth));
        vm.startPrank(avs);
        ninth.approve(address(rc), 1e18);
        vm.expectRevert(abi.encodeWithSelector(IRewardsCoordinator.TooManyRewardTokens.selector, 8));
        rc.createRewardsSubmission(s);
        vm.stopPrank();
    }

    function test_Revert_WhenFeeOnTransfer() public {
        FeeOnTransferRewardsToken fot = new FeeOnTransferRewardsToken();
        fot.mint(avs, 100e18);
        IRewardsCoordinator.RewardsSubmission memory s = _submission(100e18, 100);
        s.token = IERC20(address(fot));
        vm.startPrank(avs);
        fot.approve(address(rc), 100e18);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsCoordinator.FeeOnTransferNotSupported.selector, 100e18, 99e18)
        );
        rc.createRewardsSubmission(s);
        vm.stopPrank();
    }

    function test_Revert_WhenFundingPaused() public {
        vm.prank(pauserAccount);
        rc.setPaused(1); // group 0: funding
        token.mint(avs, 1e18);
        vm.prank(avs);
        vm.expectRevert(abi.encodeWithSelector(IPausable.Paused.selector, 0));
        rc.createRewardsSubmission(_submission(1e18, 100));
    }

    function testFuzz_RateKeepsAmount(uint256 amount, uint32 duration) public {
        amount = bound(amount, 1, type(uint128).max);
        duration = uint32(bound(duration, 1, rc.MAX_DURATION()));
        _fund(amount, duration);
        (uint256 rate,,,) = rc.getStream(set, strategy, IERC20(address(token)));
        // what the stream will pay never exceeds what it holds, and falls short by < 1 wei
        uint256 payable_ = rate * duration / 1e18;
        assertLe(payable_, amount);
        assertGe(payable_ + 1, amount);
    }

    function _fundOtherToken() internal {
        MockLST t = new MockLST("T", "T", address(this));
        t.mint(avs, 1e18);
        IRewardsCoordinator.RewardsSubmission memory s = _submission(1e18, 100);
        s.token = IERC20(address(t));
        vm.startPrank(avs);
        t.approve(address(rc), 1e18);
        rc.createRewardsSubmission(s);
        vm.stopPrank();
    }
}

