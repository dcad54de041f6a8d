// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../../../src/interfaces/IMarketplace.sol";
import {PurchaseId} from "../../../src/types/MarketplaceIds.sol";
import {MarketplaceUnitBase} from "./MarketplaceUnitBase.sol";

/// @notice Marketplace.refund: after expiry + refundGrace, the unserved calls go back to the consumer.
contract MarketplaceRefundTest is MarketplaceUnitBase {
    PurchaseId internal purchaseId;
    uint256 internal availableAt;

    function setUp() public override {
        super.setUp();
        purchaseId = _buy(consumer, serviceId, 10);
        availableAt = block.timestamp + PURCHASE_DURATION + REFUND_GRACE;
    }

    function test_RefundTheUnservedCalls() public {
        _claim(purchaseId, consumerKey, 4);
        vm.warp(availableAt);
        uint256 before = token.balanceOf(consumer);
        vm.expectEmit(address(market));
        emit IMarketplace.Refunded(purchaseId, consumer, 6, 6 * PRICE);
        vm.prank(makeAddr("anyone"));
        assertEq(market.refund(purchaseId), 6 * PRICE);
        assertEq(token.balanceOf(consumer), before + 6 * PRICE);
        assertTrue(market.getPurchase(purchaseId).refunded);
        assertEq(market.getProvider(providerId).inFlight, 0);
        assertEq(market.totalEscrow(), 0);
        _assertSolvent();
    }

    function test_Revert_WhenBeforeTheGraceEnds() public {
        vm.warp(availableAt - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.RefundNotYetAvailable.selector, purchaseId, availableAt)
        );
        market.refund(purchaseId);
    }

    function test_ProviderMayClaimDuringTheGrace() public {
        vm.warp(availableAt - 1);
        _claim(purchaseId, consumerKey, 10);
        vm.warp(availableAt);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NothingToRefund.selector, purchaseId));
        market.refund(purchaseId);
    }

    function test_Revert_WhenRefundedTwice() public {
        vm.warp(availableAt);
        market.refund(purchaseId);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.PurchaseRefunded.selector, purchaseId));
        market.refund(purchaseId);
    }

    function test_Revert_WhenClaimAfterRefund() public {
        vm.warp(availableAt);
        market.refund(purchaseId);
        IMarketplace.UsageProof memory proof = _proof(consumerKey, purchaseId, 1);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.PurchaseRefunded.selector, purchaseId));
        vm.prank(provider);
        market.claim(purchaseId, proof);
    }

    function test_Revert_WhenPurchaseUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.PurchaseNotFound.selector, PurchaseId.wrap(2)));
        market.refund(PurchaseId.wrap(2));
    }

    function testFuzz_Refund(uint32 calls, uint32 served, uint32 late) public {
        calls = uint32(bound(calls, 1, 10_000));
        served = uint32(bound(served, 0, calls - 1));
        late = uint32(bound(late, 0, 365 days));
        PurchaseId id = _buy(consumer2, serviceId, calls);
        if (served != 0) _claim(id, consumer2Key, served);
        vm.warp(block.timestamp + PURCHASE_DURATION + REFUND_GRACE + late);
        uint256 before = token.balanceOf(consumer2);
        assertEq(market.refund(id), uint256(calls - served) * PRICE);
        assertEq(token.balanceOf(consumer2), before + uint256(calls - served) * PRICE);
        assertEq(market.getProvider(providerId).inFlight, 10 * PRICE);
        _assertSolvent();
    }
}
