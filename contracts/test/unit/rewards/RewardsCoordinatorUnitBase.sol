// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {RewardsCoordinator} from "../../../src/core/RewardsCoordinator.sol";
import {MockLST} from "../../../src/devnet/MockLST.sol";
import {IAllocationManager} from "../../../src/interfaces/IAllocationManager.sol";
import {IDelegationManager} from "../../../src/interfaces/IDelegationManager.sol";
import {IRewardsCoordinator} from "../../../src/interfaces/IRewardsCoordinator.sol";
import {IStrategy} from "../../../src/interfaces/IStrategy.sol";
import {OperatorSet} from "../../../src/types/OperatorSet.sol";
import {AllocationManagerRewardsDouble, DelegationManagerRewardsDouble} from "../../utils/RewardsDoubles.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Shared fixture: one AVS with one operator set over one strategy, a reward token, two
///         operators and three stakers, all wired through the settable doubles.
abstract contract RewardsCoordinatorUnitBase is Test {
    RewardsCoordinator internal rc;
    AllocationManagerRewardsDouble internal am;
    DelegationManagerRewardsDouble internal dm;
    MockLST internal token;

    address internal owner = makeAddr("owner");
    address internal pauserAccount = makeAddr("pauser");
    address internal avs = makeAddr("avs");
    address internal op1 = makeAddr("op1");
    address internal op2 = makeAddr("op2");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");

    IStrategy internal strategy = IStrategy(makeAddr("strategy"));
    IStrategy internal otherStrategy = IStrategy(makeAddr("otherStrategy"));
    OperatorSet internal set;

    uint256 internal t0;

    function setUp() public virtual {
        am = new AllocationManagerRewardsDouble();
        dm = new DelegationManagerRewardsDouble();
        rc = new RewardsCoordinator(
            owner, pauserAccount, IDelegationManager(address(dm)), IAllocationManager(address(am))
        );
        token = new MockLST("Reward", "RWD", address(this));
        set = OperatorSet({avs: avs, id: 1});
        IStrategy[] memory strategies = new IStrategy[](1);
        strategies[0] = strategy;
        am.createSet(set, strategies);
        dm.setOperator(op1, true);
        dm.setOperator(op2, true);
        vm.warp(1_000_000);
        t0 = block.timestamp;
        vm.prank(avs);
        token.approve(address(rc), type(uint256).max);
    }

    function _submission(uint256 amount, uint32 duration)
        internal
        view
        returns (IRewardsCoordinator.RewardsSubmission memory)
    {
        return IRewardsCoordinator.RewardsSubmission({
            operatorSet: set,
            strategy: strategy,
            token: IERC20(address(token)),
            amount: amount,
            duration: duration
        });
    }

    function _fund(uint256 amount, uint32 duration) internal returns (bytes32) {
        token.mint(avs, amount);
        vm.prank(avs);
        return rc.createRewardsSubmission(_submission(amount, duration));
    }

    /// @dev Registers `operator` in the set with `stake` allocated and checkpoints it (the
    ///      AllocationManager's hook).
    function _register(address operator, uint256 stake) internal {
        am.setMember(operator, set, true);
        am.setAllocatedStake(set, operator, strategy, stake);
        rc.checkpointOperator(operator, strategy);
    }

    function _deregister(address operator) internal {
        am.setMember(operator, set, false);
        rc.checkpointOperator(operator, strategy);
    }

    /// @dev Moves `staker` to (`operator`, `units`) and checkpoints it (the DelegationManager's hook).
    function _delegate(address staker, address operator, uint256 units) internal {
        dm.setStakerUnits(staker, strategy, operator, units);
        rc.checkpointStaker(staker, strategy);
    }

    function _setCommission(address operator, uint16 bips) internal {
        vm.prank(operator);
        rc.setOperatorCommission(set, bips);
    }

    function _strategies() internal view returns (IStrategy[] memory s) {
        s = new IStrategy[](1);
        s[0] = strategy;
    }

    function _claim(address earner) internal returns (uint256) {
        vm.prank(earner);
        return rc.claim(IERC20(address(token)), _strategies(), earner);
    }

    function _claimable(address earner) internal view returns (uint256) {
        return rc.claimable(earner, IERC20(address(token)), _strategies());
    }

    function _warpTo(uint256 secondsAfterT0) internal {
        vm.warp(t0 + secondsAfterT0);
    }
}
