// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AllocationManager} from "../../../src/core/AllocationManager.sol";
import {IAllocationManager} from "../../../src/interfaces/IAllocationManager.sol";
import {IDelegationManager} from "../../../src/interfaces/IDelegationManager.sol";
import {IRewardsCoordinator} from "../../../src/interfaces/IRewardsCoordinator.sol";
import {IStrategy} from "../../../src/interfaces/IStrategy.sol";
import {OperatorSet} from "../../../src/types/OperatorSet.sol";
import {AVSRegistrarDouble} from "../../utils/AVSRegistrarDouble.sol";
import {DelegationManagerDouble} from "../../utils/DelegationManagerDouble.sol";
import {StrategyDouble} from "../../utils/StrategyDouble.sol";
import {CheckpointRecorder} from "./utils/CheckpointRecorder.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Shared fixture: an AllocationManager over recording doubles, one AVS with a registrar,
///         two operators holding 100 shares (1e20 wei) in each of three strategies.
abstract contract AllocationManagerTestBase is Test {
    uint64 internal constant WAD = 1e18;
    uint32 internal constant ALLOCATION_DELAY = 10;
    uint32 internal constant DEALLOCATION_DELAY = 50;
    uint256 internal constant SHARES = 100e18;
    uint256 internal constant START_BLOCK = 1000;

    AllocationManager internal am;
    DelegationManagerDouble internal dm;
    CheckpointRecorder internal rewards;
    AVSRegistrarDouble internal registrar;
    IStrategy internal s1;
    IStrategy internal s2;
    IStrategy internal s3;

    address internal owner = makeAddr("owner");
    address internal pauser = makeAddr("pauser");
    address internal avs = makeAddr("avs");
    address internal slasher = makeAddr("slasher");
    address internal recipient = makeAddr("recipient");
    address internal operator = makeAddr("operator");
    address internal operator2 = makeAddr("operator2");
    address internal stranger = makeAddr("stranger");

    function setUp() public virtual {
        vm.roll(START_BLOCK);
        dm = new DelegationManagerDouble();
        rewards = new CheckpointRecorder();
        registrar = new AVSRegistrarDouble();
        am = new AllocationManager(
            owner,
            pauser,
            IDelegationManager(address(dm)),
            IRewardsCoordinator(address(rewards)),
            ALLOCATION_DELAY,
            DEALLOCATION_DELAY
        );
        s1 = IStrategy(address(new StrategyDouble()));
        s2 = IStrategy(address(new StrategyDouble()));
        s3 = IStrategy(address(new StrategyDouble()));
        address[2] memory ops = [operator, operator2];
        for (uint256 i; i < ops.length; ++i) {
            dm.setOperator(ops[i], true);
            dm.setOperatorShares(ops[i], s1, SHARES);
            dm.setOperatorShares(ops[i], s2, SHARES);
            dm.setOperatorShares(ops[i], s3, SHARES);
        }
        vm.prank(avs);
        am.setAVSRegistrar(registrar);
    }

    // ───────────── helpers ─────────────

    function _strategies(IStrategy a) internal pure returns (IStrategy[] memory list) {
        list = new IStrategy[](1);
        list[0] = a;
    }

    function _strategies(IStrategy a, IStrategy b) internal pure returns (IStrategy[] memory list) {
        list = new IStrategy[](2);
        list[0] = a;
        list[1] = b;
    }

    function _ids(uint32 a) internal pure returns (uint32[] memory list) {
        list = new uint32[](1);
        list[0] = a;
    }

    function _ids(uint32 a, uint32 b) internal pure returns (uint32[] memory list) {
        list = new uint32[](2);
        list[0] = a;
        list[1] = b;
    }

    function _set(uint32 id) internal view returns (OperatorSet memory) {
        return OperatorSet({avs: avs, id: id});
    }

    /// @dev Creates set `id` of `avs` holding s1 and s2, slashed by `slasher`.
    function _createSet(uint32 id) internal returns (OperatorSet memory) {
        return _createSet(id, _strategies(s1, s2));
    }

    function _createSet(uint32 id, IStrategy[] memory strategies) internal returns (OperatorSet memory) {
        IAllocationManager.CreateSetParams[] memory params = new IAllocationManager.CreateSetParams[](1);
        params[0] = IAllocationManager.CreateSetParams({
            operatorSetId: id, slasher: slasher, redistributionRecipient: recipient, strategies: strategies
        });
        vm.prank(avs);
        am.createOperatorSets(params);
        return _set(id);
    }

    function _register(address op, uint32 id) internal {
        vm.prank(op);
        am.registerForOperatorSets(
            op, IAllocationManager.RegisterParams({avs: avs, operatorSetIds: _ids(id), data: ""})
        );
    }

    function _deregister(address op, uint32 id) internal {
        vm.prank(op);
        am.deregisterFromOperatorSets(
            IAllocationManager.DeregisterParams({operator: op, avs: avs, operatorSetIds: _ids(id)})
        );
    }

    function _allocateParams(OperatorSet memory operatorSet, IStrategy strategy, uint64 magnitude)
        internal
        pure
        returns (IAllocationManager.AllocateParams[] memory params)
    {
        uint64[] memory mags = new uint64[](1);
        mags[0] = magnitude;
        params = new IAllocationManager.AllocateParams[](1);
        params[0] = IAllocationManager.AllocateParams({
            operatorSet: operatorSet, strategies: _strategies(strategy), newMagnitudes: mags
        });
    }

    function _modify(address op, OperatorSet memory operatorSet, IStrategy strategy, uint64 magnitude)
        internal
    {
        vm.prank(op);
        am.modifyAllocations(op, _allocateParams(operatorSet, strategy, magnitude));
    }

    /// @dev Allocates and waits until the increase is in force.
    function _allocateNow(address op, OperatorSet memory operatorSet, IStrategy strategy, uint64 magnitude)
        internal
    {
        _modify(op, operatorSet, strategy, magnitude);
        vm.roll(block.number + ALLOCATION_DELAY);
    }

    function _slashParams(address op, uint32 id, IStrategy strategy, uint256 wad)
        internal
        pure
        returns (IAllocationManager.SlashingParams memory)
    {
        uint256[] memory wads = new uint256[](1);
        wads[0] = wad;
        return IAllocationManager.SlashingParams({
            operator: op,
            operatorSetId: id,
            strategies: _strategies(strategy),
            wadsToSlash: wads,
            description: "test"
        });
    }

    function _slash(address op, uint32 id, IStrategy strategy, uint256 wad)
        internal
        returns (uint256 shares)
    {
        vm.prank(slasher);
        (, uint256[] memory slashed) = am.slashOperator(avs, _slashParams(op, id, strategy, wad));
        return slashed[0];
    }

    function _current(address op, OperatorSet memory operatorSet, IStrategy strategy)
        internal
        view
        returns (uint64)
    {
        return am.getAllocation(op, operatorSet, strategy).currentMagnitude;
    }

    function _stake(address op, OperatorSet memory operatorSet, IStrategy strategy)
        internal
        view
        returns (uint256)
    {
        address[] memory ops = new address[](1);
        ops[0] = op;
        return am.getAllocatedStake(operatorSet, ops, _strategies(strategy))[0][0];
    }

    /// @dev Creates set `id`, registers `op` and allocates `magnitude` of s1 (in force).
    function _setUpAllocation(address op, uint32 id, uint64 magnitude)
        internal
        returns (OperatorSet memory set)
    {
        set = am.operatorSetExists(_set(id)) ? _set(id) : _createSet(id);
        _register(op, id);
        _allocateNow(op, set, s1, magnitude);
    }
}
