// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../interfaces/IMarketplace.sol";
import {ProviderId, ServiceId} from "../types/MarketplaceIds.sol";
import {MarketplaceBase} from "./MarketplaceBase.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title The service catalogue: services, their fees and the offers purchases point to
/// @notice Every price a service ever had is an immutable offer (service, provider, price); the
///         service points to its current one and each purchase keeps the index of the offer it
///         bought, so a fee update never touches an existing purchase.
abstract contract ServiceCatalogue is MarketplaceBase {
    /// @inheritdoc IMarketplace
    function registerService(
        ProviderId providerId,
        Category category,
        uint96 pricePerCall,
        string calldata endpointPath,
        string calldata schemaRef
    ) external whenNotPaused(PAUSE_PROVIDERS) returns (ServiceId serviceId) {
        _checkProviderOwner(providerId);
        require(pricePerCall != 0, PriceZero());
        _checkNotEmpty(endpointPath);
        _checkNotEmpty(schemaRef);
        Layout storage $ = _layout();
        serviceId = ServiceId.wrap(++$.serviceCount);
        $.serviceHot[serviceId] = ServiceHot({
            providerId: providerId,
            pricePerCall: pricePerCall,
            offer: _pushOffer(serviceId, providerId, pricePerCall),
            active: true,
            category: category
        });
        ServiceInfo storage info = $.serviceInfo[serviceId];
        info.endpointPath = endpointPath;
        info.schemaRef = schemaRef;
        ++$.providerInfo[providerId].serviceCount;
        emit ServiceRegistered(serviceId, providerId, category, pricePerCall, endpointPath, schemaRef);
    }

    /// @inheritdoc IMarketplace
    function updateServiceFee(ServiceId serviceId, uint96 pricePerCall)
        external
        whenNotPaused(PAUSE_PROVIDERS)
    {
        ServiceHot memory service = _service(serviceId);
        _checkProviderOwner(service.providerId);
        require(pricePerCall != 0, PriceZero());
        ServiceHot storage hot = _layout().serviceHot[serviceId];
        hot.pricePerCall = pricePerCall;
        hot.offer = _pushOffer(serviceId, service.providerId, pricePerCall);
        emit ServiceFeeUpdated(serviceId, service.pricePerCall, pricePerCall);
    }

    /// @inheritdoc IMarketplace
    /// @dev The owner (governance) may set either state: it delists, and it can undo its own delisting.
    function setServiceActive(ServiceId serviceId, bool active) external whenNotPaused(PAUSE_PROVIDERS) {
        ServiceHot memory service = _service(serviceId);
        if (msg.sender != owner()) _checkProviderOwner(service.providerId);
        _layout().serviceHot[serviceId].active = active;
        emit ServiceActiveSet(serviceId, active);
    }

    /// @dev Pushes an immutable offer and returns its index.
    function _pushOffer(ServiceId serviceId, ProviderId providerId, uint96 pricePerCall)
        internal
        returns (uint32 index)
    {
        Offer[] storage offers = _layout().offers;
        // a purchase stores the index in 32 bits: 4 billion fee changes are out of reach, but refuse
        // rather than wrap
        index = SafeCast.toUint32(offers.length);
        offers.push(Offer(serviceId, providerId, pricePerCall));
    }
}
