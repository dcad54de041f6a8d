// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {OperatorSet} from "../types/OperatorSet.sol";
import {IStrategy} from "./IStrategy.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title On-chain rewards: streams funded by AVSs, paid through reward-per-share accumulators
/// @notice Model. An AVS funds a stream (operator set, strategy, token, amount, duration): the amount
///         flows linearly over the duration to the set's members in proportion to their *weight*,
///         the stake they have allocated to the set in that strategy (shares, see
///         IAllocationManager.getAllocatedStake). Two accumulators, no off-chain root:
///           1. per stream, reward per unit of operator weight;
///           2. per (operator, strategy, token), reward per unit of the operator's active pool
///              (IDelegationManager), which receives what an operator earns minus its commission.
///         A staker's reward is `units × (acc − acc at its last checkpoint)`: O(1) per staker per
///         (strategy, token). Weights and units are *cached* here and refreshed at checkpoints; the
///         DelegationManager and AllocationManager checkpoint after every change they make, and
///         anyone may checkpoint (e.g. when a pending allocation has become effective). Rounding is
///         always down, so rewards paid never exceed rewards funded. Pause groups: 0 funding,
///         1 claiming.
interface IRewardsCoordinator {
    struct RewardsSubmission {
        OperatorSet operatorSet;
        IStrategy strategy;
        IERC20 token;
        uint256 amount;
        /// @dev seconds over which `amount` streams; added to what is left of an active stream
        uint32 duration;
    }

    error OperatorSetDoesNotExist(address avs, uint32 operatorSetId);
    error NotOperatorSetAVS(address caller, address avs);
    error StrategyNotInOperatorSet(IStrategy strategy);
    error InvalidDuration(uint32 duration, uint32 max);
    error ZeroAmount();
    error AmountTooLarge(uint256 amount);
    error TooManyRewardTokens(uint256 max);
    error CommissionTooHigh(uint16 bips, uint16 max);
    error NotOperator(address account);
    error FeeOnTransferNotSupported(uint256 expected, uint256 received);

    event RewardsSubmissionCreated(
        address indexed avs,
        bytes32 indexed streamId,
        RewardsSubmission submission,
        uint256 ratePerSecond,
        uint64 finish
    );
    event OperatorCommissionSet(address indexed operator, OperatorSet operatorSet, uint16 bips);
    /// @notice The operator's cached weight in a (set, strategy) changed at a checkpoint.
    event OperatorWeightUpdated(
        address indexed operator,
        OperatorSet operatorSet,
        IStrategy indexed strategy,
        uint256 weight,
        uint256 totalWeight
    );
    /// @notice The staker's cached (operator, units) in `strategy` changed at a checkpoint.
    event StakerUnitsUpdated(
        address indexed staker, IStrategy indexed strategy, address indexed operator, uint256 units
    );
    event RewardsClaimed(address indexed earner, IERC20 indexed token, address recipient, uint256 amount);

    /// @notice The set's AVS funds (or tops up) a stream; pulls `amount` of `token` from the caller.
    /// @return streamId keccak256(operatorSet key, strategy, token).
    function createRewardsSubmission(RewardsSubmission calldata submission)
        external
        returns (bytes32 streamId);

    /// @notice Operator only: its commission in `operatorSet`, in basis points (≤ 10000). Earnings
    ///         up to now are settled at the old rate first.
    function setOperatorCommission(OperatorSet calldata operatorSet, uint16 bips) external;

    /// @notice Settles `operator`'s earnings in every funded set for `strategy` and refreshes its
    ///         cached weights and pool units. Called by the DelegationManager and AllocationManager
    ///         after they change the operator's stake or magnitudes; permissionless.
    function checkpointOperator(address operator, IStrategy strategy) external;

    /// @notice Settles `staker`'s earnings in `strategy` (and its operator's) and refreshes the cached
    ///         units. Called by the DelegationManager after a staker's units change; permissionless.
    function checkpointStaker(address staker, IStrategy strategy) external;

    /// @notice Checkpoints the caller in `strategies` and pays everything it has earned in `token`
    ///         (as a staker and as an operator) to `recipient`.
    function claim(IERC20 token, IStrategy[] calldata strategies, address recipient)
        external
        returns (uint256 amount);

    /// @notice Rewards `earner` could claim in `token` now, counting accruals up to this block in
    ///         `strategies`.
    function claimable(address earner, IERC20 token, IStrategy[] calldata strategies)
        external
        view
        returns (uint256);
    /// @notice Operator commission in a set (basis points).
    function operatorCommission(address operator, OperatorSet calldata operatorSet)
        external
        view
        returns (uint16);
    /// @notice Stream state. `ratePerSecond` is tokens per second × 1e18; `finish` moves out while the
    ///         stream is idle (no weight); `totalWeight` is the (set, strategy)'s cached weight.
    function getStream(OperatorSet calldata operatorSet, IStrategy strategy, IERC20 token)
        external
        view
        returns (uint256 ratePerSecond, uint64 finish, uint64 lastUpdate, uint256 totalWeight);
    /// @notice Totals per token, for the invariant "paid ≤ funded".
    function totalFunded(IERC20 token) external view returns (uint256);
    function totalClaimed(IERC20 token) external view returns (uint256);
}
