// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Palisade's timelock: OpenZeppelin's TimelockController with a bounded delay
/// @notice Every governed contract is owned by (or grants its governance roles to) this timelock, and
///         the PalisadeGovernor is its only proposer, canceller and executor. Its minimum delay — the
///         time between a proposal being queued and executable, during which stakeholders can react and
///         the veto committee can veto a disciplinary slashing proposal — is kept within
///         [MIN_DELAY, MAX_DELAY] at construction and in `updateDelay` (which only the timelock itself,
///         i.e. a governance proposal, may call).
interface ITimelock {
    /// @notice The delay is outside [min, max].
    error DelayOutOfBounds(uint256 delay, uint256 min, uint256 max);

    function MIN_DELAY() external view returns (uint256);
    function MAX_DELAY() external view returns (uint256);
}
