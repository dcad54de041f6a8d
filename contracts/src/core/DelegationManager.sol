// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAllocationManager} from "../interfaces/IAllocationManager.sol";
import {IDelegationManager, IWithdrawalGate} from "../interfaces/IDelegationManager.sol";
import {IRewardsCoordinator} from "../interfaces/IRewardsCoordinator.sol";
import {IStrategy} from "../interfaces/IStrategy.sol";
import {IStrategyManager} from "../interfaces/IStrategyManager.sol";
import {IThreatResponse} from "../interfaces/IThreatResponse.sol";
import {PoolMath} from "../libraries/PoolMath.sol";
import {Pausable} from "./Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";

/// @title Operators, delegation, staker positions and queued withdrawals
/// @notice Implements the pool model of IDelegationManager with PoolMath. A staker's position in a
///         strategy is one number: units of its operator's active pool while delegated, plain
///         strategy shares otherwise. Rounding always favours the stakers who stay (see PoolMath).
/// @dev `rewardsCoordinator` may be address(0): the core is then used without rewards and no
///      checkpoint hooks are called. Otherwise `checkpointStaker` is called after every change of a
///      delegated staker's units (including a staker leaving its operator, units becoming 0) and
///      `checkpointOperator` after every slash.
contract DelegationManager is IDelegationManager, Pausable, ReentrancyGuardTransient, EIP712 {
    using EnumerableSet for EnumerableSet.AddressSet;
    using EnumerableSet for EnumerableSet.Bytes32Set;
    using PoolMath for PoolMath.Pool;

    /// @notice Pause group: operator registration and delegation.
    uint8 public constant PAUSE_DELEGATION = 0;
    /// @notice Pause group: entering the withdrawal queue (queueWithdrawal, undelegate).
    uint8 public constant PAUSE_QUEUE = 1;
    /// @notice Pause group: completing withdrawals.
    uint8 public constant PAUSE_COMPLETE = 2;
    /// @notice Longest withdrawal delay: 30 days of 12-second blocks.
    uint32 public constant MAX_WITHDRAWAL_DELAY_BLOCKS = 216_000;
    /// @notice EIP-712 type of a delegation approver's signature.
    bytes32 public constant DELEGATION_APPROVAL_TYPEHASH =
        keccak256("DelegationApproval(address staker,address operator,bytes32 salt,uint256 expiry)");

    IStrategyManager public immutable strategyManager;
    IAllocationManager public immutable allocationManager;
    /// @notice address(0) when the core runs without rewards.
    IRewardsCoordinator public immutable rewardsCoordinator;

    struct OperatorPools {
        PoolMath.Pool active;
        PoolMath.Pool queued;
    }

    struct OperatorDetails {
        bool registered;
        address delegationApprover;
    }

    uint32 private _withdrawalDelayBlocks;
    /// @dev shares the slot of `_withdrawalDelayBlocks`, which every queueing reads anyway
    IWithdrawalGate private _withdrawalGate;
    mapping(address operator => OperatorDetails) private _operators;
    mapping(address staker => address operator) private _delegatedTo;
    mapping(address operator => mapping(IStrategy => OperatorPools)) private _pools;
    /// @dev units of the current operator's active pool while delegated, plain shares otherwise
    mapping(address staker => mapping(IStrategy => uint256)) private _positions;
    mapping(address staker => EnumerableSet.AddressSet) private _stakerStrategies;
    mapping(address staker => uint256) private _withdrawalNonce;
    mapping(bytes32 root => QueuedWithdrawal) private _withdrawals;
    /// @dev queued-pool generation each entry of a withdrawal queued while delegated was minted in;
    ///      generation 0 is the default and is not written. Kept out of QueuedWithdrawal so the struct
    ///      and its root stay what the SDK hashes.
    mapping(bytes32 root => mapping(IStrategy => uint256 generation)) private _withdrawalGenerations;
    mapping(address staker => EnumerableSet.Bytes32Set) private _withdrawalRoots;
    mapping(address approver => mapping(bytes32 salt => bool)) private _saltSpent;
    /// @dev read only when an operator queues, or a withdrawal queued while delegated completes
    IThreatResponse private _threatResponse;

    modifier onlyOperator() {
        require(_operators[msg.sender].registered, NotOperator(msg.sender));
        _;
    }

    modifier onlyStrategyManager() {
        require(msg.sender == address(strategyManager), OnlyStrategyManager(msg.sender));
        _;
    }

    modifier onlyAllocationManager() {
        require(msg.sender == address(allocationManager), OnlyAllocationManager(msg.sender));
        _;
    }

    constructor(
        address initialOwner,
        address initialPauser,
        IStrategyManager strategyManager_,
        IAllocationManager allocationManager_,
        IRewardsCoordinator rewardsCoordinator_,
        uint32 withdrawalDelayBlocks_
    ) Pausable(initialOwner, initialPauser) EIP712("Palisade DelegationManager", "1") {
        strategyManager = strategyManager_;
        allocationManager = allocationManager_;
        rewardsCoordinator = rewardsCoordinator_;
        _setWithdrawalDelay(withdrawalDelayBlocks_);
    }

    // ------------------------------------------------------------------ operators

    /// @inheritdoc IDelegationManager
    function registerAsOperator(address delegationApprover_, string calldata metadataURI)
        external
        whenNotPaused(PAUSE_DELEGATION)
        nonReentrant
    {
        address operator = msg.sender;
        require(!_operators[operator].registered, AlreadyOperator(operator));
        address current = _delegatedTo[operator];
        require(current == address(0), AlreadyDelegated(operator, current));
        _operators[operator] = OperatorDetails({registered: true, delegationApprover: delegationApprover_});
        emit OperatorRegistered(operator, delegationApprover_);
        emit OperatorMetadataURIUpdated(operator, metadataURI);
        _delegate(operator, operator);
    }

    /// @inheritdoc IDelegationManager
    function setDelegationApprover(address delegationApprover_) external onlyOperator {
        _operators[msg.sender].delegationApprover = delegationApprover_;
        emit DelegationApproverUpdated(msg.sender, delegationApprover_);
    }

    /// @inheritdoc IDelegationManager
    function updateOperatorMetadataURI(string calldata metadataURI) external onlyOperator {
        emit OperatorMetadataURIUpdated(msg.sender, metadataURI);
    }

    // ------------------------------------------------------------------ delegation

    /// @inheritdoc IDelegationManager
    /// @dev The approver itself may delegate without a signature.
    function delegateTo(
        address operator,
        SignatureWithExpiry calldata approverSignature,
        bytes32 approverSalt
    ) external whenNotPaused(PAUSE_DELEGATION) nonReentrant {
        address staker = msg.sender;
        require(_operators[operator].registered, NotOperator(operator));
        address current = _delegatedTo[staker];
        require(current == address(0), AlreadyDelegated(staker, current));
        address approver = _operators[operator].delegationApprover;
        if (approver != address(0) && approver != staker) {
            _spendApproval(staker, operator, approver, approverSignature, approverSalt);
        }
        _delegate(staker, operator);
    }

    /// @inheritdoc IDelegationManager
    function undelegate() external whenNotPaused(PAUSE_QUEUE) nonReentrant returns (bytes32 root) {
        address staker = msg.sender;
        address operator = _delegatedTo[staker];
        require(operator != address(0), NotDelegated(staker));
        require(!_operators[staker].registered, OperatorCannotUndelegate(staker));
        IStrategy[] memory strategies = _toStrategies(_stakerStrategies[staker].values());
        uint256 n = strategies.length;
        if (n != 0) {
            uint256[] memory units = new uint256[](n);
            uint256[] memory shares = new uint256[](n);
            for (uint256 i; i < n; ++i) {
                uint256 position = _positions[staker][strategies[i]];
                (units[i], shares[i]) = _moveToQueue(staker, operator, strategies[i], position, position);
            }
            root = _recordWithdrawal(staker, operator, strategies, units, shares);
        }
        _setDelegatedTo(staker, address(0));
        for (uint256 i; i < n; ++i) {
            _checkpointStaker(staker, strategies[i]);
        }
        _callWithdrawalGate(staker);
    }

    // ------------------------------------------------------------------ withdrawals

    /// @inheritdoc IDelegationManager
    function queueWithdrawal(IStrategy[] calldata strategies, uint256[] calldata shares)
        external
        whenNotPaused(PAUSE_QUEUE)
        nonReentrant
        returns (bytes32 root)
    {
        uint256 n = strategies.length;
        require(n != 0 && n == shares.length, InputLengthMismatch());
        address staker = msg.sender;
        address operator = _delegatedTo[staker];
        // only operators are delegated to themselves: other stakers pay nothing for the freeze check
        if (operator == staker) _checkNotFrozen(operator);
        uint256[] memory units = new uint256[](n);
        uint256[] memory queued = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            IStrategy strategy = strategies[i];
            for (uint256 j; j < i; ++j) {
                require(address(strategies[j]) != address(strategy), DuplicateStrategy(strategy));
            }
            require(shares[i] != 0, ZeroShares());
            (units[i], queued[i]) = _takeOut(staker, operator, strategy, shares[i]);
        }
        root = _recordWithdrawal(staker, operator, strategies, units, queued);
        if (operator != address(0)) {
            for (uint256 i; i < n; ++i) {
                _checkpointStaker(staker, strategies[i]);
            }
        }
        _callWithdrawalGate(staker);
    }

    /// @inheritdoc IDelegationManager
    function completeQueuedWithdrawal(bytes32 root, bool receiveAsTokens)
        external
        whenNotPaused(PAUSE_COMPLETE)
        nonReentrant
        returns (uint256[] memory shares)
    {
        QueuedWithdrawal memory withdrawal = _withdrawals[root];
        address staker = withdrawal.staker;
        require(staker != address(0), WithdrawalNotFound(root));
        require(msg.sender == staker, NotWithdrawalStaker(msg.sender, staker));
        require(
            block.number >= withdrawal.completableBlock,
            WithdrawalNotCompletable(root, withdrawal.completableBlock, block.number)
        );
        // stake queued while delegated stays slashable, and held, while its operator is frozen
        if (withdrawal.operator != address(0)) _checkNotFrozen(withdrawal.operator);
        _deleteWithdrawal(root, staker);

        uint256 n = withdrawal.strategies.length;
        shares = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            shares[i] = withdrawal.operator == address(0)
                ? withdrawal.units[i]
                : _leaveQueued(root, withdrawal.operator, withdrawal.strategies[i], withdrawal.units[i]);
            if (!receiveAsTokens && shares[i] != 0) _credit(staker, withdrawal.strategies[i], shares[i]);
        }
        emit WithdrawalCompleted(root, receiveAsTokens, shares);
        if (receiveAsTokens) {
            for (uint256 i; i < n; ++i) {
                // a fully slashed entry is worth nothing, and a strategy refuses to burn zero shares
                if (shares[i] != 0) {
                    strategyManager.withdrawSharesAsTokens(staker, withdrawal.strategies[i], shares[i]);
                }
            }
        }
    }

    // ------------------------------------------------------------------ hooks

    /// @inheritdoc IDelegationManager
    function onDeposit(address staker, IStrategy strategy, uint256 shares)
        external
        onlyStrategyManager
        nonReentrant
    {
        // a deposit that buys no units would be a gift to the pool: refuse it instead
        require(_credit(staker, strategy, shares) != 0, ZeroShares());
    }

    /// @inheritdoc IDelegationManager
    function slashOperatorShares(
        address operator,
        IStrategy strategy,
        uint64 prevMaxMagnitude,
        uint64 newMaxMagnitude,
        address destination
    ) external onlyAllocationManager nonReentrant returns (uint256 sharesSlashed) {
        require(newMaxMagnitude < prevMaxMagnitude, InvalidMagnitudes(prevMaxMagnitude, newMaxMagnitude));
        OperatorPools storage pools = _pools[operator][strategy];
        uint256 activeSlashed = pools.active.slash(prevMaxMagnitude, newMaxMagnitude);
        uint256 queuedSlashed = pools.queued.slash(prevMaxMagnitude, newMaxMagnitude);
        _emitPool(operator, strategy, pools);
        sharesSlashed = activeSlashed + queuedSlashed;
        emit OperatorSharesSlashed(operator, strategy, activeSlashed, queuedSlashed);
        if (sharesSlashed != 0) strategyManager.transferSlashedShares(strategy, sharesSlashed, destination);
        if (address(rewardsCoordinator) != address(0)) {
            rewardsCoordinator.checkpointOperator(operator, strategy);
        }
    }

    /// @inheritdoc IDelegationManager
    function setWithdrawalDelay(uint32 delayBlocks) external onlyOwner {
        _setWithdrawalDelay(delayBlocks);
    }

    /// @inheritdoc IDelegationManager
    function setWithdrawalGate(IWithdrawalGate gate) external onlyOwner {
        IWithdrawalGate previous = _withdrawalGate;
        _withdrawalGate = gate;
        emit WithdrawalGateSet(previous, gate);
    }

    /// @inheritdoc IDelegationManager
    function setThreatResponse(IThreatResponse threatResponse_) external onlyOwner {
        IThreatResponse previous = _threatResponse;
        _threatResponse = threatResponse_;
        emit ThreatResponseSet(previous, threatResponse_);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IDelegationManager
    function isOperator(address account) external view returns (bool) {
        return _operators[account].registered;
    }

    /// @inheritdoc IDelegationManager
    function delegatedTo(address staker) external view returns (address) {
        return _delegatedTo[staker];
    }

    /// @inheritdoc IDelegationManager
    function delegationApprover(address operator) external view returns (address) {
        return _operators[operator].delegationApprover;
    }

    /// @inheritdoc IDelegationManager
    function withdrawalDelayBlocks() external view returns (uint32) {
        return _withdrawalDelayBlocks;
    }

    /// @inheritdoc IDelegationManager
    function withdrawalGate() external view returns (IWithdrawalGate) {
        return _withdrawalGate;
    }

    /// @inheritdoc IDelegationManager
    function threatResponse() external view returns (IThreatResponse) {
        return _threatResponse;
    }

    /// @inheritdoc IDelegationManager
    function operatorShares(address operator, IStrategy strategy) external view returns (uint256) {
        return _pools[operator][strategy].active.shares;
    }

    /// @inheritdoc IDelegationManager
    function getOperatorPool(address operator, IStrategy strategy)
        external
        view
        returns (uint256 activeShares, uint256 activeUnits, uint256 queuedShares, uint256 queuedUnits)
    {
        OperatorPools storage pools = _pools[operator][strategy];
        return (pools.active.shares, pools.active.units, pools.queued.shares, pools.queued.units);
    }

    /// @inheritdoc IDelegationManager
    function stakerUnits(address staker, IStrategy strategy)
        external
        view
        returns (address operator, uint256 units)
    {
        return (_delegatedTo[staker], _positions[staker][strategy]);
    }

    /// @inheritdoc IDelegationManager
    function withdrawableShares(address staker, IStrategy strategy) public view returns (uint256) {
        address operator = _delegatedTo[staker];
        uint256 position = _positions[staker][strategy];
        return operator == address(0) ? position : _pools[operator][strategy].active.sharesOf(position);
    }

    /// @inheritdoc IDelegationManager
    function getStakerStrategies(address staker) external view returns (IStrategy[] memory) {
        return _toStrategies(_stakerStrategies[staker].values());
    }

    /// @inheritdoc IDelegationManager
    /// @dev Reverts `WithdrawalNotFound` for an unknown or completed root.
    function getQueuedWithdrawal(bytes32 root)
        external
        view
        returns (QueuedWithdrawal memory withdrawal, uint256[] memory shares)
    {
        withdrawal = _withdrawals[root];
        require(withdrawal.staker != address(0), WithdrawalNotFound(root));
        uint256 n = withdrawal.strategies.length;
        shares = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            IStrategy strategy = withdrawal.strategies[i];
            shares[i] = withdrawal.operator == address(0)
                ? withdrawal.units[i]
                : _pools[withdrawal.operator][strategy].queued
                    .sharesOf(withdrawal.units[i], _withdrawalGenerations[root][strategy]);
        }
    }

    /// @inheritdoc IDelegationManager
    function getQueuedWithdrawalRoots(address staker) external view returns (bytes32[] memory) {
        return _withdrawalRoots[staker].values();
    }

    /// @inheritdoc IDelegationManager
    /// @dev The approver is implied by the operator (its current approver must sign), so it is not part
    ///      of the signed type and this argument does not change the digest.
    function calculateDelegationApprovalDigestHash(
        address staker,
        address operator,
        address, /* approver */
        bytes32 approverSalt,
        uint256 expiry
    ) public view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(abi.encode(DELEGATION_APPROVAL_TYPEHASH, staker, operator, approverSalt, expiry))
        );
    }

    // ------------------------------------------------------------------ internals: positions

    /// @dev Moves every position of `staker` into `operator`'s active pools.
    function _delegate(address staker, address operator) internal {
        _setDelegatedTo(staker, operator);
        IStrategy[] memory strategies = _toStrategies(_stakerStrategies[staker].values());
        for (uint256 i; i < strategies.length; ++i) {
            IStrategy strategy = strategies[i];
            uint256 units = _joinActive(operator, strategy, _positions[staker][strategy]);
            _setPosition(staker, strategy, units);
            _checkpointStaker(staker, strategy);
        }
    }

    /// @dev Adds `shares` to the staker's position; returns the units (or plain shares) added.
    function _credit(address staker, IStrategy strategy, uint256 shares) internal returns (uint256 added) {
        address operator = _delegatedTo[staker];
        if (operator == address(0)) {
            added = shares;
            _setPosition(staker, strategy, _positions[staker][strategy] + shares);
        } else {
            added = _joinActive(operator, strategy, shares);
            _setPosition(staker, strategy, _positions[staker][strategy] + added);
            _checkpointStaker(staker, strategy);
        }
    }

    /// @dev Takes `requested` current shares out of the staker's position; returns the withdrawal's
    ///      entry (queued-pool units, or plain shares) and the shares it holds now.
    function _takeOut(address staker, address operator, IStrategy strategy, uint256 requested)
        internal
        returns (uint256 units, uint256 shares)
    {
        uint256 position = _positions[staker][strategy];
        if (operator == address(0)) {
            require(requested <= position, InsufficientShares(strategy, position, requested));
            _setPosition(staker, strategy, position - requested);
            return (requested, requested);
        }
        PoolMath.Pool storage active = _pools[operator][strategy].active;
        uint256 have = active.sharesOf(position);
        require(requested <= have, InsufficientShares(strategy, have, requested));
        return _moveToQueue(staker, operator, strategy, position, active.unitsFor(requested, position));
    }

    /// @dev Burns `burned` of the staker's `position` active units and puts their shares into the queued
    ///      pool; returns the queued units minted and the shares moved.
    function _moveToQueue(
        address staker,
        address operator,
        IStrategy strategy,
        uint256 position,
        uint256 burned
    ) internal returns (uint256 units, uint256 shares) {
        OperatorPools storage pools = _pools[operator][strategy];
        shares = pools.active.leave(burned);
        if (shares != 0) {
            // withdrawals only leave when their stakers complete them: rather than wait for all of a
            // pool slashed to zero, start its next generation
            if (pools.queued.restartIfFullySlashed()) _emitPool(operator, strategy, pools);
            units = pools.queued.join(shares);
        }
        _emitPool(operator, strategy, pools);
        _setPosition(staker, strategy, position - burned);
    }

    function _joinActive(address operator, IStrategy strategy, uint256 shares)
        internal
        returns (uint256 units)
    {
        if (shares == 0) return 0;
        OperatorPools storage pools = _pools[operator][strategy];
        require(!pools.active.isFullySlashed(), FullySlashed(operator, strategy));
        units = pools.active.join(shares);
        _emitPool(operator, strategy, pools);
    }

    /// @dev Burns the queued-pool units of `root`'s entry in `strategy`; returns the shares paid.
    function _leaveQueued(bytes32 root, address operator, IStrategy strategy, uint256 units)
        internal
        returns (uint256 shares)
    {
        uint256 generation = _withdrawalGenerations[root][strategy];
        if (generation != 0) delete _withdrawalGenerations[root][strategy];
        OperatorPools storage pools = _pools[operator][strategy];
        // an entry of an earlier generation was slashed to nothing and is no longer in the pool
        if (units == 0 || !pools.queued.isCurrent(generation)) return 0;
        shares = pools.queued.leave(units);
        _emitPool(operator, strategy, pools);
    }

    function _recordWithdrawal(
        address staker,
        address operator,
        IStrategy[] memory strategies,
        uint256[] memory units,
        uint256[] memory shares
    ) internal returns (bytes32 root) {
        QueuedWithdrawal memory withdrawal = QueuedWithdrawal({
            staker: staker,
            operator: operator,
            startBlock: SafeCast.toUint32(block.number),
            completableBlock: SafeCast.toUint32(block.number + _withdrawalDelayBlocks),
            nonce: _withdrawalNonce[staker]++,
            strategies: strategies,
            units: units
        });
        root = keccak256(abi.encode(withdrawal));
        _withdrawals[root] = withdrawal;
        if (operator != address(0)) {
            for (uint256 i; i < strategies.length; ++i) {
                uint256 generation = _pools[operator][strategies[i]].queued.generation;
                if (generation != 0) _withdrawalGenerations[root][strategies[i]] = generation;
            }
        }
        _withdrawalRoots[staker].add(root);
        emit WithdrawalQueued(root, withdrawal, shares);
    }

    function _deleteWithdrawal(bytes32 root, address staker) internal {
        delete _withdrawals[root];
        _withdrawalRoots[staker].remove(root);
    }

    // ------------------------------------------------------------------ internals: setters and hooks

    function _setPosition(address staker, IStrategy strategy, uint256 value) internal {
        _positions[staker][strategy] = value;
        if (value == 0) _stakerStrategies[staker].remove(address(strategy));
        else _stakerStrategies[staker].add(address(strategy));
        emit StakerPositionUpdated(staker, strategy, value, withdrawableShares(staker, strategy));
    }

    function _setDelegatedTo(address staker, address operator) internal {
        address previous = _delegatedTo[staker];
        _delegatedTo[staker] = operator;
        if (operator == address(0)) emit StakerUndelegated(staker, previous);
        else emit StakerDelegated(staker, operator);
    }

    function _setWithdrawalDelay(uint32 delayBlocks) internal {
        require(
            delayBlocks <= MAX_WITHDRAWAL_DELAY_BLOCKS,
            WithdrawalDelayTooLong(delayBlocks, MAX_WITHDRAWAL_DELAY_BLOCKS)
        );
        uint32 previous = _withdrawalDelayBlocks;
        _withdrawalDelayBlocks = delayBlocks;
        emit WithdrawalDelaySet(previous, delayBlocks);
    }

    function _spendApproval(
        address staker,
        address operator,
        address approver,
        SignatureWithExpiry calldata approverSignature,
        bytes32 salt
    ) internal {
        uint256 expiry = approverSignature.expiry;
        // expiry is in unix seconds by the interface; a validator's few seconds of drift are harmless here
        // forge-lint: disable-next-line(block-timestamp)
        require(expiry >= block.timestamp, ApproverSignatureExpired(expiry, block.timestamp));
        require(!_saltSpent[approver][salt], ApproverSaltSpent(salt));
        bytes32 digest = calculateDelegationApprovalDigestHash(staker, operator, approver, salt, expiry);
        require(
            SignatureChecker.isValidSignatureNow(approver, digest, approverSignature.signature),
            InvalidApproverSignature()
        );
        _saltSpent[approver][salt] = true;
    }

    function _emitPool(address operator, IStrategy strategy, OperatorPools storage pools) internal {
        emit OperatorPoolUpdated(
            operator,
            strategy,
            pools.active.shares,
            pools.active.units,
            pools.queued.shares,
            pools.queued.units
        );
    }

    /// @dev Last step of queueWithdrawal and undelegate: the gate sees the state after the withdrawal
    ///      and may revert it. Called while this contract holds its reentrancy lock.
    function _callWithdrawalGate(address staker) internal {
        IWithdrawalGate gate = _withdrawalGate;
        if (address(gate) != address(0)) gate.onWithdrawalQueued(staker);
    }

    /// @dev Reverts `OperatorFrozen(operator, until)` while the ThreatResponse has `operator` frozen.
    function _checkNotFrozen(address operator) internal view {
        IThreatResponse response = _threatResponse;
        if (address(response) == address(0)) return;
        uint64 until = response.frozenUntil(operator);
        // forge-lint: disable-next-line(block-timestamp) freezes last hours to days: drift is harmless
        require(block.timestamp >= until, OperatorFrozen(operator, until));
    }

    function _checkpointStaker(address staker, IStrategy strategy) internal {
        if (address(rewardsCoordinator) != address(0)) rewardsCoordinator.checkpointStaker(staker, strategy);
    }

    function _toStrategies(address[] memory values) internal pure returns (IStrategy[] memory strategies) {
        // IStrategy[] and address[] share one memory layout
        assembly ("memory-safe") {
            strategies := values
        }
    }
}
