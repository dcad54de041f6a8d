// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Pause switches per function group
/// @notice Each core contract groups its state-changing functions (deposits, withdrawals, slashing …)
///         and gives each group one bit of a pause bitmap. The pauser can only set bits (pause);
///         the owner (governance) can set or clear them. Views are never paused.
interface IPausable {
    /// @notice The function group `group` of this contract is paused.
    error Paused(uint8 group);
    /// @notice Only the pauser (or the owner) may pause.
    error NotPauser(address caller);
    /// @notice A pauser may only add paused bits; clearing them needs the owner.
    error PauserCannotUnpause(uint256 current, uint256 requested);

    /// @notice The pause bitmap changed from `previous` to `current`.
    event PausedStatusChanged(uint256 previous, uint256 current);
    /// @notice The pauser role moved from `previous` to `current`.
    event PauserChanged(address indexed previous, address indexed current);

    /// @notice Current bitmap: bit `g` set means function group `g` is paused.
    function paused() external view returns (uint256);
    /// @notice Whether function group `group` is paused.
    function isPaused(uint8 group) external view returns (bool);
    /// @notice Address allowed to pause (besides the owner).
    function pauser() external view returns (address);

    /// @notice Sets the pause bitmap. The pauser may only add bits; the owner may set any bitmap.
    function setPaused(uint256 newPaused) external;
    /// @notice Owner only: moves the pauser role.
    function setPauser(address newPauser) external;
}
