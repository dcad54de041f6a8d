// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ITokenSimulator} from "./ITokenSimulator.sol";
import {IUniswapV2Pair, IWETH9} from "./IUniswapV2.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title Buy-then-sell probe of a token through its Uniswap V2 pair (see ITokenSimulator)
/// @notice Holds no state and has no constructor: its runtime code is placed at an address by an
///         eth_call state override, so it must work from code alone.
contract TokenSimulator is ITokenSimulator {
    /// @dev Gas for each step. A token that burns all the gas it is given (a gas-trap honeypot) fails
    ///      its step instead of starving the later ones: 5 steps × 2.5 M fit a 30 M eth_call.
    uint256 internal constant STEP_GAS = 2_500_000;
    uint256 internal constant BPS = 10_000;

    modifier onlySelf() {
        require(msg.sender == address(this), OnlySelf(msg.sender));
        _;
    }

    /// @inheritdoc ITokenSimulator
    function simulate(address token, address pair, address weth, uint256 amountIn, uint256 feeBps)
        external
        returns (Simulation memory simulation)
    {
        require(feeBps < BPS, FeeTooHigh(feeBps));
        (simulation.reserveWeth, simulation.reserveToken,) = _reserves(pair, weth);
        simulation.buy = _tryBuy(token, pair, weth, amountIn, feeBps);
        if (!simulation.buy.ok) return simulation;
        simulation.sell = _trySell(token, pair, weth, _balanceOf(token, address(this)) / 2, feeBps);
        simulation.sellAgain = _trySell(token, pair, weth, _balanceOf(token, address(this)) / 2, feeBps);
        simulation.sellRest = _trySell(token, pair, weth, _balanceOf(token, address(this)), feeBps);
        simulation.buyAgain = _tryBuy(token, pair, weth, amountIn, feeBps);
    }

    /// @inheritdoc ITokenSimulator
    function buy(address token, address pair, address weth, uint256 amountIn, uint256 feeBps)
        external
        onlySelf
        returns (Step memory step)
    {
        IWETH9(weth).deposit{value: amountIn}();
        (uint256 reserveWeth, uint256 reserveToken, bool wethIsToken0) = _reserves(pair, weth);
        _transfer(weth, pair, amountIn);
        step.sent = amountIn;
        step.delivered = _above(_balanceOf(weth, pair), reserveWeth);
        step.quoted = _amountOut(step.delivered, reserveWeth, reserveToken, feeBps);
        uint256 before = _balanceOf(token, address(this));
        _swap(pair, !wethIsToken0, step.quoted);
        step.received = _above(_balanceOf(token, address(this)), before);
        step.ok = true;
    }

    /// @inheritdoc ITokenSimulator
    function sell(address token, address pair, address weth, uint256 amount, uint256 feeBps)
        external
        onlySelf
        returns (Step memory step)
    {
        _transfer(token, pair, amount);
        // Read after the transfer: a token may swap its collected fees through the pair while it
        // moves ours, which changes the reserves our output must be priced on.
        (uint256 reserveWeth, uint256 reserveToken, bool wethIsToken0) = _reserves(pair, weth);
        step.sent = amount;
        step.delivered = _above(_balanceOf(token, pair), reserveToken);
        step.quoted = _amountOut(step.delivered, reserveToken, reserveWeth, feeBps);
        uint256 before = _balanceOf(weth, address(this));
        _swap(pair, wethIsToken0, step.quoted);
        step.received = _above(_balanceOf(weth, address(this)), before);
        step.ok = true;
    }

    function _tryBuy(address token, address pair, address weth, uint256 amountIn, uint256 feeBps)
        internal
        returns (Step memory step)
    {
        try this.buy{gas: STEP_GAS}(token, pair, weth, amountIn, feeBps) returns (Step memory done) {
            step = done;
        } catch (bytes memory reason) {
            step.sent = amountIn;
            step.revertData = reason;
        }
    }

    function _trySell(address token, address pair, address weth, uint256 amount, uint256 feeBps)
        internal
        returns (Step memory step)
    {
        try this.sell{gas: STEP_GAS}(token, pair, weth, amount, feeBps) returns (Step memory done) {
            step = done;
        } catch (bytes memory reason) {
            step.sent = amount;
            step.revertData = reason;
        }
    }

    /// @dev The pair's reserves as (WETH, token), and which side WETH is on.
    function _reserves(address pair, address weth)
        internal
        view
        returns (uint256 reserveWeth, uint256 reserveToken, bool wethIsToken0)
    {
        (uint112 reserve0, uint112 reserve1,) = IUniswapV2Pair(pair).getReserves();
        wethIsToken0 = IUniswapV2Pair(pair).token0() == weth;
        require(wethIsToken0 || IUniswapV2Pair(pair).token1() == weth, NotAWethPair(pair, weth));
        (reserveWeth, reserveToken) = wethIsToken0 ? (reserve0, reserve1) : (reserve1, reserve0);
    }

    /// @dev Uniswap V2's getAmountOut with the fee as a parameter (forks charge 25 or 20 bps).
    function _amountOut(uint256 amountIn, uint256 reserveIn, uint256 reserveOut, uint256 feeBps)
        internal
        pure
        returns (uint256)
    {
        uint256 inWithFee = amountIn * (BPS - feeBps);
        return (inWithFee * reserveOut) / (reserveIn * BPS + inWithFee);
    }

    /// @dev Asks the pair for `amount` of its token0 (`outIsToken0`) or token1, paid to this contract.
    function _swap(address pair, bool outIsToken0, uint256 amount) internal {
        (uint256 amount0Out, uint256 amount1Out) = outIsToken0 ? (amount, uint256(0)) : (uint256(0), amount);
        IUniswapV2Pair(pair).swap(amount0Out, amount1Out, address(this), "");
    }

    /// @dev `transfer` that accepts tokens returning nothing and passes the token's revert data on,
    ///      so the engine can say why a sell failed.
    function _transfer(address token, address to, uint256 amount) internal {
        (bool ok, bytes memory returned) = token.call(abi.encodeCall(IERC20.transfer, (to, amount)));
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(returned, 0x20), mload(returned))
            }
        }
        require(
            returned.length < 32 || abi.decode(returned, (bool)), TransferReturnedFalse(token, to, amount)
        );
    }

    function _balanceOf(address token, address account) internal view returns (uint256) {
        return IERC20(token).balanceOf(account);
    }

    /// @dev `value - floor`, or 0 when a token reports less than before (no underflow revert).
    function _above(uint256 value, uint256 floor) internal pure returns (uint256) {
        return value > floor ? value - floor : 0;
    }
}
