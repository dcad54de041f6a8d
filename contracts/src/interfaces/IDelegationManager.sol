// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IStrategy} from "./IStrategy.sol";
import {IThreatResponse} from "./IThreatResponse.sol";

/// @title Operators, delegation, staker positions and queued withdrawals
/// @notice Model. Each (operator, strategy) has two *pools* of strategy shares, each split into
///         *units*: the active pool (stake delegated to the operator) and the queued pool (stake
///         in withdrawals queued while delegated to the operator). A delegated staker owns units of
///         its operator's active pool; a queued withdrawal owns units of that operator's queued
///         pool. A slash of fraction f = (prevMaxMagnitude − newMaxMagnitude) / prevMaxMagnitude
///         removes f of the shares of *both* pools, so every delegated staker and every
///         not-yet-completed withdrawal loses the same fraction, and nobody's units change.
///         A pool slashed to zero (units but no shares) cannot take new stake. The active pool then
///         refuses new stake (delegations, deposits) until all its stakers have left; undelegating
///         stays possible, the worthless units becoming a withdrawal entry worth 0. The queued pool instead starts a new *generation* when stake
///         next enters it: its units restart from zero, and the withdrawals of the earlier generation,
///         worth nothing, pay 0 whenever their stakers complete them — so a staker who never
///         completes cannot keep the operator's other stakers from leaving.
///         A staker that is not delegated holds plain strategy shares, which are not slashable.
///         Pause groups: 0 operator registration and delegation, 1 entering the withdrawal queue
///         (queueWithdrawal, undelegate), 2 completing withdrawals.
///         Withdrawal gate: the owner may name a contract that is called after stake has left a staker's
///         position for the withdrawal queue (`queueWithdrawal`, `undelegate`); it may revert to refuse
///         the withdrawal (Palisade's GovernanceToken burns the governance tokens the stake backed, and
///         refuses when the staker does not hold them). address(0), the default, calls nothing.
///         Threat response (decision 0008): the owner may name Palisade's ThreatResponse; while it has an
///         operator frozen, the operator cannot queue withdrawals (nor undelegate, which operators never
///         can) and no withdrawal queued while delegated to it completes, so the stake stays slashable
///         for a slash request to land. Its stakers may still queue. address(0), the default: no check.
interface IDelegationManager {
    /// @notice Signature of an operator's delegation approver, with its expiry (unix seconds).
    struct SignatureWithExpiry {
        bytes signature;
        uint256 expiry;
    }

    /// @notice A withdrawal waiting for its delay. While `operator` is non-zero the stake sits in that
    ///         operator's queued pool as `units[i]` of `strategies[i]` and stays slashable until the
    ///         withdrawal completes; with `operator == address(0)` `units[i]` are plain shares.
    ///         The queued pool's generation each entry was queued in is kept beside the withdrawal (not
    ///         in this struct, so the root is unchanged); an entry of an earlier generation is worth 0.
    struct QueuedWithdrawal {
        address staker;
        address operator;
        uint32 startBlock;
        uint32 completableBlock;
        uint256 nonce;
        IStrategy[] strategies;
        uint256[] units;
    }

    error AlreadyOperator(address operator);
    error NotOperator(address account);
    error AlreadyDelegated(address staker, address operator);
    error NotDelegated(address staker);
    /// @notice Operators are delegated to themselves and cannot undelegate.
    error OperatorCannotUndelegate(address operator);
    error ApproverSignatureExpired(uint256 expiry, uint256 nowTimestamp);
    error ApproverSaltSpent(bytes32 salt);
    error InvalidApproverSignature();
    error InputLengthMismatch();
    error ZeroShares();
    error InsufficientShares(IStrategy strategy, uint256 have, uint256 want);
    error DuplicateStrategy(IStrategy strategy);
    error WithdrawalNotFound(bytes32 root);
    error WithdrawalNotCompletable(bytes32 root, uint32 completableBlock, uint256 currentBlock);
    error NotWithdrawalStaker(address caller, address staker);
    /// @notice The operator's active pool was slashed to zero shares; it cannot take new stake.
    error FullySlashed(address operator, IStrategy strategy);
    error WithdrawalDelayTooLong(uint32 delay, uint32 max);
    error OnlyStrategyManager(address caller);
    error OnlyAllocationManager(address caller);
    error InvalidMagnitudes(uint64 prevMaxMagnitude, uint64 newMaxMagnitude);
    /// @notice The ThreatResponse has `operator` frozen until `until` (unix seconds, exclusive).
    error OperatorFrozen(address operator, uint64 until);

    event OperatorRegistered(address indexed operator, address delegationApprover);
    event DelegationApproverUpdated(address indexed operator, address delegationApprover);
    event OperatorMetadataURIUpdated(address indexed operator, string metadataURI);
    event StakerDelegated(address indexed staker, address indexed operator);
    event StakerUndelegated(address indexed staker, address indexed operator);
    /// @notice The staker's active-pool units (or plain shares when undelegated) in `strategy` changed.
    event StakerPositionUpdated(
        address indexed staker, IStrategy indexed strategy, uint256 units, uint256 shares
    );
    /// @notice An operator's pools for `strategy` changed (also emitted when the queued pool starts a
    ///         new generation, its units reset to 0).
    event OperatorPoolUpdated(
        address indexed operator,
        IStrategy indexed strategy,
        uint256 activeShares,
        uint256 activeUnits,
        uint256 queuedShares,
        uint256 queuedUnits
    );
    event WithdrawalQueued(bytes32 indexed root, QueuedWithdrawal withdrawal, uint256[] shares);
    event WithdrawalCompleted(bytes32 indexed root, bool receiveAsTokens, uint256[] shares);
    event OperatorSharesSlashed(
        address indexed operator,
        IStrategy indexed strategy,
        uint256 activeSharesSlashed,
        uint256 queuedSharesSlashed
    );
    event WithdrawalDelaySet(uint32 previousDelay, uint32 newDelay);
    event WithdrawalGateSet(IWithdrawalGate previousGate, IWithdrawalGate newGate);
    event ThreatResponseSet(IThreatResponse indexed previous, IThreatResponse indexed current);

    /// @notice Registers the caller as an operator, delegated to itself.
    /// @param delegationApprover if non-zero, delegations need this address's EIP-712 (or ERC-1271)
    ///        approval.
    function registerAsOperator(address delegationApprover, string calldata metadataURI) external;

    /// @notice Operator only. Changes the delegation approver (address(0): anyone may delegate).
    function setDelegationApprover(address delegationApprover) external;

    /// @notice Operator only. Emits a new metadata URI.
    function updateOperatorMetadataURI(string calldata metadataURI) external;

    /// @notice Delegates all the caller's shares to `operator`. Plain shares become active-pool units.
    /// @param approverSignature ignored when the operator has no approver.
    /// @param approverSalt single-use salt covered by the approver's signature.
    function delegateTo(
        address operator,
        SignatureWithExpiry calldata approverSignature,
        bytes32 approverSalt
    ) external;

    /// @notice Undelegates the caller: queues one withdrawal of all its shares in every strategy.
    /// @return root the queued withdrawal's root (bytes32(0) if the staker had no shares).
    function undelegate() external returns (bytes32 root);

    /// @notice Queues a withdrawal of `shares[i]` (current value in strategy shares) of each
    ///         `strategies[i]`. Stake queued while delegated stays slashable until completion. Reverts
    ///         `OperatorFrozen` when the caller is an operator the ThreatResponse has frozen.
    function queueWithdrawal(IStrategy[] calldata strategies, uint256[] calldata shares)
        external
        returns (bytes32 root);

    /// @notice Completes the caller's queued withdrawal once its delay has passed: as tokens, or back
    ///         into a position (delegated to the caller's current operator, if any) when
    ///         `receiveAsTokens` is false — the path to redelegate. Reverts `OperatorFrozen` while the
    ///         operator the stake was queued from (`withdrawal.operator`) is frozen.
    /// @return shares the strategy shares the withdrawal was worth after any slashing (0 for an entry
    ///         of an earlier queued-pool generation).
    function completeQueuedWithdrawal(bytes32 root, bool receiveAsTokens)
        external
        returns (uint256[] memory shares);

    /// @notice StrategyManager only. Credits freshly deposited shares to the staker's position.
    function onDeposit(address staker, IStrategy strategy, uint256 shares) external;

    /// @notice AllocationManager only. Slashes the fraction (prev − new) / prev of the operator's
    ///         active and queued pools in `strategy` and sends the tokens to `destination`
    ///         (address(0) = burn).
    /// @return sharesSlashed strategy shares removed from both pools together.
    function slashOperatorShares(
        address operator,
        IStrategy strategy,
        uint64 prevMaxMagnitude,
        uint64 newMaxMagnitude,
        address destination
    ) external returns (uint256 sharesSlashed);

    /// @notice Owner only. Sets the withdrawal delay in blocks (applies to withdrawals queued later).
    function setWithdrawalDelay(uint32 delayBlocks) external;

    /// @notice Owner only. Sets the contract called after each `queueWithdrawal` and `undelegate`
    ///         (address(0): none).
    function setWithdrawalGate(IWithdrawalGate gate) external;

    /// @notice Owner only. Sets the ThreatResponse whose freezes hold operators' withdrawals
    ///         (address(0): none).
    function setThreatResponse(IThreatResponse threatResponse) external;

    function isOperator(address account) external view returns (bool);
    /// @notice The operator `staker` is delegated to, or address(0).
    function delegatedTo(address staker) external view returns (address);
    function delegationApprover(address operator) external view returns (address);
    function withdrawalDelayBlocks() external view returns (uint32);
    /// @notice The withdrawal gate, or address(0).
    function withdrawalGate() external view returns (IWithdrawalGate);
    /// @notice The ThreatResponse, or address(0).
    function threatResponse() external view returns (IThreatResponse);
    /// @notice Strategy shares delegated to `operator` now (its active pool): the stake it can allocate.
    function operatorShares(address operator, IStrategy strategy) external view returns (uint256);
    /// @notice Both pools of (operator, strategy); `queuedUnits` counts the current generation only.
    function getOperatorPool(address operator, IStrategy strategy)
        external
        view
        returns (uint256 activeShares, uint256 activeUnits, uint256 queuedShares, uint256 queuedUnits);
    /// @notice The staker's operator and its units in that operator's active pool (plain shares when
    ///         not delegated).
    function stakerUnits(address staker, IStrategy strategy)
        external
        view
        returns (address operator, uint256 units);
    /// @notice Strategy shares the staker could queue for withdrawal now.
    function withdrawableShares(address staker, IStrategy strategy) external view returns (uint256);
    /// @notice Strategies in which the staker has a position.
    function getStakerStrategies(address staker) external view returns (IStrategy[] memory);
    /// @notice A queued withdrawal and what each of its entries is worth now, in strategy shares (0 for
    ///         an entry of an earlier queued-pool generation).
    function getQueuedWithdrawal(bytes32 root)
        external
        view
        returns (QueuedWithdrawal memory withdrawal, uint256[] memory shares);
    /// @notice Roots of the staker's pending withdrawals.
    function getQueuedWithdrawalRoots(address staker) external view returns (bytes32[] memory);
    /// @notice EIP-712 digest a delegation approver signs.
    function calculateDelegationApprovalDigestHash(
        address staker,
        address operator,
        address approver,
        bytes32 approverSalt,
        uint256 expiry
    ) external view returns (bytes32);
}

/// @title A check run when stake leaves a staker's position for the withdrawal queue
/// @notice Called by the DelegationManager at the end of `queueWithdrawal` and `undelegate`, after the
///         staker's position and its operator's pools reflect the withdrawal; a revert refuses the
///         withdrawal. It may read the core's views but must not call back into state-changing functions
///         (the DelegationManager holds its reentrancy lock).
interface IWithdrawalGate {
    function onWithdrawalQueued(address staker) external;
}
