// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice Sequence number of a slashing request in the ServiceManager (the first request is 1;
///         0 never names a request).
type SlashRequestId is uint64;
