// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../../../src/interfaces/IMarketplace.sol";
import {ProviderId} from "../../../src/types/MarketplaceIds.sol";
import {MarketplaceFixture} from "../../utils/MarketplaceFixture.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

/// @notice Marketplace.registerProvider, updateProvider and addStake.
contract MarketplaceProvidersTest is MarketplaceFixture {
    function test_RegisterProvider() public {
        vm.expectEmit(address(market));
        emit IMarketplace.ProviderRegistered(
            ProviderId.wrap(1), provider, STAKE, "ipfs://meta", "https://p.example"
        );
        vm.prank(provider);
        ProviderId id = market.registerProvider(STAKE, "ipfs://meta", "https://p.example");
        assertEq(ProviderId.unwrap(id), 1);
        assertEq(market.providerCount(), 1);
        IMarketplace.Provider memory p = market.getProvider(id);
        assertEq(p.owner, provider);
        assertEq(p.stake, STAKE);
        assertEq(p.inFlight, 0);
        assertEq(p.score, 0);
        assertEq(p.unstaking, 0);
        assertEq(p.unstakeAvailableAt, 0);
        assertEq(p.serviceCount, 0);
        assertEq(p.metadataURI, "ipfs://meta");
        assertEq(p.endpoint, "https://p.example");
        assertEq(market.totalStaked(), STAKE);
        assertEq(token.balanceOf(provider), FUNDS - STAKE);
        _assertSolvent();
    }

    function test_NumbersProvidersInOrder() public {
        assertEq(ProviderId.unwrap(_registerProvider(provider, STAKE)), 1);
        assertEq(ProviderId.unwrap(_registerProvider(provider, MIN_STAKE)), 2);
        assertEq(market.providerCount(), 2);
        assertEq(market.totalStaked(), STAKE + MIN_STAKE);
    }

    function test_Revert_WhenStakeBelowMinimum() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.StakeTooLow.selector, MIN_STAKE - 1, MIN_STAKE));
        _registerProvider(provider, MIN_STAKE - 1);
    }

    function test_Revert_WhenMetadataOrEndpointEmpty() public {
        vm.expectRevert(IMarketplace.EmptyString.selector);
        vm.prank(provider);
        market.registerProvider(STAKE, "", "https://p.example");
        vm.expectRevert(IMarketplace.EmptyString.selector);
        vm.prank(provider);
        market.registerProvider(STAKE, "ipfs://meta", "");
    }

    function test_Revert_WhenStakeNotApproved() public {
        address poor = makeAddr("poor");
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector, address(market), 0, STAKE
            )
        );
        _registerProvider(poor, STAKE);
    }

    function test_Revert_WhenGetProviderUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.ProviderNotFound.selector, ProviderId.wrap(1)));
        market.getProvider(ProviderId.wrap(1));
    }

    function testFuzz_RegisterProvider(uint96 stake) public {
        stake = uint96(bound(stake, MIN_STAKE, FUNDS));
        ProviderId id = _registerProvider(provider, stake);
        assertEq(market.getProvider(id).stake, stake);
        assertEq(market.inFlightCap(id), uint256(stake) * IN_FLIGHT_MULTIPLE_BPS / 10_000);
        _assertSolvent();
    }

    // ───────────── updateProvider ─────────────

    function test_UpdateProvider() public {
        ProviderId id = _registerProvider(provider, STAKE);
        vm.expectEmit(address(market));
        emit IMarketplace.ProviderUpdated(id, "ipfs://new", "https://new.example");
        vm.prank(provider);
        market.updateProvider(id, "ipfs://new", "https://new.example");
        IMarketplace.Provider memory p = market.getProvider(id);
        assertEq(p.metadataURI, "ipfs://new");
        assertEq(p.endpoint, "https://new.example");
    }

    function test_Revert_WhenUpdateProviderByNonOwner() public {
        ProviderId id = _registerProvider(provider, STAKE);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NotProviderOwner.selector, id, consumer));
        vm.prank(consumer);
        market.updateProvider(id, "ipfs://new", "https://new.example");
    }

    function test_Revert_WhenUpdateProviderUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.ProviderNotFound.selector, ProviderId.wrap(7)));
        vm.prank(provider);
        market.updateProvider(ProviderId.wrap(7), "ipfs://new", "https://new.example");
    }

    function test_Revert_WhenUpdateProviderWithEmptyString() public {
        ProviderId id = _registerProvider(provider, STAKE);
        vm.expectRevert(IMarketplace.EmptyString.selector);
        vm.prank(provider);
        market.updateProvider(id, "ipfs://new", "");
    }

    // ───────────── addStake ─────────────

    function test_AddStakeFromAnyone() public {
        ProviderId id = _registerProvider(provider, STAKE);
        vm.expectEmit(address(market));
        emit IMarketplace.StakeAdded(id, 5e18, STAKE + 5e18);
        vm.prank(consumer);
        market.addStake(id, 5e18);
        assertEq(market.getProvider(id).stake, STAKE + 5e18);
        assertEq(market.totalStaked(), STAKE + 5e18);
        assertEq(token.balanceOf(consumer), FUNDS - 5e18);
        _assertSolvent();
    }

    function test_Revert_WhenAddStakeZero() public {
        ProviderId id = _registerProvider(provider, STAKE);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.StakeTooLow.selector, 0, 1));
        vm.prank(provider);
        market.addStake(id, 0);
    }

    function test_Revert_WhenAddStakeToUnknownProvider() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.ProviderNotFound.selector, ProviderId.wrap(3)));
        vm.prank(provider);
        market.addStake(ProviderId.wrap(3), 1e18);
    }

    function testFuzz_AddStake(uint96 amount) public {
        amount = uint96(bound(amount, 1, FUNDS - STAKE));
        ProviderId id = _registerProvider(provider, STAKE);
        vm.prank(provider);
        market.addStake(id, amount);
        assertEq(market.getProvider(id).stake, STAKE + amount);
        _assertSolvent();
    }
}
