// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title Reward-per-share arithmetic for the RewardsCoordinator
/// @notice Model. A stream pays `rate` tokens per second (stored ×RATE_SCALE) while it runs. Over an
///         interval in which the stream's receivers hold a constant total `weight`, every unit of
///         weight earns `elapsed × rate / weight`; the running sum of that quotient is the
///         stream's *accumulator* (stored ×ACC_SCALE). A receiver holding `w` units from
///         accumulator value `a0` to `a1` has earned `w × (a1 − a0)`; it remembers `a1` (its *debt*)
///         at each settlement. The same pattern is used twice: operators receive from streams in
///         proportion to their allocated stake, and each operator's stakers receive from the
///         operator's pool accumulator in proportion to their units.
///
///         Rounding. Every quotient rounds down, so the sum of what receivers earn never exceeds
///         what was put in: (i) the rate keeps `floor(amount × RATE_SCALE / duration)`, losing
///         < 1 wei per submission; (ii) an accumulator step `floor(x × ACC_SCALE / weight)` loses
///         < `weight / ACC_SCALE` wei (< 1 wei while the total weight is below 1e36); (iii) each
///         settlement `floor(w × Δacc / ACC_SCALE)` loses < 1 wei. Nothing else is lost.
///
///         Wrapping. Accumulators only grow, and only their differences matter, so they are added
///         and subtracted modulo 2^256 (as Uniswap's fee growth is). The difference between two
///         readings is exact as long as the true growth between them is below 2^256, i.e. below
///         ~1e41 tokens per unit of weight — far beyond any funding. Wrapping instead of reverting
///         matters: checkpoints run inside the DelegationManager's deposits and withdrawals, and
///         must never revert because of an accumulator's age.
library RewardsMath {
    /// @notice Scale of a stream's rate: tokens per second × 1e18, so short streams of small
    ///         amounts keep 18 decimals of precision.
    uint256 internal constant RATE_SCALE = 1e18;
    /// @notice Scale of both accumulators: tokens per unit of weight (or pool unit) × 1e36. 1e36 keeps
    ///         the per-step loss (< weight / 1e36 wei) below one wei for any realistic stake (< 1e18
    ///         tokens of 18 decimals) while `amount × 1e36` stays far from 2^256 for amounts ≤ 2^128.
    uint256 internal constant ACC_SCALE = 1e36;
    /// @notice Commission denominator: basis points.
    uint16 internal constant BIPS = 10_000;

    /// @notice Rate (×RATE_SCALE) that pays `amount` over `duration` seconds.
    function rateFor(uint256 amount, uint256 duration) internal pure returns (uint256) {
        return amount * RATE_SCALE / duration;
    }

    /// @notice Tokens a stream of `rate` (×RATE_SCALE) still owes between `nowTs` and `finish`.
    function remaining(uint256 rate, uint256 finish, uint256 nowTs) internal pure returns (uint256) {
        if (finish <= nowTs) return 0;
        return Math.mulDiv(rate, finish - nowTs, RATE_SCALE);
    }

    /// @notice Accumulator growth when `rate` (×RATE_SCALE) runs `elapsed` seconds over `weight`.
    /// @dev `elapsed × rate` ≤ `amount × RATE_SCALE` because `elapsed` never exceeds the duration the
    ///      rate was computed for; mulDiv keeps the ×ACC_SCALE product in 512 bits.
    function streamGrowth(uint256 rate, uint256 elapsed, uint256 weight) internal pure returns (uint256) {
        return Math.mulDiv(rate * elapsed, ACC_SCALE / RATE_SCALE, weight);
    }

    /// @notice Accumulator growth when `amount` tokens are shared over `units`.
    function poolGrowth(uint256 amount, uint256 units) internal pure returns (uint256) {
        return Math.mulDiv(amount, ACC_SCALE, units);
    }

    /// @notice `acc + growth`, modulo 2^256 (see Wrapping).
    function add(uint256 acc, uint256 growth) internal pure returns (uint256 sum) {
        // unchecked: accumulators wrap by design; only differences of two readings are used
        unchecked {
            sum = acc + growth;
        }
    }

    /// @notice Tokens earned by `weight` units while the accumulator went from `debt` to `acc`.
    function earned(uint256 weight, uint256 acc, uint256 debt) internal pure returns (uint256) {
        uint256 delta;
        // unchecked: the accumulator may have wrapped past 2^256 since `debt`; the modular
        // difference is the true growth (see Wrapping)
        unchecked {
            delta = acc - debt;
        }
        if (delta == 0 || weight == 0) return 0;
        return Math.mulDiv(weight, delta, ACC_SCALE);
    }

    /// @notice Splits `amount` into the operator's commission (`bips`/10000, rounded down) and the rest.
    function split(uint256 amount, uint16 bips) internal pure returns (uint256 commission, uint256 rest) {
        commission = amount * bips / BIPS;
        // unchecked: commission ≤ amount because bips ≤ BIPS
        unchecked {
            rest = amount - commission;
        }
    }
}
