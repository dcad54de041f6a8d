// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title Share pools split into units
/// @notice Plain-language model. A pool holds some strategy *shares* and is divided into *units*;
///         whoever owns `u` of the pool's `U` units owns `u / U` of its `S` shares. Joining mints units
///         at the current price (`shares × U / S`), leaving burns units and pays `units × S / U`
///         shares. A slash takes shares out of the pool and leaves the units alone, so every owner
///         loses the same fraction without anybody's units being touched — that is what makes a
///         slash O(1) however many stakers and queued withdrawals an operator has.
///
///         Rounding always favours the owners who stay: units minted on joining round down, shares
///         paid on leaving round down, units burned for a requested amount of shares round up, and
///         shares slashed round up. So the price `S / U` of the units left behind never falls,
///         except through a slash.
///
///         An empty pool (no units) restarts at one unit per share, and whatever dust shares the
///         previous owners' round-downs left behind go to the first new owner. A pool with units but
///         no shares has been slashed to zero: its units are worthless and it cannot take new shares
///         as it is (any shares added would be shared with the worthless units).
///
///         Generations. Such a pool can instead start a new *generation*: its units are set to zero
///         (the shares already are) and its generation number goes up by one, so it takes new shares at
///         one unit per share again. Units minted in an earlier generation are no longer counted in
///         the pool; they were worth nothing when it restarted and stay worth nothing, and must be
///         burnt without touching the pool (check `isCurrent` before `leave`). Owners who can be made to leave (stakers' positions) need no
///         generations; owners who leave only when they choose to (queued withdrawals) do, or one
///         owner that never leaves would keep the pool closed forever. Whoever uses generations
///         records the generation its units were minted in and passes it back to value or burn them.
library PoolMath {
    struct Pool {
        uint256 shares;
        uint256 units;
        /// @dev number of restarts after a slash to zero; units are only worth something in this one
        uint256 generation;
    }

    /// @notice Whether the pool was slashed to zero while still owned: new shares cannot enter it.
    function isFullySlashed(Pool storage pool) internal view returns (bool) {
        return pool.units != 0 && pool.shares == 0;
    }

    /// @notice If the pool is fully slashed, starts a new generation (units 0, generation + 1), after
    ///         which it takes new shares; returns whether it did.
    function restartIfFullySlashed(Pool storage pool) internal returns (bool restarted) {
        if (!isFullySlashed(pool)) return false;
        pool.units = 0;
        unchecked {
            // a restart needs a slash to zero and new shares after it: 2^256 of them cannot happen
            ++pool.generation;
        }
        return true;
    }

    /// @notice Whether units minted in `generation` still belong to the pool.
    function isCurrent(Pool storage pool, uint256 generation) internal view returns (bool) {
        return pool.generation == generation;
    }

    /// @notice Adds `shares` to the pool and returns the units minted for them (rounded down).
    /// @dev The caller must check `isFullySlashed` (or `restartIfFullySlashed`) first; adding zero
    ///      shares mints nothing.
    function join(Pool storage pool, uint256 shares) internal returns (uint256 units) {
        if (shares == 0) return 0;
        uint256 poolShares = pool.shares;
        uint256 poolUnits = pool.units;
        // an empty pool restarts at one unit per share, the newcomer also taking any dust shares left
        units = poolUnits == 0 ? poolShares + shares : Math.mulDiv(shares, poolUnits, poolShares);
        pool.shares = poolShares + shares;
        pool.units = poolUnits + units;
    }

    /// @notice Burns `units` and returns the shares they were worth (rounded down), taken out of the pool.
    function leave(Pool storage pool, uint256 units) internal returns (uint256 shares) {
        shares = sharesOf(pool, units);
        pool.shares -= shares;
        pool.units -= units;
    }

    /// @notice Shares `units` are worth now (rounded down).
    function sharesOf(Pool storage pool, uint256 units) internal view returns (uint256) {
        uint256 poolUnits = pool.units;
        return poolUnits == 0 ? 0 : Math.mulDiv(units, pool.shares, poolUnits);
    }

    /// @notice Shares `units` minted in `generation` are worth now: nothing for an earlier generation.
    function sharesOf(Pool storage pool, uint256 units, uint256 generation) internal view returns (uint256) {
        return isCurrent(pool, generation) ? sharesOf(pool, units) : 0;
    }

    /// @notice Units to burn for at least `shares` shares (rounded up), at most `available`. Asking for
    ///         everything `available` units are worth takes all of them, so no dust units are left.
    function unitsFor(Pool storage pool, uint256 shares, uint256 available) internal view returns (uint256) {
        if (shares >= sharesOf(pool, available)) return available;
        uint256 units = Math.mulDiv(shares, pool.units, pool.shares, Math.Rounding.Ceil);
        return units > available ? available : units;
    }

    /// @notice Removes the fraction `(prev − next) / prev` of the pool's shares, rounded up; units are
    ///         unchanged. Requires `next < prev`.
    /// @dev No cap is needed: `next >= 0` makes the exact product at most `poolShares`, an integer, so
    ///      its ceiling is too.
    function slash(Pool storage pool, uint64 prev, uint64 next) internal returns (uint256 slashed) {
        uint256 poolShares = pool.shares;
        slashed = Math.mulDiv(poolShares, prev - next, prev, Math.Rounding.Ceil);
        pool.shares = poolShares - slashed;
    }
}
