// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {HoldingLots} from "../governance/HoldingLots.sol";
import {IWithdrawalGate} from "./IDelegationManager.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title Palisade's governance token: backed by stake restaked into Palisade, votes weighted by holding
/// @notice Model (decision 0006). One token is one value unit of stake allocated to Palisade's operator
///         set (underlying tokens × the set's strategy value weight). A staker's *backed* stake is its
///         share of its operator's stake allocated to the set, summed over the set's strategies.
///         `sync(staker)`, callable by anyone, mints the rise of the backed stake to the staker, or
///         burns its fall from the staker's balance; what the staker no longer holds becomes *debt*,
///         repaid first out of later rises. Stake leaves Palisade for the withdrawal queue only if the
///         staker returns the tokens: as the DelegationManager's withdrawal gate, the token burns the
///         fall and the debt there, or refuses the withdrawal. Governance may grant unbacked tokens,
///         capped per 30-day period and in total relative to the backed supply. Always:
///         `totalSupply = totalBacking + totalDebt + totalGranted`.
///
///         Votes: each account's balance is held in at most eight lots (amount, acquiredAt); a lot
///         weighs 1× on arrival rising to 2× after a year (HoldingLots). Votes at a past `timepoint` are
///         the weight then of the account's current lots acquired at or before it. Splitting or moving
///         tokens never raises total weight; tokens moved after a snapshot do not vote on it twice.
///         There is no vote delegation.
interface IGovernanceToken is IERC20, IWithdrawalGate {
    /// @notice What the token has recognised for a staker, in value units (18 decimals).
    struct StakerRecord {
        /// @dev the backed stake at the last sync (the tokens minted against it, net of debt)
        uint128 backing;
        /// @dev tokens that should have been burned for a fall of the backed stake but were not held
        uint128 debt;
    }

    /// @notice Grant caps, in basis points of `totalBacking` at grant time.
    struct GrantCaps {
        /// @dev per 30-day period (periods aligned on unix time)
        uint16 periodCapBps;
        /// @dev over all time
        uint16 totalCapBps;
    }

    /// @notice `onWithdrawalQueued` came from another address than the DelegationManager.
    error NotDelegationManager(address caller);
    /// @notice The staker does not hold the tokens its withdrawal must return (`need` = fall of the
    ///         backed stake + outstanding debt).
    error InsufficientGovernanceTokens(address staker, uint256 have, uint256 need);
    /// @notice Votes and supply are only known for times strictly before now.
    error FutureLookup(uint256 timepoint, uint256 currentTime);
    error GrantAbovePeriodCap(uint256 amount, uint256 available);
    error GrantAboveTotalCap(uint256 amount, uint256 available);
    error ParamOutOfBounds(string name, uint256 value, uint256 min, uint256 max);
    error ZeroAddress();
    error ZeroAmount();
    /// @notice Lots store amounts in 208 bits: the supply may not exceed 2^208 − 1.
    error SupplyCapExceeded(uint256 supply, uint256 cap);

    /// @notice A staker's recognised backing moved to `backed`; `minted` and `burned` are the tokens
    ///         created and destroyed, `debt` the debt after the sync.
    event Synced(address indexed staker, uint256 backed, uint256 minted, uint256 burned, uint256 debt);
    event Granted(
        address indexed to, uint256 amount, string reason, uint256 grantedInPeriod, uint256 totalGranted
    );
    event GrantCapsSet(GrantCaps caps);

    /// @notice Anyone: brings the staker's tokens in line with its backed stake now (mint the rise net
    ///         of debt, or burn the fall; a fall the staker cannot cover becomes debt).
    /// @return minted tokens minted to the staker
    /// @return burned tokens burned from the staker
    function sync(address staker) external returns (uint256 minted, uint256 burned);

    /// @notice Owner (governance): mints `amount` unbacked tokens to `to`, within the grant caps.
    function grant(address to, uint256 amount, string calldata reason) external;

    /// @notice Owner (governance): `periodCapBps ≤ 100` (1 %), `totalCapBps ≤ 1,000` (10 %).
    function setGrantCaps(GrantCaps calldata caps) external;

    /// @notice The staker's backed stake now (what a sync would bring its backing to).
    function backedStake(address staker) external view returns (uint256);
    function stakerRecord(address staker) external view returns (StakerRecord memory);
    function totalBacking() external view returns (uint256);
    function totalDebt() external view returns (uint256);
    function totalGranted() external view returns (uint256);
    /// @notice Tokens granted in the current 30-day period.
    function grantedInPeriod() external view returns (uint256);
    function grantCaps() external view returns (GrantCaps memory);

    /// @notice Votes of `account` for a snapshot at `timepoint` (unix seconds, strictly in the past):
    ///         the weight at `timepoint` of its current lots acquired at or before it.
    function getVotes(address account, uint256 timepoint) external view returns (uint256);
    /// @notice The weight of all of `account`'s lots now (what it would vote with on a snapshot taken now).
    function currentWeight(address account) external view returns (uint256);
    /// @notice The account's lots, oldest first.
    function lotsOf(address account) external view returns (HoldingLots.Lot[] memory);
    /// @notice Total supply at the end of `timepoint` (strictly in the past).
    function totalSupplyAt(uint256 timepoint) external view returns (uint256);
    /// @notice `account`'s balance at the end of past `timepoint` (unix seconds): what the
    ///         RevenueDistributor pays investors by (decision 0007).
    function balanceOfAt(address account, uint256 timepoint) external view returns (uint256);
    /// @notice `totalSupplyAt(timepoint) × 2`: no total weight at `timepoint` can exceed it.
    function maxTotalWeightAt(uint256 timepoint) external view returns (uint256);
}
