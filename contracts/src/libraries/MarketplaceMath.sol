// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Score weights and fee-release delays of the Marketplace
/// @notice Model. A provider's performance score is a sum of weights, one per scored purchase: the
///         k-th scored purchase of one consumer from one provider weighs
///             w(1) = 100,  w(2) = 200,  w(k) = 200 >> (k − 2) for 3 ≤ k ≤ 9,  w(k) = 0 from k = 10,
///         i.e. 100, 200, 100, 50, 25, 12, 6, 3, 1, 0, 0 … (the shift rounds down). A returning customer
///         (k = 2) is the strongest signal; after that each repeat counts half as much, so one
///         address adds at most 497 in total and wash trading through one address stops paying.
///
///         The release delay of a provider's fees falls linearly with its score s, from `maxDelay` at
///         s = 0 to `minDelay` at s ≥ `scoreForMin`:
///             delay(s) = maxDelay − (maxDelay − minDelay) × min(s, scoreForMin) / scoreForMin.
///         The quotient rounds down, so the delay rounds up (never shorter than the line says).
///         Example: maxDelay 7 days (604,800 s), minDelay 1 day (86,400 s), scoreForMin 10,000, s = 2,500:
///         604,800 − 518,400 × 2,500 / 10,000 = 604,800 − 129,600 = 475,200 s (5.5 days).
library MarketplaceMath {
    /// @notice Weight of a consumer's k-th scored purchase from one provider (k ≥ 1; 0 for k = 0).
    function scoreWeight(uint256 k) internal pure returns (uint64) {
        if (k == 1) return 100;
        // 200 >> 8 is already 0: from the 10th purchase on a consumer adds nothing
        if (k < 2 || k > 9) return 0;
        // forge-lint: disable-next-line(unsafe-typecast,incorrect-shift) 200 halved (k − 2) times: ≤ 200
        return uint64(200 >> (k - 2));
    }

    /// @notice Seconds a fee tranche waits at score `score` (see the model). Requires
    ///         `minDelay ≤ maxDelay` and `scoreForMin ≥ 1`, which the Marketplace's parameter bounds keep.
    function releaseDelay(uint256 score, uint32 minDelay, uint32 maxDelay, uint64 scoreForMin)
        internal
        pure
        returns (uint32)
    {
        uint256 capped = score < scoreForMin ? score : scoreForMin;
        // (maxDelay − minDelay) < 2^32 and capped ≤ 2^64: the product cannot overflow
        uint256 reduction = uint256(maxDelay - minDelay) * capped / scoreForMin;
        // forge-lint: disable-next-line(unsafe-typecast) reduction ≤ maxDelay − minDelay, so this is in [minDelay, maxDelay]
        return uint32(maxDelay - reduction);
    }
}
