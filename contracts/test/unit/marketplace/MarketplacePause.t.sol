// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../../../src/interfaces/IMarketplace.sol";
import {PurchaseId} from "../../../src/types/MarketplaceIds.sol";
import {MarketplaceUnitBase} from "./MarketplaceUnitBase.sol";

/// @notice The Marketplace's pause groups: 0 providers and services, 1 purchases, 2 claims and
///         withdrawals, 3 refunds; slashing, score adjustments and session keys are never paused.
contract MarketplacePauseTest is MarketplaceUnitBase {
    function test_PauseGroupConstants() public view {
        assertEq(market.PAUSE_PROVIDERS(), 0);
        assertEq(market.PAUSE_PURCHASES(), 1);
        assertEq(market.PAUSE_CLAIMS(), 2);
        assertEq(market.PAUSE_REFUNDS(), 3);
    }

    function test_Revert_WhenProvidersPaused() public {
        _pause(0);
        vm.startPrank(provider);
        _expectPaused(0);
        market.registerProvider(STAKE, "m", "e");
        _expectPaused(0);
        market.updateProvider(providerId, "m", "e");
        _expectPaused(0);
        market.addStake(providerId, 1);
        _expectPaused(0);
        market.requestUnstake(providerId, 1);
        _expectPaused(0);
        market.completeUnstake(providerId);
        _expectPaused(0);
        market.registerService(providerId, IMarketplace.Category.Phishing, 1, "p", "s");
        _expectPaused(0);
        market.updateServiceFee(serviceId, 2);
        _expectPaused(0);
        market.setServiceActive(serviceId, false);
        vm.stopPrank();
    }

    function test_Revert_WhenPurchasesPaused() public {
        _pause(1);
        uint40 expiry = uint40(block.timestamp + 1 days);
        vm.startPrank(consumer);
        _expectPaused(1);
        market.purchase(serviceId, 1, PRICE, expiry);
        _expectPaused(1);
        market.purchaseWithPermit(serviceId, 1, PRICE, expiry, block.timestamp, 27, bytes32(0), bytes32(0));
        vm.stopPrank();
    }

    function test_Revert_WhenClaimsPaused() public {
        PurchaseId id = _buy(consumer, serviceId, 10);
        IMarketplace.UsageProof memory proof = _proof(consumerKey, id, 1);
        _pause(2);
        vm.startPrank(provider);
        _expectPaused(2);
        market.claim(id, proof);
        _expectPaused(2);
        market.withdrawFees(providerId, 1);
        _expectPaused(2);
        market.withdrawProtocolFees();
        vm.stopPrank();
    }

    function test_Revert_WhenRefundsPaused() public {
        PurchaseId id = _buy(consumer, serviceId, 10);
        vm.warp(block.timestamp + PURCHASE_DURATION + REFUND_GRACE);
        _pause(3);
        _expectPaused(3);
        market.refund(id);
    }

    function test_OtherGroupsKeepWorking() public {
        _pause(1);
        _pause(3);
        // a purchase made before the pause is claimed and its fees withdrawn
        vm.prank(owner);
        market.setPaused(0);
        PurchaseId id = _buy(consumer, serviceId, 10);
        _pause(1);
        _pause(3);
        _claim(id, consumerKey, 10);
        vm.warp(block.timestamp + MAX_RELEASE_DELAY);
        vm.prank(provider);
        market.withdrawFees(providerId, 1);
        vm.prank(provider);
        market.registerService(providerId, IMarketplace.Category.Phishing, 1, "p", "s");
    }

    function test_NeverPaused() public {
        _pause(0);
        _pause(1);
        _pause(2);
        _pause(3);
        vm.prank(slasher);
        market.slashProvider(providerId, 1e18, new IMarketplace.Compensation[](0));
        vm.prank(reviewBoard);
        market.adjustScore(providerId, 10);
        vm.startPrank(consumer);
        market.authorizeSessionKey(sessionKey, uint40(block.timestamp + 1 days));
        market.revokeSessionKey(sessionKey);
        vm.stopPrank();
        assertEq(market.getProvider(providerId).score, 10);
    }
}
