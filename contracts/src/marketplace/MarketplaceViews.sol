// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../interfaces/IMarketplace.sol";
import {ProviderId, PurchaseId, ServiceId} from "../types/MarketplaceIds.sol";
import {MarketplaceStorage} from "./MarketplaceStorage.sol";

/// @title The Marketplace's larger views and its parameter bounds, kept out of its code
/// @notice Created by the Marketplace's constructor and only ever useful through it:
///         - the views: the Marketplace's stubs delegatecall here (ViewDelegation), so `_layout()` is
///           the Marketplace's storage. Called directly, they read this contract's own empty storage.
///           Each is the Marketplace's function of the same name (see IMarketplace);
///         - `checkParams`: the bounds of every parameter, a pure function the Marketplace calls before
///           it stores new parameters.
contract MarketplaceViews is MarketplaceStorage {
    /// @dev Shortest delay, grace or duration a parameter may take: a minute lets the devnet run a
    ///      whole flow (unstake, refund, revocation) in minutes, and anything shorter is a few blocks.
    uint256 internal constant MIN_PERIOD = 60;
    /// @dev 0.1× … 100× the stake: below 0.1× a provider can hardly sell; above 100× the stake no
    ///      longer deters a provider from serving badly and walking away.
    uint256 internal constant MIN_IN_FLIGHT_MULTIPLE_BPS = 1000;
    uint256 internal constant MAX_IN_FLIGHT_MULTIPLE_BPS = 1_000_000;
    /// @dev At most 20 % of every call: the protocol's cut must never dominate the provider's price.
    uint256 internal constant MAX_PROTOCOL_FEE_BPS = 2000;
    /// @dev A quarter of a year: nobody would stake into a longer lock. ProviderSlashing keeps its veto
    ///      window below the unstake delay, so this also bounds how long a veto can take.
    uint256 internal constant MAX_UNSTAKE_DELAY = 90 days;
    /// @dev A provider waits at most a month for its fees, however low its score.
    uint256 internal constant MAX_RELEASE_DELAY = 30 days;
    /// @dev A provider has at most a month after expiry to claim before the consumer may take it back.
    uint256 internal constant MAX_REFUND_GRACE = 30 days;
    /// @dev A purchase lives at most a year: its escrow is locked (and counts against the cap) as long.
    uint256 internal constant MAX_PURCHASE_DURATION = 365 days;
    /// @dev Access tokens are short-lived (minutes to hours); a week covers any lifetime a provider
    ///      should accept, and a revoked key must stop working within days, not months.
    uint256 internal constant MAX_SESSION_REVOCATION_DELAY = 7 days;

    /// @notice Reverts `ParamOutOfBounds(name, value, min, max)` for the first parameter out of bounds.
    function checkParams(IMarketplace.Params calldata p) external pure {
        _checkBounds("minStake", p.minStake, 1, type(uint96).max);
        _checkBounds(
            "inFlightMultipleBps",
            p.inFlightMultipleBps,
            MIN_IN_FLIGHT_MULTIPLE_BPS,
            MAX_IN_FLIGHT_MULTIPLE_BPS
        );
        _checkBounds("protocolFeeBps", p.protocolFeeBps, 0, MAX_PROTOCOL_FEE_BPS);
        _checkBounds("unstakeDelay", p.unstakeDelay, MIN_PERIOD, MAX_UNSTAKE_DELAY);
        _checkBounds("maxReleaseDelay", p.maxReleaseDelay, 0, MAX_RELEASE_DELAY);
        // the release delay falls from max to min: min above max has no line
        _checkBounds("minReleaseDelay", p.minReleaseDelay, 0, p.maxReleaseDelay);
        // the divisor of the release-delay line
        _checkBounds("scoreForMinDelay", p.scoreForMinDelay, 1, type(uint64).max);
        _checkBounds("refundGrace", p.refundGrace, MIN_PERIOD, MAX_REFUND_GRACE);
        _checkBounds("maxPurchaseDuration", p.maxPurchaseDuration, MIN_PERIOD, MAX_PURCHASE_DURATION);
        _checkBounds(
            "sessionRevocationDelay", p.sessionRevocationDelay, MIN_PERIOD, MAX_SESSION_REVOCATION_DELAY
        );
        // minScoredValue takes any value: 0 scores every purchase (a devnet); on a real chain it is the
        // least a fake customer must buy, and pay the protocol fee on, to add to a score
    }

    /// @notice See IMarketplace.params.
    function params() external view returns (IMarketplace.Params memory) {
        return _layout().params;
    }

    /// @notice See IMarketplace.getProvider.
    function getProvider(ProviderId providerId)
        external
        view
        returns (IMarketplace.Provider memory provider)
    {
        _providerOwner(providerId);
        Layout storage $ = _layout();
        ProviderHot memory hot = $.providerHot[providerId];
        ProviderInfo storage info = $.providerInfo[providerId];
        provider = IMarketplace.Provider({
            owner: info.owner,
            stake: hot.stake,
            inFlight: hot.inFlight,
            score: hot.score,
            unstaking: info.unstaking,
            unstakeAvailableAt: info.unstakeAvailableAt,
            serviceCount: info.serviceCount,
            metadataURI: info.metadataURI,
            endpoint: info.endpoint
        });
    }

    /// @notice See IMarketplace.getService.
    function getService(ServiceId serviceId) external view returns (IMarketplace.Service memory) {
        ServiceHot memory hot = _service(serviceId);
        ServiceInfo storage info = _layout().serviceInfo[serviceId];
        return IMarketplace.Service({
            providerId: hot.providerId,
            category: hot.category,
            active: hot.active,
            pricePerCall: hot.pricePerCall,
            endpointPath: info.endpointPath,
            schemaRef: info.schemaRef
        });
    }

    /// @notice See IMarketplace.getPurchase.
    function getPurchase(PurchaseId purchaseId) external view returns (IMarketplace.Purchase memory) {
        PurchaseRecord memory record = _purchaseRecord(purchaseId);
        Layout storage $ = _layout();
        PurchaseProgress memory progress = $.progress[purchaseId];
        Offer memory offer = $.offers[record.offer];
        return IMarketplace.Purchase({
            consumer: record.consumer,
            providerId: offer.providerId,
            serviceId: offer.serviceId,
            calls: record.calls,
            pricePerCall: offer.pricePerCall,
            expiry: record.expiry,
            served: progress.served,
            refunded: progress.refunded
        });
    }

    /// @notice See IMarketplace.pendingFees. Walks the released head of the queue (a view for
    ///         off-chain callers: its cost grows with the number of released tranches).
    function pendingFees(ProviderId providerId) external view returns (uint256 pending, uint256 releasable) {
        Layout storage $ = _layout();
        FeeQueue memory queue = $.feeQueues[providerId];
        pending = queue.pending;
        mapping(uint256 => Tranche) storage tranches = $.tranches[providerId];
        for (uint256 i = queue.head; i < queue.tail; ++i) {
            Tranche memory tranche = tranches[i];
            // forge-lint: disable-next-line(block-timestamp) release times are delays ≥ 0 s; a view
            if (tranche.releaseAt > block.timestamp) break;
            releasable += tranche.amount;
        }
    }

    /// @notice See IMarketplace.inFlightCap.
    function inFlightCap(ProviderId providerId) external view returns (uint256) {
        Layout storage $ = _layout();
        return _cap($.providerHot[providerId].stake, $.ledger.inFlightMultipleBps);
    }

    /// @notice See IMarketplace.releaseDelayOf.
    function releaseDelayOf(ProviderId providerId) external view returns (uint32) {
        return _releaseDelay(_layout().providerHot[providerId].score);
    }

    /// @notice See IMarketplace.scoredPurchases.
    function scoredPurchases(ProviderId providerId, address consumer) external view returns (uint32) {
        return _layout().scoredPurchases[providerId][consumer];
    }

    /// @notice See IMarketplace.sessionKeyValidUntil.
    function sessionKeyValidUntil(address consumer, address key) external view returns (uint40) {
        return _layout().sessionKeys[consumer][key];
    }

    function _checkBounds(string memory name, uint256 value, uint256 min, uint256 max) private pure {
        require(value >= min && value <= max, IMarketplace.ParamOutOfBounds(name, value, min, max));
    }
}
