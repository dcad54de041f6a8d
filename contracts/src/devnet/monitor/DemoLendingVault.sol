// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IUniswapV2Pair} from "../../engines/IUniswapV2.sol";
import {ThreatPausable} from "../../guard/ThreatPausable.sol";
import {IThreatResponse} from "../../interfaces/IThreatResponse.sol";
import {IDemoLendingVault} from "./IMonitorDemo.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

/// @title A deliberately vulnerable lending vault (devnet and test helper; see IDemoLendingVault)
/// @notice Collateral is valued at the Uniswap V2 pair's spot price, which one swap moves: a flash loan
///         that buys collateral through the pair inflates the price, and the vault then lends all it has
///         against a little collateral. No interest, no liquidations: the vault exists to be drained and
///         to be paused in time: by its guardian, or by Palisade's threat response once the guardian
///         opted it in (`setThreatResponse`), which holds `depositCollateral` and `borrow` — the two
///         entry points the flash-loan exploit needs — while a certified alert has the vault paused.
contract DemoLendingVault is IDemoLendingVault, Ownable, Pausable, ThreatPausable {
    using SafeERC20 for IERC20;

    uint256 internal constant BPS = 10_000;
    /// @dev Prices are asset units per collateral unit, in 18-decimal fixed point.
    uint256 internal constant PRICE_SCALE = 1e18;

    /// @inheritdoc IDemoLendingVault
    address public immutable asset;
    /// @inheritdoc IDemoLendingVault
    address public immutable collateral;
    /// @inheritdoc IDemoLendingVault
    address public immutable pair;
    /// @inheritdoc IDemoLendingVault
    uint256 public immutable ltvBps;
    /// @dev Whether the asset is the pair's token0 (fixed at construction).
    bool internal immutable assetIsToken0;

    /// @inheritdoc IDemoLendingVault
    address public guardian;
    /// @inheritdoc IDemoLendingVault
    mapping(address account => uint256) public suppliedOf;
    /// @inheritdoc IDemoLendingVault
    mapping(address account => uint256) public collateralOf;
    /// @inheritdoc IDemoLendingVault
    mapping(address account => uint256) public debtOf;

    constructor(
        address asset_,
        address collateral_,
        address pair_,
        uint256 ltvBps_,
        address owner_,
        address guardian_
    ) Ownable(owner_) {
        address token0 = IUniswapV2Pair(pair_).token0();
        address token1 = IUniswapV2Pair(pair_).token1();
        bool matches =
            (token0 == asset_ && token1 == collateral_) || (token0 == collateral_ && token1 == asset_);
        require(matches, PairMismatch(pair_));
        asset = asset_;
        collateral = collateral_;
        pair = pair_;
        ltvBps = ltvBps_;
        assetIsToken0 = token0 == asset_;
        _setGuardian(guardian_);
    }

    /// @inheritdoc IDemoLendingVault
    function supply(uint256 amount) external {
        require(amount > 0, ZeroAmount());
        suppliedOf[msg.sender] += amount;
        IERC20(asset).safeTransferFrom(msg.sender, address(this), amount);
        emit Supplied(msg.sender, amount);
    }

    /// @inheritdoc IDemoLendingVault
    function withdraw(uint256 amount) external whenNotPaused {
        uint256 supplied = suppliedOf[msg.sender];
        require(amount > 0, ZeroAmount());
        require(amount <= supplied, ExceedsBalance(amount, supplied));
        _requireLiquidity(amount);
        suppliedOf[msg.sender] = supplied - amount;
        IERC20(asset).safeTransfer(msg.sender, amount);
        emit Withdrawn(msg.sender, amount);
    }

    /// @inheritdoc IDemoLendingVault
    function depositCollateral(uint256 amount) external whenNotThreatPaused {
        require(amount > 0, ZeroAmount());
        collateralOf[msg.sender] += amount;
        IERC20(collateral).safeTransferFrom(msg.sender, address(this), amount);
        emit CollateralDeposited(msg.sender, amount);
    }

    /// @inheritdoc IDemoLendingVault
    function withdrawCollateral(uint256 amount) external whenNotPaused {
        uint256 deposited = collateralOf[msg.sender];
        require(amount > 0, ZeroAmount());
        require(amount <= deposited, ExceedsBalance(amount, deposited));
        collateralOf[msg.sender] = deposited - amount;
        _requireCovered(msg.sender);
        IERC20(collateral).safeTransfer(msg.sender, amount);
        emit CollateralWithdrawn(msg.sender, amount);
    }

    /// @inheritdoc IDemoLendingVault
    function borrow(uint256 amount) external whenNotPaused whenNotThreatPaused {
        require(amount > 0, ZeroAmount());
        _requireLiquidity(amount);
        debtOf[msg.sender] += amount;
        _requireCovered(msg.sender);
        IERC20(asset).safeTransfer(msg.sender, amount);
        emit Borrowed(msg.sender, amount);
    }

    /// @inheritdoc IDemoLendingVault
    function repay(uint256 amount) external {
        uint256 debt = debtOf[msg.sender];
        require(amount > 0, ZeroAmount());
        require(amount <= debt, ExceedsBalance(amount, debt));
        debtOf[msg.sender] = debt - amount;
        IERC20(asset).safeTransferFrom(msg.sender, address(this), amount);
        emit Repaid(msg.sender, amount);
    }

    /// @inheritdoc IDemoLendingVault
    function pause() external {
        require(msg.sender == guardian || msg.sender == owner(), NotGuardian(msg.sender));
        _pause();
    }

    /// @inheritdoc IDemoLendingVault
    function unpause() external onlyOwner {
        _unpause();
    }

    /// @inheritdoc IDemoLendingVault
    function setThreatResponse(address newThreatResponse, uint32 maxPauseSeconds) external {
        require(msg.sender == guardian, NotGuardian(msg.sender));
        _setThreatResponse(IThreatResponse(newThreatResponse));
        if (newThreatResponse != address(0)) _optInThreatResponse(maxPauseSeconds);
    }

    /// @inheritdoc IDemoLendingVault
    function setGuardian(address newGuardian) external onlyOwner {
        _setGuardian(newGuardian);
    }

    /// @inheritdoc IDemoLendingVault
    function price() public view returns (uint256) {
        (uint112 reserve0, uint112 reserve1,) = IUniswapV2Pair(pair).getReserves();
        (uint256 assetReserve, uint256 collateralReserve) =
            assetIsToken0 ? (reserve0, reserve1) : (reserve1, reserve0);
        if (collateralReserve == 0) return 0;
        return assetReserve * PRICE_SCALE / collateralReserve;
    }

    /// @inheritdoc IDemoLendingVault
    function maxDebt(address account) public view returns (uint256) {
        return collateralOf[account] * price() / PRICE_SCALE * ltvBps / BPS;
    }

    /// @inheritdoc IDemoLendingVault
    function availableLiquidity() public view returns (uint256) {
        return IERC20(asset).balanceOf(address(this));
    }

    function _requireLiquidity(uint256 amount) internal view {
        uint256 available = availableLiquidity();
        require(amount <= available, InsufficientLiquidity(amount, available));
    }

    function _requireCovered(address account) internal view {
        uint256 debt = debtOf[account];
        uint256 allowed = maxDebt(account);
        require(debt <= allowed, Undercollateralised(debt, allowed));
    }

    function _setGuardian(address newGuardian) internal {
        address previous = guardian;
        guardian = newGuardian;
        emit GuardianSet(previous, newGuardian);
    }
}
