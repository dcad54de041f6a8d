// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title The devnet's demo tokens, clean and risky, that the token-risk engine is shown and tested on
/// @notice Each is an ERC20 with a Uniswap V2 WETH pair (created by its constructor where the token
///         must know its pair). Never for a real chain: several are scams on purpose.

/// @notice 10 % (adjustable) tax on buys (transfers out of the pair) and sells (transfers into it);
///         the owner is exempt, so it can add liquidity untaxed.
interface IDemoTaxToken {
    /// @notice A tax above `max` basis points.
    error TaxTooHigh(uint256 bps, uint256 max);

    /// @notice The owner set the taxes.
    event TaxesSet(uint256 buyBps, uint256 sellBps);

    /// @notice Owner only: the buy and sell taxes, in basis points (at most 25 %).
    function setTaxes(uint256 buyBps, uint256 sellBps) external;
    /// @notice The token's WETH pair, created by the constructor.
    function pair() external view returns (address);
    /// @notice Where the taxes go.
    function feeRecipient() external view returns (address);
    /// @notice The buy tax in basis points.
    function buyTaxBps() external view returns (uint256);
    /// @notice The sell tax in basis points.
    function sellTaxBps() external view returns (uint256);
}

/// @notice A honeypot: anyone can buy, only whitelisted accounts can sell (transfer into the pair).
interface IDemoHoneypotToken {
    /// @notice `account` is not whitelisted and tried to sell.
    error SellNotAllowed(address account);

    /// @notice The owner added `account` to the whitelist (`whitelisted`) or removed it.
    event WhitelistSet(address indexed account, bool whitelisted);

    /// @notice Owner only: whitelists `account` (`whitelisted`) or removes it.
    function setWhitelisted(address account, bool whitelisted) external;
    /// @notice Whether `account` may sell.
    function isWhitelisted(address account) external view returns (bool);
    /// @notice The token's WETH pair, created by the constructor.
    function pair() external view returns (address);
}

/// @notice An owner that can mint, pause every transfer, and blacklist accounts.
interface IDemoPrivilegedToken {
    /// @notice `account` is blacklisted: it can neither send nor receive.
    error AccountBlacklisted(address account);

    /// @notice The owner blacklisted `account` (`blacklisted`) or cleared it.
    event BlacklistSet(address indexed account, bool blacklisted);

    /// @notice Owner only: mints `amount` to `to`.
    function mint(address to, uint256 amount) external;
    /// @notice Owner only: stops every transfer.
    function pause() external;
    /// @notice Owner only: lets transfers through again.
    function unpause() external;
    /// @notice Owner only: blacklists `account`.
    function blacklist(address account) external;
    /// @notice Owner only: clears `account` from the blacklist.
    function unblacklist(address account) external;
    /// @notice Whether `account` is blacklisted.
    function isBlacklisted(address account) external view returns (bool);
}

/// @notice A seller must wait `sellCooldown` seconds between two sells (transfers into the pair).
interface IDemoCooldownToken {
    /// @notice `account` sold less than `sellCooldown` seconds ago; it may sell again at `nextAt`.
    error SellCoolingDown(address account, uint256 nextAt);

    /// @notice Seconds an account waits between two sells.
    function sellCooldown() external view returns (uint256);
    /// @notice When `account` sold last (0: never).
    function lastSellAt(address account) external view returns (uint256);
    /// @notice The token's WETH pair, created by the constructor.
    function pair() external view returns (address);
}

/// @notice The "renounced" scam: `lock` sets owner() to zero, yet the previous owner can `unlock`
///         and take ownership back, and a hidden operator (kept in storage) can rewrite any balance
///         and install a transfer hook (an external call in every transfer) at any time.
interface IDemoReclaimableToken {
    /// @notice The caller is neither the owner nor the hidden operator.
    error NotAuthorized(address caller);
    /// @notice Only the owner that locked can unlock.
    error NotPreviousOwner(address caller);
    /// @notice The lock lasts until `until`.
    error StillLocked(uint256 until);

    /// @notice Ownership moved (including to zero by `lock`, and back by `unlock`).
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);
    /// @notice The transfer hook was set.
    event TransferHookSet(address hook);

    /// @notice The visible owner (zero while locked).
    function owner() external view returns (address);
    /// @notice Owner only: gives up ownership for `duration` seconds (owner() reads zero meanwhile).
    function lock(uint256 duration) external;
    /// @notice The owner that locked, once the lock has run out: takes ownership back.
    function unlock() external;
    /// @notice Owner or hidden operator: sets `account`'s balance to `amount` (mints or burns the difference).
    function setBalance(address account, uint256 amount) external;
    /// @notice Owner or hidden operator: calls `hook` on every transfer (zero: none).
    function setTransferHook(address hook) external;
}

/// @notice What DemoReclaimableToken calls on every transfer when a hook is set.
interface IDemoTransferHook {
    /// @notice Called before `amount` moves from `from` to `to`; may revert to block it.
    function beforeTransfer(address from, address to, uint256 amount) external;
}
