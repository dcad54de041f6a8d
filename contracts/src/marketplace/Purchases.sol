// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../interfaces/IMarketplace.sol";
import {IThreatResponse} from "../interfaces/IThreatResponse.sol";
import {ProviderId, PurchaseId, ServiceId} from "../types/MarketplaceIds.sol";
import {MarketplaceBase} from "./MarketplaceBase.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title Purchases into escrow, the consumers' session keys and refunds
/// @notice `purchase` is the hot path: it reads three packed slots (the service, the ledger, the
///         provider), writes two of them and creates one (see MarketplaceStorage).
abstract contract Purchases is MarketplaceBase {
    using SafeERC20 for IERC20;

    /// @inheritdoc IMarketplace
    function purchase(ServiceId serviceId, uint32 calls, uint96 maxPricePerCall, uint40 expiry)
        external
        whenNotPaused(PAUSE_PURCHASES)
        returns (PurchaseId purchaseId)
    {
        return _purchase(serviceId, calls, maxPricePerCall, expiry);
    }

    /// @inheritdoc IMarketplace
    /// @dev The permit is tried and its failure ignored on purpose (as in StrategyManager): anyone can
    ///      submit the signed permit from the mempool first, which would make ours revert and block the
    ///      purchase. If the permit failed for any other reason the allowance is missing and
    ///      `transferFrom` reverts with the token's own error, so no failure goes unreported.
    function purchaseWithPermit(
        ServiceId serviceId,
        uint32 calls,
        uint96 maxPricePerCall,
        uint40 expiry,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external whenNotPaused(PAUSE_PURCHASES) returns (PurchaseId purchaseId) {
        try IERC20Permit(address(_token))
            .permit(msg.sender, address(this), uint256(calls) * maxPricePerCall, deadline, v, r, s) {}
            catch {}
        return _purchase(serviceId, calls, maxPricePerCall, expiry);
    }

    /// @inheritdoc IMarketplace
    /// @dev Never paused. Lowering an existing key's end is a revocation: it cannot end sooner than
    ///      `revokeSessionKey` would (`min(current end, now + sessionRevocationDelay)`), so tokens a
    ///      provider has already accepted stay claimable either way.
    function authorizeSessionKey(address key, uint40 validUntil) external {
        require(key != address(0), ZeroAddress());
        uint40 current = _layout().sessionKeys[msg.sender][key];
        if (validUntil < current) {
            uint40 floor = _revocationEnd(current);
            if (validUntil < floor) validUntil = floor;
        }
        _setSessionKey(msg.sender, key, validUntil);
    }

    /// @inheritdoc IMarketplace
    /// @dev Never paused. Reverts `InvalidSessionKey(key)` for a key that is not valid now (never
    ///      authorised, or already ended).
    function revokeSessionKey(address key) external {
        uint40 current = _layout().sessionKeys[msg.sender][key];
        // forge-lint: disable-next-line(block-timestamp) the revocation delay is ≥ 60 s: drift is harmless
        require(current > block.timestamp, InvalidSessionKey(key));
        _setSessionKey(msg.sender, key, _revocationEnd(current));
    }

    /// @inheritdoc IMarketplace
    function refund(PurchaseId purchaseId) external whenNotPaused(PAUSE_REFUNDS) returns (uint96 amount) {
        Layout storage $ = _layout();
        PurchaseRecord memory record = _purchaseRecord(purchaseId);
        PurchaseProgress memory progress = $.progress[purchaseId];
        require(!progress.refunded, PurchaseRefunded(purchaseId));
        uint256 availableAt = uint256(record.expiry) + $.params.refundGrace;
        // forge-lint: disable-next-line(block-timestamp) the grace is ≥ 60 s: seconds of drift are harmless
        require(block.timestamp >= availableAt, RefundNotYetAvailable(purchaseId, availableAt));
        uint32 unserved = record.calls - progress.served;
        require(unserved != 0, NothingToRefund(purchaseId));
        Offer memory offer = $.offers[record.offer];
        // forge-lint: disable-next-line(unsafe-typecast) ≤ calls × price, which fit the provider's uint96 in-flight
        amount = uint96(uint256(unserved) * offer.pricePerCall);
        $.progress[purchaseId].refunded = true;
        $.providerHot[offer.providerId].inFlight -= amount;
        $.ledger.totalEscrow -= amount;
        emit Refunded(purchaseId, record.consumer, unserved, amount);
        _token.safeTransfer(record.consumer, amount);
    }

    /// @dev Checks the service, the price, the expiry and the provider's cap, then escrows
    ///      `calls × price` for a new purchase of the service's current offer.
    function _purchase(ServiceId serviceId, uint32 calls, uint96 maxPricePerCall, uint40 expiry)
        internal
        returns (PurchaseId purchaseId)
    {
        Layout storage $ = _layout();
        ServiceHot memory service = _service(serviceId);
        require(service.active, ServiceInactive(serviceId));
        _checkNotThreatPaused(serviceId);
        require(calls != 0, ZeroCalls());
        require(service.pricePerCall <= maxPricePerCall, PriceAboveMax(service.pricePerCall, maxPricePerCall));
        PurchaseLedger storage ledger = $.ledger;
        _checkExpiry(expiry, ledger.maxPurchaseDuration);
        uint256 value = uint256(calls) * service.pricePerCall;
        _reserve(service.providerId, value, ledger.inFlightMultipleBps);

        // 2^64 purchases are out of reach
        unchecked {
            purchaseId = PurchaseId.wrap(++ledger.purchaseCount);
        }
        // forge-lint: disable-next-line(unsafe-typecast) value ≤ the provider's in-flight, a uint96
        ledger.totalEscrow += uint128(value);
        // forge-lint: disable-next-line(unsafe-typecast) expiry < 2^32, checked above
        $.purchases[purchaseId] = PurchaseRecord(msg.sender, service.offer, calls, uint32(expiry));
        emit PurchaseConfirmed(
            purchaseId, msg.sender, service.providerId, serviceId, calls, service.pricePerCall, expiry
        );
        _token.safeTransferFrom(msg.sender, address(this), value);
    }

    /// @dev Reverts `ServicePausedByThreatResponse(serviceId, until)` while the ThreatResponse has the
    ///      service paused.
    function _checkNotThreatPaused(ServiceId serviceId) internal view {
        IThreatResponse response = _layout().threatResponse;
        if (address(response) == address(0)) return;
        uint64 until = response.servicePausedUntil(ServiceId.unwrap(serviceId));
        // forge-lint: disable-next-line(block-timestamp) pauses last minutes to days: drift is harmless
        require(block.timestamp >= until, ServicePausedByThreatResponse(serviceId, until));
    }

    /// @dev `expiry` must be in the future and at most `maxDuration` ahead.
    function _checkExpiry(uint40 expiry, uint256 maxDuration) internal view {
        uint256 latest = block.timestamp + maxDuration;
        // the record keeps expiry in 32 bits: refuse (from 2106 on) what it could not hold
        if (latest > type(uint32).max) latest = type(uint32).max;
        // forge-lint: disable-next-line(block-timestamp) an expiry is minutes to a year away: drift is harmless
        bool inRange = expiry > block.timestamp && expiry <= latest;
        // forge-lint: disable-next-line(unsafe-typecast) latest ≤ 2^32 − 1
        require(inRange, InvalidExpiry(expiry, uint40(latest)));
    }

    /// @dev Adds `value` to the provider's in-flight value, within its cap.
    function _reserve(ProviderId providerId, uint256 value, uint256 multipleBps) internal {
        ProviderHot storage hot = _layout().providerHot[providerId];
        uint256 inFlightAfter = hot.inFlight + value;
        uint256 cap = _cap(hot.stake, multipleBps);
        require(inFlightAfter <= cap, InFlightCapExceeded(providerId, inFlightAfter, cap));
        // reverts only if the cap itself exceeds 2^96 (a stake near 2^96 / 100)
        hot.inFlight = SafeCast.toUint96(inFlightAfter);
    }

    /// @dev When a revocation now would end a key that currently ends at `current`.
    function _revocationEnd(uint40 current) internal view returns (uint40) {
        // timestamps fit 40 bits for 35,000 years; the delay is at most 7 days
        uint40 end = uint40(block.timestamp + _layout().params.sessionRevocationDelay);
        return end < current ? end : current;
    }

    function _setSessionKey(address consumer, address key, uint40 validUntil) internal {
        _layout().sessionKeys[consumer][key] = validUntil;
        emit SessionKeySet(consumer, key, validUntil);
    }
}
