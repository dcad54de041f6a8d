// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {RewardsCoordinator} from "../../src/core/RewardsCoordinator.sol";
import {MockLST} from "../../src/devnet/MockLST.sol";
import {IAllocationManager} from "../../src/interfaces/IAllocationManager.sol";
import {IDelegationManager} from "../../src/interfaces/IDelegationManager.sol";
import {IRewardsCoordinator} from "../../src/interfaces/IRewardsCoordinator.sol";
import {IStrategy} from "../../src/interfaces/IStrategy.sol";
import {OperatorSet} from "../../src/types/OperatorSet.sol";
import {AllocationManagerRewardsDouble, DelegationManagerRewardsDouble} from "../utils/RewardsDoubles.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Drives the coordinator through the doubles: funding, stake and membership changes,
///         (re)delegations, commission changes, claims and time. Hooks are run or skipped at
///         random, because accounting must stay solvent even when a checkpoint comes late.
contract RewardsHandler is Test {
    RewardsCoordinator internal immutable rc;
    AllocationManagerRewardsDouble internal immutable am;
    DelegationManagerRewardsDouble internal immutable dm;
    IStrategy internal immutable strategy;
    address internal immutable avs;

    MockLST[2] internal tokens;
    OperatorSet[2] internal sets;
    address[3] internal operators;
    address[4] internal stakers;

    constructor(
        RewardsCoordinator rc_,
        AllocationManagerRewardsDouble am_,
        DelegationManagerRewardsDouble dm_,
        IStrategy strategy_,
        address avs_,
        MockLST[2] memory tokens_,
        OperatorSet[2] memory sets_
    ) {
        rc = rc_;
        am = am_;
        dm = dm_;
        strategy = strategy_;
        avs = avs_;
        tokens = tokens_;
        sets[0] = sets_[0];
        sets[1] = sets_[1];
        for (uint256 i; i < 3; ++i) {
            operators[i] = makeAddr(string.concat("operator", vm.toString(i)));
            dm_.setOperator(operators[i], true);
        }
        for (uint256 i; i < 4; ++i) {
            stakers[i] = makeAddr(string.concat("staker", vm.toString(i)));
        }
        vm.startPrank(avs_);
        tokens_[0].approve(address(rc_), type(uint256).max);
        tokens_[1].approve(address(rc_), type(uint256).max);
        vm.stopPrank();
    }

    function fund(uint256 setSeed, uint256 tokenSeed, uint256 amount, uint256 duration) external {
        amount = bound(amount, 1, 1e27);
        duration = bound(duration, 1, 10_000);
        MockLST token = tokens[tokenSeed % 2];
        token.mint(avs, amount);
        vm.prank(avs);
        rc.createRewardsSubmission(
            IRewardsCoordinator.RewardsSubmission({
                operatorSet: sets[setSeed % 2],
                strategy: strategy,
                token: IERC20(address(token)),
                amount: amount,
                // forge-lint: disable-next-line(unsafe-typecast) bounded to 10_000 above
                duration: uint32(duration)
            })
        );
    }

    function setStake(uint256 opSeed, uint256 setSeed, uint256 stake, bool hook) external {
        address op = operators[opSeed % 3];
        am.setAllocatedStake(sets[setSeed % 2], op, strategy, bound(stake, 0, 1e27));
        if (hook) rc.checkpointOperator(op, strategy);
    }

    function setMembership(uint256 opSeed, uint256 setSeed, bool member, bool hook) external {
        address op = operators[opSeed % 3];
        am.setMember(op, sets[setSeed % 2], member);
        if (hook) rc.checkpointOperator(op, strategy);
    }

    function delegate(uint256 stakerSeed, uint256 opSeed, uint256 units, bool hook) external {
        address staker = _earner(stakerSeed);
        // one chance in four to undelegate
        address op = opSeed % 4 == 3 ? address(0) : operators[opSeed % 4];
        dm.setStakerUnits(staker, strategy, op, bound(units, 0, 1e27));
        if (hook) rc.checkpointStaker(staker, strategy);
    }

    function checkpointOperator(uint256 opSeed) external {
        rc.checkpointOperator(operators[opSeed % 3], strategy);
    }

    function checkpointStaker(uint256 stakerSeed) external {
        rc.checkpointStaker(_earner(stakerSeed), strategy);
    }

    function setCommission(uint256 opSeed, uint256 setSeed, uint256 bips) external {
        vm.prank(operators[opSeed % 3]);
        // forge-lint: disable-next-line(unsafe-typecast) bounded to 10_000
        rc.setOperatorCommission(sets[setSeed % 2], uint16(bound(bips, 0, 10_000)));
    }

    function claim(uint256 earnerSeed, uint256 tokenSeed) external {
        address earner = _earner(earnerSeed);
        IERC20 token = IERC20(address(tokens[tokenSeed % 2]));
        uint256 expected = rc.claimable(earner, token, _strategies());
        vm.prank(earner);
        uint256 paid = rc.claim(token, _strategies(), earner);
        assertEq(paid, expected, "claim pays what claimable shows");
    }

    function warp(uint256 seconds_) external {
        skip(bound(seconds_, 0, 2000));
    }

    /// @notice Sum of what every possible earner could claim in `token` now.
    function totalClaimable(IERC20 token) external view returns (uint256 sum) {
        for (uint256 i; i < 7; ++i) {
            sum += rc.claimable(_earner(i), token, _strategies());
        }
    }

    /// @dev Stakers and operators (an operator may delegate to itself or to another).
    function _earner(uint256 seed) internal view returns (address) {
        uint256 i = seed % 7;
        return i < 4 ? stakers[i] : operators[i - 4];
    }

    function _strategies() internal view returns (IStrategy[] memory s) {
        s = new IStrategy[](1);
        s[0] = strategy;
    }
}

contract RewardsInvariants is Test {
    RewardsCoordinator internal rc;
    RewardsHandler internal handler;
    MockLST[2] internal tokens;

    function setUp() public {
        AllocationManagerRewardsDouble am = new AllocationManagerRewardsDouble();
        DelegationManagerRewardsDouble dm = new DelegationManagerRewardsDouble();
        rc = new RewardsCoordinator(
            address(this), address(this), IDelegationManager(address(dm)), IAllocationManager(address(am))
        );
        address avs = makeAddr("avs");
        IStrategy strategy = IStrategy(makeAddr("strategy"));
        IStrategy[] memory strategies = new IStrategy[](1);
        strategies[0] = strategy;
        OperatorSet[2] memory sets = [OperatorSet({avs: avs, id: 1}), OperatorSet({avs: avs, id: 2})];
        am.createSet(sets[0], strategies);
        am.createSet(sets[1], strategies);
        vm.warp(1_000_000);

        tokens[0] = new MockLST("A", "A", address(this));
        tokens[1] = new MockLST("B", "B", address(this));
        handler = new RewardsHandler(rc, am, dm, strategy, avs, tokens, sets);
        // the handler mints the AVS's funding
        tokens[0].transferOwnership(address(handler));
        tokens[1].transferOwnership(address(handler));
        targetContract(address(handler));
    }

    function invariant_PaidNeverExceedsFunded() public view {
        for (uint256 i; i < 2; ++i) {
            IERC20 token = IERC20(address(tokens[i]));
            assertLe(rc.totalClaimed(token), rc.totalFunded(token));
        }
    }

    function invariant_ContractBalanceCoversClaimable() public view {
        for (uint256 i; i < 2; ++i) {
            IERC20 token = IERC20(address(tokens[i]));
            uint256 balance = token.balanceOf(address(rc));
            assertEq(balance, rc.totalFunded(token) - rc.totalClaimed(token));
            assertGe(balance, handler.totalClaimable(token));
        }
    }
}
