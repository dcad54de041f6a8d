// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IDelegationManager} from "../interfaces/IDelegationManager.sol";
import {IStrategy} from "../interfaces/IStrategy.sol";
import {IStrategyManager} from "../interfaces/IStrategyManager.sol";
import {Pausable} from "./Pausable.sol";
import {Strategy} from "./Strategy.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @title Strategy registry and deposit entry point
/// @notice Owns every strategy it deploys; positions live in the DelegationManager.
contract StrategyManager is IStrategyManager, Pausable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Pause group of deposits.
    uint8 public constant PAUSE_DEPOSITS = 0;
    /// @notice Where "burned" slashed tokens go: many tokens refuse transfers to address(0).
    address public constant BURN_ADDRESS = 0x000000000000000000000000000000000000dEaD;

    /// @notice The DelegationManager that keeps positions and is the only caller of the share hooks.
    IDelegationManager public immutable delegation;

    mapping(IERC20 token => IStrategy strategy) private _strategyFor;
    mapping(IStrategy strategy => bool known) private _isStrategy;
    IStrategy[] private _strategies;

    modifier onlyDelegationManager() {
        require(msg.sender == address(delegation), OnlyDelegationManager(msg.sender));
        _;
    }

    constructor(address initialOwner, address initialPauser, IDelegationManager delegation_)
        Pausable(initialOwner, initialPauser)
    {
        delegation = delegation_;
    }

    /// @inheritdoc IStrategyManager
    function addStrategy(IERC20 token, uint256 depositCap) external onlyOwner returns (IStrategy strategy) {
        IStrategy existing = _strategyFor[token];
        require(address(existing) == address(0), StrategyExists(token, existing));
        strategy = new Strategy(token, address(this), depositCap);
        _setStrategy(token, strategy);
        emit StrategyAdded(strategy, token, depositCap);
    }

    /// @inheritdoc IStrategyManager
    function setDepositCap(IStrategy strategy, uint256 newCap) external onlyOwner {
        _checkKnown(strategy);
        strategy.setDepositCap(newCap);
    }

    /// @inheritdoc IStrategyManager
    function depositIntoStrategy(IStrategy strategy, uint256 amount)
        external
        whenNotPaused(PAUSE_DEPOSITS)
        nonReentrant
        returns (uint256 shares)
    {
        return _deposit(msg.sender, strategy, amount);
    }

    /// @inheritdoc IStrategyManager
    /// @dev The permit is tried and its failure ignored on purpose: anyone can submit a signed permit
    ///      from the mempool first, which would make ours revert and block the deposit. If the permit
    ///      failed for any other reason the allowance is missing and `transferFrom` reverts with the
    ///      token's own error, so no failure goes unreported.
    function depositIntoStrategyWithPermit(
        IStrategy strategy,
        uint256 amount,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external whenNotPaused(PAUSE_DEPOSITS) nonReentrant returns (uint256 shares) {
        _checkKnown(strategy);
        try IERC20Permit(address(strategy.underlyingToken()))
            .permit(msg.sender, address(this), amount, deadline, v, r, s) {}
            catch {}
        return _deposit(msg.sender, strategy, amount);
    }

    /// @inheritdoc IStrategyManager
    function withdrawSharesAsTokens(address recipient, IStrategy strategy, uint256 shares)
        external
        onlyDelegationManager
        nonReentrant
        returns (uint256 amount)
    {
        _checkKnown(strategy);
        return strategy.withdraw(recipient, shares);
    }

    /// @inheritdoc IStrategyManager
    function transferSlashedShares(IStrategy strategy, uint256 shares, address destination)
        external
        onlyDelegationManager
        nonReentrant
        returns (uint256 amount)
    {
        _checkKnown(strategy);
        address to = destination == address(0) ? BURN_ADDRESS : destination;
        amount = strategy.withdraw(to, shares);
        emit SlashedSharesTransferred(strategy, shares, amount, to);
    }

    /// @inheritdoc IStrategyManager
    function strategyFor(IERC20 token) external view returns (IStrategy) {
        return _strategyFor[token];
    }

    /// @inheritdoc IStrategyManager
    function isStrategy(IStrategy strategy) external view returns (bool) {
        return _isStrategy[strategy];
    }

    /// @inheritdoc IStrategyManager
    function getStrategies() external view returns (IStrategy[] memory) {
        return _strategies;
    }

    function _deposit(address staker, IStrategy strategy, uint256 amount) internal returns (uint256 shares) {
        require(amount != 0, ZeroAmount());
        _checkKnown(strategy);
        IERC20 token = strategy.underlyingToken();
        uint256 balanceBefore = token.balanceOf(address(strategy));
        token.safeTransferFrom(staker, address(strategy), amount);
        uint256 balanceAfter = token.balanceOf(address(strategy));
        // a token whose balance shrinks on receipt is as unsupported as one that charges a fee
        uint256 received = balanceAfter > balanceBefore ? balanceAfter - balanceBefore : 0;
        require(received == amount, FeeOnTransferNotSupported(amount, received));
        shares = strategy.deposit(amount);
        emit Deposit(staker, strategy, amount, shares);
        delegation.onDeposit(staker, strategy, shares);
    }

    function _setStrategy(IERC20 token, IStrategy strategy) internal {
        _strategyFor[token] = strategy;
        _isStrategy[strategy] = true;
        _strategies.push(strategy);
    }

    function _checkKnown(IStrategy strategy) internal view {
        require(_isStrategy[strategy], UnknownStrategy(strategy));
    }
}
