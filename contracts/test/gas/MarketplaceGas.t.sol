// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../../src/interfaces/IMarketplace.sol";
import {ProviderId, PurchaseId, ServiceId} from "../../src/types/MarketplaceIds.sol";
import {MarketplaceFixture} from "../utils/MarketplaceFixture.sol";

/// @notice Gas of the Marketplace, call by call (isolated: every call is its own transaction, so storage
///         is cold as on a real chain, and the figures include the 21,000 base and calldata) into
///         `snapshots/marketplace.json`. Goal: a consumer's first purchase, with a finite allowance,
///         ≤ 90,000 gas including the base. A purchase creates one slot and writes two warm non-zero
///         ones, so a repeat purchase costs the same as the first.
contract MarketplaceGasTest is MarketplaceFixture {
    string internal constant GROUP = "marketplace";
    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

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

    /// @dev Baseline: the bare ERC-20 pull into escrow that any purchase has to make (what a purchase
    ///      costs above it is the marketplace's own bookkeeping).
    /// forge-config: default.isolate = true
    function test_Gas_BaselineEscrowTransfer() public {
        vm.prank(address(market));
        require(token.transferFrom(consumer, address(market), 10 * PRICE), "pull");
        vm.snapshotGasLastCall(GROUP, "baseline: ERC20 transferFrom into escrow (same amount, same accounts)");
    }

    /// forge-config: default.isolate = true
    function test_Gas_PurchaseRepeat() public {
        uint40 expiry = uint40(block.timestamp) + PURCHASE_DURATION;
        vm.prank(consumer);
        market.purchase(serviceId, 10, PRICE, expiry);
        vm.prank(consumer);
        market.purchase(serviceId, 10, PRICE, expiry);
        vm.snapshotGasLastCall(GROUP, "purchase (repeat)");
    }

    /// forge-config: default.isolate = true
    function test_Gas_PurchaseWithPermit() public {
        (address buyer, uint256 buyerKey) = makeAddrAndKey("buyer");
        require(token.transfer(buyer, 100e18), "fund");
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 structHash =
            keccak256(abi.encode(PERMIT_TYPEHASH, buyer, address(market), 10 * PRICE, 0, deadline));
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(buyerKey, keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash)));
        uint40 expiry = uint40(block.timestamp) + PURCHASE_DURATION;
        vm.prank(buyer);
        market.purchaseWithPermit(serviceId, 10, PRICE, expiry, deadline, v, r, s);
        vm.snapshotGasLastCall(GROUP, "purchaseWithPermit (first of a consumer, permit sets the allowance)");
    }

    /// forge-config: default.isolate = true
    function test_Gas_ClaimFirstEver() public {
        PurchaseId id = _buy(consumer, serviceId, 10);
        IMarketplace.UsageProof memory proof = _proof(consumerKey, id, 4);
        vm.prank(provider);
        market.claim(id, proof);
        vm.snapshotGasLastCall(
            GROUP, "claim (first claim ever: creates the provider's queue and the fee totals)"
        );
    }

    /// forge-config: default.isolate = true
    function test_Gas_Claim() public {
        _warmUp();
        PurchaseId id = _buy(consumer, serviceId, 10);
        IMarketplace.UsageProof memory proof = _proof(consumerKey, id, 4);
        vm.prank(provider);
        market.claim(id, proof);
        vm.snapshotGasLastCall(GROUP, "claim (first claim of a purchase, consumer's EOA token, scores)");
        proof = _proof(consumerKey, id, 7);
        vm.prank(provider);
        market.claim(id, proof);
        vm.snapshotGasLastCall(GROUP, "claim (later claim of the purchase, merged into the last tranche)");
    }

    /// forge-config: default.isolate = true
    function test_Gas_ClaimSessionKey() public {
        _warmUp();
        vm.prank(consumer);
        market.authorizeSessionKey(sessionKey, uint40(block.timestamp + 1 days));
        PurchaseId id = _buy(consumer, serviceId, 10);
        IMarketplace.UsageProof memory proof = _proof(sessionKeyPk, id, 4);
        vm.prank(provider);
        market.claim(id, proof);
        vm.snapshotGasLastCall(GROUP, "claim (first claim of a purchase, session key token, scores)");
    }

    /// @dev Someone else's purchase claimed a day ago: the provider's queue and the fee totals exist, as
    ///      on a running marketplace, and the next claim queues a tranche of its own.
    function _warmUp() internal {
        PurchaseId id = _buy(consumer2, serviceId, 10);
        _claim(id, consumer2Key, 10);
        vm.warp(block.timestamp + 1 days);
    }

    /// forge-config: default.isolate = true
    function test_Gas_WithdrawFees() public {
        PurchaseId id = _buy(consumer, serviceId, 10);
        _claim(id, consumerKey, 10);
        vm.warp(block.timestamp + MAX_RELEASE_DELAY);
        vm.prank(provider);
        market.withdrawFees(providerId, 10);
        vm.snapshotGasLastCall(GROUP, "withdrawFees (1 tranche)");
    }

    /// forge-config: default.isolate = true
    function test_Gas_Refund() public {
        PurchaseId id = _buy(consumer, serviceId, 10);
        vm.warp(block.timestamp + PURCHASE_DURATION + REFUND_GRACE);
        market.refund(id);
        vm.snapshotGasLastCall(GROUP, "refund (10 unserved calls)");
    }

    /// forge-config: default.isolate = true
    function test_Gas_RegisterProvider() public {
        vm.prank(consumer2);
        market.registerProvider(STAKE, "ipfs://provider-metadata", "https://provider.example");
        vm.snapshotGasLastCall(GROUP, "registerProvider (24-byte URI, 24-byte endpoint)");
    }

    /// forge-config: default.isolate = true
    function test_Gas_RegisterService() public {
        vm.prank(provider);
        market.registerService(
            providerId, IMarketplace.Category.Phishing, PRICE, "/v1/address", "ipfs://schema"
        );
        vm.snapshotGasLastCall(GROUP, "registerService (11-byte path, 13-byte schema)");
    }
}
