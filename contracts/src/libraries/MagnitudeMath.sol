// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAllocationManager} from "../interfaces/IAllocationManager.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title Magnitude arithmetic of the AllocationManager
/// @notice Model. For each (operator, strategy) the operator's whole delegated stake is represented
///         by its max magnitude M (WAD at first). Allocating magnitude m to a set makes
///         `shares × m / M` of the stake slashable there. Slashing a fraction w of that allocation
///         removes s = ⌈m·w⌉ from both m and M; the DelegationManager then removes s / M of the
///         operator's shares. Another set holding magnitude m_B keeps its slashable stake:
///         `shares·(1 − s/M) · m_B / (M − s) = shares · m_B / M` (up to a wei of share rounding).
///         Rounding always goes against the operator: the slashed magnitude rounds up, the magnitude
///         a pending decrease will free rounds down, the slashable stake reported rounds down.
///         An allocation carries at most one pending change; once `block.number ≥ effectBlock`
///         the change is *due* and reads as applied.
library MagnitudeMath {
    /// @dev 1e18: a whole (max magnitude of an untouched operator, 100 % as a fraction)
    uint64 internal constant WAD = 1e18;

    /// @notice Magnitude removed from an allocation of `current` when slashing the fraction `wad`:
    ///         ⌈current · wad / WAD⌉, never more than `current` because `wad ≤ WAD`.
    function slashedMagnitude(uint64 current, uint256 wad) internal pure returns (uint64) {
        // ≤ current since wad ≤ WAD, so the cast cannot truncate
        return uint64(Math.mulDiv(current, wad, WAD, Math.Rounding.Ceil));
    }

    /// @notice What a pending decrease of `pending` still frees after its allocation was slashed by
    ///         `wad`: `pending − ⌈pending · wad / WAD⌉` = ⌊pending · (1 − wad)⌋. With the allocation
    ///         itself shrinking to ⌊current · (1 − wad)⌋ and `pending ≤ current`, the decrease can
    ///         never free more than the allocation holds.
    function scaledPendingDecrease(uint64 pending, uint256 wad) internal pure returns (uint64) {
        return pending - slashedMagnitude(pending, wad);
    }

    /// @notice Strategy shares made slashable by `magnitude` out of `maxMagnitude` (rounded down);
    ///         zero once the operator has been slashed to a zero max magnitude.
    function slashableShares(uint256 shares, uint64 magnitude, uint64 maxMagnitude)
        internal
        pure
        returns (uint256)
    {
        if (maxMagnitude == 0) return 0;
        return Math.mulDiv(shares, magnitude, maxMagnitude);
    }

    /// @notice Fraction (WAD, rounded up) of the operator's stake that a slash of `slashed` out of
    ///         `prevMaxMagnitude` removed.
    function wadOfStake(uint64 slashed, uint64 prevMaxMagnitude) internal pure returns (uint256) {
        return Math.mulDiv(slashed, WAD, prevMaxMagnitude, Math.Rounding.Ceil);
    }

    /// @notice The allocation with a due pending change applied.
    /// @return updated the allocation as it reads now.
    /// @return freed magnitude a due decrease returned to the operator (0 for an increase or
    ///         nothing due); the caller removes it from the encumbered magnitude.
    function applyDue(IAllocationManager.Allocation memory allocation)
        internal
        view
        returns (IAllocationManager.Allocation memory updated, uint64 freed)
    {
        updated = allocation;
        if (updated.pendingDiff == 0 || block.number < updated.effectBlock) return (updated, 0);
        if (updated.pendingDiff < 0) {
            // a pending decrease is never larger than the current magnitude, so it fits 64 bits
            freed = uint64(uint128(-updated.pendingDiff));
            updated.currentMagnitude -= freed;
        } else {
            // a pending increase was bounded by the max magnitude (≤ WAD), so it fits 64 bits
            updated.currentMagnitude += uint64(uint128(updated.pendingDiff));
        }
        updated.pendingDiff = 0;
        updated.effectBlock = 0;
    }
}
