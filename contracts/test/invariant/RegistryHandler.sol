// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {OperatorRegistry} from "../../src/avs/OperatorRegistry.sol";
import {AllocationManager} from "../../src/core/AllocationManager.sol";
import {DelegationManager} from "../../src/core/DelegationManager.sol";
import {StrategyManager} from "../../src/core/StrategyManager.sol";
import {MockLST} from "../../src/devnet/MockLST.sol";
import {IAllocationManager} from "../../src/interfaces/IAllocationManager.sol";
import {IStrategy} from "../../src/interfaces/IStrategy.sol";
import {BLS12381} from "../../src/libraries/BLS12381.sol";
import {OperatorSet} from "../../src/types/OperatorSet.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Drives the real core and the real OperatorRegistry: fixture operators (pre-generated keys
///         and proofs of possession) join and leave Palisade's set, deposit, change their allocation,
///         anyone refreshes stakes, blocks pass. After every action it records a snapshot of what
///         the registry says is current (per block: the last action's state), for the history
///         invariant, and counts any refresh that left a stake different from the core's.
contract RegistryHandler is CommonBase, StdCheats, StdUtils {
    struct Snapshot {
        uint32 blockNumber;
        bytes32 apkHash;
        uint256 totalStake;
        bool[] registered;
        uint256[] stakes;
    }

    AllocationManager internal immutable allocationManager;
    DelegationManager internal immutable delegation;
    StrategyManager internal immutable strategyManager;
    OperatorRegistry internal immutable registry;
    IStrategy internal immutable strategy;
    MockLST internal immutable token;
    address internal immutable serviceManager;

    address[] public operators;
    BLS12381.G1Point[] internal _pubkeys;
    bytes32[] public pubkeyHashes;
    bytes[] internal _registrationData;
    /// @dev ghost membership, driven by the handler's own successful calls
    bool[] public ghostRegistered;
    bool[] internal _isCoreOperator;
    Snapshot[] internal _snapshots;

    uint256 public staleRefreshes;
    uint256 public registrations;
    uint256 public deregistrations;

    constructor(
        AllocationManager allocationManager_,
        DelegationManager delegation_,
        StrategyManager strategyManager_,
        OperatorRegistry registry_,
        IStrategy strategy_,
        MockLST token_,
        address[] memory operators_,
        BLS12381.G1Point[] memory pubkeys_,
        bytes[] memory registrationData_
    ) {
        allocationManager = allocationManager_;
        delegation = delegation_;
        strategyManager = strategyManager_;
        registry = registry_;
        strategy = strategy_;
        token = token_;
        serviceManager = registry_.serviceManager();
        for (uint256 i; i < operators_.length; ++i) {
            operators.push(operators_[i]);
            _pubkeys.push(pubkeys_[i]);
            pubkeyHashes.push(BLS12381.hashG1(pubkeys_[i]));
            _registrationData.push(registrationData_[i]);
            ghostRegistered.push(false);
            _isCoreOperator.push(false);
        }
        _record();
    }

    // ───────────── actions ─────────────

    function register(uint256 seed) external {
        uint256 i = seed % operators.length;
        if (ghostRegistered[i]) return;
        address operator = operators[i];
        _becomeCoreOperator(i);
        uint32[] memory ids = new uint32[](1);
        vm.prank(operator);
        allocationManager.registerForOperatorSets(
            operator,
            IAllocationManager.RegisterParams({
                avs: serviceManager, operatorSetIds: ids, data: _registrationData[i]
            })
        );
        ghostRegistered[i] = true;
        ++registrations;
        _record();
    }

    function deregister(uint256 seed) external {
        uint256 i = seed % operators.length;
        if (!ghostRegistered[i]) return;
        uint32[] memory ids = new uint32[](1);
        vm.prank(operators[i]);
        allocationManager.deregisterFromOperatorSets(
            IAllocationManager.DeregisterParams({
                operator: operators[i], avs: serviceManager, operatorSetIds: ids
            })
        );
        ghostRegistered[i] = false;
        ++deregistrations;
        _record();
    }

    function deposit(uint256 seed, uint256 amount) external {
        uint256 i = seed % operators.length;
        _becomeCoreOperator(i);
        amount = bound(amount, 1e9, 1000e18);
        address operator = operators[i];
        token.mint(operator, amount);
        vm.startPrank(operator);
        token.approve(address(strategyManager), amount);
        strategyManager.depositIntoStrategy(strategy, amount);
        vm.stopPrank();
        _record();
    }

    /// @dev Increases land after the core's allocation delay, decreases after its deallocation delay;
    ///      the core refuses a second change while one is pending (ignored here).
    function allocate(uint256 seed, uint64 magnitude) external {
        uint256 i = seed % operators.length;
        _becomeCoreOperator(i);
        magnitude = uint64(bound(magnitude, 0, 1e18));
        IAllocationManager.AllocateParams[] memory params = new IAllocationManager.AllocateParams[](1);
        IStrategy[] memory list = new IStrategy[](1);
        list[0] = strategy;
        uint64[] memory magnitudes = new uint64[](1);
        magnitudes[0] = magnitude;
        params[0] = IAllocationManager.AllocateParams({
            operatorSet: OperatorSet({avs: serviceManager, id: 0}),
            strategies: list,
            newMagnitudes: magnitudes
        });
        vm.prank(operators[i]);
        try allocationManager.modifyAllocations(operators[i], params) {} catch {}
        _record();
    }

    /// @dev Anyone refreshes every operator (unregistered ones are skipped by the registry).
    function updateStakes() external {
        registry.updateStakes(operators);
        OperatorSet memory set = OperatorSet({avs: serviceManager, id: 0});
        for (uint256 i; i < operators.length; ++i) {
            if (!ghostRegistered[i]) continue;
            if (
                registry.stakeOf(operators[i])
                    != allocationManager.getOperatorAllocatedValue(set, operators[i])
            ) {
                ++staleRefreshes;
            }
        }
        _record();
    }

    function advance(uint256 blocks) external {
        blocks = bound(blocks, 1, 4);
        vm.roll(block.number + blocks);
        vm.warp(block.timestamp + blocks * 12);
    }

    // ───────────── views for the invariants ─────────────

    function operatorCount() external view returns (uint256) {
        return operators.length;
    }

    /// @notice Σ of the keys of the operators the handler registered, recomputed with G1ADD.
    function expectedApk() external view returns (BLS12381.G1Point memory sum) {
        for (uint256 i; i < operators.length; ++i) {
            if (ghostRegistered[i]) sum = BLS12381.addG1(sum, _pubkeys[i]);
        }
    }

    function snapshotCount() external view returns (uint256) {
        return _snapshots.length;
    }

    function snapshot(uint256 index) external view returns (Snapshot memory) {
        return _snapshots[index];
    }

    // ───────────── internal ─────────────

    function _becomeCoreOperator(uint256 i) internal {
        if (_isCoreOperator[i]) return;
        vm.prank(operators[i]);
        delegation.registerAsOperator(address(0), "ipfs://operator");
        _isCoreOperator[i] = true;
    }

    /// @dev The registry's current state, as the state at the end of this block (a later action in
    ///      the same block overwrites it, as the registry's checkpoints do).
    function _record() internal {
        // forge-lint: disable-next-line(unsafe-typecast) test block numbers are small
        uint32 nowBlock = uint32(block.number);
        uint256 n = operators.length;
        Snapshot memory s = Snapshot({
            blockNumber: nowBlock,
            apkHash: BLS12381.hashG1(registry.currentApk()),
            totalStake: registry.currentTotalStake(),
            registered: new bool[](n),
            stakes: new uint256[](n)
        });
        for (uint256 i; i < n; ++i) {
            s.registered[i] = registry.isRegistered(operators[i]);
            s.stakes[i] = registry.stakeOf(operators[i]);
        }
        uint256 length = _snapshots.length;
        if (length != 0 && _snapshots[length - 1].blockNumber == nowBlock) _snapshots[length - 1] = s;
        else _snapshots.push(s);
    }
}
