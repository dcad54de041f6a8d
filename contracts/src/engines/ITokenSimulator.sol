// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title A buy-then-sell probe of a token through its Uniswap V2 pair, run inside one eth_call
/// @notice Never deployed: the token-risk engine places its runtime code at a free address with an
///         `eth_call` state override, gives that address ether, and calls `simulate`. Every step runs
///         in its own sub-call (a revert is recorded, not propagated), so one call reports them all.
///         The steps, in order, in the same block:
///           1. buy      — wrap `amountIn` ether, send it to the pair, swap for the x·y=k output
///           2. sell     — send half the tokens held to the pair, swap for the x·y=k output
///           3. sellAgain — immediately, half of what is left (a trading cooldown makes this revert)
///           4. sellRest — everything left (a "cannot sell all" rule makes this revert)
///           5. buyAgain — buy `amountIn` again (a buy cooldown makes this revert)
///         Amounts out are computed from the reserves the pair holds when the step runs (after the
///         token's own transfer hooks), with the fee `feeBps` (30 for Uniswap V2).
interface ITokenSimulator {
    /// @notice One swap. For a buy, `sent` and `delivered` are WETH and `quoted`/`received` tokens;
    ///         for a sell, `sent`/`delivered` are tokens and `quoted`/`received` WETH.
    struct Step {
        /// @notice Whether the step completed; when false, `revertData` holds what it reverted with.
        bool ok;
        /// @notice What the simulator sent to the pair.
        uint256 sent;
        /// @notice What the pair received (its balance above its reserve): `sent` less a transfer tax.
        uint256 delivered;
        /// @notice What the pair was asked to pay out for `delivered` (x·y=k less the fee).
        uint256 quoted;
        /// @notice What reached the simulator: `quoted` less a transfer tax.
        uint256 received;
        /// @notice The revert data of a failed step (empty when out of gas or reverted without data).
        bytes revertData;
    }

    /// @notice Everything `simulate` observed.
    struct Simulation {
        /// @notice The pair's token reserve before the first step.
        uint256 reserveToken;
        /// @notice The pair's WETH reserve before the first step.
        uint256 reserveWeth;
        Step buy;
        Step sell;
        Step sellAgain;
        Step sellRest;
        Step buyAgain;
    }

    /// @notice `buy` and `sell` are steps of `simulate`, called by the simulator itself only.
    error OnlySelf(address caller);
    /// @notice The pair's fee must be below 100 %.
    error FeeTooHigh(uint256 feeBps);
    /// @notice `pair` does not hold `weth` on either side.
    error NotAWethPair(address pair, address weth);
    /// @notice The token's `transfer` returned false.
    error TransferReturnedFalse(address token, address to, uint256 amount);

    /// @notice Runs the five steps against `pair` (a `token`/`weth` Uniswap V2 pair).
    /// @param amountIn The WETH spent by each buy; the simulator must hold 2 × `amountIn` ether.
    /// @param feeBps The pair's swap fee in basis points (30 for Uniswap V2).
    function simulate(address token, address pair, address weth, uint256 amountIn, uint256 feeBps)
        external
        returns (Simulation memory simulation);

    /// @notice Step: wraps `amountIn` ether and buys `token` with it. Called by `simulate` only.
    function buy(address token, address pair, address weth, uint256 amountIn, uint256 feeBps)
        external
        returns (Step memory step);

    /// @notice Step: sells `amount` of `token` for WETH. Called by `simulate` only.
    function sell(address token, address pair, address weth, uint256 amount, uint256 feeBps)
        external
        returns (Step memory step);
}
