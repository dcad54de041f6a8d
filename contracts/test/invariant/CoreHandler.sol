// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AllocationManager} from "../../src/core/AllocationManager.sol";
import {DelegationManager} from "../../src/core/DelegationManager.sol";
import {RewardsCoordinator} from "../../src/core/RewardsCoordinator.sol";
import {StrategyManager} from "../../src/core/StrategyManager.sol";
import {MockLST} from "../../src/devnet/MockLST.sol";
import {IAllocationManager} from "../../src/interfaces/IAllocationManager.sol";
import {IDelegationManager} from "../../src/interfaces/IDelegationManager.sol";
import {IRewardsCoordinator} from "../../src/interfaces/IRewardsCoordinator.sol";
import {IStrategy} from "../../src/interfaces/IStrategy.sol";
import {OperatorSet} from "../../src/types/OperatorSet.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Drives the real core with random deposits, delegations, allocations, slashes,
///         withdrawals, reward streams and claims, and records what the invariants check: any
///         value that a slash increased, any operator that lost more than its allocation, any queued
///         withdrawal that escaped a slash.
contract CoreHandler is CommonBase, StdCheats, StdUtils {
    uint256 internal constant WAD = 1e18;

    StrategyManager internal immutable strategyManager;
    DelegationManager internal immutable delegation;
    AllocationManager internal immutable allocationManager;
    RewardsCoordinator internal immutable rewards;
    IStrategy internal immutable strategy;
    MockLST internal immutable token;
    MockLST internal immutable rewardToken;
    address internal immutable avs;
    address internal immutable slasher;

    address[] public stakers;
    address[] public operators;
    bytes32[] public pendingRoots;
    OperatorSet[2] internal sets;

    // ghost state read by the invariants
    uint256 public slashesThatIncreasedValue;
    uint256 public operatorsThatLostTooMuch;
    uint256 public withdrawalsThatEscapedSlash;
    uint256 public slashCount;
    uint256 public completedCount;

    constructor(
        StrategyManager strategyManager_,
        DelegationManager delegation_,
        AllocationManager allocationManager_,
        RewardsCoordinator rewards_,
        IStrategy strategy_,
        MockLST token_,
        MockLST rewardToken_,
        address avs_,
        address slasher_
    ) {
        strategyManager = strategyManager_;
        delegation = delegation_;
        allocationManager = allocationManager_;
        rewards = rewards_;
        strategy = strategy_;
        token = token_;
        rewardToken = rewardToken_;
        avs = avs_;
        slasher = slasher_;
        sets[0] = OperatorSet({avs: avs_, id: 0});
        sets[1] = OperatorSet({avs: avs_, id: 1});

        for (uint256 i; i < 2; ++i) {
            address operator = makeAddr(string.concat("operator", vm.toString(i)));
            operators.push(operator);
            vm.prank(operator);
            delegation.registerAsOperator(address(0), "");
            for (uint32 id; id < 2; ++id) {
                uint32[] memory ids = new uint32[](1);
                ids[0] = id;
                vm.prank(operator);
                allocationManager.registerForOperatorSets(
                    operator, IAllocationManager.RegisterParams({avs: avs_, operatorSetIds: ids, data: ""})
                );
            }
        }
        for (uint256 i; i < 4; ++i) {
            stakers.push(makeAddr(string.concat("staker", vm.toString(i))));
        }
    }

    function stakerCount() external view returns (uint256) {
        return stakers.length;
    }

    function operatorCount() external view returns (uint256) {
        return operators.length;
    }

    function pendingCount() external view returns (uint256) {
        return pendingRoots.length;
    }

    // ───────────── actions ─────────────

    function deposit(uint256 stakerSeed, uint256 amount) external {
        address staker = stakers[stakerSeed % stakers.length];
        amount = bound(amount, 1e9, 1000e18);
        token.mint(staker, amount);
        vm.startPrank(staker);
        token.approve(address(strategyManager), amount);
        try strategyManager.depositIntoStrategy(strategy, amount) {} catch {}
        vm.stopPrank();
    }

    function delegate(uint256 stakerSeed, uint256 operatorSeed) external {
        address staker = stakers[stakerSeed % stakers.length];
        if (delegation.delegatedTo(staker) != address(0)) return;
        IDelegationManager.SignatureWithExpiry memory none;
        vm.prank(staker);
        try delegation.delegateTo(operators[operatorSeed % operators.length], none, bytes32(0)) {} catch {}
    }

    function queueWithdrawal(uint256 stakerSeed, uint256 fractionWad) external {
        address staker = stakers[stakerSeed % stakers.length];
        uint256 withdrawable = delegation.withdrawableShares(staker, strategy);
        uint256 shares = withdrawable * bound(fractionWad, 1, WAD) / WAD;
        if (shares == 0) return;
        IStrategy[] memory list = new IStrategy[](1);
        list[0] = strategy;
        uint256[] memory amounts = new uint256[](1);
        amounts[0] = shares;
        vm.prank(staker);
        try delegation.queueWithdrawal(list, amounts) returns (bytes32 root) {
            pendingRoots.push(root);
        } catch {}
    }

    function completeWithdrawal(uint256 rootSeed, bool asTokens) external {
        if (pendingRoots.length == 0) return;
        uint256 index = rootSeed % pendingRoots.length;
        bytes32 root = pendingRoots[index];
        (IDelegationManager.QueuedWithdrawal memory withdrawal,) = delegation.getQueuedWithdrawal(root);
        if (block.number < withdrawal.completableBlock) vm.roll(withdrawal.completableBlock);
        vm.prank(withdrawal.staker);
        try delegation.completeQueuedWithdrawal(root, asTokens) {
            pendingRoots[index] = pendingRoots[pendingRoots.length - 1];
            pendingRoots.pop();
            ++completedCount;
        } catch {}
    }

    function allocate(uint256 operatorSeed, uint256 setSeed, uint64 magnitude) external {
        address operator = operators[operatorSeed % operators.length];
        OperatorSet memory operatorSet = sets[setSeed % 2];
        IStrategy[] memory list = new IStrategy[](1);
        list[0] = strategy;
        uint64[] memory magnitudes = new uint64[](1);
        magnitudes[0] = uint64(bound(magnitude, 0, WAD));
        IAllocationManager.AllocateParams[] memory params = new IAllocationManager.AllocateParams[](1);
        params[0] = IAllocationManager.AllocateParams({
            operatorSet: operatorSet, strategies: list, newMagnitudes: magnitudes
        });
        vm.prank(operator);
        try allocationManager.modifyAllocations(operator, params) {} catch {}
    }

    function advance(uint256 blocks) external {
        blocks = bound(blocks, 1, 20);
        vm.roll(block.number + blocks);
        vm.warp(block.timestamp + blocks * 12);
    }

    /// @dev What a slash is checked against, read just before it.
    struct Snapshot {
        uint256[] stakerValues;
        uint256[] queuedValues;
        uint256 activePool;
        uint256 queuedPool;
        uint64 maxMagnitude;
        uint64 allocated;
    }

    function slash(uint256 operatorSeed, uint256 setSeed, uint256 wad) external {
        address operator = operators[operatorSeed % operators.length];
        // casting to 'uint32' is safe because the value is 0 or 1
        // forge-lint: disable-next-line(unsafe-typecast)
        uint32 setId = uint32(setSeed % 2);
        Snapshot memory before = _snapshot(operator, setId);
        if (!_trySlash(operator, setId, bound(wad, 1, WAD))) return;
        ++slashCount;
        Snapshot memory after_ = _snapshot(operator, setId);

        for (uint256 i; i < after_.stakerValues.length; ++i) {
            if (after_.stakerValues[i] > before.stakerValues[i]) ++slashesThatIncreasedValue;
        }
        for (uint256 i; i < after_.queuedValues.length; ++i) {
            if (after_.queuedValues[i] > before.queuedValues[i]) ++slashesThatIncreasedValue;
        }

        // Magnitude lost ≤ magnitude allocated to the set; shares lost ≤ that fraction of both pools (+1 per pool).
        uint256 lost = (before.activePool - after_.activePool) + (before.queuedPool - after_.queuedPool);
        uint256 maxLoss = before.maxMagnitude == 0
            ? 0
            : ((before.activePool + before.queuedPool) * before.allocated) / before.maxMagnitude + 2;
        if (before.maxMagnitude - after_.maxMagnitude > before.allocated || lost > maxLoss) {
            ++operatorsThatLostTooMuch;
        }

        // Every withdrawal queued with this operator lost at least the slashed fraction (+1 wei rounding).
        for (uint256 i; i < pendingRoots.length; ++i) {
            (IDelegationManager.QueuedWithdrawal memory withdrawal,) =
                delegation.getQueuedWithdrawal(pendingRoots[i]);
            if (withdrawal.operator != operator || before.maxMagnitude == 0) continue;
            uint256 mustKeepAtMost = before.queuedValues[i] * after_.maxMagnitude / before.maxMagnitude + 1;
            if (after_.queuedValues[i] > mustKeepAtMost) ++withdrawalsThatEscapedSlash;
        }
    }

    function _trySlash(address operator, uint32 setId, uint256 wad) internal returns (bool) {
        IStrategy[] memory list = new IStrategy[](1);
        list[0] = strategy;
        uint256[] memory wads = new uint256[](1);
        wads[0] = wad;
        vm.prank(slasher);
        try allocationManager.slashOperator(
            avs,
            IAllocationManager.SlashingParams({
                operator: operator,
                operatorSetId: setId,
                strategies: list,
                wadsToSlash: wads,
                description: "fuzz"
            })
        ) {
            return true;
        } catch {
            return false;
        }
    }

    function _snapshot(address operator, uint32 setId) internal view returns (Snapshot memory snap) {
        (snap.stakerValues, snap.queuedValues) = _values();
        (snap.activePool,, snap.queuedPool,) = delegation.getOperatorPool(operator, strategy);
        snap.maxMagnitude = allocationManager.getMaxMagnitude(operator, strategy);
        snap.allocated = allocationManager.getAllocation(operator, sets[setId], strategy).currentMagnitude;
    }

    function fundRewards(uint256 setSeed, uint256 amount, uint32 duration) external {
        amount = bound(amount, 1e6, 1000e18);
        duration = uint32(bound(duration, 1, 30 days));
        rewardToken.mint(avs, amount);
        vm.startPrank(avs);
        rewardToken.approve(address(rewards), amount);
        try rewards.createRewardsSubmission(
            IRewardsCoordinator.RewardsSubmission({
                operatorSet: sets[setSeed % 2],
                strategy: strategy,
                token: IERC20(address(rewardToken)),
                amount: amount,
                duration: duration
            })
        ) {}
            catch {}
        vm.stopPrank();
    }

    function claim(uint256 who) external {
        address earner =
            who % 2 == 0 ? stakers[who / 2 % stakers.length] : operators[who / 2 % operators.length];
        IStrategy[] memory list = new IStrategy[](1);
        list[0] = strategy;
        vm.prank(earner);
        try rewards.claim(IERC20(address(rewardToken)), list, earner) {} catch {}
    }

    // ───────────── helpers ─────────────

    function _values() internal view returns (uint256[] memory stakerValues, uint256[] memory queuedValues) {
        stakerValues = new uint256[](stakers.length);
        for (uint256 i; i < stakers.length; ++i) {
            stakerValues[i] = delegation.withdrawableShares(stakers[i], strategy);
        }
        queuedValues = new uint256[](pendingRoots.length);
        for (uint256 i; i < pendingRoots.length; ++i) {
            (, uint256[] memory shares) = delegation.getQueuedWithdrawal(pendingRoots[i]);
            queuedValues[i] = shares[0];
        }
    }
}
