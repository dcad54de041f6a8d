// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IStrategy} from "../interfaces/IStrategy.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title Custody of one ERC20 in exchange for shares
/// @notice Deployed by the StrategyManager (one per token), which is the only caller of the mutating
///         functions. Shares are priced off the live `balanceOf`, so rebases are shared pro rata.
contract Strategy is IStrategy {
    using SafeERC20 for IERC20;

    /// @dev Virtual shares and virtual tokens: a donation of D tokens to an empty strategy moves the
    ///      share price by only D / 1e3, so rounding a victim down costs the attacker ~1000x the loss.
    uint256 internal constant VIRTUAL_SHARES = 1e3;
    uint256 internal constant VIRTUAL_BALANCE = 1e3;

    /// @inheritdoc IStrategy
    IERC20 public immutable underlyingToken;
    /// @notice The only address allowed to move tokens or shares.
    address public immutable strategyManager;

    /// @inheritdoc IStrategy
    uint256 public totalShares;
    /// @inheritdoc IStrategy
    uint256 public depositCap;

    modifier onlyStrategyManager() {
        require(msg.sender == strategyManager, OnlyStrategyManager(msg.sender));
        _;
    }

    constructor(IERC20 token, address strategyManager_, uint256 depositCap_) {
        underlyingToken = token;
        strategyManager = strategyManager_;
        _setDepositCap(depositCap_);
    }

    /// @inheritdoc IStrategy
    function deposit(uint256 amount) external onlyStrategyManager returns (uint256 shares) {
        uint256 balanceAfter = _balance();
        require(balanceAfter <= depositCap, DepositCapExceeded(balanceAfter, depositCap));
        // the tokens were transferred in before this call, so price against the balance without them
        uint256 balanceBefore = balanceAfter - amount;
        shares = Math.mulDiv(amount, totalShares + VIRTUAL_SHARES, balanceBefore + VIRTUAL_BALANCE);
        require(shares != 0, ZeroShares());
        _setTotalShares(totalShares + shares);
        emit Deposited(amount, shares);
    }

    /// @inheritdoc IStrategy
    /// @dev Zero shares revert; shares worth zero tokens (dust, or after a negative rebase to zero) are
    ///      burned without a transfer rather than reverting, so completing a withdrawal or moving
    ///      slashed dust can never get stuck.
    function withdraw(address recipient, uint256 shares)
        external
        onlyStrategyManager
        returns (uint256 amount)
    {
        require(shares != 0, ZeroShares());
        uint256 supply = totalShares;
        require(shares <= supply, InsufficientTotalShares(supply, shares));
        amount = _sharesToUnderlying(shares);
        _setTotalShares(supply - shares);
        emit Withdrawn(recipient, shares, amount);
        if (amount != 0) underlyingToken.safeTransfer(recipient, amount);
    }

    /// @inheritdoc IStrategy
    function setDepositCap(uint256 newCap) external onlyStrategyManager {
        _setDepositCap(newCap);
    }

    /// @inheritdoc IStrategy
    function sharesToUnderlyingView(uint256 shares) external view returns (uint256) {
        return _sharesToUnderlying(shares);
    }

    /// @inheritdoc IStrategy
    function underlyingToSharesView(uint256 amount) external view returns (uint256) {
        return Math.mulDiv(amount, totalShares + VIRTUAL_SHARES, _balance() + VIRTUAL_BALANCE);
    }

    /// @dev Below a price of one token per share the virtual tokens can make the formula exceed the
    ///      real balance (e.g. the last shares out after a negative rebase): it is capped at what there is.
    function _sharesToUnderlying(uint256 shares) internal view returns (uint256) {
        uint256 balance = _balance();
        uint256 amount = Math.mulDiv(shares, balance + VIRTUAL_BALANCE, totalShares + VIRTUAL_SHARES);
        return amount > balance ? balance : amount;
    }

    function _balance() internal view returns (uint256) {
        return underlyingToken.balanceOf(address(this));
    }

    function _setTotalShares(uint256 newTotal) internal {
        totalShares = newTotal;
    }

    function _setDepositCap(uint256 newCap) internal {
        uint256 previous = depositCap;
        depositCap = newCap;
        emit DepositCapSet(previous, newCap);
    }
}
