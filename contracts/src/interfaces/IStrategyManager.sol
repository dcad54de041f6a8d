// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IStrategy} from "./IStrategy.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title Strategy registry and deposit entry point
/// @notice Deploys one strategy per token (owner only), takes deposits and hands the minted shares
///         to the DelegationManager, which keeps every staker's position. Pause group 0: deposits.
interface IStrategyManager {
    /// @notice The token already has a strategy.
    error StrategyExists(IERC20 token, IStrategy strategy);
    /// @notice The strategy was not created by this manager.
    error UnknownStrategy(IStrategy strategy);
    /// @notice The token delivered less (or more) than the amount transferred: fee-on-transfer tokens
    ///         are not supported.
    error FeeOnTransferNotSupported(uint256 expected, uint256 received);
    /// @notice Deposit amount is zero.
    error ZeroAmount();
    /// @notice Caller is not the DelegationManager.
    error OnlyDelegationManager(address caller);

    /// @notice A strategy for `token` was deployed.
    event StrategyAdded(IStrategy indexed strategy, IERC20 indexed token, uint256 depositCap);
    /// @notice `staker` deposited `amount` of `strategy`'s token and received `shares`.
    event Deposit(address indexed staker, IStrategy indexed strategy, uint256 amount, uint256 shares);
    /// @notice Slashed `shares` of `strategy` were sent as `amount` tokens to `destination`.
    event SlashedSharesTransferred(
        IStrategy indexed strategy, uint256 shares, uint256 amount, address destination
    );

    /// @notice Owner only. Deploys the strategy for `token` with a deposit cap.
    function addStrategy(IERC20 token, uint256 depositCap) external returns (IStrategy strategy);

    /// @notice Owner only. Changes a strategy's deposit cap.
    function setDepositCap(IStrategy strategy, uint256 newCap) external;

    /// @notice Deposits `amount` of the strategy's token from the caller (who must have approved this
    ///         contract) and credits the shares to the caller's position in the DelegationManager.
    /// @return shares the strategy shares minted.
    function depositIntoStrategy(IStrategy strategy, uint256 amount) external returns (uint256 shares);

    /// @notice As `depositIntoStrategy`, using an EIP-2612 permit for the approval in the same call.
    function depositIntoStrategyWithPermit(
        IStrategy strategy,
        uint256 amount,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256 shares);

    /// @notice DelegationManager only. Burns `shares` and sends their tokens to `recipient`
    ///         (completion of a queued withdrawal).
    function withdrawSharesAsTokens(address recipient, IStrategy strategy, uint256 shares)
        external
        returns (uint256 amount);

    /// @notice DelegationManager only. Sends the tokens of slashed `shares` to `destination`
    ///         (address(0) means burn: sent to 0x…dEaD since many tokens refuse address(0)).
    function transferSlashedShares(IStrategy strategy, uint256 shares, address destination)
        external
        returns (uint256 amount);

    /// @notice The strategy deployed for `token`, or address(0).
    function strategyFor(IERC20 token) external view returns (IStrategy);
    /// @notice Whether `strategy` was deployed by this manager.
    function isStrategy(IStrategy strategy) external view returns (bool);
    /// @notice Every strategy, in creation order.
    function getStrategies() external view returns (IStrategy[] memory);
}
