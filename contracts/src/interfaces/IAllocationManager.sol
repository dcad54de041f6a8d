// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {OperatorSet} from "../types/OperatorSet.sol";
import {IAVSRegistrar} from "./IAVSRegistrar.sol";
import {IStrategy} from "./IStrategy.sol";

/// @title Operator sets, magnitudes, slashing and economic security
/// @notice Model (EigenLayer's). For each strategy an operator has a *max magnitude*, WAD (1e18) at
///         first, standing for all of its delegated stake. It allocates parts of it (magnitudes) to
///         operator sets; the sum of allocated and pending-increase magnitude (*encumbered*) never
///         exceeds the max magnitude. The stake slashable in a set is
///         `operatorShares × currentMagnitude / maxMagnitude`. Slashing `wad` of a set's allocation
///         removes `currentMagnitude × wad` from both the allocation and the max magnitude, and the
///         DelegationManager removes the same fraction of the max magnitude from the operator's
///         stake — so stake allocated to other sets keeps its absolute size: stake is *unique*.
///         Increases take effect after `allocationDelay` blocks; decreases after
///         `deallocationDelay` blocks while the operator is slashable in the set, during which the
///         old magnitude stays slashable; the freed magnitude returns when the decrease is applied
///         (`clearDeallocationQueue`, or any later modification of the same allocation).
///         Economic security of a set: with α the share of stake an attacker must control, U the
///         allocated value and π the declared profit from corruption, the set is secure when
///         α·U ≥ (1 + γ)·π. Pause groups: 0 operator-set registration, 1 allocations, 2 slashing.
interface IAllocationManager {
    struct CreateSetParams {
        uint32 operatorSetId;
        /// @dev the one address allowed to slash in this set
        address slasher;
        /// @dev where slashed tokens go; address(0) burns them
        address redistributionRecipient;
        IStrategy[] strategies;
    }

    struct RegisterParams {
        address avs;
        uint32[] operatorSetIds;
        bytes data;
    }

    struct DeregisterParams {
        address operator;
        address avs;
        uint32[] operatorSetIds;
    }

    struct AllocateParams {
        OperatorSet operatorSet;
        IStrategy[] strategies;
        uint64[] newMagnitudes;
    }

    struct SlashingParams {
        address operator;
        uint32 operatorSetId;
        IStrategy[] strategies;
        /// @dev fraction (WAD) of the set's current allocation to slash, per strategy, in (0, 1e18]
        uint256[] wadsToSlash;
        string description;
    }

    /// @notice An allocation with its pending change; views return it with a due change applied.
    struct Allocation {
        uint64 currentMagnitude;
        int128 pendingDiff;
        uint32 effectBlock;
    }

    /// @notice What an AVS declares about a set for the robust-restaking condition α·U ≥ (1+γ)·π.
    struct EconomicSecurityConfig {
        /// @dev π, in value units (Σ underlying tokens × the strategy's value weight)
        uint256 profitFromCorruption;
        /// @dev α, the fraction (WAD) of allocated stake needed to corrupt the set, in (0, 1e18]
        uint64 corruptionThresholdWad;
        /// @dev γ, the required margin (WAD), e.g. 0.2e18 for 20 %
        uint64 gammaWad;
        /// @dev refuse allocation decreases that would break the condition (deregistration is an
        ///      exit and is never refused: watch getCriticalOperators instead)
        bool enforceOnDeallocation;
    }

    error OperatorSetDoesNotExist(address avs, uint32 operatorSetId);
    error OperatorSetAlreadyExists(address avs, uint32 operatorSetId);
    error NotOperator(address account);
    error Unauthorized(address caller);
    error NotSlasher(address caller, address slasher);
    error NotMemberOfSet(address operator, address avs, uint32 operatorSetId);
    error AlreadyMemberOfSet(address operator, address avs, uint32 operatorSetId);
    error StrategyNotInOperatorSet(IStrategy strategy);
    error StrategyAlreadyInOperatorSet(IStrategy strategy);
    error InsufficientMagnitude(uint64 available, uint64 requested);
    error ModificationAlreadyPending(uint32 effectBlock);
    error SameMagnitude(uint64 magnitude);
    error OperatorNotSlashable(address operator, address avs, uint32 operatorSetId);
    error InvalidWadToSlash(uint256 wad);
    error InputLengthMismatch();
    error DuplicateEntry();
    error WouldBreakEconomicSecurity(uint256 costOfCorruption, uint256 requiredCost);
    error InvalidEconomicSecurityConfig();
    error DelayTooLong(uint32 delay, uint32 max);
    /// @notice A set needs a slasher: address(0) is refused at creation and in setSlasher.
    error InvalidSlasher(address slasher);
    /// @notice Not enough gas left to give the AVS's deregistration hook its full gas cap; retry with
    ///         more gas (a caller cannot starve the hook on purpose).
    error InsufficientGasForDeregistrationHook(uint256 gasLeft, uint256 gasNeeded);

    event AVSMetadataURIUpdated(address indexed avs, string metadataURI);
    event AVSRegistrarSet(address indexed avs, IAVSRegistrar registrar);
    event OperatorSetCreated(OperatorSet operatorSet, address slasher, address redistributionRecipient);
    event SlasherSet(OperatorSet operatorSet, address slasher);
    event RedistributionRecipientSet(OperatorSet operatorSet, address recipient);
    event StrategyAddedToOperatorSet(OperatorSet operatorSet, IStrategy strategy);
    event StrategyRemovedFromOperatorSet(OperatorSet operatorSet, IStrategy strategy);
    event OperatorAddedToOperatorSet(address indexed operator, OperatorSet operatorSet);
    /// @notice The operator left the set; it stays slashable there until `slashableUntilBlock`.
    event OperatorRemovedFromOperatorSet(
        address indexed operator, OperatorSet operatorSet, uint32 slashableUntilBlock
    );
    /// @notice The AVS's deregistration hook failed or ran out of its gas cap; the exit went ahead.
    event DeregistrationHookFailed(address indexed operator, address indexed avs, uint32[] operatorSetIds);
    event AllocationUpdated(
        address indexed operator,
        OperatorSet operatorSet,
        IStrategy indexed strategy,
        uint64 magnitude,
        uint32 effectBlock
    );
    event EncumberedMagnitudeUpdated(
        address indexed operator, IStrategy indexed strategy, uint64 encumberedMagnitude
    );
    event MaxMagnitudeUpdated(address indexed operator, IStrategy indexed strategy, uint64 maxMagnitude);
    event OperatorSlashed(
        uint256 indexed slashId,
        address indexed operator,
        OperatorSet operatorSet,
        IStrategy[] strategies,
        uint256[] wadSlashed,
        uint256[] sharesSlashed,
        string description
    );
    event EconomicSecurityConfigured(OperatorSet operatorSet, EconomicSecurityConfig config);
    event StrategyValueWeightSet(OperatorSet operatorSet, IStrategy strategy, uint256 weightWad);
    event AllocationDelaySet(uint32 previousDelay, uint32 newDelay);
    event DeallocationDelaySet(uint32 previousDelay, uint32 newDelay);

    // ───────────── AVS ─────────────

    /// @notice Emits the caller's (the AVS's) metadata URI.
    function updateAVSMetadataURI(string calldata metadataURI) external;
    /// @notice Sets the contract that receives the caller's (the AVS's) register/deregister hooks.
    function setAVSRegistrar(IAVSRegistrar registrar) external;
    /// @notice Creates operator sets owned by the caller (the AVS).
    function createOperatorSets(CreateSetParams[] calldata params) external;
    function addStrategiesToOperatorSet(uint32 operatorSetId, IStrategy[] calldata strategies) external;
    function removeStrategiesFromOperatorSet(uint32 operatorSetId, IStrategy[] calldata strategies) external;
    function setSlasher(uint32 operatorSetId, address slasher) external;
    function setRedistributionRecipient(uint32 operatorSetId, address recipient) external;
    /// @notice Declares π, α, γ and whether to enforce the condition on deallocations.
    function setEconomicSecurityConfig(uint32 operatorSetId, EconomicSecurityConfig calldata config) external;
    /// @notice Value units per underlying token of `strategies[i]` (WAD; default 1e18).
    function setStrategyValueWeights(
        uint32 operatorSetId,
        IStrategy[] calldata strategies,
        uint256[] calldata weights
    ) external;

    // ───────────── Operator ─────────────

    /// @notice Registers `operator` (must be the caller) for operator sets; calls the AVS registrar,
    ///         which may refuse.
    function registerForOperatorSets(address operator, RegisterParams calldata params) external;
    /// @notice The operator or the AVS removes the operator from sets. The AVS hook is gas-capped and
    ///         its failure never blocks the exit, except its explicit refusal
    ///         `IAVSRegistrar.OperatorFrozen(operator, until)` with `until` still to come, which is
    ///         re-raised (see IAVSRegistrar). The operator stays slashable for `deallocationDelay`.
    function deregisterFromOperatorSets(DeregisterParams calldata params) external;
    /// @notice Operator only: sets new target magnitudes (increase after allocationDelay, decrease
    ///         after deallocationDelay). One pending change per (operator, set, strategy).
    function modifyAllocations(address operator, AllocateParams[] calldata params) external;
    /// @notice Anyone: applies up to `numToClear[i]` due decreases of (operator, strategies[i]),
    ///         freeing their magnitude.
    function clearDeallocationQueue(
        address operator,
        IStrategy[] calldata strategies,
        uint16[] calldata numToClear
    ) external;

    // ───────────── Slasher ─────────────

    /// @notice The set's slasher slashes `operator`.
    /// @return slashId sequence number of this slash.
    /// @return sharesSlashed strategy shares removed per strategy.
    function slashOperator(address avs, SlashingParams calldata params)
        external
        returns (uint256 slashId, uint256[] memory sharesSlashed);

    // ───────────── Owner ─────────────

    function setAllocationDelay(uint32 delayBlocks) external;
    function setDeallocationDelay(uint32 delayBlocks) external;

    // ───────────── Views ─────────────

    function allocationDelay() external view returns (uint32);
    function deallocationDelay() external view returns (uint32);
    function operatorSetExists(OperatorSet calldata operatorSet) external view returns (bool);
    function getSlasher(OperatorSet calldata operatorSet) external view returns (address);
    function getRedistributionRecipient(OperatorSet calldata operatorSet) external view returns (address);
    function getAVSRegistrar(address avs) external view returns (IAVSRegistrar);
    function getOperatorSets(address avs) external view returns (OperatorSet[] memory);
    function getStrategiesInOperatorSet(OperatorSet calldata operatorSet)
        external
        view
        returns (IStrategy[] memory);
    function getMembers(OperatorSet calldata operatorSet) external view returns (address[] memory);
    function getMemberCount(OperatorSet calldata operatorSet) external view returns (uint256);
    function isMemberOfOperatorSet(address operator, OperatorSet calldata operatorSet)
        external
        view
        returns (bool);
    /// @notice Member, or deregistered less than `deallocationDelay` blocks ago.
    function isOperatorSlashable(address operator, OperatorSet calldata operatorSet)
        external
        view
        returns (bool);
    /// @notice Sets the operator is a member of.
    function getRegisteredSets(address operator) external view returns (OperatorSet[] memory);
    function getAllocation(address operator, OperatorSet calldata operatorSet, IStrategy strategy)
        external
        view
        returns (Allocation memory);
    function getMaxMagnitude(address operator, IStrategy strategy) external view returns (uint64);
    function getEncumberedMagnitude(address operator, IStrategy strategy) external view returns (uint64);
    /// @notice Max magnitude minus encumbered magnitude (counting due decreases as freed).
    function getAllocatableMagnitude(address operator, IStrategy strategy) external view returns (uint64);
    /// @notice Slashable stake now, in strategy shares: `operatorShares × currentMagnitude / maxMagnitude`.
    function getAllocatedStake(
        OperatorSet calldata operatorSet,
        address[] calldata operators,
        IStrategy[] calldata strategies
    ) external view returns (uint256[][] memory);
    function getEconomicSecurityConfig(OperatorSet calldata operatorSet)
        external
        view
        returns (EconomicSecurityConfig memory);
    function getStrategyValueWeight(OperatorSet calldata operatorSet, IStrategy strategy)
        external
        view
        returns (uint256);
    /// @notice Allocated value of one operator in the set (Σ underlying × value weight).
    function getOperatorAllocatedValue(OperatorSet calldata operatorSet, address operator)
        external
        view
        returns (uint256);
    /// @notice The robust-restaking check for a set.
    /// @return allocatedValue U, over all members
    /// @return costOfCorruption α·U
    /// @return requiredCost (1+γ)·π
    /// @return secure costOfCorruption ≥ requiredCost
    function getEconomicSecurity(OperatorSet calldata operatorSet)
        external
        view
        returns (uint256 allocatedValue, uint256 costOfCorruption, uint256 requiredCost, bool secure);
    /// @notice Members whose exit alone (their whole allocated value gone) would make the set insecure.
    function getCriticalOperators(OperatorSet calldata operatorSet) external view returns (address[] memory);
}
