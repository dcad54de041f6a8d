// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../../../src/interfaces/IMarketplace.sol";
import {ProviderId, PurchaseId, ServiceId} from "../../../src/types/MarketplaceIds.sol";
import {MarketplaceUnitBase} from "./MarketplaceUnitBase.sol";

/// @notice Marketplace.registerService, updateServiceFee and setServiceActive.
contract MarketplaceServicesTest is MarketplaceUnitBase {
    function test_RegisterService() public {
        vm.expectEmit(address(market));
        emit IMarketplace.ServiceRegistered(
            ServiceId.wrap(2),
            providerId,
            IMarketplace.Category.Phishing,
            3e18,
            "/v1/url",
            "ipfs://url-schema"
        );
        vm.prank(provider);
        ServiceId id = market.registerService(
            providerId, IMarketplace.Category.Phishing, 3e18, "/v1/url", "ipfs://url-schema"
        );
        assertEq(ServiceId.unwrap(id), 2);
        assertEq(market.serviceCount(), 2);
        IMarketplace.Service memory s = market.getService(id);
        assertEq(ProviderId.unwrap(s.providerId), ProviderId.unwrap(providerId));
        assertEq(uint8(s.category), uint8(IMarketplace.Category.Phishing));
        assertTrue(s.active);
        assertEq(s.pricePerCall, 3e18);
        assertEq(s.endpointPath, "/v1/url");
        assertEq(s.schemaRef, "ipfs://url-schema");
        assertEq(market.getProvider(providerId).serviceCount, 2);
    }

    function test_Revert_WhenRegisterServiceByNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NotProviderOwner.selector, providerId, consumer));
        vm.prank(consumer);
        market.registerService(providerId, IMarketplace.Category.Phishing, 3e18, "/v1/url", "ipfs://schema");
    }

    function test_Revert_WhenRegisterServiceOfUnknownProvider() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.ProviderNotFound.selector, ProviderId.wrap(5)));
        vm.prank(provider);
        market.registerService(
            ProviderId.wrap(5), IMarketplace.Category.Phishing, 3e18, "/v1/url", "ipfs://s"
        );
    }

    function test_Revert_WhenRegisterServiceAtPriceZero() public {
        vm.expectRevert(IMarketplace.PriceZero.selector);
        vm.prank(provider);
        market.registerService(providerId, IMarketplace.Category.Phishing, 0, "/v1/url", "ipfs://schema");
    }

    function test_Revert_WhenRegisterServiceWithEmptyString() public {
        vm.expectRevert(IMarketplace.EmptyString.selector);
        vm.prank(provider);
        market.registerService(providerId, IMarketplace.Category.Phishing, 1, "", "ipfs://schema");
        vm.expectRevert(IMarketplace.EmptyString.selector);
        vm.prank(provider);
        market.registerService(providerId, IMarketplace.Category.Phishing, 1, "/v1/url", "");
    }

    function test_Revert_WhenGetServiceUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.ServiceNotFound.selector, ServiceId.wrap(2)));
        market.getService(ServiceId.wrap(2));
    }

    function testFuzz_RegisterService(uint8 category, uint96 price) public {
        category = uint8(bound(category, 0, uint8(type(IMarketplace.Category).max)));
        price = uint96(bound(price, 1, type(uint96).max));
        vm.prank(provider);
        ServiceId id = market.registerService(providerId, IMarketplace.Category(category), price, "/p", "s");
        assertEq(uint8(market.getService(id).category), category);
        assertEq(market.getService(id).pricePerCall, price);
    }

    // ───────────── updateServiceFee ─────────────

    function test_UpdateServiceFee() public {
        vm.expectEmit(address(market));
        emit IMarketplace.ServiceFeeUpdated(serviceId, PRICE, 2e18);
        vm.prank(provider);
        market.updateServiceFee(serviceId, 2e18);
        assertEq(market.getService(serviceId).pricePerCall, 2e18);
    }

    function test_FeeUpdateDoesNotChangeExistingPurchases() public {
        PurchaseId before = _buy(consumer, serviceId, 10);
        vm.prank(provider);
        market.updateServiceFee(serviceId, 3e18);
        PurchaseId later = _buy(consumer, serviceId, 10);
        assertEq(market.getPurchase(before).pricePerCall, PRICE);
        assertEq(market.getPurchase(later).pricePerCall, 3e18);
        assertEq(market.getProvider(providerId).inFlight, 10 * PRICE + 30e18);

        // claims and refunds of the earlier purchase use its own price
        uint96 paid = _claim(before, consumerKey, 4);
        assertEq(paid, 4 * PRICE * (10_000 - PROTOCOL_FEE_BPS) / 10_000);
        vm.warp(block.timestamp + PURCHASE_DURATION + REFUND_GRACE);
        assertEq(market.refund(before), 6 * PRICE);
        assertEq(market.refund(later), 30e18);
        _assertSolvent();
    }

    function test_Revert_WhenFeeUpdatedToZero() public {
        vm.expectRevert(IMarketplace.PriceZero.selector);
        vm.prank(provider);
        market.updateServiceFee(serviceId, 0);
    }

    function test_Revert_WhenFeeUpdatedByNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NotProviderOwner.selector, providerId, consumer));
        vm.prank(consumer);
        market.updateServiceFee(serviceId, 2e18);
    }

    function test_Revert_WhenFeeUpdatedForUnknownService() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.ServiceNotFound.selector, ServiceId.wrap(9)));
        vm.prank(provider);
        market.updateServiceFee(ServiceId.wrap(9), 2e18);
    }

    // ───────────── setServiceActive ─────────────

    function test_ProviderDeactivatesAndReactivates() public {
        vm.expectEmit(address(market));
        emit IMarketplace.ServiceActiveSet(serviceId, false);
        vm.prank(provider);
        market.setServiceActive(serviceId, false);
        assertFalse(market.getService(serviceId).active);
        vm.prank(provider);
        market.setServiceActive(serviceId, true);
        assertTrue(market.getService(serviceId).active);
    }

    function test_OwnerDelists() public {
        vm.prank(owner);
        market.setServiceActive(serviceId, false);
        assertFalse(market.getService(serviceId).active);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.ServiceInactive.selector, serviceId));
        vm.prank(consumer);
        market.purchase(serviceId, 1, PRICE, uint40(block.timestamp + 1 days));
    }

    function test_Revert_WhenSetServiceActiveByStranger() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NotProviderOwner.selector, providerId, consumer));
        vm.prank(consumer);
        market.setServiceActive(serviceId, false);
    }

    function test_Revert_WhenSetServiceActiveOfUnknownService() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.ServiceNotFound.selector, ServiceId.wrap(9)));
        vm.prank(provider);
        market.setServiceActive(ServiceId.wrap(9), false);
    }
}
