// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../../../src/interfaces/IMarketplace.sol";
import {ProviderId} from "../../../src/types/MarketplaceIds.sol";
import {MarketplaceUnitBase} from "./MarketplaceUnitBase.sol";

/// @notice Marketplace.requestUnstake and completeUnstake: the minimum stake, the in-flight cap and
///         the unstake delay.
contract MarketplaceUnstakeTest is MarketplaceUnitBase {
    function test_RequestUnstake() public {
        uint40 availableAt = uint40(block.timestamp + UNSTAKE_DELAY);
        vm.expectEmit(address(market));
        emit IMarketplace.UnstakeRequested(providerId, 4000e18, 4000e18, availableAt);
        vm.prank(provider);
        market.requestUnstake(providerId, 4000e18);
        IMarketplace.Provider memory p = market.getProvider(providerId);
        assertEq(p.stake, STAKE - 4000e18);
        assertEq(p.unstaking, 4000e18);
        assertEq(p.unstakeAvailableAt, availableAt);
        assertEq(market.totalStaked(), STAKE - 4000e18);
        assertEq(market.totalUnstaking(), 4000e18);
        assertEq(market.inFlightCap(providerId), _capOf(STAKE - 4000e18));
        _assertSolvent();
    }

    function test_RequestUnstakeAddsUpAndRestartsTheDelay() public {
        vm.prank(provider);
        market.requestUnstake(providerId, 1000e18);
        vm.warp(block.timestamp + 3 days);
        uint40 availableAt = uint40(block.timestamp + UNSTAKE_DELAY);
        vm.expectEmit(address(market));
        emit IMarketplace.UnstakeRequested(providerId, 2000e18, 3000e18, availableAt);
        vm.prank(provider);
        market.requestUnstake(providerId, 2000e18);
        assertEq(market.getProvider(providerId).unstakeAvailableAt, availableAt);
    }

    function test_RequestUnstakeOfEverything() public {
        vm.prank(provider);
        market.requestUnstake(providerId, STAKE);
        assertEq(market.getProvider(providerId).stake, 0);
        assertEq(market.inFlightCap(providerId), 0);
    }

    function test_Revert_WhenRemainingStakeBelowMinimum() public {
        uint96 amount = STAKE - MIN_STAKE + 1;
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.StakeTooLow.selector, MIN_STAKE - 1, MIN_STAKE));
        vm.prank(provider);
        market.requestUnstake(providerId, amount);
    }

    function test_Revert_WhenAmountAboveStake() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.InsufficientStake.selector, STAKE, STAKE + 1));
        vm.prank(provider);
        market.requestUnstake(providerId, STAKE + 1);
    }

    function test_Revert_WhenAmountIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NothingToUnstake.selector, providerId));
        vm.prank(provider);
        market.requestUnstake(providerId, 0);
    }

    function test_Revert_WhenRemainingCapBelowInFlight() public {
        // 12,000 in flight needs a stake of 6,000 at 2×
        _buy(consumer, serviceId, 12_000);
        vm.prank(provider);
        market.requestUnstake(providerId, 4000e18);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMarketplace.InFlightCapExceeded.selector, providerId, 12_000e18, _capOf(6000e18 - 1)
            )
        );
        vm.prank(provider);
        market.requestUnstake(providerId, 1);
    }

    function test_Revert_WhenUnstakeEverythingWithValueInFlight() public {
        _buy(consumer, serviceId, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.InFlightCapExceeded.selector, providerId, 1e18, 0)
        );
        vm.prank(provider);
        market.requestUnstake(providerId, STAKE);
    }

    function test_Revert_WhenRequestUnstakeByNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NotProviderOwner.selector, providerId, consumer));
        vm.prank(consumer);
        market.requestUnstake(providerId, 1e18);
    }

    function test_Revert_WhenRequestUnstakeOfUnknownProvider() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.ProviderNotFound.selector, ProviderId.wrap(9)));
        vm.prank(provider);
        market.requestUnstake(ProviderId.wrap(9), 1e18);
    }

    // ───────────── completeUnstake ─────────────

    function test_CompleteUnstakeAfterTheDelay() public {
        vm.prank(provider);
        market.requestUnstake(providerId, 4000e18);
        vm.warp(block.timestamp + UNSTAKE_DELAY);
        uint256 before = token.balanceOf(provider);
        vm.expectEmit(address(market));
        emit IMarketplace.UnstakeCompleted(providerId, provider, 4000e18);
        vm.prank(provider);
        assertEq(market.completeUnstake(providerId), 4000e18);
        assertEq(token.balanceOf(provider), before + 4000e18);
        assertEq(market.getProvider(providerId).unstaking, 0);
        assertEq(market.totalUnstaking(), 0);
        _assertSolvent();
    }

    function test_Revert_WhenCompleteUnstakeBeforeTheDelay() public {
        vm.prank(provider);
        market.requestUnstake(providerId, 4000e18);
        uint40 availableAt = uint40(block.timestamp + UNSTAKE_DELAY);
        vm.warp(availableAt - 1);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.UnstakeNotReady.selector, availableAt));
        vm.prank(provider);
        market.completeUnstake(providerId);
    }

    function test_Revert_WhenNothingToComplete() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NothingToUnstake.selector, providerId));
        vm.prank(provider);
        market.completeUnstake(providerId);
    }

    function test_Revert_WhenCompleteUnstakeByNonOwner() public {
        vm.prank(provider);
        market.requestUnstake(providerId, 4000e18);
        vm.warp(block.timestamp + UNSTAKE_DELAY);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NotProviderOwner.selector, providerId, consumer));
        vm.prank(consumer);
        market.completeUnstake(providerId);
    }

    function testFuzz_UnstakeRoundTrip(uint96 amount, uint32 wait) public {
        amount = uint96(bound(amount, 1, STAKE - MIN_STAKE));
        wait = uint32(bound(wait, 0, 2 * UNSTAKE_DELAY));
        vm.prank(provider);
        market.requestUnstake(providerId, amount);
        vm.warp(block.timestamp + wait);
        if (wait < UNSTAKE_DELAY) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IMarketplace.UnstakeNotReady.selector, uint40(block.timestamp - wait + UNSTAKE_DELAY)
                )
            );
        }
        vm.prank(provider);
        market.completeUnstake(providerId);
        _assertSolvent();
    }
}
