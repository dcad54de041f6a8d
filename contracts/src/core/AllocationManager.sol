// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAVSRegistrar} from "../interfaces/IAVSRegistrar.sol";
import {IAllocationManager} from "../interfaces/IAllocationManager.sol";
import {IDelegationManager} from "../interfaces/IDelegationManager.sol";
import {IRewardsCoordinator} from "../interfaces/IRewardsCoordinator.sol";
import {IStrategy} from "../interfaces/IStrategy.sol";
import {EconomicSecurityMath} from "../libraries/EconomicSecurityMath.sol";
import {MagnitudeMath} from "../libraries/MagnitudeMath.sol";
import {OperatorSet, OperatorSetKey, OperatorSetLib} from "../types/OperatorSet.sol";
import {Pausable} from "./Pausable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {DoubleEndedQueue} from "@openzeppelin/contracts/utils/structs/DoubleEndedQueue.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";

/// @title Operator sets, magnitudes, slashing and economic security
/// @notice See IAllocationManager for the model. Implementation notes:
///         - A deregistered operator stays slashable while `block.number < slashableUntil`, with
///           `slashableUntil = deregistration block + deallocationDelay` (exclusive end).
///         - Due pending changes read as applied everywhere; storage catches up lazily (the next
///           modification or slash of the allocation, or `clearDeallocationQueue`).
///         - The deallocation queue of (operator, strategy) holds set keys in the order decreases
///           were queued. Entries whose decrease was already applied elsewhere are skipped. If the
///           owner lowers the deallocation delay, a later entry may become due before an earlier one;
///           clearing still stops at the first entry not yet due (it only frees magnitude later,
///           never earlier than promised).
///         - The deregistration hook gets exactly `DEREGISTRATION_HOOK_GAS`, copies at most 68 bytes
///           of return data, and a failure only emits `DeregistrationHookFailed`, except the AVS's
///           explicit `OperatorFrozen(operator, until)` with `until` to come, which refuses the exit.
contract AllocationManager is IAllocationManager, Pausable, ReentrancyGuard {
    using EnumerableSet for EnumerableSet.AddressSet;
    using EnumerableSet for EnumerableSet.Bytes32Set;
    using EnumerableSet for EnumerableSet.UintSet;
    using DoubleEndedQueue for DoubleEndedQueue.Bytes32Deque;

    /// @notice Longest allocation or deallocation delay the owner may set: 30 days of 12 s blocks.
    uint32 public constant MAX_DELAY = 216_000;
    /// @notice Gas the AVS's deregistration hook receives: enough for bookkeeping in a registrar,
    ///         small enough that an exit stays cheap.
    uint256 public constant DEREGISTRATION_HOOK_GAS = 400_000;
    /// @dev Gas that must be left before the hook call: the cap plus the 1/64 EIP-150 retains
    ///      (cap·64/63), plus 20k for the CALL itself (cold account access, memory) and for the
    ///      work after it (the failure event, returning), so a caller cannot shave the hook's gas.
    uint256 internal constant HOOK_GAS_NEEDED = DEREGISTRATION_HOOK_GAS * 64 / 63 + 20_000;
    /// @dev `OperatorFrozen(address, uint64)`: a selector and two words
    uint256 internal constant REFUSAL_LENGTH = 0x44;
    /// @dev Largest strategy value weight: 1e18 value units per token (WAD · WAD).
    uint256 internal constant MAX_VALUE_WEIGHT = 1e36;

    uint8 internal constant PAUSE_REGISTRATION = 0;
    uint8 internal constant PAUSE_ALLOCATIONS = 1;
    uint8 internal constant PAUSE_SLASHING = 2;

    struct SetInfo {
        bool exists;
        address slasher;
        address redistributionRecipient;
    }

    /// @dev `magnitudeSlashed` = WAD − maxMagnitude, so an untouched entry reads as max = WAD.
    struct MagnitudeInfo {
        uint64 magnitudeSlashed;
        uint64 encumbered;
    }

    /// @dev `isSet` distinguishes an explicit weight of 0 from the default WAD.
    struct ValueWeight {
        uint128 weightWad;
        bool isSet;
    }

    /// @notice Where slashed shares are accounted and delegated stake is read.
    IDelegationManager public immutable delegation;
    /// @notice Checkpointed after every magnitude or membership change; address(0) = no rewards.
    IRewardsCoordinator public immutable rewardsCoordinator;

    uint32 private _allocationDelay;
    uint32 private _deallocationDelay;
    uint256 private _slashCount;

    mapping(OperatorSetKey => SetInfo) private _sets;
    mapping(address avs => EnumerableSet.UintSet) private _avsSetIds;
    mapping(address avs => IAVSRegistrar) private _registrars;
    mapping(OperatorSetKey => EnumerableSet.AddressSet) private _setStrategies;
    mapping(OperatorSetKey => EnumerableSet.AddressSet) private _setMembers;
    mapping(address operator => EnumerableSet.Bytes32Set) private _operatorSets;
    mapping(address operator => mapping(OperatorSetKey => uint32)) private _slashableUntil;
    mapping(address operator => mapping(IStrategy => MagnitudeInfo)) private _magnitudes;
    mapping(address operator => mapping(OperatorSetKey => mapping(IStrategy => Allocation))) private
        _allocations;
    mapping(address operator => mapping(IStrategy => DoubleEndedQueue.Bytes32Deque)) private
        _deallocationQueue;
    mapping(OperatorSetKey => EconomicSecurityConfig) private _securityConfigs;
    mapping(OperatorSetKey => mapping(IStrategy => ValueWeight)) private _valueWeights;

    constructor(
        address initialOwner,
        address initialPauser,
        IDelegationManager delegation_,
        IRewardsCoordinator rewardsCoordinator_,
        uint32 allocationDelayBlocks,
        uint32 deallocationDelayBlocks
    ) Pausable(initialOwner, initialPauser) {
        delegation = delegation_;
        rewardsCoordinator = rewardsCoordinator_;
        _setAllocationDelay(allocationDelayBlocks);
        _setDeallocationDelay(deallocationDelayBlocks);
    }

    // ───────────── AVS ─────────────

    /// @inheritdoc IAllocationManager
    function updateAVSMetadataURI(string calldata metadataURI) external {
        emit AVSMetadataURIUpdated(msg.sender, metadataURI);
    }

    /// @inheritdoc IAllocationManager
    function setAVSRegistrar(IAVSRegistrar registrar) external {
        _registrars[msg.sender] = registrar;
        emit AVSRegistrarSet(msg.sender, registrar);
    }

    /// @inheritdoc IAllocationManager
    function createOperatorSets(CreateSetParams[] calldata params) external {
        for (uint256 i; i < params.length; ++i) {
            CreateSetParams calldata p = params[i];
            OperatorSet memory operatorSet = OperatorSet({avs: msg.sender, id: p.operatorSetId});
            OperatorSetKey key = operatorSet.key();
            require(!_sets[key].exists, OperatorSetAlreadyExists(msg.sender, p.operatorSetId));
            require(p.slasher != address(0), InvalidSlasher(p.slasher));
            _sets[key] = SetInfo({
                exists: true, slasher: p.slasher, redistributionRecipient: p.redistributionRecipient
            });
            _avsSetIds[msg.sender].add(p.operatorSetId);
            emit OperatorSetCreated(operatorSet, p.slasher, p.redistributionRecipient);
            _addStrategies(operatorSet, key, p.strategies);
        }
    }

    /// @inheritdoc IAllocationManager
    function addStrategiesToOperatorSet(uint32 operatorSetId, IStrategy[] calldata strategies) external {
        (OperatorSet memory operatorSet, OperatorSetKey key) = _existingSet(msg.sender, operatorSetId);
        _addStrategies(operatorSet, key, strategies);
    }

    /// @inheritdoc IAllocationManager
    function removeStrategiesFromOperatorSet(uint32 operatorSetId, IStrategy[] calldata strategies) external {
        (OperatorSet memory operatorSet, OperatorSetKey key) = _existingSet(msg.sender, operatorSetId);
        for (uint256 i; i < strategies.length; ++i) {
            require(
                _setStrategies[key].remove(address(strategies[i])), StrategyNotInOperatorSet(strategies[i])
            );
            emit StrategyRemovedFromOperatorSet(operatorSet, strategies[i]);
            // the members' stake in this strategy stops being allocated here: stop its rewards too
            _checkpointMembers(key, strategies[i]);
        }
    }

    /// @inheritdoc IAllocationManager
    function setSlasher(uint32 operatorSetId, address slasher) external {
        (OperatorSet memory operatorSet, OperatorSetKey key) = _existingSet(msg.sender, operatorSetId);
        require(slasher != address(0), InvalidSlasher(slasher));
        _sets[key].slasher = slasher;
        emit SlasherSet(operatorSet, slasher);
    }

    /// @inheritdoc IAllocationManager
    function setRedistributionRecipient(uint32 operatorSetId, address recipient) external {
        (OperatorSet memory operatorSet, OperatorSetKey key) = _existingSet(msg.sender, operatorSetId);
        _sets[key].redistributionRecipient = recipient;
        emit RedistributionRecipientSet(operatorSet, recipient);
    }

    /// @inheritdoc IAllocationManager
    function setEconomicSecurityConfig(uint32 operatorSetId, EconomicSecurityConfig calldata config)
        external
    {
        (OperatorSet memory operatorSet, OperatorSetKey key) = _existingSet(msg.sender, operatorSetId);
        require(EconomicSecurityMath.isValidConfig(config), InvalidEconomicSecurityConfig());
        _securityConfigs[key] = config;
        emit EconomicSecurityConfigured(operatorSet, config);
    }

    /// @inheritdoc IAllocationManager
    /// @dev Weights above 1e36 (1e18 value units per token) revert `InvalidEconomicSecurityConfig`.
    function setStrategyValueWeights(
        uint32 operatorSetId,
        IStrategy[] calldata strategies,
        uint256[] calldata weights
    ) external {
        require(strategies.length == weights.length, InputLengthMismatch());
        (OperatorSet memory operatorSet, OperatorSetKey key) = _existingSet(msg.sender, operatorSetId);
        for (uint256 i; i < strategies.length; ++i) {
            require(weights[i] <= MAX_VALUE_WEIGHT, InvalidEconomicSecurityConfig());
            // ≤ 1e36 < 2^128, checked just above
            _valueWeights[key][strategies[i]] = ValueWeight({weightWad: uint128(weights[i]), isSet: true});
            emit StrategyValueWeightSet(operatorSet, strategies[i], weights[i]);
        }
    }

    // ───────────── Operator ─────────────

    /// @inheritdoc IAllocationManager
    function registerForOperatorSets(address operator, RegisterParams calldata params)
        external
        nonReentrant
        whenNotPaused(PAUSE_REGISTRATION)
    {
        require(msg.sender == operator, Unauthorized(msg.sender));
        require(delegation.isOperator(operator), NotOperator(operator));
        for (uint256 i; i < params.operatorSetIds.length; ++i) {
            (OperatorSet memory operatorSet, OperatorSetKey key) =
                _existingSet(params.avs, params.operatorSetIds[i]);
            _addMember(operator, operatorSet, key);
            _checkpointSet(operator, key);
        }
        IAVSRegistrar registrar = _registrars[params.avs];
        if (address(registrar) != address(0)) {
            // the AVS may refuse the operator: its revert undoes the registration
            registrar.registerOperator(operator, params.avs, params.operatorSetIds, params.data);
        }
    }

    /// @inheritdoc IAllocationManager
    function deregisterFromOperatorSets(DeregisterParams calldata params)
        external
        nonReentrant
        whenNotPaused(PAUSE_REGISTRATION)
    {
        require(msg.sender == params.operator || msg.sender == params.avs, Unauthorized(msg.sender));
        for (uint256 i; i < params.operatorSetIds.length; ++i) {
            (OperatorSet memory operatorSet, OperatorSetKey key) =
                _existingSet(params.avs, params.operatorSetIds[i]);
            _removeMember(params.operator, operatorSet, key);
            _checkpointSet(params.operator, key);
        }
        IAVSRegistrar registrar = _registrars[params.avs];
        if (address(registrar) != address(0)) {
            _callDeregistrationHook(registrar, params.operator, params.avs, params.operatorSetIds);
        }
    }

    /// @inheritdoc IAllocationManager
    function modifyAllocations(address operator, AllocateParams[] calldata params)
        external
        nonReentrant
        whenNotPaused(PAUSE_ALLOCATIONS)
    {
        require(msg.sender == operator, Unauthorized(msg.sender));
        for (uint256 i; i < params.length; ++i) {
            AllocateParams calldata p = params[i];
            require(p.strategies.length == p.newMagnitudes.length, InputLengthMismatch());
            (OperatorSet memory operatorSet, OperatorSetKey key) =
                _existingSet(p.operatorSet.avs, p.operatorSet.id);
            for (uint256 j; j < p.strategies.length; ++j) {
                _modifyAllocation(operator, operatorSet, key, p.strategies[j], p.newMagnitudes[j]);
            }
        }
    }

    /// @inheritdoc IAllocationManager
    function clearDeallocationQueue(
        address operator,
        IStrategy[] calldata strategies,
        uint16[] calldata numToClear
    ) external nonReentrant whenNotPaused(PAUSE_ALLOCATIONS) {
        require(strategies.length == numToClear.length, InputLengthMismatch());
        for (uint256 i; i < strategies.length; ++i) {
            if (_clearDeallocationQueue(operator, strategies[i], numToClear[i])) {
                _checkpoint(operator, strategies[i]);
            }
        }
    }

    // ───────────── Slasher ─────────────

    /// @inheritdoc IAllocationManager
    /// @dev `wadSlashed` in the event is the fraction of the operator's whole stake in the strategy
    ///      that was removed (slashed magnitude / previous max magnitude, rounded up).
    function slashOperator(address avs, SlashingParams calldata params)
        external
        nonReentrant
        whenNotPaused(PAUSE_SLASHING)
        returns (uint256 slashId, uint256[] memory sharesSlashed)
    {
        (OperatorSet memory operatorSet, OperatorSetKey key) = _existingSet(avs, params.operatorSetId);
        SetInfo memory info = _sets[key];
        require(msg.sender == info.slasher, NotSlasher(msg.sender, info.slasher));
        require(params.strategies.length == params.wadsToSlash.length, InputLengthMismatch());
        require(
            _isSlashable(params.operator, key),
            OperatorNotSlashable(params.operator, avs, params.operatorSetId)
        );

        slashId = ++_slashCount;
        sharesSlashed = new uint256[](params.strategies.length);
        uint256[] memory wadSlashed = new uint256[](params.strategies.length);
        for (uint256 i; i < params.strategies.length; ++i) {
            IStrategy strategy = params.strategies[i];
            uint256 wad = params.wadsToSlash[i];
            require(wad != 0 && wad <= MagnitudeMath.WAD, InvalidWadToSlash(wad));
            require(_setStrategies[key].contains(address(strategy)), StrategyNotInOperatorSet(strategy));
            for (uint256 j; j < i; ++j) {
                require(address(params.strategies[j]) != address(strategy), DuplicateEntry());
            }
            (sharesSlashed[i], wadSlashed[i]) = _slashStrategy(
                params.operator, operatorSet, key, strategy, wad, info.redistributionRecipient
            );
        }
        emit OperatorSlashed(
            slashId,
            params.operator,
            operatorSet,
            params.strategies,
            wadSlashed,
            sharesSlashed,
            params.description
        );
    }

    // ───────────── Owner ─────────────

    /// @inheritdoc IAllocationManager
    function setAllocationDelay(uint32 delayBlocks) external onlyOwner {
        _setAllocationDelay(delayBlocks);
    }

    /// @inheritdoc IAllocationManager
    function setDeallocationDelay(uint32 delayBlocks) external onlyOwner {
        _setDeallocationDelay(delayBlocks);
    }

    // ───────────── Views ─────────────

    /// @inheritdoc IAllocationManager
    function allocationDelay() external view returns (uint32) {
        return _allocationDelay;
    }

    /// @inheritdoc IAllocationManager
    function deallocationDelay() external view returns (uint32) {
        return _deallocationDelay;
    }

    /// @inheritdoc IAllocationManager
    function operatorSetExists(OperatorSet calldata operatorSet) external view returns (bool) {
        return _sets[operatorSet.key()].exists;
    }

    /// @inheritdoc IAllocationManager
    function getSlasher(OperatorSet calldata operatorSet) external view returns (address) {
        return _sets[operatorSet.key()].slasher;
    }

    /// @inheritdoc IAllocationManager
    function getRedistributionRecipient(OperatorSet calldata operatorSet) external view returns (address) {
        return _sets[operatorSet.key()].redistributionRecipient;
    }

    /// @inheritdoc IAllocationManager
    function getAVSRegistrar(address avs) external view returns (IAVSRegistrar) {
        return _registrars[avs];
    }

    /// @inheritdoc IAllocationManager
    function getOperatorSets(address avs) external view returns (OperatorSet[] memory sets) {
        EnumerableSet.UintSet storage ids = _avsSetIds[avs];
        sets = new OperatorSet[](ids.length());
        for (uint256 i; i < sets.length; ++i) {
            // ids were added as uint32 in createOperatorSets
            sets[i] = OperatorSet({avs: avs, id: uint32(ids.at(i))});
        }
    }

    /// @inheritdoc IAllocationManager
    function getStrategiesInOperatorSet(OperatorSet calldata operatorSet)
        external
        view
        returns (IStrategy[] memory)
    {
        address[] memory values = _setStrategies[operatorSet.key()].values();
        IStrategy[] memory strategies;
        // same memory layout: an array of 20-byte addresses
        assembly ("memory-safe") {
            strategies := values
        }
        return strategies;
    }

    /// @inheritdoc IAllocationManager
    function getMembers(OperatorSet calldata operatorSet) external view returns (address[] memory) {
        return _setMembers[operatorSet.key()].values();
    }

    /// @inheritdoc IAllocationManager
    function getMemberCount(OperatorSet calldata operatorSet) external view returns (uint256) {
        return _setMembers[operatorSet.key()].length();
    }

    /// @inheritdoc IAllocationManager
    function isMemberOfOperatorSet(address operator, OperatorSet calldata operatorSet)
        external
        view
        returns (bool)
    {
        return _setMembers[operatorSet.key()].contains(operator);
    }

    /// @inheritdoc IAllocationManager
    function isOperatorSlashable(address operator, OperatorSet calldata operatorSet)
        external
        view
        returns (bool)
    {
        return _isSlashable(operator, operatorSet.key());
    }

    /// @inheritdoc IAllocationManager
    function getRegisteredSets(address operator) external view returns (OperatorSet[] memory sets) {
        EnumerableSet.Bytes32Set storage keys = _operatorSets[operator];
        sets = new OperatorSet[](keys.length());
        for (uint256 i; i < sets.length; ++i) {
            sets[i] = OperatorSetLib.decode(OperatorSetKey.wrap(keys.at(i)));
        }
    }

    /// @inheritdoc IAllocationManager
    function getAllocation(address operator, OperatorSet calldata operatorSet, IStrategy strategy)
        external
        view
        returns (Allocation memory allocation)
    {
        (allocation,) = MagnitudeMath.applyDue(_allocations[operator][operatorSet.key()][strategy]);
    }

    /// @inheritdoc IAllocationManager
    function getMaxMagnitude(address operator, IStrategy strategy) public view returns (uint64) {
        return MagnitudeMath.WAD - _magnitudes[operator][strategy].magnitudeSlashed;
    }

    /// @inheritdoc IAllocationManager
    /// @dev Counts the due decreases `clearDeallocationQueue` would apply now as already freed.
    function getEncumberedMagnitude(address operator, IStrategy strategy) public view returns (uint64) {
        return _magnitudes[operator][strategy].encumbered - _dueQueuedDecreases(operator, strategy);
    }

    /// @inheritdoc IAllocationManager
    function getAllocatableMagnitude(address operator, IStrategy strategy) external view returns (uint64) {
        return getMaxMagnitude(operator, strategy) - getEncumberedMagnitude(operator, strategy);
    }

    /// @inheritdoc IAllocationManager
    /// @dev Zero where the operator is not slashable in the set or the strategy is not in the set.
    function getAllocatedStake(
        OperatorSet calldata operatorSet,
        address[] calldata operators,
        IStrategy[] calldata strategies
    ) external view returns (uint256[][] memory stakes) {
        OperatorSetKey key = operatorSet.key();
        stakes = new uint256[][](operators.length);
        for (uint256 i; i < operators.length; ++i) {
            stakes[i] = new uint256[](strategies.length);
            if (!_isSlashable(operators[i], key)) continue;
            for (uint256 j; j < strategies.length; ++j) {
                if (!_setStrategies[key].contains(address(strategies[j]))) continue;
                (Allocation memory allocation,) =
                    MagnitudeMath.applyDue(_allocations[operators[i]][key][strategies[j]]);
                stakes[i][j] = _slashableShares(operators[i], strategies[j], allocation.currentMagnitude);
            }
        }
    }

    /// @inheritdoc IAllocationManager
    function getEconomicSecurityConfig(OperatorSet calldata operatorSet)
        external
        view
        returns (EconomicSecurityConfig memory)
    {
        return _securityConfigs[operatorSet.key()];
    }

    /// @inheritdoc IAllocationManager
    function getStrategyValueWeight(OperatorSet calldata operatorSet, IStrategy strategy)
        external
        view
        returns (uint256)
    {
        return _valueWeight(operatorSet.key(), strategy);
    }

    /// @inheritdoc IAllocationManager
    /// @dev The operator's contribution to U: zero when it is not a member.
    function getOperatorAllocatedValue(OperatorSet calldata operatorSet, address operator)
        external
        view
        returns (uint256)
    {
        OperatorSetKey key = operatorSet.key();
        if (!_setMembers[key].contains(operator)) return 0;
        return _operatorValue(operator, key, _setStrategies[key].values(), false);
    }

    /// @inheritdoc IAllocationManager
    function getEconomicSecurity(OperatorSet calldata operatorSet)
        external
        view
        returns (uint256 allocatedValue, uint256 costOfCorruption, uint256 requiredCost, bool secure)
    {
        OperatorSetKey key = operatorSet.key();
        (allocatedValue,) = _memberValues(key, false);
        (costOfCorruption, requiredCost, secure) =
            EconomicSecurityMath.evaluate(_securityConfigs[key], allocatedValue);
    }

    /// @inheritdoc IAllocationManager
    /// @dev An operator is critical when the set without its allocated value fails the condition,
    ///      so when the set is already insecure every member is listed; with π = 0 none is.
    function getCriticalOperators(OperatorSet calldata operatorSet)
        external
        view
        returns (address[] memory critical)
    {
        OperatorSetKey key = operatorSet.key();
        EconomicSecurityConfig memory config = _securityConfigs[key];
        if (config.profitFromCorruption == 0) return new address[](0);
        address[] memory members = _setMembers[key].values();
        critical = new address[](members.length);
        (uint256 total, uint256[] memory values) = _memberValues(key, false);
        uint256 count;
        for (uint256 i; i < members.length; ++i) {
            (,, bool secure) = EconomicSecurityMath.evaluate(config, total - values[i]);
            if (!secure) critical[count++] = members[i];
        }
        // shrink the array to the members found
        assembly ("memory-safe") {
            mstore(critical, count)
        }
    }

    // ───────────── Internal: sets and membership ─────────────

    function _existingSet(address avs, uint32 operatorSetId)
        internal
        view
        returns (OperatorSet memory operatorSet, OperatorSetKey key)
    {
        operatorSet = OperatorSet({avs: avs, id: operatorSetId});
        key = operatorSet.key();
        require(_sets[key].exists, OperatorSetDoesNotExist(avs, operatorSetId));
    }

    function _addStrategies(
        OperatorSet memory operatorSet,
        OperatorSetKey key,
        IStrategy[] calldata strategies
    ) internal {
        for (uint256 i; i < strategies.length; ++i) {
            require(
                _setStrategies[key].add(address(strategies[i])), StrategyAlreadyInOperatorSet(strategies[i])
            );
            emit StrategyAddedToOperatorSet(operatorSet, strategies[i]);
        }
    }

    function _addMember(address operator, OperatorSet memory operatorSet, OperatorSetKey key) internal {
        require(_setMembers[key].add(operator), AlreadyMemberOfSet(operator, operatorSet.avs, operatorSet.id));
        _operatorSets[operator].add(OperatorSetKey.unwrap(key));
        emit OperatorAddedToOperatorSet(operator, operatorSet);
    }

    function _removeMember(address operator, OperatorSet memory operatorSet, OperatorSetKey key) internal {
        require(_setMembers[key].remove(operator), NotMemberOfSet(operator, operatorSet.avs, operatorSet.id));
        _operatorSets[operator].remove(OperatorSetKey.unwrap(key));
        // block numbers and the delay are far below 2^32 for the life of any chain we target
        uint32 slashableUntil = uint32(block.number) + _deallocationDelay;
        _slashableUntil[operator][key] = slashableUntil;
        emit OperatorRemovedFromOperatorSet(operator, operatorSet, slashableUntil);
    }

    function _isSlashable(address operator, OperatorSetKey key) internal view returns (bool) {
        return _setMembers[key].contains(operator) || block.number < _slashableUntil[operator][key];
    }

    /// @dev Gas-capped call that copies at most the 68 bytes of a refusal: neither a reverting,
    ///      gas-burning nor return-bombing hook can make the exit fail. The one failure that does is the
    ///      AVS's explicit refusal `OperatorFrozen(operator, until)` naming this operator and a time still
    ///      to come (IAVSRegistrar), which is re-raised as is.
    function _callDeregistrationHook(
        IAVSRegistrar registrar,
        address operator,
        address avs,
        uint32[] calldata operatorSetIds
    ) internal {
        bytes memory data = abi.encodeCall(IAVSRegistrar.deregisterOperator, (operator, avs, operatorSetIds));
        uint256 gasCap = DEREGISTRATION_HOOK_GAS;
        require(
            gasleft() >= HOOK_GAS_NEEDED, InsufficientGasForDeregistrationHook(gasleft(), HOOK_GAS_NEEDED)
        );
        bool success;
        bytes memory refusal = new bytes(REFUSAL_LENGTH);
        uint256 returned;
        assembly ("memory-safe") {
            // the EVM copies min(returndatasize, 68) bytes into `refusal`: a bomb costs only the hook
            success := call(gasCap, registrar, 0, add(data, 0x20), mload(data), add(refusal, 0x20), 0x44)
            returned := returndatasize()
        }
        if (success) return;
        if (returned == REFUSAL_LENGTH && _isFreezeOf(refusal, operator)) {
            assembly ("memory-safe") {
                revert(add(refusal, 0x20), 0x44)
            }
        }
        emit DeregistrationHookFailed(operator, avs, operatorSetIds);
    }

    /// @dev Whether `refusal` is `OperatorFrozen(operator, until)` with `until` in the future.
    function _isFreezeOf(bytes memory refusal, address operator) internal view returns (bool) {
        bytes4 selector;
        uint256 named;
        uint256 until;
        assembly ("memory-safe") {
            selector := mload(add(refusal, 0x20))
            named := mload(add(refusal, 0x24))
            until := mload(add(refusal, 0x44))
        }
        if (selector != IAVSRegistrar.OperatorFrozen.selector || named != uint256(uint160(operator))) {
            return false;
        }
        // forge-lint: disable-next-line(block-timestamp) a freeze lasts hours to days: drift is harmless
        return until > block.timestamp;
    }

    // ───────────── Internal: allocations ─────────────

    function _modifyAllocation(
        address operator,
        OperatorSet memory operatorSet,
        OperatorSetKey key,
        IStrategy strategy,
        uint64 newMagnitude
    ) internal {
        // free what due decreases hold first, so an increase can use it
        _clearDeallocationQueue(operator, strategy, type(uint16).max);
        (Allocation memory allocation, MagnitudeInfo memory info) = _loadAllocation(operator, key, strategy);
        require(allocation.pendingDiff == 0, ModificationAlreadyPending(allocation.effectBlock));
        uint64 current = allocation.currentMagnitude;
        require(newMagnitude != current, SameMagnitude(newMagnitude));

        if (newMagnitude > current) {
            require(
                _setMembers[key].contains(operator), NotMemberOfSet(operator, operatorSet.avs, operatorSet.id)
            );
            require(_setStrategies[key].contains(address(strategy)), StrategyNotInOperatorSet(strategy));
            uint64 available = MagnitudeMath.WAD - info.magnitudeSlashed - info.encumbered;
            uint64 diff = newMagnitude - current;
            require(diff <= available, InsufficientMagnitude(available, diff));
            info.encumbered += diff;
            if (_allocationDelay == 0) {
                allocation.currentMagnitude = newMagnitude;
            } else {
                allocation.pendingDiff = int128(uint128(diff));
                allocation.effectBlock = uint32(block.number) + _allocationDelay;
            }
        } else {
            uint64 diff = current - newMagnitude;
            _checkSecurityAfterDecrease(operator, key, strategy, current, newMagnitude);
            if (_isSlashable(operator, key) && _deallocationDelay != 0) {
                // stays slashable and encumbered until applied
                allocation.pendingDiff = -int128(uint128(diff));
                allocation.effectBlock = uint32(block.number) + _deallocationDelay;
                _deallocationQueue[operator][strategy].pushBack(OperatorSetKey.unwrap(key));
            } else {
                allocation.currentMagnitude = newMagnitude;
                info.encumbered -= diff;
            }
        }
        _setAllocation(operator, operatorSet, key, strategy, allocation);
        _setEncumbered(operator, strategy, info.encumbered);
        _checkpoint(operator, strategy);
    }

    /// @dev Applies up to `maxToClear` due decreases from the front of the queue; stops at the first
    ///      queued decrease not yet due. Entries already applied elsewhere are popped and counted.
    /// @return changed whether any magnitude changed.
    function _clearDeallocationQueue(address operator, IStrategy strategy, uint16 maxToClear)
        internal
        returns (bool changed)
    {
        DoubleEndedQueue.Bytes32Deque storage queue = _deallocationQueue[operator][strategy];
        uint64 encumbered = _magnitudes[operator][strategy].encumbered;
        for (uint256 cleared; cleared < maxToClear && !queue.empty(); ++cleared) {
            OperatorSetKey key = OperatorSetKey.wrap(queue.front());
            Allocation memory allocation = _allocations[operator][key][strategy];
            if (allocation.pendingDiff < 0) {
                if (block.number < allocation.effectBlock) break;
                uint64 freed;
                (allocation, freed) = MagnitudeMath.applyDue(allocation);
                encumbered -= freed;
                _setAllocation(operator, OperatorSetLib.decode(key), key, strategy, allocation);
                changed = true;
            }
            queue.popFront();
        }
        if (changed) _setEncumbered(operator, strategy, encumbered);
    }

    /// @dev The allocation and magnitude info with a due pending change applied (in memory).
    function _loadAllocation(address operator, OperatorSetKey key, IStrategy strategy)
        internal
        view
        returns (Allocation memory allocation, MagnitudeInfo memory info)
    {
        info = _magnitudes[operator][strategy];
        uint64 freed;
        (allocation, freed) = MagnitudeMath.applyDue(_allocations[operator][key][strategy]);
        info.encumbered -= freed;
    }

    function _slashStrategy(
        address operator,
        OperatorSet memory operatorSet,
        OperatorSetKey key,
        IStrategy strategy,
        uint256 wad,
        address recipient
    ) internal returns (uint256 sharesSlashed, uint256 wadSlashed) {
        (Allocation memory allocation, MagnitudeInfo memory info) = _loadAllocation(operator, key, strategy);
        if (allocation.currentMagnitude == 0) return (0, 0);

        uint64 slashed = MagnitudeMath.slashedMagnitude(allocation.currentMagnitude, wad);
        uint64 prevMax = MagnitudeMath.WAD - info.magnitudeSlashed;
        allocation.currentMagnitude -= slashed;
        if (allocation.pendingDiff < 0) {
            // a pending decrease was ≤ 2^64 when queued
            uint64 pending = uint64(uint128(-allocation.pendingDiff));
            allocation.pendingDiff = -int128(uint128(MagnitudeMath.scaledPendingDecrease(pending, wad)));
        }
        _setAllocation(operator, operatorSet, key, strategy, allocation);
        if (allocation.pendingDiff != 0) {
            // _setAllocation announced the pending target; record the immediate slash too
            emit AllocationUpdated(
                operator, operatorSet, strategy, allocation.currentMagnitude, uint32(block.number)
            );
        }
        // slashed ≤ current ≤ encumbered ≤ max: neither subtraction can underflow
        _setEncumbered(operator, strategy, info.encumbered - slashed);
        _setMaxMagnitude(operator, strategy, info.magnitudeSlashed + slashed);

        sharesSlashed =
            delegation.slashOperatorShares(operator, strategy, prevMax, prevMax - slashed, recipient);
        wadSlashed = MagnitudeMath.wadOfStake(slashed, prevMax);
        _checkpoint(operator, strategy);
    }

    function _setAllocation(
        address operator,
        OperatorSet memory operatorSet,
        OperatorSetKey key,
        IStrategy strategy,
        Allocation memory allocation
    ) internal {
        _allocations[operator][key][strategy] = allocation;
        // the magnitude in force at the effect block: the pending target when a change is pending
        uint64 target = uint64(uint128(int128(uint128(allocation.currentMagnitude)) + allocation.pendingDiff));
        uint32 effectBlock = allocation.pendingDiff == 0 ? uint32(block.number) : allocation.effectBlock;
        emit AllocationUpdated(operator, operatorSet, strategy, target, effectBlock);
    }

    function _setEncumbered(address operator, IStrategy strategy, uint64 encumbered) internal {
        if (_magnitudes[operator][strategy].encumbered == encumbered) return;
        _magnitudes[operator][strategy].encumbered = encumbered;
        emit EncumberedMagnitudeUpdated(operator, strategy, encumbered);
    }

    function _setMaxMagnitude(address operator, IStrategy strategy, uint64 magnitudeSlashed) internal {
        _magnitudes[operator][strategy].magnitudeSlashed = magnitudeSlashed;
        emit MaxMagnitudeUpdated(operator, strategy, MagnitudeMath.WAD - magnitudeSlashed);
    }

    function _setAllocationDelay(uint32 delayBlocks) internal {
        require(delayBlocks <= MAX_DELAY, DelayTooLong(delayBlocks, MAX_DELAY));
        emit AllocationDelaySet(_allocationDelay, delayBlocks);
        _allocationDelay = delayBlocks;
    }

    function _setDeallocationDelay(uint32 delayBlocks) internal {
        require(delayBlocks <= MAX_DELAY, DelayTooLong(delayBlocks, MAX_DELAY));
        emit DeallocationDelaySet(_deallocationDelay, delayBlocks);
        _deallocationDelay = delayBlocks;
    }

    /// @dev Sum of the due queued decreases `_clearDeallocationQueue` would apply now, counting a
    ///      set that appears twice in the queue (an applied entry followed by a new one) once.
    function _dueQueuedDecreases(address operator, IStrategy strategy) internal view returns (uint64 freed) {
        DoubleEndedQueue.Bytes32Deque storage queue = _deallocationQueue[operator][strategy];
        uint256 length = queue.length();
        bytes32[] memory seen = new bytes32[](length);
        uint256 seenCount;
        for (uint256 i; i < length; ++i) {
            bytes32 rawKey = queue.at(i);
            Allocation memory allocation = _allocations[operator][OperatorSetKey.wrap(rawKey)][strategy];
            if (allocation.pendingDiff >= 0) continue;
            if (block.number < allocation.effectBlock) break;
            bool counted;
            for (uint256 j; j < seenCount && !counted; ++j) {
                counted = seen[j] == rawKey;
            }
            if (counted) continue;
            seen[seenCount++] = rawKey;
            freed += uint64(uint128(-allocation.pendingDiff));
        }
    }

    // ───────────── Internal: rewards ─────────────

    function _checkpoint(address operator, IStrategy strategy) internal {
        if (address(rewardsCoordinator) != address(0)) {
            rewardsCoordinator.checkpointOperator(operator, strategy);
        }
    }

    function _checkpointMembers(OperatorSetKey key, IStrategy strategy) internal {
        if (address(rewardsCoordinator) == address(0)) return;
        EnumerableSet.AddressSet storage members = _setMembers[key];
        for (uint256 i; i < members.length(); ++i) {
            rewardsCoordinator.checkpointOperator(members.at(i), strategy);
        }
    }

    function _checkpointSet(address operator, OperatorSetKey key) internal {
        if (address(rewardsCoordinator) == address(0)) return;
        EnumerableSet.AddressSet storage strategies = _setStrategies[key];
        for (uint256 i; i < strategies.length(); ++i) {
            rewardsCoordinator.checkpointOperator(operator, IStrategy(strategies.at(i)));
        }
    }

    // ───────────── Internal: economic security ─────────────

    /// @dev With enforcement on, refuses a member's decrease that leaves the set insecure. The set is
    ///      judged once every announced decrease has landed (pending decreases of all members count as
    ///      applied, pending increases as not yet there), so several decreases in one call, or by
    ///      several operators, cannot each pass against the others' old magnitudes.
    function _checkSecurityAfterDecrease(
        address operator,
        OperatorSetKey key,
        IStrategy strategy,
        uint64 current,
        uint64 newMagnitude
    ) internal view {
        EconomicSecurityConfig memory config = _securityConfigs[key];
        if (!config.enforceOnDeallocation || config.profitFromCorruption == 0) return;
        if (!_setMembers[key].contains(operator) || !_setStrategies[key].contains(address(strategy))) return;
        (uint256 total,) = _memberValues(key, true);
        // the operator's allocation has no pending change here, so `total` counts it at `current`
        uint256 weight = _valueWeight(key, strategy);
        total = total - _strategyValue(operator, strategy, current, weight)
            + _strategyValue(operator, strategy, newMagnitude, weight);
        (uint256 cost, uint256 required, bool secure) = EconomicSecurityMath.evaluate(config, total);
        require(secure, WouldBreakEconomicSecurity(cost, required));
    }

    /// @dev U and each member's share of it. `landed`: count pending decreases as applied. Sums
    ///      saturate: past 2^256 only means "more than enough" and must not revert a view or a
    ///      decrease.
    function _memberValues(OperatorSetKey key, bool landed)
        internal
        view
        returns (uint256 total, uint256[] memory values)
    {
        address[] memory members = _setMembers[key].values();
        address[] memory strategies = _setStrategies[key].values();
        values = new uint256[](members.length);
        for (uint256 i; i < members.length; ++i) {
            values[i] = _operatorValue(members[i], key, strategies, landed);
            total = Math.saturatingAdd(total, values[i]);
        }
    }

    function _operatorValue(address operator, OperatorSetKey key, address[] memory strategies, bool landed)
        internal
        view
        returns (uint256 total)
    {
        for (uint256 i; i < strategies.length; ++i) {
            IStrategy strategy = IStrategy(strategies[i]);
            (Allocation memory allocation,) = MagnitudeMath.applyDue(_allocations[operator][key][strategy]);
            uint64 magnitude = allocation.currentMagnitude;
            if (landed && allocation.pendingDiff < 0) magnitude -= uint64(uint128(-allocation.pendingDiff));
            total = Math.saturatingAdd(
                total, _strategyValue(operator, strategy, magnitude, _valueWeight(key, strategy))
            );
        }
    }

    function _strategyValue(address operator, IStrategy strategy, uint64 magnitude, uint256 weight)
        internal
        view
        returns (uint256)
    {
        uint256 stake = _slashableShares(operator, strategy, magnitude);
        if (stake == 0) return 0;
        return EconomicSecurityMath.value(strategy.sharesToUnderlyingView(stake), weight);
    }

    function _slashableShares(address operator, IStrategy strategy, uint64 magnitude)
        internal
        view
        returns (uint256)
    {
        if (magnitude == 0) return 0;
        return MagnitudeMath.slashableShares(
            delegation.operatorShares(operator, strategy), magnitude, getMaxMagnitude(operator, strategy)
        );
    }

    function _valueWeight(OperatorSetKey key, IStrategy strategy) internal view returns (uint256) {
        ValueWeight memory weight = _valueWeights[key][strategy];
        return weight.isSet ? weight.weightWad : EconomicSecurityMath.WAD;
    }
}
