// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../interfaces/IMarketplace.sol";
import {ProviderId, PurchaseId, ServiceId} from "../types/MarketplaceIds.sol";
import {MarketplaceBase} from "./MarketplaceBase.sol";
import {MarketplaceViews} from "./MarketplaceViews.sol";
import {ProviderStakes} from "./ProviderStakes.sol";
import {Purchases} from "./Purchases.sol";
import {ServiceCatalogue} from "./ServiceCatalogue.sol";
import {UsageClaims} from "./UsageClaims.sol";
import {ViewDelegation} from "./ViewDelegation.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title The security marketplace (the model is in IMarketplace)
/// @notice Holds provider stakes, purchase escrow, pending provider fees and protocol fees, all in the
///         utility token, and keeps `balanceOf(this) == totalStaked + totalUnstaking + totalEscrow +
///         totalPendingFees + protocolFeesAccrued` after every call.
///
///         One contract assembled from one base per purpose: MarketplaceBase (roles, parameters,
///         totals), ProviderStakes, ServiceCatalogue, Purchases, UsageClaims. Its larger views run in
///         MarketplaceViews, created here, through ViewDelegation: the functions below are stubs that
///         delegate, which keeps this contract under the 24,576-byte limit.
contract Marketplace is ProviderStakes, ServiceCatalogue, Purchases, UsageClaims, ViewDelegation {
    constructor(
        IERC20 token_,
        address initialOwner,
        address initialPauser,
        address treasury_,
        Params memory initialParams
    )
        MarketplaceBase(token_, initialOwner, initialPauser, treasury_)
        ViewDelegation(address(new MarketplaceViews()))
    {
        _setParams(initialParams);
    }

    /// @dev The bounds check runs in MarketplaceViews, by a plain call to its pure `checkParams`: it
    ///      runs only when governance sets parameters, and its ten named bounds are a kilobyte of code.
    function _checkParams(Params memory p) internal view override {
        MarketplaceViews(_views).checkParams(p);
    }

    // ───────────── delegated views (answered by MarketplaceViews) ─────────────
    // `_delegateView` returns MarketplaceViews' answer straight to the caller and never comes back
    // here; each stub names its return values and mentions them once only because the compiler
    // would otherwise warn that they are never assigned.

    /// @inheritdoc IMarketplace
    function params() external view returns (Params memory p) {
        _delegateView();
        p;
    }

    /// @inheritdoc IMarketplace
    function getProvider(ProviderId) external view returns (Provider memory provider) {
        _delegateView();
        provider;
    }

    /// @inheritdoc IMarketplace
    function getService(ServiceId) external view returns (Service memory service) {
        _delegateView();
        service;
    }

    /// @inheritdoc IMarketplace
    function getPurchase(PurchaseId) external view returns (Purchase memory record) {
        _delegateView();
        record;
    }

    /// @inheritdoc IMarketplace
    function pendingFees(ProviderId) external view returns (uint256 pending, uint256 releasable) {
        _delegateView();
        pending;
        releasable;
    }

    /// @inheritdoc IMarketplace
    function inFlightCap(ProviderId) external view returns (uint256 cap) {
        _delegateView();
        cap;
    }

    /// @inheritdoc IMarketplace
    function releaseDelayOf(ProviderId) external view returns (uint32 delay) {
        _delegateView();
        delay;
    }

    /// @inheritdoc IMarketplace
    function scoredPurchases(ProviderId, address) external view returns (uint32 count) {
        _delegateView();
        count;
    }

    /// @inheritdoc IMarketplace
    function sessionKeyValidUntil(address, address) external view returns (uint40 validUntil) {
        _delegateView();
        validUntil;
    }
}
