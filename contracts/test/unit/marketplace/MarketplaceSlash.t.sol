// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../../../src/interfaces/IMarketplace.sol";
import {ProviderId} from "../../../src/types/MarketplaceIds.sol";
import {MarketplaceUnitBase} from "./MarketplaceUnitBase.sol";

/// @notice Marketplace.slashProvider (the ProviderSlashing hook): stake first, then the unstaking
///         amount; compensations first, the rest to the treasury.
contract MarketplaceSlashTest is MarketplaceUnitBase {
    address internal victim = makeAddr("victim");
    address internal victim2 = makeAddr("victim2");

    function test_SlashTakesFromStakeAndPaysTheTreasury() public {
        vm.expectEmit(address(market));
        emit IMarketplace.ProviderSlashed(providerId, 3000e18, 0, 3000e18);
        vm.prank(slasher);
        assertEq(market.slashProvider(providerId, 3000e18, _none()), 3000e18);
        assertEq(market.getProvider(providerId).stake, STAKE - 3000e18);
        assertEq(market.totalStaked(), STAKE - 3000e18);
        assertEq(token.balanceOf(treasury), 3000e18);
        _assertSolvent();
    }

    function test_CompensationsFirstThenTheTreasury() public {
        IMarketplace.Compensation[] memory c = new IMarketplace.Compensation[](2);
        c[0] = IMarketplace.Compensation({account: victim, amount: 100e18});
        c[1] = IMarketplace.Compensation({account: victim2, amount: 50e18});
        vm.expectEmit(address(market));
        emit IMarketplace.ProviderSlashed(providerId, 1000e18, 150e18, 850e18);
        vm.expectEmit(address(market));
        emit IMarketplace.Compensated(providerId, victim, 100e18);
        vm.expectEmit(address(market));
        emit IMarketplace.Compensated(providerId, victim2, 50e18);
        vm.prank(slasher);
        market.slashProvider(providerId, 1000e18, c);
        assertEq(token.balanceOf(victim), 100e18);
        assertEq(token.balanceOf(victim2), 50e18);
        assertEq(token.balanceOf(treasury), 850e18);
        _assertSolvent();
    }

    function test_CompensationsMayTakeEverything() public {
        IMarketplace.Compensation[] memory c = new IMarketplace.Compensation[](1);
        c[0] = IMarketplace.Compensation({account: victim, amount: 500e18});
        vm.prank(slasher);
        market.slashProvider(providerId, 500e18, c);
        assertEq(token.balanceOf(victim), 500e18);
        assertEq(token.balanceOf(treasury), 0);
    }

    function test_TheUnstakingAmountStaysSlashable() public {
        vm.prank(provider);
        market.requestUnstake(providerId, STAKE - MIN_STAKE);
        vm.prank(slasher);
        assertEq(market.slashProvider(providerId, 4000e18, _none()), 4000e18);
        IMarketplace.Provider memory p = market.getProvider(providerId);
        assertEq(p.stake, 0);
        assertEq(p.unstaking, STAKE - 4000e18);
        assertEq(market.totalStaked(), 0);
        assertEq(market.totalUnstaking(), STAKE - 4000e18);
        // the rest still unstakes after the delay
        vm.warp(block.timestamp + UNSTAKE_DELAY);
        vm.prank(provider);
        assertEq(market.completeUnstake(providerId), STAKE - 4000e18);
        _assertSolvent();
    }

    function test_SlashIsCappedAtWhatTheProviderHas() public {
        vm.prank(provider);
        market.requestUnstake(providerId, 2000e18);
        vm.prank(slasher);
        assertEq(market.slashProvider(providerId, type(uint96).max, _none()), STAKE);
        IMarketplace.Provider memory p = market.getProvider(providerId);
        assertEq(p.stake + p.unstaking, 0);
        assertEq(token.balanceOf(treasury), STAKE);
        _assertSolvent();
    }

    function test_ZeroCompensationIsAnnouncedButNotPaid() public {
        IMarketplace.Compensation[] memory c = new IMarketplace.Compensation[](1);
        c[0] = IMarketplace.Compensation({account: victim, amount: 0});
        vm.expectEmit(address(market));
        emit IMarketplace.Compensated(providerId, victim, 0);
        vm.prank(slasher);
        market.slashProvider(providerId, 10e18, c);
        assertEq(token.balanceOf(treasury), 10e18);
    }

    function test_SlashedProviderCannotSellBeyondItsNewCap() public {
        vm.prank(slasher);
        market.slashProvider(providerId, STAKE - 1000e18, _none());
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.InFlightCapExceeded.selector, providerId, 2001e18, 2000e18)
        );
        vm.prank(consumer);
        market.purchase(serviceId, 2001, PRICE, uint40(block.timestamp + 1 days));
    }

    function test_Revert_WhenCompensationExceedsTheSlash() public {
        IMarketplace.Compensation[] memory c = new IMarketplace.Compensation[](1);
        c[0] = IMarketplace.Compensation({account: victim, amount: STAKE + 1});
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.CompensationExceedsSlash.selector, STAKE + 1, STAKE)
        );
        vm.prank(slasher);
        market.slashProvider(providerId, STAKE + 5, c);
    }

    function test_Revert_WhenCompensationToZeroAddress() public {
        IMarketplace.Compensation[] memory c = new IMarketplace.Compensation[](1);
        c[0] = IMarketplace.Compensation({account: address(0), amount: 1});
        vm.expectRevert(IMarketplace.ZeroAddress.selector);
        vm.prank(slasher);
        market.slashProvider(providerId, 10e18, c);
    }

    function test_Revert_WhenNotTheSlasher() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NotSlasher.selector, owner));
        vm.prank(owner);
        market.slashProvider(providerId, 1, _none());
    }

    function test_Revert_WhenProviderUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.ProviderNotFound.selector, ProviderId.wrap(6)));
        vm.prank(slasher);
        market.slashProvider(ProviderId.wrap(6), 1, _none());
    }

    function testFuzz_Slash(uint96 unstake, uint96 amount, uint96 compensation) public {
        unstake = uint96(bound(unstake, 0, STAKE - MIN_STAKE));
        amount = uint96(bound(amount, 0, 2 * STAKE));
        if (unstake != 0) {
            vm.prank(provider);
            market.requestUnstake(providerId, unstake);
        }
        uint96 expected = amount < STAKE ? amount : STAKE;
        compensation = uint96(bound(compensation, 0, expected));
        IMarketplace.Compensation[] memory c = new IMarketplace.Compensation[](1);
        c[0] = IMarketplace.Compensation({account: victim, amount: compensation});
        vm.prank(slasher);
        assertEq(market.slashProvider(providerId, amount, c), expected);
        IMarketplace.Provider memory p = market.getProvider(providerId);
        assertEq(p.stake + p.unstaking, STAKE - expected);
        // stake goes first
        assertEq(p.stake, amount >= STAKE - unstake ? 0 : STAKE - unstake - amount);
        assertEq(token.balanceOf(victim), compensation);
        assertEq(token.balanceOf(treasury), expected - compensation);
        _assertSolvent();
    }

    function _none() internal pure returns (IMarketplace.Compensation[] memory) {
        return new IMarketplace.Compensation[](0);
    }
}
