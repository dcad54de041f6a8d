// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IGovernanceToken} from "../interfaces/IGovernanceToken.sol";
import {IMarketplace} from "../interfaces/IMarketplace.sol";
import {IOperatorRegistry} from "../interfaces/IOperatorRegistry.sol";
import {IProviderSlashing} from "../interfaces/IProviderSlashing.sol";
import {IRevenueDistributor} from "../interfaces/IRevenueDistributor.sol";
import {IReviewBoard} from "../interfaces/IReviewBoard.sol";
import {RevenueSplit} from "./RevenueSplit.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title Palisade's revenue distributor (the model is in IRevenueDistributor and decision 0007)
/// @notice Set as the Marketplace's treasury. Everything it holds beyond `reserved` is the next epoch's
///         inflow; of that inflow, the growth of ProviderSlashing's `slashedToTreasury` counter is
///         slashed stake, the rest is revenue (protocol fees, whoever withdrew them, and any other PAL
///         sent here). The owner is governance (the timelock).
contract RevenueDistributor is IRevenueDistributor, Ownable2Step {
    using SafeERC20 for IERC20;

    /// @notice PAL has no burn function: burned PAL goes to this conventional dead address.
    address public constant BURN_ADDRESS = 0x000000000000000000000000000000000000dEaD;

    IERC20 public immutable pal;
    IGovernanceToken public immutable governanceToken;
    IOperatorRegistry public immutable registry;
    IMarketplace public immutable marketplace;
    IProviderSlashing public immutable providerSlashing;
    IReviewBoard public immutable reviewBoard;

    Params private _params;
    Epoch[] private _epochs;
    uint256 public reserved;
    uint256 public lastDistributionAt;
    /// @dev the enforcement and slashed-funds counters as read at the last distribution
    uint256 public lastSlashedToTreasury;
    uint64 public lastExecutedCount;
    uint32 public lastChallengesSettled;
    mapping(uint256 epoch => mapping(address => bool)) public operatorClaimed;
    mapping(uint256 epoch => mapping(address => bool)) public investorClaimed;

    constructor(
        IERC20 pal_,
        IGovernanceToken governanceToken_,
        IOperatorRegistry registry_,
        IMarketplace marketplace_,
        IProviderSlashing providerSlashing_,
        IReviewBoard reviewBoard_,
        address owner_,
        Params memory params_
    ) Ownable(owner_) {
        require(
            address(pal_) != address(0) && address(governanceToken_) != address(0)
                && address(registry_) != address(0) && address(marketplace_) != address(0)
                && address(providerSlashing_) != address(0) && address(reviewBoard_) != address(0),
            ZeroAddress()
        );
        pal = pal_;
        governanceToken = governanceToken_;
        registry = registry_;
        marketplace = marketplace_;
        providerSlashing = providerSlashing_;
        reviewBoard = reviewBoard_;
        // counters start from the present: enforcement before deployment is not rewarded
        lastSlashedToTreasury = providerSlashing_.slashedToTreasury();
        lastExecutedCount = providerSlashing_.executedCount();
        lastChallengesSettled = reviewBoard_.challengesSettled();
        lastDistributionAt = block.timestamp;
        _setParams(params_);
    }

    /// @inheritdoc IRevenueDistributor
    function distribute() external returns (uint256 epoch) {
        Params memory p = _params;
        uint256 nextAt = lastDistributionAt + p.epochLength;
        // forge-lint: disable-next-line(block-timestamp) epochs last ≥ 1 hour: seconds of drift are harmless
        require(block.timestamp >= nextAt, EpochNotOver(nextAt));
        lastDistributionAt = block.timestamp;

        (uint256 revenue, uint256 slashed, uint256 slashes, uint256 challenges) = _takeInflow();
        uint256 providers = marketplace.providerCount();

        Epoch memory e;
        // the previous second and block are final: no later transaction can change them
        e.snapshotTime = SafeCast.toUint48(block.timestamp - 1);
        e.snapshotBlock = SafeCast.toUint32(block.number - 1);
        e.operatorsBps = RevenueSplit.operatorsBps(p, revenue, providers, slashes + challenges);
        uint256 totalStake = _totalStakeAt(e.snapshotBlock);
        uint256 totalSupply = governanceToken.totalSupplyAt(e.snapshotTime);
        e.totalStake = SafeCast.toUint128(totalStake);
        e.totalSupply = SafeCast.toUint128(totalSupply);
        e.revenue = SafeCast.toUint128(revenue);
        e.slashed = SafeCast.toUint128(slashed);

        uint256 shared = revenue + slashed;
        if (p.burnSlashed) {
            e.burned = e.slashed;
            shared = revenue;
        }
        (uint256 toOperators, uint256 toInvestors) = _pots(shared, e.operatorsBps, totalStake, totalSupply);
        e.operatorsPot = SafeCast.toUint128(toOperators);
        e.investorsPot = SafeCast.toUint128(toInvestors);
        reserved += toOperators + toInvestors;

        epoch = _epochs.length;
        _epochs.push(e);
        emit Distributed(
            epoch,
            revenue,
            slashed,
            slashes,
            challenges,
            providers,
            e.operatorsBps,
            toOperators,
            toInvestors,
            e.burned
        );
        if (e.burned != 0) pal.safeTransfer(BURN_ADDRESS, e.burned);
    }

    /// @inheritdoc IRevenueDistributor
    function claimOperator(uint256[] calldata epochs) external returns (uint256 amount) {
        for (uint256 i; i < epochs.length; ++i) {
            uint256 id = epochs[i];
            uint256 owed = operatorClaimable(id, msg.sender);
            require(!operatorClaimed[id][msg.sender], AlreadyClaimed(id, msg.sender));
            operatorClaimed[id][msg.sender] = true;
            amount += owed;
            emit OperatorClaimed(id, msg.sender, owed);
        }
        _pay(amount);
    }

    /// @inheritdoc IRevenueDistributor
    function claimInvestor(uint256[] calldata epochs) external returns (uint256 amount) {
        for (uint256 i; i < epochs.length; ++i) {
            uint256 id = epochs[i];
            uint256 owed = investorClaimable(id, msg.sender);
            require(!investorClaimed[id][msg.sender], AlreadyClaimed(id, msg.sender));
            investorClaimed[id][msg.sender] = true;
            amount += owed;
            emit InvestorClaimed(id, msg.sender, owed);
        }
        _pay(amount);
    }

    /// @inheritdoc IRevenueDistributor
    function setParams(Params calldata params_) external onlyOwner {
        _setParams(params_);
    }

    // ───────────── views ─────────────

    /// @inheritdoc IRevenueDistributor
    function params() external view returns (Params memory) {
        return _params;
    }

    /// @inheritdoc IRevenueDistributor
    function epochCount() external view returns (uint256) {
        return _epochs.length;
    }

    /// @inheritdoc IRevenueDistributor
    function getEpoch(uint256 epoch) external view returns (Epoch memory) {
        return _epoch(epoch);
    }

    /// @inheritdoc IRevenueDistributor
    function operatorsBpsFor(uint256 revenue, uint256 providers, uint256 enforcement)
        external
        view
        returns (uint16)
    {
        return RevenueSplit.operatorsBps(_params, revenue, providers, enforcement);
    }

    /// @inheritdoc IRevenueDistributor
    /// @dev stake / totalStake ≤ 1 for a registered key, and the registered stakes sum to totalStake,
    ///      so the claims of one epoch never exceed its pot.
    function operatorClaimable(uint256 epoch, address operator) public view returns (uint256) {
        Epoch memory e = _epoch(epoch);
        if (e.operatorsPot == 0 || operatorClaimed[epoch][operator]) return 0;
        bytes32 key = registry.pubkeyHashOf(operator);
        if (key == bytes32(0) || registry.stakeHistoryLength(key) == 0) return 0;
        (bool registered, uint256 stake) =
            registry.stakeAt(key, e.snapshotBlock, registry.stakeIndexAt(key, e.snapshotBlock));
        if (!registered) return 0;
        return Math.mulDiv(e.operatorsPot, stake, e.totalStake);
    }

    /// @inheritdoc IRevenueDistributor
    /// @dev Balances at the snapshot sum to its total supply, so one epoch's claims never exceed its pot.
    function investorClaimable(uint256 epoch, address investor) public view returns (uint256) {
        Epoch memory e = _epoch(epoch);
        if (e.investorsPot == 0 || investorClaimed[epoch][investor]) return 0;
        return
            Math.mulDiv(e.investorsPot, governanceToken.balanceOfAt(investor, e.snapshotTime), e.totalSupply);
    }

    // ───────────── internals ─────────────

    /// @dev The PAL not yet reserved, split into slashed stake (the growth of ProviderSlashing's
    ///      counter, never more than arrived) and revenue (the rest); the enforcement counters' growth.
    function _takeInflow()
        internal
        returns (uint256 revenue, uint256 slashed, uint256 slashes, uint256 challenges)
    {
        uint256 inflow = pal.balanceOf(address(this)) - reserved;
        uint256 slashedTotal = providerSlashing.slashedToTreasury();
        uint64 executed = providerSlashing.executedCount();
        uint32 settled = reviewBoard.challengesSettled();
        slashed = Math.min(slashedTotal - lastSlashedToTreasury, inflow);
        revenue = inflow - slashed;
        slashes = executed - lastExecutedCount;
        challenges = settled - lastChallengesSettled;
        lastSlashedToTreasury = slashedTotal;
        lastExecutedCount = executed;
        lastChallengesSettled = settled;
    }

    /// @dev A side with no one to claim gives its pot to the other; with no one at all, the inflow stays
    ///      unreserved and is the next epoch's (as revenue: the slashed counter has moved on).
    function _pots(uint256 shared, uint16 bps, uint256 totalStake, uint256 totalSupply)
        internal
        pure
        returns (uint256 toOperators, uint256 toInvestors)
    {
        if (totalStake == 0 && totalSupply == 0) return (0, 0);
        if (totalStake == 0) return (0, shared);
        if (totalSupply == 0) return (shared, 0);
        toOperators = shared * bps / RevenueSplit.BPS;
        toInvestors = shared - toOperators;
    }

    function _totalStakeAt(uint32 blockNumber) internal view returns (uint256 totalStake) {
        if (registry.apkHistoryLength() == 0) return 0;
        (, totalStake) = registry.apkAt(blockNumber, registry.apkIndexAt(blockNumber));
    }

    function _epoch(uint256 epoch) internal view returns (Epoch memory) {
        require(epoch < _epochs.length, UnknownEpoch(epoch));
        return _epochs[epoch];
    }

    function _pay(uint256 amount) internal {
        if (amount == 0) return;
        reserved -= amount;
        pal.safeTransfer(msg.sender, amount);
    }

    function _setParams(Params memory p) internal {
        RevenueSplit.check(p);
        _params = p;
        emit ParamsSet(p);
    }
}
