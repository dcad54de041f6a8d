// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {DemoFlashLender} from "../../../../src/devnet/monitor/DemoFlashLender.sol";
import {DemoFlashLoanExploit} from "../../../../src/devnet/monitor/DemoFlashLoanExploit.sol";
import {DemoLendingVault} from "../../../../src/devnet/monitor/DemoLendingVault.sol";
import {IUniswapV2Pair} from "../../../../src/engines/IUniswapV2.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Test} from "forge-std/Test.sol";

/// @notice A mintable ERC20 (WETH and the collateral token in these tests).
contract MonitorTestToken is ERC20 {
    constructor(string memory symbol) ERC20(symbol, symbol) {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}

/// @notice Uniswap V2's pair arithmetic in 0.8 (the real pair is solidity 0.5.16, deployed from npm in the
///         TypeScript tests): optimistic transfers out, then x·y ≥ k with a 0.3 % fee on what came in.
contract MonitorTestPair is IUniswapV2Pair {
    using SafeERC20 for IERC20;

    error InsufficientOutput();
    error InsufficientLiquidity();
    error KInvariant();

    event Sync(uint112 reserve0, uint112 reserve1);

    address public immutable token0;
    address public immutable token1;
    uint112 internal reserve0;
    uint112 internal reserve1;

    constructor(address tokenA, address tokenB) {
        (token0, token1) = tokenA < tokenB ? (tokenA, tokenB) : (tokenB, tokenA);
    }

    function getReserves() external view returns (uint112, uint112, uint32) {
        return (reserve0, reserve1, uint32(block.timestamp));
    }

    function sync() external {
        _update();
    }

    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata) external {
        require(amount0Out > 0 || amount1Out > 0, InsufficientOutput());
        require(amount0Out < reserve0 && amount1Out < reserve1, InsufficientLiquidity());
        if (amount0Out > 0) IERC20(token0).safeTransfer(to, amount0Out);
        if (amount1Out > 0) IERC20(token1).safeTransfer(to, amount1Out);
        uint256 balance0 = IERC20(token0).balanceOf(address(this));
        uint256 balance1 = IERC20(token1).balanceOf(address(this));
        uint256 in0 = balance0 > reserve0 - amount0Out ? balance0 - (reserve0 - amount0Out) : 0;
        uint256 in1 = balance1 > reserve1 - amount1Out ? balance1 - (reserve1 - amount1Out) : 0;
        uint256 adjusted0 = balance0 * 1000 - in0 * 3;
        uint256 adjusted1 = balance1 * 1000 - in1 * 3;
        require(adjusted0 * adjusted1 >= uint256(reserve0) * reserve1 * 1e6, KInvariant());
        _update();
    }

    function _update() internal {
        reserve0 = uint112(IERC20(token0).balanceOf(address(this)));
        reserve1 = uint112(IERC20(token1).balanceOf(address(this)));
        emit Sync(reserve0, reserve1);
    }
}

/// @notice The demo's setting: a 10 WETH / 500 000 TOKEN pair, a lender holding 1 000 WETH (9 bps fee), a
///         vault lending 100 WETH against TOKEN at 75 % LTV with a guardian, and the attacker's exploit.
abstract contract MonitorDemoBase is Test {
    uint256 internal constant PAIR_WETH = 10e18;
    uint256 internal constant PAIR_TOKEN = 500_000e18;
    uint256 internal constant LENDER_WETH = 1000e18;
    uint256 internal constant VAULT_WETH = 100e18;
    uint256 internal constant FLASH = 90e18;
    uint256 internal constant FEE_BPS = 9;
    uint256 internal constant LTV_BPS = 7500;

    MonitorTestToken internal weth;
    MonitorTestToken internal token;
    MonitorTestPair internal pair;
    DemoFlashLender internal lender;
    DemoLendingVault internal vault;
    DemoFlashLoanExploit internal exploit;

    address internal owner = makeAddr("owner");
    address internal guardian = makeAddr("guardian");
    address internal supplier = makeAddr("supplier");
    address internal borrower = makeAddr("borrower");
    address internal attacker = makeAddr("attacker");

    function setUp() public virtual {
        weth = new MonitorTestToken("WETH");
        token = new MonitorTestToken("TOKEN");
        pair = new MonitorTestPair(address(weth), address(token));
        weth.mint(address(pair), PAIR_WETH);
        token.mint(address(pair), PAIR_TOKEN);
        pair.sync();

        lender = new DemoFlashLender(FEE_BPS);
        weth.mint(address(lender), LENDER_WETH);

        vault = new DemoLendingVault(address(weth), address(token), address(pair), LTV_BPS, owner, guardian);
        weth.mint(supplier, VAULT_WETH);
        vm.startPrank(supplier);
        weth.approve(address(vault), VAULT_WETH);
        vault.supply(VAULT_WETH);
        vm.stopPrank();

        exploit = new DemoFlashLoanExploit(lender, vault, attacker);
    }

    /// @dev A borrower with `collateral` TOKEN deposited.
    function _depositCollateral(address account, uint256 collateral) internal {
        token.mint(account, collateral);
        vm.startPrank(account);
        token.approve(address(vault), collateral);
        vault.depositCollateral(collateral);
        vm.stopPrank();
    }
}
