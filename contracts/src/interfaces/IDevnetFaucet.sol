// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title A token faucet for the devnet's seeded accounts
/// @notice Holds utility tokens the deployer sends it. The owner allowlists accounts; an allowlisted
///         account calls `drip` to receive `dripAmount`, at most once per `cooldown` seconds. Never
///         deployed on a real chain: the token's supply is fixed and real holders buy it.
interface IDevnetFaucet {
    /// @notice The caller is not on the allowlist.
    error NotAllowed(address caller);
    /// @notice The caller dripped less than `cooldown` seconds ago; it may drip again at `nextAt`.
    error CoolingDown(uint256 nextAt);
    /// @notice The faucet holds `balance`, less than one drip of `dripAmount`.
    error FaucetEmpty(uint256 balance, uint256 dripAmount);
    error ZeroAddress();

    /// @notice `account` was added to (`allowed`) or removed from the allowlist.
    event AllowedSet(address indexed account, bool allowed);
    /// @notice `amount` tokens went to `account`, which may drip again at `nextAt`.
    event Dripped(address indexed account, uint256 amount, uint256 nextAt);

    /// @notice Owner only: adds `accounts` to the allowlist (`allowed`) or removes them.
    function setAllowed(address[] calldata accounts, bool allowed) external;

    /// @notice Allowlisted caller: receives `dripAmount` once per `cooldown` seconds.
    function drip() external;

    /// @notice The token dripped.
    function token() external view returns (IERC20);
    /// @notice Tokens per drip.
    function dripAmount() external view returns (uint256);
    /// @notice Seconds between two drips of one account.
    function cooldown() external view returns (uint256);
    /// @notice Whether `account` is on the allowlist.
    function isAllowed(address account) external view returns (bool);
    /// @notice When `account` may drip next (0: never dripped).
    function nextDripAt(address account) external view returns (uint256);
}
