// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Per-epoch split of protocol revenue between operators and investors (decision 0007)
/// @notice Model. The distributor is the marketplace's treasury: protocol fees and slashed provider
///         stake left after compensations arrive here as PAL. `distribute()` closes an epoch: what
///         arrived since the last epoch is split into an operators' pot and an investors' pot by
///         `RevenueSplit.operatorsBps(R, P, S, C)`; slashed funds are split the same way or burned
///         (`burnSlashed`). Pots are claimed later, pro rata to a snapshot taken at the epoch's end:
///         operators by their OperatorRegistry stake at the snapshot block, investors by their
///         governance-token balance at the snapshot second. Each (epoch, account) claims once.
interface IRevenueDistributor {
    /// @notice Governable coefficients, each bounded on-chain (see RevenueSplit).
    struct Params {
        uint16 baseBps; // operators' share with no activity
        uint16 minBps; // floor of the operators' share
        uint16 maxBps; // ceiling of the operators' share
        uint16 enforcementBps; // added per executed slash or settled challenge…
        uint16 enforcementCap; // …counting at most this many per epoch
        uint16 providerBps; // added per registered provider…
        uint16 providerCap; // …counting at most this many
        uint16 revenueBps; // subtracted per `revenueUnit` of epoch revenue…
        uint16 revenueCap; // …counting at most this many units
        uint128 revenueUnit; // PAL (wei) per revenue unit
        uint32 epochLength; // seconds between two distributions
        bool burnSlashed; // burn slashed funds instead of sharing them
    }

    struct Epoch {
        uint48 snapshotTime; // investors: governance-token balances at the end of this second
        uint32 snapshotBlock; // operators: registry stakes at the end of this block
        uint16 operatorsBps;
        uint128 operatorsPot;
        uint128 investorsPot;
        uint128 totalStake;
        uint128 totalSupply;
        uint128 revenue;
        uint128 slashed;
        uint128 burned;
    }

    error ZeroAddress();
    error ParamOutOfBounds(string name, uint256 value, uint256 min, uint256 max);
    error EpochNotOver(uint256 nextAt);
    error UnknownEpoch(uint256 epoch);
    error AlreadyClaimed(uint256 epoch, address account);

    event Distributed(
        uint256 indexed epoch,
        uint256 revenue,
        uint256 slashed,
        uint256 executedSlashes,
        uint256 settledChallenges,
        uint256 providers,
        uint16 operatorsBps,
        uint256 operatorsPot,
        uint256 investorsPot,
        uint256 burned
    );
    event OperatorClaimed(uint256 indexed epoch, address indexed operator, uint256 amount);
    event InvestorClaimed(uint256 indexed epoch, address indexed investor, uint256 amount);
    event ParamsSet(Params params);

    /// @notice Anyone, once `epochLength` has passed: closes an epoch (see the model).
    function distribute() external returns (uint256 epoch);
    /// @notice An operator claims its share of `epochs`' operators' pots (0 where it had no stake).
    function claimOperator(uint256[] calldata epochs) external returns (uint256 amount);
    /// @notice A holder claims its share of `epochs`' investors' pots (0 where it held nothing).
    function claimInvestor(uint256[] calldata epochs) external returns (uint256 amount);
    /// @notice Governance (the timelock): sets the coefficients within their bounds.
    function setParams(Params calldata params) external;

    function params() external view returns (Params memory);
    function epochCount() external view returns (uint256);
    function getEpoch(uint256 epoch) external view returns (Epoch memory);
    /// @notice PAL owed to unclaimed pots: the distributor's balance never falls below it.
    function reserved() external view returns (uint256);
    /// @notice The operators' share (bps) the current counters would give for `revenue` now.
    function operatorsBpsFor(uint256 revenue, uint256 providers, uint256 enforcement)
        external
        view
        returns (uint16);
    function operatorClaimable(uint256 epoch, address operator) external view returns (uint256);
    function investorClaimable(uint256 epoch, address investor) external view returns (uint256);
}
