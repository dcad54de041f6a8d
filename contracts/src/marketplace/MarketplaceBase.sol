// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Pausable} from "../core/Pausable.sol";
import {IMarketplace} from "../interfaces/IMarketplace.sol";
import {IThreatResponse} from "../interfaces/IThreatResponse.sol";
import {ProviderId} from "../types/MarketplaceIds.sol";
import {MarketplaceStorage} from "./MarketplaceStorage.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title The Marketplace's roles, parameters, pause groups and totals
/// @notice Governance (the owner) sets the parameters within fixed bounds, the treasury, the slasher
///         (ProviderSlashing) and the review board (ReviewBoard); the pauser can only pause.
abstract contract MarketplaceBase is IMarketplace, Pausable, MarketplaceStorage {
    /// @notice Pause group of provider and service management (register, update, stake, unstake).
    uint8 public constant PAUSE_PROVIDERS = 0;
    /// @notice Pause group of purchases.
    uint8 public constant PAUSE_PURCHASES = 1;
    /// @notice Pause group of claims and fee withdrawals.
    uint8 public constant PAUSE_CLAIMS = 2;
    /// @notice Pause group of refunds.
    uint8 public constant PAUSE_REFUNDS = 3;

    /// @dev The utility token: a plain ERC20 without transfer hooks or fees (UtilityToken), so amounts
    ///      arrive whole and no transfer can call back into the Marketplace.
    IERC20 internal immutable _token;

    modifier onlySlasher() {
        require(msg.sender == _layout().slasher, NotSlasher(msg.sender));
        _;
    }

    modifier onlyReviewBoard() {
        require(msg.sender == _layout().reviewBoard, NotReviewBoard(msg.sender));
        _;
    }

    /// @dev The inheritor sets the parameters (`_setParams`) once its parameter check can run.
    constructor(IERC20 token_, address initialOwner, address initialPauser, address treasury_)
        Pausable(initialOwner, initialPauser)
    {
        require(address(token_) != address(0), ZeroAddress());
        _token = token_;
        _setTreasury(treasury_);
    }

    // ───────────── governance ─────────────

    /// @inheritdoc IMarketplace
    function setParams(Params calldata newParams) external onlyOwner {
        _setParams(newParams);
    }

    /// @inheritdoc IMarketplace
    function setTreasury(address newTreasury) external onlyOwner {
        _setTreasury(newTreasury);
    }

    /// @inheritdoc IMarketplace
    /// @dev address(0) disables slashing.
    function setSlasher(address newSlasher) external onlyOwner {
        _layout().slasher = newSlasher;
        emit SlasherSet(newSlasher);
    }

    /// @inheritdoc IMarketplace
    /// @dev address(0) disables score adjustments.
    function setReviewBoard(address newReviewBoard) external onlyOwner {
        _layout().reviewBoard = newReviewBoard;
        emit ReviewBoardSet(newReviewBoard);
    }

    /// @inheritdoc IMarketplace
    /// @dev address(0) disables the threat-response check of purchases.
    function setThreatResponse(IThreatResponse newThreatResponse) external onlyOwner {
        _layout().threatResponse = newThreatResponse;
        emit ThreatResponseSet(newThreatResponse);
    }

    // ───────────── views ─────────────

    /// @inheritdoc IMarketplace
    function token() external view returns (address) {
        return address(_token);
    }

    /// @inheritdoc IMarketplace
    function treasury() external view returns (address) {
        return _layout().treasury;
    }

    /// @inheritdoc IMarketplace
    function slasher() external view returns (address) {
        return _layout().slasher;
    }

    /// @inheritdoc IMarketplace
    function reviewBoard() external view returns (address) {
        return _layout().reviewBoard;
    }

    /// @inheritdoc IMarketplace
    function threatResponse() external view returns (IThreatResponse) {
        return _layout().threatResponse;
    }

    /// @inheritdoc IMarketplace
    function providerCount() external view returns (uint32) {
        return _layout().providerCount;
    }

    /// @inheritdoc IMarketplace
    function serviceCount() external view returns (uint32) {
        return _layout().serviceCount;
    }

    /// @inheritdoc IMarketplace
    function purchaseCount() external view returns (uint64) {
        return _layout().ledger.purchaseCount;
    }

    /// @inheritdoc IMarketplace
    function totalStaked() external view returns (uint256) {
        return _layout().totalStaked;
    }

    /// @inheritdoc IMarketplace
    function totalUnstaking() external view returns (uint256) {
        return _layout().totalUnstaking;
    }

    /// @inheritdoc IMarketplace
    function totalEscrow() external view returns (uint256) {
        return _layout().ledger.totalEscrow;
    }

    /// @inheritdoc IMarketplace
    function totalPendingFees() external view returns (uint256) {
        return _layout().totalPendingFees;
    }

    /// @inheritdoc IMarketplace
    function protocolFeesAccrued() external view returns (uint256) {
        return _layout().protocolFeesAccrued;
    }

    // ───────────── internal ─────────────

    /// @dev Reverts unless the caller owns `providerId`; returns the owner.
    function _checkProviderOwner(ProviderId providerId) internal view returns (address owner) {
        owner = _providerOwner(providerId);
        require(msg.sender == owner, NotProviderOwner(providerId, msg.sender));
    }

    function _setParams(Params memory p) internal {
        _checkParams(p);
        Layout storage $ = _layout();
        $.params = p;
        $.ledger.inFlightMultipleBps = p.inFlightMultipleBps;
        $.ledger.maxPurchaseDuration = p.maxPurchaseDuration;
        emit ParamsSet(p);
    }

    function _setTreasury(address newTreasury) internal {
        require(newTreasury != address(0), ZeroAddress());
        _layout().treasury = newTreasury;
        emit TreasurySet(newTreasury);
    }

    /// @dev Reverts `ParamOutOfBounds(name, value, min, max)` for a parameter outside its bounds.
    function _checkParams(Params memory p) internal view virtual;

    function _checkNotEmpty(string calldata s) internal pure {
        require(bytes(s).length != 0, EmptyString());
    }
}
