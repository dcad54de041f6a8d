// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title The parts of Uniswap V2 (and its forks) that the token simulator and the demo tokens use
/// @notice Declared here rather than imported: the @uniswap/v2-core sources are solidity 0.5.16.

/// @notice A Uniswap V2 pair: two reserves, a constant-product swap with a fee taken from the input.
interface IUniswapV2Pair {
    /// @notice The reserves at the last sync, and the timestamp of that sync.
    function getReserves()
        external
        view
        returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast);
    /// @notice The lower-sorted token of the pair.
    function token0() external view returns (address);
    /// @notice The higher-sorted token of the pair.
    function token1() external view returns (address);
    /// @notice Sends the outputs to `to` if the pair's balances, less the fee on what came in, keep x·y ≥ k.
    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external;
}

/// @notice A Uniswap V2 factory: one pair per token couple, created with CREATE2.
interface IUniswapV2Factory {
    /// @notice The pair of `tokenA` and `tokenB`, or address(0).
    function getPair(address tokenA, address tokenB) external view returns (address pair);
    /// @notice Creates the pair of `tokenA` and `tokenB`.
    function createPair(address tokenA, address tokenB) external returns (address pair);
}

/// @notice Wrapped ether (WETH9).
interface IWETH9 {
    /// @notice Wraps the ether sent into as many WETH.
    function deposit() external payable;
}
