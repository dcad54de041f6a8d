// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../../src/interfaces/IMarketplace.sol";
import {ProviderId, PurchaseId, ServiceId} from "../../src/types/MarketplaceIds.sol";
import {MarketplaceFixture} from "../utils/MarketplaceFixture.sol";

/// @notice Gas of the Marketplace, call by call (isolated: every call is its own transaction, so storage
///         is cold as on a real chain, and the figures include the 21,000 base and calldata) into
///         `snapshots/marketplace.json`. Goal: a consumer's first purchase, with a finite allowance,
///         ≤ 90,000 gas including the base.
contract MarketplaceGasTest is MarketplaceFixture {
    string internal constant GROUP = "marketplace";

    ProviderId internal providerId;
    ServiceId internal serviceId;

    function setUp() public override {
        super.setUp();
        (providerId, serviceId) = _onboard();
    }

    /// forge-config: default.isolate = true
    function test_Gas_PurchaseFirst() public {
        uint40 expiry = uint40(block.timestamp) + PURCHASE_DURATION;
        vm.prank(consumer);
        market.purchase(serviceId, 10, PRICE, expiry);
        uint256 gas = vm.snapshotGasLastCall(GROUP, "purchase (first of a consumer, finite allowance)");
        assertLe(gas, 90_000, "purchase goal");
    }
}
