// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {HoldingLots} from "../governance/HoldingLots.sol";
import {IAllocationManager} from "../interfaces/IAllocationManager.sol";
import {IDelegationManager, IWithdrawalGate} from "../interfaces/IDelegationManager.sol";
import {IGovernanceToken} from "../interfaces/IGovernanceToken.sol";
import {IStrategy} from "../interfaces/IStrategy.sol";
import {OperatorSet} from "../types/OperatorSet.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";

/// @title Palisade's governance token (the model is in IGovernanceToken and decision 0006)
/// @notice An ERC20 whose every balance change also moves holding lots (HoldingLots) and whose mints
///         and burns also write a total-supply checkpoint (timestamps), for the governor's quorum.
///         The owner is governance (the timelock); it may only grant, within caps, and set those caps.
contract GovernanceToken is IGovernanceToken, ERC20, Ownable2Step {
    using HoldingLots for HoldingLots.List;
    using Checkpoints for Checkpoints.Trace208;

    /// @notice Votes weigh at most this many times the tokens held (after `HoldingLots.RAMP`).
    uint256 public constant WEIGHT_CAP = 2;
    /// @notice Length of a grant period: 30 days, aligned on unix time.
    uint256 public constant GRANT_PERIOD = 30 days;
    /// @dev Grants per period stay ≤ 1 % of the backed supply, and ≤ 10 % over all time: grants reward
    ///      contributors, they must never outweigh the stake that secures Palisade.
    uint256 internal constant MAX_PERIOD_CAP_BPS = 100;
    uint256 internal constant MAX_TOTAL_CAP_BPS = 1000;
    uint256 internal constant BPS = 10_000;
    uint256 internal constant WAD = 1e18;

    IDelegationManager public immutable delegation;
    IAllocationManager public immutable allocationManager;
    /// @notice The AVS whose operator set backs the token (Palisade's ServiceManager)…
    address public immutable avs;
    /// @notice …and the set's id (0).
    uint32 public immutable operatorSetId;

    mapping(address account => HoldingLots.List) private _lots;
    mapping(address staker => StakerRecord) private _stakers;
    Checkpoints.Trace208 private _supplyHistory;
    /// @dev balance after each change, keyed by timestamp: the RevenueDistributor pays an epoch's
    ///      investors by `balanceOfAt(epoch snapshot)`, which moving tokens later cannot change
    mapping(address account => Checkpoints.Trace208) private _balanceHistory;

    uint256 public totalBacking;
    uint256 public totalDebt;
    uint256 public totalGranted;
    GrantCaps private _grantCaps;
    /// @dev index of the period `_grantedInPeriod` counts (block.timestamp / GRANT_PERIOD)
    uint64 private _grantPeriod;
    uint192 private _grantedInPeriod;

    modifier onlyDelegationManager() {
        require(msg.sender == address(delegation), NotDelegationManager(msg.sender));
        _;
    }

    constructor(
        IDelegationManager delegation_,
        IAllocationManager allocationManager_,
        OperatorSet memory operatorSet,
        address owner_,
        GrantCaps memory caps
    ) ERC20("Palisade Governance", "gPAL") Ownable(owner_) {
        require(
            address(delegation_) != address(0) && address(allocationManager_) != address(0)
                && operatorSet.avs != address(0),
            ZeroAddress()
        );
        delegation = delegation_;
        allocationManager = allocationManager_;
        avs = operatorSet.avs;
        operatorSetId = operatorSet.id;
        _setGrantCaps(caps);
    }

    // ───────────── stake ─────────────

    /// @inheritdoc IGovernanceToken
    function sync(address staker) external returns (uint256 minted, uint256 burned) {
        return _sync(staker, false);
    }

    /// @inheritdoc IGovernanceToken
    function grant(address to, uint256 amount, string calldata reason) external onlyOwner {
        require(to != address(0), ZeroAddress());
        require(amount != 0, ZeroAmount());
        uint256 period = block.timestamp / GRANT_PERIOD;
        uint256 inPeriod = period == _grantPeriod ? _grantedInPeriod : 0;
        GrantCaps memory caps = _grantCaps;
        uint256 backing = totalBacking;
        uint256 periodCap = backing * caps.periodCapBps / BPS;
        uint256 periodLeft = periodCap > inPeriod ? periodCap - inPeriod : 0;
        require(amount <= periodLeft, GrantAbovePeriodCap(amount, periodLeft));
        uint256 totalCap = backing * caps.totalCapBps / BPS;
        uint256 totalLeft = totalCap > totalGranted ? totalCap - totalGranted : 0;
        require(amount <= totalLeft, GrantAboveTotalCap(amount, totalLeft));

        inPeriod += amount;
        // forge-lint: disable-next-line(unsafe-typecast) a period index is unix seconds / 30 days, and a period's grants ≤ 1 % of a uint128 backing
        _grantPeriod = uint64(period);
        // forge-lint: disable-next-line(unsafe-typecast) a period's grants are ≤ 1 % of a uint128 backing
        _grantedInPeriod = uint192(inPeriod);
        totalGranted += amount;
        _mint(to, amount);
        emit Granted(to, amount, reason, inPeriod, totalGranted);
    }

    /// @inheritdoc IGovernanceToken
    function setGrantCaps(GrantCaps calldata caps) external onlyOwner {
        _setGrantCaps(caps);
    }

    /// @inheritdoc IWithdrawalGate
    /// @dev A strict sync: the fall of the backed stake and any debt are burned from the staker's
    ///      balance, or the withdrawal reverts. A staker the token never minted for pays nothing.
    function onWithdrawalQueued(address staker) external onlyDelegationManager {
        StakerRecord memory record = _stakers[staker];
        if (record.backing == 0 && record.debt == 0) return;
        _sync(staker, true);
    }

    // ───────────── views: stake ─────────────

    /// @inheritdoc IGovernanceToken
    function backedStake(address staker) public view returns (uint256 value) {
        address operator = delegation.delegatedTo(staker);
        if (operator == address(0)) return 0;
        OperatorSet memory operatorSet = OperatorSet({avs: avs, id: operatorSetId});
        IStrategy[] memory strategies = allocationManager.getStrategiesInOperatorSet(operatorSet);
        address[] memory operators = new address[](1);
        operators[0] = operator;
        // zero for every strategy once the operator is no longer slashable in the set
        uint256[] memory allocated =
            allocationManager.getAllocatedStake(operatorSet, operators, strategies)[0];
        for (uint256 i; i < strategies.length; ++i) {
            if (allocated[i] == 0) continue;
            IStrategy strategy = strategies[i];
            uint256 mine = delegation.withdrawableShares(staker, strategy);
            if (mine == 0) continue;
            // the staker's fraction of the operator's active pool, applied to its allocated part;
            // allocated ≤ operatorShares, so this never exceeds the staker's shares
            uint256 shares = Math.mulDiv(mine, allocated[i], delegation.operatorShares(operator, strategy));
            uint256 underlying = strategy.sharesToUnderlyingView(shares);
            value += Math.mulDiv(
                underlying, allocationManager.getStrategyValueWeight(operatorSet, strategy), WAD
            );
        }
    }

    /// @inheritdoc IGovernanceToken
    function stakerRecord(address staker) external view returns (StakerRecord memory) {
        return _stakers[staker];
    }

    /// @inheritdoc IGovernanceToken
    function grantedInPeriod() external view returns (uint256) {
        // forge-lint: disable-next-line(block-timestamp) 30-day grant periods and past-only vote lookups: seconds of drift are harmless
        return block.timestamp / GRANT_PERIOD == _grantPeriod ? _grantedInPeriod : 0;
    }

    /// @inheritdoc IGovernanceToken
    function grantCaps() external view returns (GrantCaps memory) {
        return _grantCaps;
    }

    // ───────────── views: votes ─────────────

    /// @inheritdoc IGovernanceToken
    function getVotes(address account, uint256 timepoint) external view returns (uint256) {
        _checkPast(timepoint);
        // forge-lint: disable-next-line(unsafe-typecast) timepoint < block.timestamp < 2^48
        return _lots[account].weightAt(uint48(timepoint)) / HoldingLots.RAMP;
    }

    /// @inheritdoc IGovernanceToken
    function currentWeight(address account) external view returns (uint256) {
        return _lots[account].weightAt(SafeCast.toUint48(block.timestamp)) / HoldingLots.RAMP;
    }

    /// @inheritdoc IGovernanceToken
    function lotsOf(address account) external view returns (HoldingLots.Lot[] memory) {
        return _lots[account].toArray();
    }

    /// @inheritdoc IGovernanceToken
    function totalSupplyAt(uint256 timepoint) public view returns (uint256) {
        _checkPast(timepoint);
        // forge-lint: disable-next-line(unsafe-typecast) _checkPast: timepoint < block.timestamp < 2^48
        return _supplyHistory.upperLookupRecent(uint48(timepoint));
    }

    /// @inheritdoc IGovernanceToken
    function balanceOfAt(address account, uint256 timepoint) external view returns (uint256) {
        _checkPast(timepoint);
        // forge-lint: disable-next-line(unsafe-typecast) _checkPast: timepoint < block.timestamp < 2^48
        return _balanceHistory[account].upperLookupRecent(uint48(timepoint));
    }

    /// @inheritdoc IGovernanceToken
    function maxTotalWeightAt(uint256 timepoint) external view returns (uint256) {
        return totalSupplyAt(timepoint) * WEIGHT_CAP;
    }

    // ───────────── internals ─────────────

    /// @dev Every balance change moves lots; mints and burns also checkpoint the supply. A transfer to
    ///      oneself moves nothing, so it keeps the lots as they are.
    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (from == to) return;
        uint48 timepoint = SafeCast.toUint48(block.timestamp);
        if (from != address(0)) {
            _lots[from].remove(value);
            // forge-lint: disable-next-line(unsafe-typecast) a balance ≤ totalSupply ≤ uint208 max (checked on mint)
            _balanceHistory[from].push(timepoint, uint208(balanceOf(from)));
        }
        if (to != address(0)) {
            _lots[to].add(value, timepoint);
            // forge-lint: disable-next-line(unsafe-typecast) a balance ≤ totalSupply ≤ uint208 max (checked on mint)
            _balanceHistory[to].push(timepoint, uint208(balanceOf(to)));
        }
        if (from == address(0) || to == address(0)) {
            uint256 supply = totalSupply();
            require(supply <= type(uint208).max, SupplyCapExceeded(supply, type(uint208).max));
            // forge-lint: disable-next-line(unsafe-typecast) checked just above
            _supplyHistory.push(timepoint, uint208(supply));
        }
    }

    /// @dev Brings the staker's backing to its backed stake. A rise repays debt first, then mints. A
    ///      fall burns what the staker holds; lenient: the rest becomes debt; strict (withdrawal gate):
    ///      the debt is burned too and a shortfall reverts.
    function _sync(address staker, bool strict) internal returns (uint256 minted, uint256 burned) {
        uint256 backed = backedStake(staker);
        StakerRecord memory record = _stakers[staker];
        uint256 backing = record.backing;
        uint256 debt = record.debt;
        uint256 owed;
        if (backed >= backing) {
            uint256 rise = backed - backing;
            uint256 repaid = rise < debt ? rise : debt;
            debt -= repaid;
            minted = rise - repaid;
        } else {
            owed = backing - backed;
        }
        if (strict) {
            owed += debt;
            debt = 0;
        }
        uint256 balance = balanceOf(staker);
        if (owed > balance) {
            require(!strict, InsufficientGovernanceTokens(staker, balance, owed));
            debt += owed - balance;
            burned = balance;
        } else {
            burned = owed;
        }
        _setStakerRecord(staker, record, backed, debt);
        if (minted != 0) _mint(staker, minted);
        if (burned != 0) _burn(staker, burned);
        emit Synced(staker, backed, minted, burned, debt);
    }

    function _setStakerRecord(address staker, StakerRecord memory previous, uint256 backing, uint256 debt)
        internal
    {
        totalBacking = totalBacking - previous.backing + backing;
        totalDebt = totalDebt - previous.debt + debt;
        _stakers[staker] =
            StakerRecord({backing: SafeCast.toUint128(backing), debt: SafeCast.toUint128(debt)});
    }

    function _setGrantCaps(GrantCaps memory caps) internal {
        _checkBounds("periodCapBps", caps.periodCapBps, 0, MAX_PERIOD_CAP_BPS);
        _checkBounds("totalCapBps", caps.totalCapBps, 0, MAX_TOTAL_CAP_BPS);
        _grantCaps = caps;
        emit GrantCapsSet(caps);
    }

    function _checkPast(uint256 timepoint) internal view {
        // forge-lint: disable-next-line(block-timestamp) 30-day grant periods and past-only vote lookups: seconds of drift are harmless
        require(timepoint < block.timestamp, FutureLookup(timepoint, block.timestamp));
    }

    function _checkBounds(string memory name, uint256 value, uint256 min, uint256 max) internal pure {
        require(value >= min && value <= max, ParamOutOfBounds(name, value, min, max));
    }
}
