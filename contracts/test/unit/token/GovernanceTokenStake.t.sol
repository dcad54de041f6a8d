// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAllocationManager} from "../../../src/interfaces/IAllocationManager.sol";
import {IGovernanceToken} from "../../../src/interfaces/IGovernanceToken.sol";
import {IStrategy} from "../../../src/interfaces/IStrategy.sol";
import {GovernanceToken} from "../../../src/token/GovernanceToken.sol";
import {CoreFixture} from "../../utils/CoreFixture.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @notice The GovernanceToken on the real core, backed by operator set A of the fixture's AVS: sync
///         mints and burns against the backed stake (allocation, value weights, slashing, exits), debt
///         when the staker moved its tokens away, the withdrawal gate, and capped grants. After every
///         test `totalSupply == totalBacking + totalDebt + totalGranted`.
contract GovernanceTokenStakeTest is CoreFixture {
    GovernanceToken internal token;
    address internal governance = makeAddr("governance");
    address internal operator = makeAddr("operator");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal dev = makeAddr("dev");

    function setUp() public override {
        super.setUp();
        vm.warp(1_750_000_000);
        token = new GovernanceToken(
            delegation,
            allocationManager,
            setA,
            governance,
            IGovernanceToken.GrantCaps({periodCapBps: 50, totalCapBps: 500})
        );
        vm.prank(owner);
        delegation.setWithdrawalGate(token);
        _registerOperator(operator);
        _registerForSets(operator, 0);
    }

    /// @dev Alice deposits `amount` stETH with the operator, who allocates `magnitude` of its stETH.
    function _restake(uint256 amount, uint64 magnitude) internal {
        _deposit(alice, stethStrategy, amount);
        _delegate(alice, operator);
        _allocate(operator, setA, stethStrategy, magnitude);
        vm.roll(block.number + ALLOCATION_DELAY);
    }

    function _sync(address staker) internal returns (uint256 minted, uint256 burned) {
        return token.sync(staker);
    }

    function _assertAccounting() internal view {
        assertEq(
            token.totalSupply(),
            token.totalBacking() + token.totalDebt() + token.totalGranted(),
            "supply = backing + debt + grants"
        );
    }

    // ───────────── backed stake ─────────────

    function test_SyncMintsTheStakeAllocatedToTheSet() public {
        _restake(100e18, 1e18);
        vm.expectEmit(address(token));
        emit IGovernanceToken.Synced(alice, 100e18, 100e18, 0, 0);
        (uint256 minted,) = _sync(alice);
        assertEq(minted, 100e18);
        assertEq(token.balanceOf(alice), 100e18, "one token per stETH at the default value weight");
        assertEq(token.stakerRecord(alice).backing, 100e18);
        _assertAccounting();
    }

    function test_OnlyTheAllocatedShareIsBacked() public {
        _restake(100e18, 0.25e18);
        _sync(alice);
        assertEq(token.balanceOf(alice), 25e18);
    }

    function test_PendingAllocationBacksNothingYet() public {
        _deposit(alice, stethStrategy, 100e18);
        _delegate(alice, operator);
        _allocate(operator, setA, stethStrategy, 1e18);
        assertEq(token.backedStake(alice), 0, "before the allocation delay");
        vm.roll(block.number + ALLOCATION_DELAY);
        assertEq(token.backedStake(alice), 100e18);
    }

    function test_ValueWeightsAndStrategiesAddUp() public {
        _restake(100e18, 1e18);
        _deposit(alice, rethStrategy, 10e18);
        _allocate(operator, setA, rethStrategy, 0.5e18);
        vm.roll(block.number + ALLOCATION_DELAY);
        uint256[] memory weights = new uint256[](1);
        weights[0] = 3e18;
        vm.prank(avs);
        allocationManager.setStrategyValueWeights(0, _one(rethStrategy), weights);
        assertEq(token.backedStake(alice), 100e18 + 5e18 * 3, "stETH at 1 + half the rETH at 3");
    }

    function test_UndelegatedStakeAndOtherSetsBackNothing() public {
        _deposit(bob, stethStrategy, 100e18);
        assertEq(token.backedStake(bob), 0, "not delegated");
        _deposit(alice, stethStrategy, 100e18);
        _delegate(alice, operator);
        _registerForSets(operator, 1);
        _allocate(operator, setB, stethStrategy, 1e18);
        vm.roll(block.number + ALLOCATION_DELAY);
        assertEq(token.backedStake(alice), 0, "allocated to another set");
    }

    function test_OperatorsSelfStakeIsBackedToo() public {
        _deposit(operator, stethStrategy, 40e18);
        _allocate(operator, setA, stethStrategy, 1e18);
        vm.roll(block.number + ALLOCATION_DELAY);
        _sync(operator);
        assertEq(token.balanceOf(operator), 40e18);
    }

    function test_SyncIsIdempotent() public {
        _restake(100e18, 1e18);
        _sync(alice);
        (uint256 minted, uint256 burned) = _sync(alice);
        assertEq(minted + burned, 0);
        assertEq(token.balanceOf(alice), 100e18);
    }

    // ───────────── slashing and debt ─────────────

    function test_SlashingBurnsInProportion() public {
        _restake(100e18, 1e18);
        _sync(alice);
        _slash(operator, 0, stethStrategy, 0.1e18);
        (, uint256 burned) = _sync(alice);
        assertEq(burned, 10e18);
        assertEq(token.balanceOf(alice), 90e18);
        assertEq(token.totalSupply(), 90e18, "restaked 100 minus slashed 10");
        _assertAccounting();
    }

    function test_SlashAfterTheTokensLeftBecomesDebt() public {
        _restake(100e18, 1e18);
        _sync(alice);
        vm.prank(alice);
        assertTrue(token.transfer(bob, 95e18));
        _slash(operator, 0, stethStrategy, 0.1e18);
        (, uint256 burned) = _sync(alice);
        assertEq(burned, 5e18, "all alice held");
        assertEq(token.stakerRecord(alice).debt, 5e18);
        assertEq(token.totalDebt(), 5e18);
        assertEq(token.stakerRecord(alice).backing, 90e18);
        _assertAccounting();
    }

    function test_DebtIsRepaidFirstFromALaterRise() public {
        test_SlashAfterTheTokensLeftBecomesDebt();
        _deposit(alice, stethStrategy, 20e18);
        (uint256 minted,) = _sync(alice);
        assertEq(minted, 20e18 - 5e18, "the rise net of the debt");
        assertEq(token.stakerRecord(alice).debt, 0);
        _assertAccounting();
    }

    function test_DeallocationAndOperatorExitBurnToo() public {
        _restake(100e18, 1e18);
        _sync(alice);
        _allocate(operator, setA, stethStrategy, 0.6e18);
        vm.roll(block.number + DEALLOCATION_DELAY);
        _sync(alice);
        assertEq(token.balanceOf(alice), 60e18, "deallocated 40 %");

        uint32[] memory ids = new uint32[](1);
        vm.prank(operator);
        allocationManager.deregisterFromOperatorSets(
            IAllocationManager.DeregisterParams({operator: operator, avs: avs, operatorSetIds: ids})
        );
        assertEq(token.backedStake(alice), 60e18, "still slashable for the deallocation delay");
        vm.roll(block.number + DEALLOCATION_DELAY);
        _sync(alice);
        assertEq(token.balanceOf(alice), 0, "the operator left the set");
        _assertAccounting();
    }

    // ───────────── withdrawal gate ─────────────

    function test_WithdrawalBurnsTheTokensOfTheLeavingStake() public {
        _restake(100e18, 1e18);
        _sync(alice);
        _queue(alice, stethStrategy, 40e18);
        assertEq(token.balanceOf(alice), 60e18);
        assertEq(token.stakerRecord(alice).backing, 60e18);
        _assertAccounting();
    }

    function test_Revert_WhenWithdrawingWithoutTheTokens() public {
        _restake(100e18, 1e18);
        _sync(alice);
        vm.prank(alice);
        assertTrue(token.transfer(bob, 70e18));
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernanceToken.InsufficientGovernanceTokens.selector, alice, 30e18, 40e18
            )
        );
        _queue(alice, stethStrategy, 40e18);
        _queue(alice, stethStrategy, 30e18);
        assertEq(token.balanceOf(alice), 0, "30 returned for 30 withdrawn");
    }

    function test_DebtBlocksWithdrawalsUntilReturned() public {
        test_SlashAfterTheTokensLeftBecomesDebt();
        vm.expectRevert(
            abi.encodeWithSelector(IGovernanceToken.InsufficientGovernanceTokens.selector, alice, 0, 15e18)
        );
        _queue(alice, stethStrategy, 10e18);
        vm.prank(bob);
        assertTrue(token.transfer(alice, 15e18));
        _queue(alice, stethStrategy, 10e18);
        assertEq(token.stakerRecord(alice).debt, 0, "repaid by the withdrawal");
        assertEq(token.stakerRecord(alice).backing, 80e18);
        _assertAccounting();
    }

    function test_UndelegateReturnsEverything() public {
        _restake(100e18, 1e18);
        _sync(alice);
        vm.prank(alice);
        delegation.undelegate();
        assertEq(token.balanceOf(alice), 0);
        assertEq(token.totalSupply(), 0);
        _assertAccounting();
    }

    function test_StakerNeverSyncedWithdrawsFreely() public {
        _restake(100e18, 1e18);
        _queue(alice, stethStrategy, 100e18);
        assertEq(token.totalSupply(), 0);
    }

    function test_Revert_WhenGateCalledByOthers() public {
        vm.expectRevert(abi.encodeWithSelector(IGovernanceToken.NotDelegationManager.selector, alice));
        vm.prank(alice);
        token.onWithdrawalQueued(alice);
    }

    // ───────────── grants ─────────────

    function test_GrantWithinTheCaps() public {
        _restake(10_000e18, 1e18);
        _sync(alice);
        vm.expectEmit(address(token));
        emit IGovernanceToken.Granted(dev, 30e18, "audit", 30e18, 30e18);
        vm.prank(governance);
        token.grant(dev, 30e18, "audit");
        assertEq(token.balanceOf(dev), 30e18);
        assertEq(token.grantedInPeriod(), 30e18);
        _assertAccounting();
    }

    function test_Revert_WhenGrantAbovePeriodCap() public {
        _restake(10_000e18, 1e18);
        _sync(alice);
        vm.prank(governance);
        token.grant(dev, 30e18, "first");
        vm.expectRevert(abi.encodeWithSelector(IGovernanceToken.GrantAbovePeriodCap.selector, 21e18, 20e18));
        vm.prank(governance);
        token.grant(dev, 21e18, "second");
        vm.warp(block.timestamp + token.GRANT_PERIOD());
        assertEq(token.grantedInPeriod(), 0, "a new period");
        vm.prank(governance);
        token.grant(dev, 50e18, "next period");
    }

    function test_Revert_WhenGrantAboveTotalCap() public {
        _restake(10_000e18, 1e18);
        _sync(alice);
        for (uint256 i; i < 10; ++i) {
            vm.prank(governance);
            token.grant(dev, 50e18, "monthly");
            vm.warp(block.timestamp + token.GRANT_PERIOD());
        }
        assertEq(token.totalGranted(), 500e18, "5 % of the backing");
        vm.expectRevert(abi.encodeWithSelector(IGovernanceToken.GrantAboveTotalCap.selector, 1, 0));
        vm.prank(governance);
        token.grant(dev, 1, "one more");
    }

    function test_Revert_WhenGrantNotByGovernance() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        token.grant(alice, 1, "self");
    }

    function test_Revert_WhenGrantToZeroOrOfZero() public {
        vm.startPrank(governance);
        vm.expectRevert(IGovernanceToken.ZeroAddress.selector);
        token.grant(address(0), 1, "none");
        vm.expectRevert(IGovernanceToken.ZeroAmount.selector);
        token.grant(dev, 0, "none");
        vm.stopPrank();
    }

    function test_GrantCapsAreBounded() public {
        vm.startPrank(governance);
        token.setGrantCaps(IGovernanceToken.GrantCaps({periodCapBps: 100, totalCapBps: 1000}));
        vm.expectRevert(
            abi.encodeWithSelector(IGovernanceToken.ParamOutOfBounds.selector, "periodCapBps", 101, 0, 100)
        );
        token.setGrantCaps(IGovernanceToken.GrantCaps({periodCapBps: 101, totalCapBps: 1000}));
        vm.expectRevert(
            abi.encodeWithSelector(IGovernanceToken.ParamOutOfBounds.selector, "totalCapBps", 1001, 0, 1000)
        );
        token.setGrantCaps(IGovernanceToken.GrantCaps({periodCapBps: 100, totalCapBps: 1001}));
        vm.stopPrank();
    }

    // ───────────── supply = restaked − slashed ─────────────

    /// @dev Stakers restake random amounts with one fully allocated operator; the supply equals the
    ///      restaked amount; after a random slash it equals restaked minus slashed (each sync rounds down
    ///      once per staker, so within a wei per staker).
    function testFuzz_SupplyEqualsRestakedMinusSlashed(uint256[6] memory amounts, uint256 wad) public {
        _allocate(operator, setA, stethStrategy, 1e18);
        vm.roll(block.number + ALLOCATION_DELAY);
        uint256 restaked;
        for (uint256 i; i < amounts.length; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast) small test indices
            address staker = address(uint160(0x7000 + i));
            uint256 amount = bound(amounts[i], 1e9, 1_000_000e18);
            _deposit(staker, stethStrategy, amount);
            _delegate(staker, operator);
            token.sync(staker);
            restaked += amount;
        }
        assertApproxEqAbs(token.totalSupply(), restaked, amounts.length, "supply = restaked");

        wad = bound(wad, 1, 1e18);
        uint256 slashedShares = _slash(operator, 0, stethStrategy, wad);
        uint256 slashed = slashedShares; // one share per token in a fresh strategy
        for (uint256 i; i < amounts.length; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast) small test indices
            token.sync(address(uint160(0x7000 + i)));
        }
        assertApproxEqAbs(
            token.totalSupply(), restaked - slashed, 2 * amounts.length, "supply = restaked - slashed"
        );
        assertLe(token.totalSupply(), restaked - slashed, "never above what is backed");
        _assertAccounting();
    }
}
