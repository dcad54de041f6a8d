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
import {IStrategyManager} from "../../src/interfaces/IStrategyManager.sol";
import {OperatorSet} from "../../src/types/OperatorSet.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Test} from "forge-std/Test.sol";

/// @notice The whole core, deployed as `packages/testkit` deploys it (predicted addresses break the
///         constructor cycle), with one AVS, two operator sets and actor helpers for flow tests.
abstract contract CoreFixture is Test {
    uint32 internal constant WITHDRAWAL_DELAY = 5;
    uint32 internal constant ALLOCATION_DELAY = 2;
    uint32 internal constant DEALLOCATION_DELAY = 5;
    uint256 internal constant WAD = 1e18;
    address internal constant BURN_ADDRESS = 0x000000000000000000000000000000000000dEaD;

    StrategyManager internal strategyManager;
    DelegationManager internal delegation;
    AllocationManager internal allocationManager;
    RewardsCoordinator internal rewards;

    MockLST internal steth;
    MockLST internal reth;
    IStrategy internal stethStrategy;
    IStrategy internal rethStrategy;

    address internal owner = makeAddr("owner");
    address internal pauser = makeAddr("pauser");
    address internal avs = makeAddr("avs");
    address internal slasher = makeAddr("slasher");
    address internal redistributionRecipient = makeAddr("redistributionRecipient");

    OperatorSet internal setA;
    OperatorSet internal setB;

    function setUp() public virtual {
        uint64 nonce = vm.getNonce(address(this));
        address dmAddress = vm.computeCreateAddress(address(this), nonce + 1);
        address amAddress = vm.computeCreateAddress(address(this), nonce + 2);
        address rcAddress = vm.computeCreateAddress(address(this), nonce + 3);

        strategyManager = new StrategyManager(owner, pauser, IDelegationManager(dmAddress));
        delegation = new DelegationManager(
            owner,
            pauser,
            IStrategyManager(address(strategyManager)),
            IAllocationManager(amAddress),
            IRewardsCoordinator(rcAddress),
            WITHDRAWAL_DELAY
        );
        allocationManager = new AllocationManager(
            owner,
            pauser,
            IDelegationManager(dmAddress),
            IRewardsCoordinator(rcAddress),
            ALLOCATION_DELAY,
            DEALLOCATION_DELAY
        );
        rewards = new RewardsCoordinator(
            owner, pauser, IDelegationManager(dmAddress), IAllocationManager(address(allocationManager))
        );
        assertEq(address(delegation), dmAddress, "delegation address");
        assertEq(address(allocationManager), amAddress, "allocation manager address");
        assertEq(address(rewards), rcAddress, "rewards address");

        steth = new MockLST("Mock stETH", "stETH", address(this));
        reth = new MockLST("Mock rETH", "rETH", address(this));
        vm.startPrank(owner);
        stethStrategy = strategyManager.addStrategy(IERC20(address(steth)), type(uint256).max);
        rethStrategy = strategyManager.addStrategy(IERC20(address(reth)), type(uint256).max);
        vm.stopPrank();

        setA = OperatorSet({avs: avs, id: 0});
        setB = OperatorSet({avs: avs, id: 1});
        IAllocationManager.CreateSetParams[] memory params = new IAllocationManager.CreateSetParams[](2);
        params[0] = IAllocationManager.CreateSetParams({
            operatorSetId: 0, slasher: slasher, redistributionRecipient: address(0), strategies: _strategies()
        });
        params[1] = IAllocationManager.CreateSetParams({
            operatorSetId: 1,
            slasher: slasher,
            redistributionRecipient: redistributionRecipient,
            strategies: _strategies()
        });
        vm.prank(avs);
        allocationManager.createOperatorSets(params);
    }

    function _strategies() internal view returns (IStrategy[] memory list) {
        list = new IStrategy[](2);
        list[0] = stethStrategy;
        list[1] = rethStrategy;
    }

    function _one(IStrategy strategy) internal pure returns (IStrategy[] memory list) {
        list = new IStrategy[](1);
        list[0] = strategy;
    }

    function _tokenOf(IStrategy strategy) internal view returns (MockLST) {
        return strategy == stethStrategy ? steth : reth;
    }

    function _deposit(address staker, IStrategy strategy, uint256 amount) internal returns (uint256 shares) {
        MockLST token = _tokenOf(strategy);
        token.mint(staker, amount);
        vm.startPrank(staker);
        token.approve(address(strategyManager), amount);
        shares = strategyManager.depositIntoStrategy(strategy, amount);
        vm.stopPrank();
    }

    function _registerOperator(address operator) internal {
        vm.prank(operator);
        delegation.registerAsOperator(address(0), "ipfs://operator");
    }

    function _delegate(address staker, address operator) internal {
        IDelegationManager.SignatureWithExpiry memory none;
        vm.prank(staker);
        delegation.delegateTo(operator, none, bytes32(0));
    }

    function _registerForSets(address operator, uint32 id) internal {
        uint32[] memory ids = new uint32[](1);
        ids[0] = id;
        vm.prank(operator);
        allocationManager.registerForOperatorSets(
            operator, IAllocationManager.RegisterParams({avs: avs, operatorSetIds: ids, data: ""})
        );
    }

    function _allocate(address operator, OperatorSet memory operatorSet, IStrategy strategy, uint64 magnitude)
        internal
    {
        IAllocationManager.AllocateParams[] memory params = new IAllocationManager.AllocateParams[](1);
        uint64[] memory magnitudes = new uint64[](1);
        magnitudes[0] = magnitude;
        params[0] = IAllocationManager.AllocateParams({
            operatorSet: operatorSet, strategies: _one(strategy), newMagnitudes: magnitudes
        });
        vm.prank(operator);
        allocationManager.modifyAllocations(operator, params);
    }

    function _slash(address operator, uint32 setId, IStrategy strategy, uint256 wad)
        internal
        returns (uint256 sharesSlashed)
    {
        uint256[] memory wads = new uint256[](1);
        wads[0] = wad;
        vm.prank(slasher);
        (, uint256[] memory slashed) = allocationManager.slashOperator(
            avs,
            IAllocationManager.SlashingParams({
                operator: operator,
                operatorSetId: setId,
                strategies: _one(strategy),
                wadsToSlash: wads,
                description: "test slash"
            })
        );
        return slashed[0];
    }

    function _queue(address staker, IStrategy strategy, uint256 shares) internal returns (bytes32 root) {
        uint256[] memory amounts = new uint256[](1);
        amounts[0] = shares;
        vm.prank(staker);
        root = delegation.queueWithdrawal(_one(strategy), amounts);
    }

    function _complete(address staker, bytes32 root, bool asTokens)
        internal
        returns (uint256[] memory shares)
    {
        vm.prank(staker);
        shares = delegation.completeQueuedWithdrawal(root, asTokens);
    }

    /// @dev The AVS funds a stream of rETH (minted for it) to `operatorSet` for `strategy`.
    function _fundStream(OperatorSet memory operatorSet, IStrategy strategy, uint256 amount, uint32 duration)
        internal
    {
        reth.mint(avs, amount);
        vm.startPrank(avs);
        reth.approve(address(rewards), amount);
        rewards.createRewardsSubmission(
            IRewardsCoordinator.RewardsSubmission({
                operatorSet: operatorSet,
                strategy: strategy,
                token: IERC20(address(reth)),
                amount: amount,
                duration: duration
            })
        );
        vm.stopPrank();
    }
}
