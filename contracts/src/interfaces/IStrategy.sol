// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title A strategy: custody of one ERC20 (typically an LST) in exchange for shares
/// @notice Shares are claims on the strategy's token balance: `amount = shares × (balance + 1e3) /
///         (totalShares + 1e3)`. The virtual 1e3 shares and 1e3 tokens make a first-depositor
///         "inflation" attack (donate to the strategy to round the next depositor down to zero
///         shares) cost the attacker ~1000× what it can steal. Because value is read from the
///         balance, rebasing tokens are handled: a positive or negative rebase is shared pro rata by
///         every share. Fee-on-transfer tokens are rejected at deposit by the StrategyManager.
///         Only the StrategyManager moves tokens or shares.
interface IStrategy {
    /// @notice Caller is not the StrategyManager.
    error OnlyStrategyManager(address caller);
    /// @notice A deposit would push the strategy's underlying balance above its cap.
    error DepositCapExceeded(uint256 balanceAfter, uint256 cap);
    /// @notice A deposit converts to zero shares, or a withdrawal asks for zero shares (shares worth
    ///         zero tokens are burned without a transfer, so a slashed-down exit always completes).
    error ZeroShares();
    /// @notice More shares requested than exist.
    error InsufficientTotalShares(uint256 have, uint256 want);

    /// @notice `shares` were minted for `amount` tokens.
    event Deposited(uint256 amount, uint256 shares);
    /// @notice `shares` were burned and `amount` tokens sent to `recipient`.
    event Withdrawn(address indexed recipient, uint256 shares, uint256 amount);
    /// @notice The deposit cap changed.
    event DepositCapSet(uint256 previousCap, uint256 newCap);

    /// @notice StrategyManager only. `amount` tokens have just been transferred in; mints shares.
    /// @return shares the shares minted, rounded down.
    function deposit(uint256 amount) external returns (uint256 shares);

    /// @notice StrategyManager only. Burns `shares` and sends their tokens to `recipient`.
    /// @return amount the tokens sent, rounded down.
    function withdraw(address recipient, uint256 shares) external returns (uint256 amount);

    /// @notice StrategyManager only. Sets the cap on the underlying balance (type(uint256).max = none).
    function setDepositCap(uint256 newCap) external;

    /// @notice The token this strategy holds.
    function underlyingToken() external view returns (IERC20);
    /// @notice Total shares outstanding.
    function totalShares() external view returns (uint256);
    /// @notice Cap on the underlying balance after a deposit.
    function depositCap() external view returns (uint256);
    /// @notice Tokens `shares` are worth now (rounded down).
    function sharesToUnderlyingView(uint256 shares) external view returns (uint256);
    /// @notice Shares `amount` tokens would mint now (rounded down).
    function underlyingToSharesView(uint256 amount) external view returns (uint256);
}
