// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../interfaces/IMarketplace.sol";
import {IThreatResponse} from "../interfaces/IThreatResponse.sol";
import {MarketplaceMath} from "../libraries/MarketplaceMath.sol";
import {ProviderId, PurchaseId, ServiceId} from "../types/MarketplaceIds.sol";

/// @title The Marketplace's storage, laid out for the gas of a purchase and shared with its views
/// @notice One ERC-7201 namespace ("palisade.storage.Marketplace") holds all of the Marketplace's own
///         state, so the Marketplace and MarketplaceViews (which runs by delegatecall in the
///         Marketplace's context, see ViewDelegation) read the same slots whatever else either inherits.
///
///         A purchase is the hot path (every consumer pays for it, many times), so what it reads and
///         writes is packed into as few slots as possible; everything else lives beside it:
///         - `ledger` (one slot): the purchase counter, the two parameters a purchase reads and the
///           escrow total. Its write is to an already non-zero slot, and the escrow total costs no
///           slot of its own.
///         - `serviceHot[id]` (one slot): provider, current price, current offer, active, category;
///           the service's strings sit in `serviceInfo`.
///         - `providerHot[id]` (one slot): stake, in-flight value and score (the cap check and the
///           in-flight update read and write only this); owner, unstaking and strings in `providerInfo`.
///         - `purchases[id]` (one new slot per purchase): consumer, offer index, calls, expiry. The
///           price is not copied: an *offer* is an immutable (service, provider, price) record pushed
///           when a service is registered and each time its fee changes, and the purchase keeps its
///           index. Served calls and the refund flag (`progress`) are written only by claims and
///           refunds, so a purchase creates exactly one slot.
///         - The score is credited when a purchase is first claimed, so a purchase needs no
///           per-(provider, consumer) slot.
abstract contract MarketplaceStorage {
    /// @dev Basis-point denominator of the cap multiple and of the protocol fee.
    uint256 internal constant BPS = 10_000;

    /// @dev keccak256(abi.encode(uint256(keccak256("palisade.storage.Marketplace")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant LAYOUT_SLOT = 0x3a935c70cb83d91e6870d78b125533fd6b96e31c1915dd63f2934312fa372b00;

    /// @dev The one slot a purchase writes besides its own: 64 + 32 + 32 + 128 = 256 bits.
    ///      `inFlightMultipleBps` and `maxPurchaseDuration` mirror `params` (kept equal by `_setParams`).
    struct PurchaseLedger {
        uint64 purchaseCount;
        uint32 inFlightMultipleBps;
        uint32 maxPurchaseDuration;
        /// @dev ≤ the tokens held here; uint128 is ample for any realistic supply
        uint128 totalEscrow;
    }

    /// @dev 96 + 96 + 64 = 256 bits.
    struct ProviderHot {
        uint96 stake;
        uint96 inFlight;
        uint64 score;
    }

    /// @dev owner + unstaking share slot 0 (160 + 96 bits).
    struct ProviderInfo {
        address owner;
        uint96 unstaking;
        uint40 unstakeAvailableAt;
        uint32 serviceCount;
        string metadataURI;
        string endpoint;
    }

    /// @dev 32 + 96 + 32 + 8 + 8 = 176 bits: everything a purchase needs from the service.
    struct ServiceHot {
        ProviderId providerId;
        uint96 pricePerCall;
        /// @dev index in `offers` of the current price
        uint32 offer;
        bool active;
        IMarketplace.Category category;
    }

    struct ServiceInfo {
        string endpointPath;
        string schemaRef;
    }

    /// @dev Never changed once pushed: 32 + 32 + 96 = 160 bits.
    struct Offer {
        ServiceId serviceId;
        ProviderId providerId;
        uint96 pricePerCall;
    }

    /// @dev 160 + 32 + 32 + 32 = 256 bits. `expiry` is uint32 (seconds until the year 2106); a
    ///      purchase refuses expiries beyond it rather than truncate.
    struct PurchaseRecord {
        address consumer;
        uint32 offer;
        uint32 calls;
        uint32 expiry;
    }

    struct PurchaseProgress {
        uint32 served;
        bool refunded;
    }

    /// @dev A claim's fee for the provider, releasable from `releaseAt`.
    struct Tranche {
        uint96 amount;
        uint40 releaseAt;
    }

    /// @dev FIFO of a provider's tranches: live tranches are `[head, tail)`. 48 + 48 + 96 + 40 = 232
    ///      bits; 2^48 tranches is far beyond any provider's claims. `lastReleaseAt` is the tail's
    ///      release time, which the next tranche may not precede.
    struct FeeQueue {
        uint48 head;
        uint48 tail;
        uint96 pending;
        uint40 lastReleaseAt;
    }

    /// @custom:storage-location erc7201:palisade.storage.Marketplace
    struct Layout {
        PurchaseLedger ledger;
        IMarketplace.Params params;
        address treasury;
        address slasher;
        address reviewBoard;
        uint32 providerCount;
        uint32 serviceCount;
        /// @dev pairs of totals share a slot; each is ≤ the tokens held here
        uint128 totalStaked;
        uint128 totalUnstaking;
        uint128 totalPendingFees;
        uint128 protocolFeesAccrued;
        mapping(ProviderId => ProviderHot) providerHot;
        mapping(ProviderId => ProviderInfo) providerInfo;
        mapping(ServiceId => ServiceHot) serviceHot;
        mapping(ServiceId => ServiceInfo) serviceInfo;
        Offer[] offers;
        mapping(PurchaseId => PurchaseRecord) purchases;
        mapping(PurchaseId => PurchaseProgress) progress;
        mapping(ProviderId => FeeQueue) feeQueues;
        mapping(ProviderId => mapping(uint256 index => Tranche)) tranches;
        mapping(ProviderId => mapping(address consumer => uint32 count)) scoredPurchases;
        mapping(address consumer => mapping(address key => uint40 validUntil)) sessionKeys;
        /// @dev read by every purchase: one cold slot while unset (no 160 bits are free in a hot slot)
        IThreatResponse threatResponse;
    }

    function _layout() internal pure returns (Layout storage $) {
        assembly ("memory-safe") {
            $.slot := LAYOUT_SLOT
        }
    }

    /// @dev The purchase record, reverting for an unknown id (the consumer of a purchase is never 0).
    function _purchaseRecord(PurchaseId purchaseId) internal view returns (PurchaseRecord memory record) {
        record = _layout().purchases[purchaseId];
        require(record.consumer != address(0), IMarketplace.PurchaseNotFound(purchaseId));
    }

    /// @dev The provider's owner, reverting for an unknown id.
    function _providerOwner(ProviderId providerId) internal view returns (address owner) {
        owner = _layout().providerInfo[providerId].owner;
        require(owner != address(0), IMarketplace.ProviderNotFound(providerId));
    }

    /// @dev The service's hot record, reverting for an unknown id (a service's provider is never 0).
    function _service(ServiceId serviceId) internal view returns (ServiceHot memory service) {
        service = _layout().serviceHot[serviceId];
        require(ProviderId.unwrap(service.providerId) != 0, IMarketplace.ServiceNotFound(serviceId));
    }

    /// @dev `stake × inFlightMultipleBps / 10_000`.
    function _cap(uint256 stake, uint256 multipleBps) internal pure returns (uint256) {
        return stake * multipleBps / BPS;
    }

    /// @dev Seconds a tranche queued now waits at `score` (MarketplaceMath.releaseDelay).
    function _releaseDelay(uint64 score) internal view returns (uint32) {
        IMarketplace.Params storage p = _layout().params;
        return MarketplaceMath.releaseDelay(score, p.minReleaseDelay, p.maxReleaseDelay, p.scoreForMinDelay);
    }
}
