// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @notice Reference models for the Sybil-safety tests of the holding lots (decision 0006).
///         - *Unbounded lots*: the contract's rules without a cap on the number of lots (so no merge
///           ever happens): arrivals are new lots at their time, departures take the youngest first.
///           The contract's weight of every account must be at most this model's.
///         - *No-transfer world*: every token keeps the time it was minted, wherever it moves, and a
///           burn removes the youngest minted tokens first (what no transfer could make younger).
///           The contract's total weight must be at most this model's.
///         Weights are numerators `amount × (RAMP + min(age, RAMP))`, as HoldingLots returns them.
contract LotsReference {
    uint256 internal constant RAMP = 365 days;

    struct Lot {
        uint256 amount;
        uint256 acquiredAt;
    }

    mapping(address account => Lot[]) internal _lots;
    /// @dev the no-transfer world: all tokens in existence by mint time, oldest first
    Lot[] internal _minted;

    function onMint(address to, uint256 amount, uint256 time) external {
        _add(_lots[to], amount, time);
        _add(_minted, amount, time);
    }

    function onBurn(address from, uint256 amount) external {
        _remove(_lots[from], amount);
        _remove(_minted, amount);
    }

    function onTransfer(address from, address to, uint256 amount, uint256 time) external {
        if (from == to) return;
        _remove(_lots[from], amount);
        _add(_lots[to], amount, time);
    }

    /// @notice The unbounded-lots weight numerator of `account` at `timepoint`.
    function weightAt(address account, uint256 timepoint) external view returns (uint256) {
        return _weight(_lots[account], timepoint);
    }

    /// @notice The no-transfer world's total weight numerator at `timepoint`.
    function noTransferWeightAt(uint256 timepoint) external view returns (uint256) {
        return _weight(_minted, timepoint);
    }

    function lotCount(address account) external view returns (uint256) {
        return _lots[account].length;
    }

    function _add(Lot[] storage lots, uint256 amount, uint256 time) internal {
        if (amount != 0) lots.push(Lot(amount, time));
    }

    function _remove(Lot[] storage lots, uint256 amount) internal {
        while (amount != 0) {
            Lot storage youngest = lots[lots.length - 1];
            if (youngest.amount > amount) {
                youngest.amount -= amount;
                return;
            }
            amount -= youngest.amount;
            lots.pop();
        }
    }

    function _weight(Lot[] storage lots, uint256 timepoint) internal view returns (uint256 sum) {
        for (uint256 i; i < lots.length; ++i) {
            Lot storage lot = lots[i];
            if (lot.acquiredAt > timepoint) continue;
            uint256 age = timepoint - lot.acquiredAt;
            sum += lot.amount * (RAMP + (age < RAMP ? age : RAMP));
        }
    }
}
