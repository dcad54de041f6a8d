// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice Sequence number of a provider in the Marketplace (the first provider is 1; 0 never names one).
type ProviderId is uint32;

/// @notice Sequence number of a service in the Marketplace's catalogue (first is 1; 0 never names one).
type ServiceId is uint32;

/// @notice Sequence number of a purchase (first is 1; 0 never names one). Access tokens and usage
///         proofs are bound to it.
type PurchaseId is uint64;

/// @notice Sequence number of a review in the ReviewBoard (first is 1; 0 never names one).
type ReviewId is uint64;

/// @notice Sequence number of a provider slashing request in ProviderSlashing (first is 1).
type ProviderSlashId is uint64;
