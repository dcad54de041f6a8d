// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IDelegationManager} from "../../src/interfaces/IDelegationManager.sol";
import {CoreFixture} from "../utils/CoreFixture.sol";
import {CoreHandler} from "./CoreHandler.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Accounting invariants of the whole core under random flows (see CoreHandler).
contract CoreInvariantsTest is CoreFixture {
    CoreHandler internal handler;

    function setUp() public override {
        super.setUp();
        handler = new CoreHandler(
            strategyManager, delegation, allocationManager, rewards, stethStrategy, steth, reth, avs, slasher
        );
        // the handler mints LSTs to its actors
        steth.transferOwnership(address(handler));
        reth.transferOwnership(address(handler));
        targetContract(address(handler));
    }

    /// @notice Every share is somebody's: plain positions + both pools of every operator + nothing else.
    ///         And the strategy's tokens cover the value of all its shares.
    function invariant_StrategyBalanceCoversAllShares() public view {
        uint256 accounted;
        for (uint256 i; i < handler.stakerCount(); ++i) {
            address staker = handler.stakers(i);
            if (delegation.delegatedTo(staker) == address(0)) {
                (, uint256 plain) = delegation.stakerUnits(staker, stethStrategy);
                accounted += plain;
            }
        }
        for (uint256 i; i < handler.operatorCount(); ++i) {
            (uint256 active,, uint256 queued,) =
                delegation.getOperatorPool(handler.operators(i), stethStrategy);
            accounted += active + queued;
        }
        for (uint256 i; i < handler.pendingCount(); ++i) {
            (IDelegationManager.QueuedWithdrawal memory w,) =
                delegation.getQueuedWithdrawal(handler.pendingRoots(i));
            if (w.operator == address(0)) accounted += w.units[0];
        }
        assertEq(accounted, stethStrategy.totalShares(), "shares conserved");
        assertLe(
            stethStrategy.sharesToUnderlyingView(stethStrategy.totalShares()),
            steth.balanceOf(address(stethStrategy)),
            "balance covers all shares"
        );
        // Stakers together can never withdraw more than the strategy holds.
        uint256 withdrawable;
        for (uint256 i; i < handler.stakerCount(); ++i) {
            withdrawable += delegation.withdrawableShares(handler.stakers(i), stethStrategy);
        }
        assertLe(withdrawable, stethStrategy.totalShares(), "withdrawable within total shares");
    }

    function invariant_SlashingNeverIncreasesWithdrawable() public view {
        assertEq(handler.slashesThatIncreasedValue(), 0);
    }

    function invariant_NoOperatorLosesMoreThanItsAllocation() public view {
        assertEq(handler.operatorsThatLostTooMuch(), 0);
    }

    function invariant_QueuedWithdrawalCannotEscapeSlash() public view {
        assertEq(handler.withdrawalsThatEscapedSlash(), 0);
    }

    function invariant_RewardsPaidNeverExceedFunded() public view {
        IERC20 token = IERC20(address(reth));
        assertLe(rewards.totalClaimed(token), rewards.totalFunded(token));
        assertGe(reth.balanceOf(address(rewards)), rewards.totalFunded(token) - rewards.totalClaimed(token));
    }
}
