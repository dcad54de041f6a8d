// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {DelegationManager} from "../../../src/core/DelegationManager.sol";
import {StrategyManager} from "../../../src/core/StrategyManager.sol";
import {MockLST} from "../../../src/devnet/MockLST.sol";
import {IAllocationManager} from "../../../src/interfaces/IAllocationManager.sol";
import {IDelegationManager} from "../../../src/interfaces/IDelegationManager.sol";
import {IRewardsCoordinator} from "../../../src/interfaces/IRewardsCoordinator.sol";
import {IStrategy} from "../../../src/interfaces/IStrategy.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Deploys StrategyManager + DelegationManager (+ two strategies) for the core unit tests.
///         The allocation manager is a plain address the tests prank as; rewards are off unless a
///         test overrides `_rewardsCoordinator`.
abstract contract DelegationTestBase is Test {
    uint32 internal constant DELAY = 100;
    uint256 internal constant NO_CAP = type(uint256).max;

    address internal owner = makeAddr("owner");
    address internal pauser = makeAddr("pauser");
    address internal allocationManager = makeAddr("allocationManager");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");
    address internal operator = makeAddr("operator");
    address internal operator2 = makeAddr("operator2");

    StrategyManager internal strategyManager;
    DelegationManager internal delegation;
    MockLST internal token;
    MockLST internal token2;
    IStrategy internal strategy;
    IStrategy internal strategy2;

    function setUp() public virtual {
        // StrategyManager needs the DelegationManager's address and vice versa: predict the second
        address predicted = vm.computeCreateAddress(address(this), vm.getNonce(address(this)) + 1);
        strategyManager = new StrategyManager(owner, pauser, IDelegationManager(predicted));
        delegation = new DelegationManager(
            owner,
            pauser,
            strategyManager,
            IAllocationManager(allocationManager),
            IRewardsCoordinator(_rewardsCoordinator()),
            DELAY
        );
        assertEq(address(delegation), predicted, "address prediction");

        token = new MockLST("Staked ETH", "sETH", address(this));
        token2 = new MockLST("Restaked ETH", "rETH", address(this));
        vm.startPrank(owner);
        strategy = strategyManager.addStrategy(IERC20(address(token)), NO_CAP);
        strategy2 = strategyManager.addStrategy(IERC20(address(token2)), NO_CAP);
        vm.stopPrank();
    }

    function _rewardsCoordinator() internal view virtual returns (address) {
        return address(0);
    }

    // ------------------------------------------------------------------ actors

    function _deposit(address staker, IStrategy strategy_, uint256 amount) internal returns (uint256 shares) {
        MockLST t = MockLST(address(strategy_.underlyingToken()));
        t.mint(staker, amount);
        vm.startPrank(staker);
        t.approve(address(strategyManager), amount);
        shares = strategyManager.depositIntoStrategy(strategy_, amount);
        vm.stopPrank();
    }

    function _deposit(address staker, uint256 amount) internal returns (uint256) {
        return _deposit(staker, strategy, amount);
    }

    function _registerOperator(address op) internal {
        vm.prank(op);
        delegation.registerAsOperator(address(0), "ipfs://operator");
    }

    function _delegate(address staker, address op) internal {
        IDelegationManager.SignatureWithExpiry memory none;
        vm.prank(staker);
        delegation.delegateTo(op, none, bytes32(0));
    }

    function _queue(address staker, IStrategy strategy_, uint256 shares) internal returns (bytes32 root) {
        vm.prank(staker);
        root = delegation.queueWithdrawal(_one(strategy_), _one(shares));
    }

    function _queue(address staker, uint256 shares) internal returns (bytes32) {
        return _queue(staker, strategy, shares);
    }

    function _complete(address staker, bytes32 root, bool asTokens)
        internal
        returns (uint256[] memory shares)
    {
        vm.prank(staker);
        shares = delegation.completeQueuedWithdrawal(root, asTokens);
    }

    function _slash(address op, IStrategy strategy_, uint64 prev, uint64 next) internal returns (uint256) {
        vm.prank(allocationManager);
        return delegation.slashOperatorShares(op, strategy_, prev, next, address(0));
    }

    function _withdrawable(address staker) internal view returns (uint256) {
        return delegation.withdrawableShares(staker, strategy);
    }

    function _queuedValue(bytes32 root) internal view returns (uint256) {
        (, uint256[] memory shares) = delegation.getQueuedWithdrawal(root);
        return shares[0];
    }

    function _one(IStrategy s) internal pure returns (IStrategy[] memory a) {
        a = new IStrategy[](1);
        a[0] = s;
    }

    function _one(uint256 x) internal pure returns (uint256[] memory a) {
        a = new uint256[](1);
        a[0] = x;
    }

    function _two(IStrategy s, IStrategy t) internal pure returns (IStrategy[] memory a) {
        a = new IStrategy[](2);
        a[0] = s;
        a[1] = t;
    }

    function _two(uint256 x, uint256 y) internal pure returns (uint256[] memory a) {
        a = new uint256[](2);
        a[0] = x;
        a[1] = y;
    }
}
