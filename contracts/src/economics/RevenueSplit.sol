// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IRevenueDistributor} from "../interfaces/IRevenueDistributor.sol";

/// @title The operators' share of an epoch's revenue (decision 0007)
/// @notice Model. With epoch revenue R (PAL), registered providers P, and enforcement E = executed
///         slashes S + settled challenges C,
///
///             bps = clamp( base + kE·min(E, capE) + kP·min(P, capP) − kR·min(⌊R / unit⌋, capR),
///                          min, max )
///
///         Enforcement and providers are work operators do (verify, adjudicate, slash), so they raise
///         the operators' share; revenue beyond what the work costs is return on the capital the
///         investors put at risk, so it lowers it. Every term is capped, so one epoch's counters can
///         move the share by at most kE·capE up or kR·capR down, and the result stays in [min, max].
library RevenueSplit {
    uint16 internal constant BPS = 10_000;
    /// @dev bounds on the coefficients governance may set: the operators' share can never fall
    ///      below 10 % nor exceed 90 %, and no one term moves it by more than 50 %
    uint16 internal constant FLOOR_BPS = 1000;
    uint16 internal constant CEIL_BPS = 9000;
    uint256 internal constant MAX_TERM_BPS = 5000;

    function operatorsBps(
        IRevenueDistributor.Params memory p,
        uint256 revenue,
        uint256 providers,
        uint256 enf
    ) internal pure returns (uint16) {
        uint256 up = uint256(p.baseBps) + uint256(p.enforcementBps) * _min(enf, p.enforcementCap)
            + uint256(p.providerBps) * _min(providers, p.providerCap);
        uint256 down = uint256(p.revenueBps) * _min(revenue / p.revenueUnit, p.revenueCap);
        uint256 bps = up > down ? up - down : 0;
        if (bps < p.minBps) bps = p.minBps;
        if (bps > p.maxBps) bps = p.maxBps;
        // forge-lint: disable-next-line(unsafe-typecast) clamped to maxBps, a uint16
        return uint16(bps);
    }

    /// @dev Reverts `ParamOutOfBounds` unless FLOOR ≤ min ≤ base ≤ max ≤ CEIL, each term ≤ MAX_TERM_BPS,
    ///      a nonzero revenue unit and an epoch of 1 hour to 90 days.
    function check(IRevenueDistributor.Params memory p) internal pure {
        _bound("minBps", p.minBps, FLOOR_BPS, CEIL_BPS);
        _bound("maxBps", p.maxBps, p.minBps, CEIL_BPS);
        _bound("baseBps", p.baseBps, p.minBps, p.maxBps);
        _bound("enforcementTerm", uint256(p.enforcementBps) * p.enforcementCap, 0, MAX_TERM_BPS);
        _bound("providerTerm", uint256(p.providerBps) * p.providerCap, 0, MAX_TERM_BPS);
        _bound("revenueTerm", uint256(p.revenueBps) * p.revenueCap, 0, MAX_TERM_BPS);
        _bound("revenueUnit", p.revenueUnit, 1, type(uint128).max);
        _bound("epochLength", p.epochLength, 1 hours, 90 days);
    }

    function _bound(string memory name, uint256 v, uint256 lo, uint256 hi) private pure {
        require(v >= lo && v <= hi, IRevenueDistributor.ParamOutOfBounds(name, v, lo, hi));
    }

    function _min(uint256 a, uint256 b) private pure returns (uint256) {
        return a < b ? a : b;
    }
}
