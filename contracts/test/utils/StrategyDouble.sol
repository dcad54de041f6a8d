// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice Stand-in strategy for AllocationManager unit tests: shares convert to underlying at a
///         settable rate (1:1 by default). Only the views the AllocationManager reads.
contract StrategyDouble {
    uint256 public rateWad = 1e18;

    function setRateWad(uint256 newRateWad) external {
        rateWad = newRateWad;
    }

    function sharesToUnderlyingView(uint256 shares) external view returns (uint256) {
        return shares * rateWad / 1e18;
    }

    function underlyingToSharesView(uint256 amount) external view returns (uint256) {
        return amount * 1e18 / rateWad;
    }
}
