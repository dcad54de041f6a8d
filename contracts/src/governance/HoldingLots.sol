// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Holding lots: how long an account has held its tokens, bounded and Sybil-safe
/// @notice Plain-language model (decision 0006). An account's balance is split into at most
///         `MAX_LOTS` *lots*, each an amount and the time it arrived, sorted oldest first. A lot of
///         age x weighs `amount × (RAMP + min(x, RAMP)) / RAMP`: 1× on arrival, rising linearly to 2×
///         after RAMP (a year), then flat. Tokens that arrive (mint or transfer in) form a new lot of
///         age 0 — moving tokens never keeps their age. Tokens that leave are taken from the youngest
///         lots first. When the list is full, the adjacent pair of stored lots whose merge loses the
///         least weight now is merged before the arriving lot is appended, and the merged lot takes
///         the *younger* time: a merge can only lose weight, never gain it.
///
///         Consequences: no transfer, split or merge can raise the total weight at any time (a moved
///         unit weighed at least as much where it was), and after a time s the lots acquired at or
///         before s only shrink or get younger, so the weight at s of an account's *current* lots is
///         at most what it held at s — votes at a past snapshot need no history.
///
///         Weights are returned as numerators (`amount × factor`, in token-seconds scaled by RAMP);
///         callers divide by RAMP once per account, so splitting cannot harvest rounding.
library HoldingLots {
    /// @dev Eight lots bound the gas of every transfer (at most eight slots read, eight written on a
    ///      merge) and are plenty for an account's real acquisitions; dust cannot reset old lots.
    uint256 internal constant MAX_LOTS = 8;
    /// @dev A year from 1× to the 2× cap.
    uint256 internal constant RAMP = 365 days;

    /// @dev 208 + 48 bits: one slot. Amounts fit because the token caps its supply at 2^208 − 1.
    struct Lot {
        uint208 amount;
        uint48 acquiredAt;
    }

    /// @dev Lots beyond `length` are stale and never read; they are left in place so that the next
    ///      lot pushed there writes a non-zero slot (2,900 gas instead of 20,000).
    struct List {
        uint256 length;
        Lot[MAX_LOTS] lots;
    }

    /// @notice Records `amount` arriving at `timepoint` (≥ every lot's time): a new lot (after a
    ///         least-loss merge of two stored lots when the list is full), or the youngest lot when that
    ///         one arrived in the same second.
    function add(List storage list, uint256 amount, uint48 timepoint) internal {
        if (amount == 0) return;
        uint256 n = list.length;
        if (n != 0) {
            Lot storage youngest = list.lots[n - 1];
            if (youngest.acquiredAt == timepoint) {
                // forge-lint: disable-next-line(unsafe-typecast) same second: same age, nothing to lose. The sum is ≤ the token's supply (< 2^208).
                youngest.amount = uint208(youngest.amount + amount);
                return;
            }
        }
        if (n < MAX_LOTS) {
            // forge-lint: disable-next-line(unsafe-typecast) lot amounts are ≤ the token supply, capped at 2^208 − 1
            list.lots[n] = Lot({amount: uint208(amount), acquiredAt: timepoint});
            list.length = n + 1;
            return;
        }
        _mergeAndPush(list, amount, timepoint);
    }

    /// @notice Takes `amount` out of the youngest lots first. The caller guarantees the lots hold it
    ///         (they sum to the balance the token has just debited).
    function remove(List storage list, uint256 amount) internal {
        if (amount == 0) return;
        uint256 n = list.length;
        uint256 kept = n;
        while (amount != 0) {
            Lot storage lot = list.lots[kept - 1];
            uint256 held = lot.amount;
            if (held > amount) {
                // forge-lint: disable-next-line(unsafe-typecast) held − amount < held < 2^208
                lot.amount = uint208(held - amount);
                break;
            }
            amount -= held;
            --kept;
        }
        if (kept != n) list.length = kept;
    }

    /// @notice Σ amount × factor(timepoint − acquiredAt) over the lots acquired at or before `timepoint`
    ///         (divide by RAMP for token units of weight).
    function weightAt(List storage list, uint48 timepoint) internal view returns (uint256 numerator) {
        uint256 n = list.length;
        for (uint256 i; i < n; ++i) {
            Lot memory lot = list.lots[i];
            // sorted oldest first: nothing after this lot was held at `timepoint`
            if (lot.acquiredAt > timepoint) break;
            numerator += uint256(lot.amount) * factor(timepoint - lot.acquiredAt);
        }
    }

    /// @notice Sum of the lots (equal to the account's balance).
    function total(List storage list) internal view returns (uint256 sum) {
        uint256 n = list.length;
        for (uint256 i; i < n; ++i) {
            sum += list.lots[i].amount;
        }
    }

    /// @notice The lots, oldest first.
    function toArray(List storage list) internal view returns (Lot[] memory lots) {
        uint256 n = list.length;
        lots = new Lot[](n);
        for (uint256 i; i < n; ++i) {
            lots[i] = list.lots[i];
        }
    }

    /// @notice RAMP + min(age, RAMP): RAMP at age 0, 2·RAMP from one RAMP on.
    function factor(uint256 age) internal pure returns (uint256) {
        return RAMP + (age < RAMP ? age : RAMP);
    }

    /// @dev The list is full. Merges the adjacent pair of *stored* lots that loses least weight at
    ///      `timepoint` (ties go to the youngest pair: fewest slots to move), then appends the arriving
    ///      lot. The arrival is never merged itself: were it merged into the youngest lot, a stream of
    ///      dust could keep resetting that lot's age; kept apart, the dust lots become the cheapest
    ///      pairs and absorb the merges (decision 0006, "Dust griefing").
    function _mergeAndPush(List storage list, uint256 amount, uint48 timepoint) private {
        Lot[MAX_LOTS] memory lots = list.lots;
        uint256 last = MAX_LOTS - 1;
        uint256 best;
        uint256 bestLoss = type(uint256).max;
        for (uint256 i = last; i != 0;) {
            --i;
            // pair (i, i+1): the older lot takes the younger one's age; loss = older amount × lost age
            uint256 lost =
                _capped(timepoint - lots[i].acquiredAt) - _capped(timepoint - lots[i + 1].acquiredAt);
            uint256 loss = uint256(lots[i].amount) * lost;
            if (loss < bestLoss) (best, bestLoss) = (i, loss);
        }
        // both amounts are in one account, so their sum is below the supply cap
        list.lots[best] = Lot({
            amount: uint208(uint256(lots[best].amount) + lots[best + 1].amount),
            acquiredAt: lots[best + 1].acquiredAt
        });
        for (uint256 j = best + 1; j < last; ++j) {
            list.lots[j] = lots[j + 1];
        }
        // forge-lint: disable-next-line(unsafe-typecast) lot amounts are ≤ the token supply, capped at 2^208 − 1
        list.lots[last] = Lot({amount: uint208(amount), acquiredAt: timepoint});
    }

    function _capped(uint256 age) private pure returns (uint256) {
        return age < RAMP ? age : RAMP;
    }
}
