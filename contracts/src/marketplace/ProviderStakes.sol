// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../interfaces/IMarketplace.sol";
import {ProviderId} from "../types/MarketplaceIds.sol";
import {MarketplaceBase} from "./MarketplaceBase.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title Providers and their stakes: registration, stake, the unstake delay and slashing
/// @notice A provider's stake is active (slashable, counts for the in-flight cap) or unstaking
///         (still slashable, no longer counts) for `unstakeDelay` seconds after the last request.
///         A slash takes from the active stake first, then from the unstaking amount.
abstract contract ProviderStakes is MarketplaceBase {
    using SafeERC20 for IERC20;

    /// @inheritdoc IMarketplace
    function registerProvider(uint96 stake, string calldata metadataURI, string calldata endpoint)
        external
        whenNotPaused(PAUSE_PROVIDERS)
        returns (ProviderId providerId)
    {
        Layout storage $ = _layout();
        uint96 minStake = $.params.minStake;
        require(stake >= minStake, StakeTooLow(stake, minStake));
        _checkNotEmpty(metadataURI);
        _checkNotEmpty(endpoint);
        providerId = ProviderId.wrap(++$.providerCount);
        $.providerHot[providerId].stake = stake;
        ProviderInfo storage info = $.providerInfo[providerId];
        info.owner = msg.sender;
        info.metadataURI = metadataURI;
        info.endpoint = endpoint;
        $.totalStaked += stake;
        emit ProviderRegistered(providerId, msg.sender, stake, metadataURI, endpoint);
        _token.safeTransferFrom(msg.sender, address(this), stake);
    }

    /// @inheritdoc IMarketplace
    function updateProvider(ProviderId providerId, string calldata metadataURI, string calldata endpoint)
        external
        whenNotPaused(PAUSE_PROVIDERS)
    {
        _checkProviderOwner(providerId);
        _checkNotEmpty(metadataURI);
        _checkNotEmpty(endpoint);
        ProviderInfo storage info = _layout().providerInfo[providerId];
        info.metadataURI = metadataURI;
        info.endpoint = endpoint;
        emit ProviderUpdated(providerId, metadataURI, endpoint);
    }

    /// @inheritdoc IMarketplace
    /// @dev A zero amount reverts `StakeTooLow(0, 1)`.
    function addStake(ProviderId providerId, uint96 amount) external whenNotPaused(PAUSE_PROVIDERS) {
        _providerOwner(providerId);
        require(amount != 0, StakeTooLow(0, 1));
        Layout storage $ = _layout();
        ProviderHot storage hot = $.providerHot[providerId];
        uint96 stake = hot.stake + amount;
        hot.stake = stake;
        $.totalStaked += amount;
        emit StakeAdded(providerId, amount, stake);
        _token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IMarketplace
    /// @dev A zero amount reverts `NothingToUnstake`.
    function requestUnstake(ProviderId providerId, uint96 amount) external whenNotPaused(PAUSE_PROVIDERS) {
        _checkProviderOwner(providerId);
        require(amount != 0, NothingToUnstake(providerId));
        Layout storage $ = _layout();
        ProviderHot storage hot = $.providerHot[providerId];
        uint96 stake = hot.stake;
        require(amount <= stake, InsufficientStake(stake, amount));
        uint96 remaining = stake - amount;
        uint96 minStake = $.params.minStake;
        require(remaining == 0 || remaining >= minStake, StakeTooLow(remaining, minStake));
        uint256 cap = _cap(remaining, $.ledger.inFlightMultipleBps);
        uint96 inFlight = hot.inFlight;
        require(inFlight <= cap, InFlightCapExceeded(providerId, inFlight, cap));

        hot.stake = remaining;
        ProviderInfo storage info = $.providerInfo[providerId];
        uint96 unstaking = info.unstaking + amount;
        // timestamps fit 40 bits for 35,000 years; the delay is at most 90 days
        uint40 availableAt = uint40(block.timestamp + $.params.unstakeDelay);
        info.unstaking = unstaking;
        info.unstakeAvailableAt = availableAt;
        $.totalStaked -= amount;
        $.totalUnstaking += amount;
        emit UnstakeRequested(providerId, amount, unstaking, availableAt);
    }

    /// @inheritdoc IMarketplace
    function completeUnstake(ProviderId providerId)
        external
        whenNotPaused(PAUSE_PROVIDERS)
        returns (uint96 amount)
    {
        address owner = _checkProviderOwner(providerId);
        Layout storage $ = _layout();
        ProviderInfo storage info = $.providerInfo[providerId];
        amount = info.unstaking;
        require(amount != 0, NothingToUnstake(providerId));
        uint40 availableAt = info.unstakeAvailableAt;
        // forge-lint: disable-next-line(block-timestamp) the delay is ≥ 60 s: seconds of drift are harmless
        require(block.timestamp >= availableAt, UnstakeNotReady(availableAt));
        info.unstaking = 0;
        $.totalUnstaking -= amount;
        emit UnstakeCompleted(providerId, owner, amount);
        _token.safeTransfer(owner, amount);
    }

    /// @inheritdoc IMarketplace
    /// @dev Never paused: a pause must not shelter a provider from an executed slash. A compensation
    ///      to address(0) reverts `ZeroAddress`; one of 0 is skipped (but still announced).
    function slashProvider(ProviderId providerId, uint96 amount, Compensation[] calldata compensations)
        external
        onlySlasher
        returns (uint96 slashed)
    {
        _providerOwner(providerId);
        uint256 compensated;
        for (uint256 i; i < compensations.length; ++i) {
            require(compensations[i].account != address(0), ZeroAddress());
            compensated += compensations[i].amount;
        }
        slashed = _takeStake(providerId, amount);
        require(compensated <= slashed, CompensationExceedsSlash(compensated, slashed));
        // forge-lint: disable-next-line(unsafe-typecast) compensated ≤ slashed, a uint96
        uint96 toTreasury = slashed - uint96(compensated);
        // forge-lint: disable-next-line(unsafe-typecast) as above
        emit ProviderSlashed(providerId, slashed, uint96(compensated), toTreasury);
        for (uint256 i; i < compensations.length; ++i) {
            Compensation calldata c = compensations[i];
            emit Compensated(providerId, c.account, c.amount);
            if (c.amount != 0) _token.safeTransfer(c.account, c.amount);
        }
        if (toTreasury != 0) _token.safeTransfer(_layout().treasury, toTreasury);
    }

    /// @dev Takes up to `amount` from the active stake, then from the unstaking amount.
    function _takeStake(ProviderId providerId, uint96 amount) internal returns (uint96 taken) {
        Layout storage $ = _layout();
        ProviderHot storage hot = $.providerHot[providerId];
        ProviderInfo storage info = $.providerInfo[providerId];
        uint96 stake = hot.stake;
        uint96 fromStake = amount < stake ? amount : stake;
        uint96 unstaking = info.unstaking;
        uint96 rest = amount - fromStake;
        uint96 fromUnstaking = rest < unstaking ? rest : unstaking;
        hot.stake = stake - fromStake;
        info.unstaking = unstaking - fromUnstaking;
        $.totalStaked -= fromStake;
        $.totalUnstaking -= fromUnstaking;
        taken = fromStake + fromUnstaking;
    }
}
