// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAllocationManager} from "../interfaces/IAllocationManager.sol";
import {IDelegationManager} from "../interfaces/IDelegationManager.sol";
import {IRewardsCoordinator} from "../interfaces/IRewardsCoordinator.sol";
import {IStrategy} from "../interfaces/IStrategy.sol";
import {RewardsMath} from "../libraries/RewardsMath.sol";
import {OperatorSet, OperatorSetKey, OperatorSetLib} from "../types/OperatorSet.sol";
import {Pausable} from "./Pausable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";

/// @title RewardsCoordinator
/// @notice See IRewardsCoordinator for the model. Implementation notes:
///         - A stream's clock only runs while its (set, strategy) has weight: idle time pushes
///           `finish` forward, so a stream funded before anyone holds weight waits for them.
///         - An operator's pool units are the sum of the units cached for its stakers here, not the
///           DelegationManager's live total. Every accumulator step then divides by exactly what
///           the stakers will settle with, so paid ≤ funded holds even if a hook is missed or runs
///           late; a staker that was never checkpointed simply does not share until it is.
///         - Operator weights are likewise summed into `totalWeight` from the cached values.
contract RewardsCoordinator is IRewardsCoordinator, Pausable, ReentrancyGuard {
    using SafeERC20 for IERC20;
    using EnumerableSet for EnumerableSet.Bytes32Set;
    using EnumerableSet for EnumerableSet.AddressSet;

    /// @notice Longest a submission may stream.
    uint32 public constant MAX_DURATION = 365 days;
    /// @notice Most reward tokens per (operator set, strategy): each checkpoint walks all of them.
    uint256 public constant MAX_TOKENS_PER_STREAM_SET = 8;
    /// @notice Commission of an operator that never set one: 10 %.
    uint16 public constant DEFAULT_COMMISSION_BIPS = 1000;
    /// @notice Cap on what one stream may hold undistributed, so `amount × RATE_SCALE × elapsed`
    ///         and `× ACC_SCALE` products stay far below 2^256 (see RewardsMath).
    uint256 public constant MAX_STREAM_AMOUNT = type(uint128).max;

    uint8 internal constant PAUSE_FUNDING = 0;
    uint8 internal constant PAUSE_CLAIMING = 1;

    IDelegationManager public immutable delegation;
    IAllocationManager public immutable allocationManager;

    struct Stream {
        /// @dev tokens per second × RATE_SCALE
        uint256 rate;
        /// @dev tokens per unit of operator weight × ACC_SCALE (wrapping)
        uint256 accPerWeight;
        uint64 finish;
        uint64 lastUpdate;
    }

    struct StakerPosition {
        address operator;
        uint256 units;
    }

    struct Commission {
        bool isSet;
        uint16 bips;
    }

    mapping(bytes32 streamId => Stream) internal _streams;
    /// @dev reward tokens ever funded per (set, strategy), at most MAX_TOKENS_PER_STREAM_SET
    mapping(OperatorSetKey => mapping(IStrategy => IERC20[])) internal _streamTokens;
    /// @dev strategies with at least one stream per set
    mapping(OperatorSetKey => EnumerableSet.AddressSet) internal _fundedStrategies;
    /// @dev sum of the cached operator weights per (set, strategy)
    mapping(OperatorSetKey => mapping(IStrategy => uint256)) internal _totalWeight;
    mapping(OperatorSetKey => mapping(IStrategy => mapping(address operator => uint256))) internal
        _operatorWeight;
    /// @dev sets in which (operator, strategy) has a non-zero cached weight
    mapping(address operator => mapping(IStrategy => EnumerableSet.Bytes32Set)) internal _weightedSets;
    mapping(bytes32 streamId => mapping(address operator => uint256)) internal _operatorDebt;
    mapping(address operator => mapping(OperatorSetKey => Commission)) internal _commission;

    /// @dev sum of the cached staker units per (operator, strategy)
    mapping(address operator => mapping(IStrategy => uint256)) internal _poolUnits;
    /// @dev tokens per pool unit × ACC_SCALE (wrapping), keyed by poolId(operator, strategy, token)
    mapping(bytes32 poolId => uint256) internal _poolAcc;
    /// @dev tokens an (operator, strategy) pool ever accrued; never shrinks
    mapping(address operator => mapping(IStrategy => EnumerableSet.AddressSet)) internal _poolTokens;
    mapping(address staker => mapping(IStrategy => StakerPosition)) internal _stakers;
    mapping(address staker => mapping(bytes32 poolId => uint256)) internal _stakerDebt;

    mapping(address earner => mapping(IERC20 => uint256)) internal _claimable;
    mapping(IERC20 => uint256) internal _totalFunded;
    mapping(IERC20 => uint256) internal _totalClaimed;

    constructor(
        address initialOwner,
        address initialPauser,
        IDelegationManager delegation_,
        IAllocationManager allocationManager_
    ) Pausable(initialOwner, initialPauser) {
        delegation = delegation_;
        allocationManager = allocationManager_;
    }

    // ───────────── Funding ─────────────

    /// @inheritdoc IRewardsCoordinator
    function createRewardsSubmission(RewardsSubmission calldata submission)
        external
        nonReentrant
        whenNotPaused(PAUSE_FUNDING)
        returns (bytes32 streamId)
    {
        OperatorSet calldata set = submission.operatorSet;
        require(msg.sender == set.avs, NotOperatorSetAVS(msg.sender, set.avs));
        require(allocationManager.operatorSetExists(set), OperatorSetDoesNotExist(set.avs, set.id));
        require(_strategyInSet(set, submission.strategy), StrategyNotInOperatorSet(submission.strategy));
        require(
            submission.duration != 0 && submission.duration <= MAX_DURATION,
            InvalidDuration(submission.duration, MAX_DURATION)
        );
        require(submission.amount != 0, ZeroAmount());

        OperatorSetKey key = set.key();
        streamId = _streamId(key, submission.strategy, submission.token);
        Stream storage stream = _streams[streamId];
        if (stream.lastUpdate == 0) {
            bool firstStreamOfSet = _streamTokens[key][submission.strategy].length == 0;
            _addStreamToken(key, submission.strategy, submission.token);
            // Weights are cached only where a stream exists: cache the members' weights now, so the
            // first stream of a (set, strategy) starts paying at once instead of waiting for
            // someone to checkpoint each member. Later members arrive through the
            // AllocationManager's registration checkpoint.
            if (firstStreamOfSet) _checkpointMembers(set, submission.strategy);
        }
        _updateStream(stream, _totalWeight[key][submission.strategy]);

        uint256 total = submission.amount + RewardsMath.remaining(stream.rate, stream.finish, block.timestamp);
        require(total <= MAX_STREAM_AMOUNT, AmountTooLarge(submission.amount));

        uint256 balanceBefore = submission.token.balanceOf(address(this));
        submission.token.safeTransferFrom(msg.sender, address(this), submission.amount);
        uint256 balanceAfter = submission.token.balanceOf(address(this));
        // a token that shrinks balances on transfer must fail with the named error, not a panic
        uint256 received = balanceAfter > balanceBefore ? balanceAfter - balanceBefore : 0;
        require(received == submission.amount, FeeOnTransferNotSupported(submission.amount, received));

        uint256 rate = RewardsMath.rateFor(total, submission.duration);
        uint64 finish = uint64(block.timestamp) + submission.duration;
        _setStreamRate(stream, rate, finish);
        _totalFunded[submission.token] += submission.amount;
        emit RewardsSubmissionCreated(msg.sender, streamId, submission, rate, finish);
    }

    // ───────────── Operators ─────────────

    /// @inheritdoc IRewardsCoordinator
    function setOperatorCommission(OperatorSet calldata operatorSet, uint16 bips) external {
        require(delegation.isOperator(msg.sender), NotOperator(msg.sender));
        require(bips <= RewardsMath.BIPS, CommissionTooHigh(bips, RewardsMath.BIPS));
        require(
            allocationManager.operatorSetExists(operatorSet),
            OperatorSetDoesNotExist(operatorSet.avs, operatorSet.id)
        );
        OperatorSetKey key = operatorSet.key();
        // earnings up to now were made at the old commission
        EnumerableSet.AddressSet storage strategies = _fundedStrategies[key];
        uint256 n = strategies.length();
        for (uint256 i; i < n; ++i) {
            _settleOperatorInSet(msg.sender, IStrategy(strategies.at(i)), key);
        }
        _setCommission(msg.sender, key, bips);
        emit OperatorCommissionSet(msg.sender, operatorSet, bips);
    }

    // ───────────── Checkpoints ─────────────

    /// @inheritdoc IRewardsCoordinator
    function checkpointOperator(address operator, IStrategy strategy) external {
        _checkpointOperator(operator, strategy);
    }

    /// @inheritdoc IRewardsCoordinator
    function checkpointStaker(address staker, IStrategy strategy) external {
        _checkpointStaker(staker, strategy);
    }

    // ───────────── Claiming ─────────────

    /// @inheritdoc IRewardsCoordinator
    function claim(IERC20 token, IStrategy[] calldata strategies, address recipient)
        external
        nonReentrant
        whenNotPaused(PAUSE_CLAIMING)
        returns (uint256 amount)
    {
        for (uint256 i; i < strategies.length; ++i) {
            (address oldOperator, address newOperator) = _checkpointStaker(msg.sender, strategies[i]);
            // the caller's own earnings as an operator, unless the staker checkpoint just settled them
            if (oldOperator != msg.sender && newOperator != msg.sender) {
                _checkpointOperator(msg.sender, strategies[i]);
            }
        }
        amount = _claimable[msg.sender][token];
        _claimable[msg.sender][token] = 0;
        _totalClaimed[token] += amount;
        if (amount != 0) token.safeTransfer(recipient, amount);
        emit RewardsClaimed(msg.sender, token, recipient, amount);
    }

    // ───────────── Views ─────────────

    /// @inheritdoc IRewardsCoordinator
    function claimable(address earner, IERC20 token, IStrategy[] calldata strategies)
        external
        view
        returns (uint256 amount)
    {
        amount = _claimable[earner][token];
        for (uint256 i; i < strategies.length; ++i) {
            // claim settles a repeated strategy only once
            if (!_seenBefore(strategies, i)) amount += _pendingEarner(earner, token, strategies[i]);
        }
    }

    /// @inheritdoc IRewardsCoordinator
    function operatorCommission(address operator, OperatorSet calldata operatorSet)
        external
        view
        returns (uint16)
    {
        return _commissionOf(operator, operatorSet.key());
    }

    /// @inheritdoc IRewardsCoordinator
    function getStream(OperatorSet calldata operatorSet, IStrategy strategy, IERC20 token)
        external
        view
        returns (uint256 ratePerSecond, uint64 finish, uint64 lastUpdate, uint256 totalWeight)
    {
        OperatorSetKey key = operatorSet.key();
        Stream storage stream = _streams[_streamId(key, strategy, token)];
        return (stream.rate, stream.finish, stream.lastUpdate, _totalWeight[key][strategy]);
    }

    /// @inheritdoc IRewardsCoordinator
    function totalFunded(IERC20 token) external view returns (uint256) {
        return _totalFunded[token];
    }

    /// @inheritdoc IRewardsCoordinator
    function totalClaimed(IERC20 token) external view returns (uint256) {
        return _totalClaimed[token];
    }

    // ───────────── Internal: checkpoints ─────────────

    /// @dev Settles `operator` in every set where it is registered and `strategy` is funded, and in
    ///      every set where it still has a cached weight (zeroing it there once it has left), then
    ///      refreshes each weight from the AllocationManager.
    function _checkpointOperator(address operator, IStrategy strategy) internal {
        if (operator == address(0)) return;
        OperatorSet[] memory registered = allocationManager.getRegisteredSets(operator);
        OperatorSetKey[] memory registeredKeys = new OperatorSetKey[](registered.length);
        for (uint256 i; i < registered.length; ++i) {
            OperatorSetKey key = registered[i].key();
            registeredKeys[i] = key;
            if (_streamTokens[key][strategy].length == 0) continue;
            _settleOperatorInSet(operator, strategy, key);
            _setOperatorWeight(operator, strategy, key, _allocatedStake(registered[i], operator, strategy));
        }
        // sets left since the last checkpoint: their weight drops to zero
        bytes32[] memory weighted = _weightedSets[operator][strategy].values();
        for (uint256 i; i < weighted.length; ++i) {
            OperatorSetKey key = OperatorSetKey.wrap(weighted[i]);
            if (_contains(registeredKeys, key)) continue;
            _settleOperatorInSet(operator, strategy, key);
            _setOperatorWeight(operator, strategy, key, 0);
        }
    }

    /// @dev Checkpoints every current member of `set` in `strategy` (bounded by the set's size).
    function _checkpointMembers(OperatorSet calldata set, IStrategy strategy) internal {
        address[] memory members = allocationManager.getMembers(set);
        for (uint256 i; i < members.length; ++i) {
            _checkpointOperator(members[i], strategy);
        }
    }

    /// @dev Brings the streams of (set, strategy) to now and pays `operator` for its cached weight.
    function _settleOperatorInSet(address operator, IStrategy strategy, OperatorSetKey key) internal {
        IERC20[] storage tokens = _streamTokens[key][strategy];
        uint256 n = tokens.length;
        if (n == 0) return;
        uint256 weight = _operatorWeight[key][strategy][operator];
        uint256 totalWeight = _totalWeight[key][strategy];
        uint16 bips = _commissionOf(operator, key);
        for (uint256 i; i < n; ++i) {
            IERC20 token = tokens[i];
            uint256 amount =
                _settleOperatorStream(operator, _streamId(key, strategy, token), weight, totalWeight);
            if (amount != 0) _distributeOperatorEarnings(operator, strategy, token, amount, bips);
        }
    }

    /// @dev Brings one stream to now and returns what `weight` earned in it since the last settlement.
    function _settleOperatorStream(address operator, bytes32 streamId, uint256 weight, uint256 totalWeight)
        internal
        returns (uint256 amount)
    {
        Stream storage stream = _streams[streamId];
        _updateStream(stream, totalWeight);
        uint256 acc = stream.accPerWeight;
        amount = RewardsMath.earned(weight, acc, _operatorDebt[streamId][operator]);
        _operatorDebt[streamId][operator] = acc;
    }

    /// @dev Commission to the operator; the rest to its stakers' pool, or to the operator if the
    ///      pool holds no (cached) units.
    function _distributeOperatorEarnings(
        address operator,
        IStrategy strategy,
        IERC20 token,
        uint256 amount,
        uint16 bips
    ) internal {
        uint256 units = _poolUnits[operator][strategy];
        (uint256 commission, uint256 rest) = RewardsMath.split(amount, bips);
        if (units == 0) {
            _claimable[operator][token] += amount;
            return;
        }
        _claimable[operator][token] += commission;
        if (rest == 0) return;
        _poolTokens[operator][strategy].add(address(token));
        bytes32 poolId = _poolId(operator, strategy, token);
        _poolAcc[poolId] = RewardsMath.add(_poolAcc[poolId], RewardsMath.poolGrowth(rest, units));
    }

    /// @dev Checkpoints the staker's cached operator (and its new one), pays the staker for its
    ///      cached units, then refreshes its position from the DelegationManager.
    function _checkpointStaker(address staker, IStrategy strategy)
        internal
        returns (address oldOperator, address newOperator)
    {
        StakerPosition storage position = _stakers[staker][strategy];
        oldOperator = position.operator;
        uint256 oldUnits = position.units;
        uint256 newUnits;
        (newOperator, newUnits) = delegation.stakerUnits(staker, strategy);
        // undelegated shares are plain shares: no pool, no rewards
        if (newOperator == address(0)) newUnits = 0;

        _checkpointOperator(oldOperator, strategy);
        if (newOperator != oldOperator) _checkpointOperator(newOperator, strategy);

        if (oldOperator != address(0)) {
            _settleStaker(staker, oldOperator, strategy, oldUnits);
            _poolUnits[oldOperator][strategy] -= oldUnits;
        }
        if (newOperator != address(0)) {
            if (newOperator != oldOperator) _joinPool(staker, newOperator, strategy);
            _poolUnits[newOperator][strategy] += newUnits;
        }
        _setStakerPosition(staker, strategy, newOperator, newUnits);
    }

    /// @dev Pays `staker` for `units` of (operator, strategy)'s pool since its last checkpoint.
    function _settleStaker(address staker, address operator, IStrategy strategy, uint256 units) internal {
        EnumerableSet.AddressSet storage tokens = _poolTokens[operator][strategy];
        uint256 n = tokens.length();
        for (uint256 i; i < n; ++i) {
            IERC20 token = IERC20(tokens.at(i));
            bytes32 poolId = _poolId(operator, strategy, token);
            uint256 acc = _poolAcc[poolId];
            uint256 amount = RewardsMath.earned(units, acc, _stakerDebt[staker][poolId]);
            _stakerDebt[staker][poolId] = acc;
            if (amount != 0) _claimable[staker][token] += amount;
        }
    }

    /// @dev Starts `staker` at the current accumulators of (operator, strategy)'s pool.
    function _joinPool(address staker, address operator, IStrategy strategy) internal {
        EnumerableSet.AddressSet storage tokens = _poolTokens[operator][strategy];
        uint256 n = tokens.length();
        for (uint256 i; i < n; ++i) {
            bytes32 poolId = _poolId(operator, strategy, IERC20(tokens.at(i)));
            _stakerDebt[staker][poolId] = _poolAcc[poolId];
        }
    }

    // ───────────── Internal: streams ─────────────

    /// @dev Advances `stream` to now over `totalWeight` (the weight held since its last update).
    function _updateStream(Stream storage stream, uint256 totalWeight) internal {
        uint64 lastUpdate = stream.lastUpdate;
        // streams are timed by design; a validator's few seconds of drift move a few seconds of rewards
        uint64 nowTs = uint64(block.timestamp);
        if (lastUpdate == nowTs) return;
        uint64 finish = stream.finish;
        if (lastUpdate < finish) {
            if (totalWeight == 0) {
                // nobody to pay: the clock stops, the end moves out by the idle time
                stream.finish = finish + (nowTs - lastUpdate);
            } else {
                uint256 end = nowTs < finish ? nowTs : finish;
                stream.accPerWeight = RewardsMath.add(
                    stream.accPerWeight, RewardsMath.streamGrowth(stream.rate, end - lastUpdate, totalWeight)
                );
            }
        }
        stream.lastUpdate = nowTs;
    }

    /// @dev Accumulator of `stream` as `_updateStream` would leave it now, without writing.
    function _previewAcc(Stream storage stream, uint256 totalWeight) internal view returns (uint256) {
        // streams are timed by design; a validator's few seconds of drift move a few seconds of rewards
        uint256 nowTs = block.timestamp;
        uint256 lastUpdate = stream.lastUpdate;
        uint256 finish = stream.finish;
        if (totalWeight == 0 || lastUpdate >= finish || lastUpdate == nowTs) return stream.accPerWeight;
        uint256 end = nowTs < finish ? nowTs : finish;
        return RewardsMath.add(
            stream.accPerWeight, RewardsMath.streamGrowth(stream.rate, end - lastUpdate, totalWeight)
        );
    }

    /// @dev What settling `operator` in `strategy` now would add to its own claimable `token` and to
    ///      its pool accumulator; mirrors `_checkpointOperator` (only sets with cached weight pay).
    function _pendingOperator(address operator, IStrategy strategy, IERC20 token)
        internal
        view
        returns (uint256 toOperator, uint256 poolAcc)
    {
        poolAcc = _poolAcc[_poolId(operator, strategy, token)];
        uint256 units = _poolUnits[operator][strategy];
        EnumerableSet.Bytes32Set storage sets = _weightedSets[operator][strategy];
        uint256 n = sets.length();
        for (uint256 i; i < n; ++i) {
            (uint256 commission, uint256 rest) =
                _pendingSplitInSet(operator, strategy, token, OperatorSetKey.wrap(sets.at(i)));
            if (units == 0) {
                toOperator += commission + rest;
            } else {
                toOperator += commission;
                if (rest != 0) poolAcc = RewardsMath.add(poolAcc, RewardsMath.poolGrowth(rest, units));
            }
        }
    }

    /// @dev What `operator`'s cached weight has earned in the (set, strategy, token) stream so far,
    ///      split into commission and rest.
    function _pendingSplitInSet(address operator, IStrategy strategy, IERC20 token, OperatorSetKey key)
        internal
        view
        returns (uint256 commission, uint256 rest)
    {
        bytes32 streamId = _streamId(key, strategy, token);
        Stream storage stream = _streams[streamId];
        if (stream.lastUpdate == 0) return (0, 0);
        uint256 acc = _previewAcc(stream, _totalWeight[key][strategy]);
        uint256 amount = RewardsMath.earned(
            _operatorWeight[key][strategy][operator], acc, _operatorDebt[streamId][operator]
        );
        return RewardsMath.split(amount, _commissionOf(operator, key));
    }

    /// @dev What checkpointing `earner` in `strategy` (as staker, and as operator) would add to its
    ///      claimable `token`; mirrors `claim`.
    function _pendingEarner(address earner, IERC20 token, IStrategy strategy)
        internal
        view
        returns (uint256 amount)
    {
        StakerPosition storage position = _stakers[earner][strategy];
        address operator = position.operator;
        if (operator != address(0)) {
            (uint256 toOperator, uint256 poolAcc) = _pendingOperator(operator, strategy, token);
            if (operator == earner) amount += toOperator;
            bytes32 poolId = _poolId(operator, strategy, token);
            amount += RewardsMath.earned(position.units, poolAcc, _stakerDebt[earner][poolId]);
        }
        if (operator != earner) {
            (uint256 toOperator,) = _pendingOperator(earner, strategy, token);
            amount += toOperator;
        }
    }

    // ───────────── Internal: setters ─────────────

    function _setStreamRate(Stream storage stream, uint256 rate, uint64 finish) internal {
        stream.rate = rate;
        stream.finish = finish;
        stream.lastUpdate = uint64(block.timestamp);
    }

    function _addStreamToken(OperatorSetKey key, IStrategy strategy, IERC20 token) internal {
        IERC20[] storage tokens = _streamTokens[key][strategy];
        require(tokens.length < MAX_TOKENS_PER_STREAM_SET, TooManyRewardTokens(MAX_TOKENS_PER_STREAM_SET));
        tokens.push(token);
        _fundedStrategies[key].add(address(strategy));
    }

    /// @dev Call only right after settling `operator` in (set, strategy): the new weight earns from now.
    function _setOperatorWeight(address operator, IStrategy strategy, OperatorSetKey key, uint256 weight)
        internal
    {
        uint256 old = _operatorWeight[key][strategy][operator];
        if (old == weight) return;
        _operatorWeight[key][strategy][operator] = weight;
        _totalWeight[key][strategy] = _totalWeight[key][strategy] - old + weight;
        if (weight == 0) _weightedSets[operator][strategy].remove(OperatorSetKey.unwrap(key));
        else _weightedSets[operator][strategy].add(OperatorSetKey.unwrap(key));
        emit OperatorWeightUpdated(
            operator, OperatorSetLib.decode(key), strategy, weight, _totalWeight[key][strategy]
        );
    }

    function _setCommission(address operator, OperatorSetKey key, uint16 bips) internal {
        _commission[operator][key] = Commission({isSet: true, bips: bips});
    }

    function _setStakerPosition(address staker, IStrategy strategy, address operator, uint256 units)
        internal
    {
        StakerPosition storage position = _stakers[staker][strategy];
        if (position.operator == operator && position.units == units) return;
        position.operator = operator;
        position.units = units;
        emit StakerUnitsUpdated(staker, strategy, operator, units);
    }

    // ───────────── Internal: reads ─────────────

    function _allocatedStake(OperatorSet memory set, address operator, IStrategy strategy)
        internal
        view
        returns (uint256)
    {
        address[] memory operators = new address[](1);
        operators[0] = operator;
        IStrategy[] memory strategies = new IStrategy[](1);
        strategies[0] = strategy;
        return allocationManager.getAllocatedStake(set, operators, strategies)[0][0];
    }

    function _strategyInSet(OperatorSet calldata set, IStrategy strategy) internal view returns (bool) {
        IStrategy[] memory strategies = allocationManager.getStrategiesInOperatorSet(set);
        for (uint256 i; i < strategies.length; ++i) {
            if (address(strategies[i]) == address(strategy)) return true;
        }
        return false;
    }

    function _commissionOf(address operator, OperatorSetKey key) internal view returns (uint16) {
        Commission storage c = _commission[operator][key];
        return c.isSet ? c.bips : DEFAULT_COMMISSION_BIPS;
    }

    function _streamId(OperatorSetKey key, IStrategy strategy, IERC20 token) internal pure returns (bytes32) {
        return keccak256(abi.encode(key, strategy, token));
    }

    function _poolId(address operator, IStrategy strategy, IERC20 token) internal pure returns (bytes32) {
        return keccak256(abi.encode(operator, strategy, token));
    }

    function _contains(OperatorSetKey[] memory keys, OperatorSetKey key) internal pure returns (bool) {
        for (uint256 i; i < keys.length; ++i) {
            if (OperatorSetKey.unwrap(keys[i]) == OperatorSetKey.unwrap(key)) return true;
        }
        return false;
    }

    function _seenBefore(IStrategy[] calldata strategies, uint256 index) internal pure returns (bool) {
        for (uint256 i; i < index; ++i) {
            if (address(strategies[i]) == address(strategies[index])) return true;
        }
        return false;
    }
}
