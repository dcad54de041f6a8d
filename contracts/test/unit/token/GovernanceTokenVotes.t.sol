// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {HoldingLots} from "../../../src/governance/HoldingLots.sol";
import {IGovernanceToken} from "../../../src/interfaces/IGovernanceToken.sol";
import {GovernanceTokenHarness} from "../../utils/GovernanceTokenHarness.sol";
import {LotsReference} from "../../utils/LotsReference.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Votes of the GovernanceToken: lots follow every balance change, votes at a snapshot count
///         only lots held since it, the supply history, and the Sybil-safety property of decision 0006
///         fuzzed over random splits and transfers among many addresses.
contract GovernanceTokenVotesTest is Test {
    uint256 internal constant RAMP = 365 days;
    uint256 internal constant START = 1_750_000_000;
    uint256 internal constant ACTORS = 6;

    GovernanceTokenHarness internal token;
    LotsReference internal ref;
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");

    function setUp() public {
        vm.warp(START);
        token = new GovernanceTokenHarness(address(this));
        ref = new LotsReference();
    }

    // ───────────── lots follow balances ─────────────

    function test_TransferMovesTokensAsANewLotAndKeepsTheSendersOldest() public {
        token.mintForTest(alice, 100e18);
        vm.warp(START + RAMP);
        token.mintForTest(alice, 50e18);
        vm.warp(START + RAMP + 1 days);
        vm.prank(alice);
        assertTrue(token.transfer(bob, 60e18));

        HoldingLots.Lot[] memory a = token.lotsOf(alice);
        assertEq(a.length, 1, "the young lot and 10 of the old one left");
        assertEq(a[0].amount, 90e18);
        assertEq(a[0].acquiredAt, START);
        HoldingLots.Lot[] memory b = token.lotsOf(bob);
        assertEq(b[0].amount, 60e18);
        assertEq(b[0].acquiredAt, block.timestamp, "moved tokens restart at age 0");
        assertEq(token.currentWeight(alice), 180e18, "90 at the cap");
        assertEq(token.currentWeight(bob), 60e18, "60 at 1x");
    }

    function test_TransferToOneselfKeepsTheLots() public {
        token.mintForTest(alice, 100e18);
        vm.warp(START + RAMP);
        vm.prank(alice);
        assertTrue(token.transfer(alice, 100e18));
        assertEq(token.lotsOf(alice)[0].acquiredAt, START);
        assertEq(token.currentWeight(alice), 200e18);
    }

    function test_ZeroTransferCreatesNoLot() public {
        token.mintForTest(alice, 100e18);
        vm.prank(alice);
        assertTrue(token.transfer(bob, 0));
        assertEq(token.lotsOf(bob).length, 0);
    }

    function test_BurnTakesTheYoungestLots() public {
        token.mintForTest(alice, 100e18);
        vm.warp(START + 10);
        token.mintForTest(alice, 30e18);
        token.burnForTest(alice, 40e18);
        HoldingLots.Lot[] memory a = token.lotsOf(alice);
        assertEq(a.length, 1);
        assertEq(a[0].amount, 90e18);
    }

    // ───────────── votes at a snapshot ─────────────

    function test_VotesCountOnlyLotsHeldAtTheSnapshot() public {
        token.mintForTest(alice, 100e18);
        vm.warp(START + RAMP / 2);
        uint256 snapshot = block.timestamp;
        vm.warp(snapshot + 1);
        token.mintForTest(alice, 1000e18);
        assertEq(token.getVotes(alice, snapshot), 150e18, "only the lot held at the snapshot, at 1.5x");
    }

    /// @dev A token moved after the snapshot votes where it was (if still there), never twice.
    function test_TokensMovedAfterTheSnapshotDoNotVoteTwice() public {
        token.mintForTest(alice, 100e18);
        vm.warp(START + 10 days);
        uint256 snapshot = block.timestamp;
        vm.warp(snapshot + 1);
        assertEq(token.getVotes(alice, snapshot), 100e18 * (RAMP + 10 days) / RAMP);
        vm.prank(alice);
        assertTrue(token.transfer(bob, 40e18));
        assertEq(token.getVotes(bob, snapshot), 0, "bob received them after the snapshot");
        assertEq(token.getVotes(alice, snapshot), 60e18 * (RAMP + 10 days) / RAMP, "alice kept 60 of the 100");
    }

    function test_Revert_WhenVotesAskedForNowOrLater() public {
        vm.expectRevert(abi.encodeWithSelector(IGovernanceToken.FutureLookup.selector, START, START));
        token.getVotes(alice, START);
        vm.expectRevert(abi.encodeWithSelector(IGovernanceToken.FutureLookup.selector, START + 1, START));
        token.totalSupplyAt(START + 1);
    }

    function test_SupplyHistoryFollowsMintsAndBurns() public {
        token.mintForTest(alice, 100e18);
        vm.warp(START + 10);
        token.burnForTest(alice, 30e18);
        vm.warp(START + 20);
        vm.prank(alice);
        assertTrue(token.transfer(bob, 10e18));
        vm.warp(START + 30);
        assertEq(token.totalSupplyAt(START - 1), 0);
        assertEq(token.totalSupplyAt(START), 100e18);
        assertEq(token.totalSupplyAt(START + 9), 100e18);
        assertEq(token.totalSupplyAt(START + 10), 70e18);
        assertEq(token.totalSupplyAt(START + 29), 70e18, "transfers write no checkpoint");
        assertEq(token.maxTotalWeightAt(START + 29), 140e18);
    }

    function test_Revert_WhenSupplyWouldExceed208Bits() public {
        token.mintForTest(alice, type(uint208).max);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernanceToken.SupplyCapExceeded.selector, uint256(type(uint208).max) + 1, type(uint208).max
            )
        );
        token.mintForTest(bob, 1);
    }

    // ───────────── Sybil safety ─────────────

    function _actor(uint256 i) internal pure returns (address) {
        // forge-lint: disable-next-line(unsafe-typecast) small test indices
        return address(uint160(0x5000 + i));
    }

    /// @dev One random step among ACTORS addresses: mint, transfer (a split when the receiver is new to
    ///      the tokens), burn, or time passing; mirrored in the reference models.
    function _step(uint256 r) internal {
        uint256 kind = r % 10;
        address from = _actor((r >> 8) % ACTORS);
        address to = _actor((r >> 16) % ACTORS);
        if (kind < 2) {
            uint256 amount = (r >> 24) % 1000e18;
            token.mintForTest(to, amount);
            ref.onMint(to, amount, block.timestamp);
        } else if (kind < 7) {
            uint256 balance = token.balanceOf(from);
            uint256 amount = balance == 0 ? 0 : (r >> 24) % (balance + 1);
            vm.prank(from);
            assertTrue(token.transfer(to, amount));
            ref.onTransfer(from, to, amount, block.timestamp);
        } else if (kind < 8) {
            uint256 amount = (r >> 24) % (token.balanceOf(from) + 1);
            token.burnForTest(from, amount);
            ref.onBurn(from, amount);
        }
        // every step lets some time pass, sometimes none (several changes in one second)
        vm.warp(block.timestamp + ((r >> 128) % 4 == 0 ? 0 : (r >> 132) % 60 days));
    }

    /// @dev Checks every actor at a random past snapshot against both reference models.
    function _checkAgainstModels(uint256 r) internal view {
        uint256 snapshot = START + (r % (block.timestamp - START));
        uint256 sum;
        for (uint256 i; i < ACTORS; ++i) {
            address a = _actor(i);
            uint256 votes = token.getVotes(a, snapshot);
            assertLe(votes, ref.weightAt(a, snapshot) / RAMP, "at most the unbounded-lots weight");
            assertLe(token.lotsOf(a).length, 8);
            sum += votes;
        }
        assertLe(sum, ref.noTransferWeightAt(snapshot) / RAMP, "at most the no-transfer world");
        assertLe(sum, token.maxTotalWeightAt(snapshot), "at most 2x the supply at the snapshot");
    }

    /// forge-config: default.fuzz.runs = 128
    function testFuzz_RandomTransfersNeverBeatTheReferenceModels(uint256 seed) public {
        for (uint256 k; k < 60; ++k) {
            _step(uint256(keccak256(abi.encode(seed, k))));
            if (k % 10 == 9) _checkAgainstModels(uint256(keccak256(abi.encode(seed, "check", k))));
        }
        vm.warp(block.timestamp + 1);
        _checkAgainstModels(uint256(keccak256(abi.encode(seed, "final"))));
    }

    /// @dev The property itself: a holder's history of acquisitions, then either kept in one address or
    ///      split and shuffled among many by random transfers; at any later snapshot the many addresses
    ///      together never weigh more than the one.
    function testFuzz_SplittingNeverIncreasesTotalWeight(uint256 seed, uint8 parts) public {
        GovernanceTokenHarness whole = new GovernanceTokenHarness(address(this));
        uint256 n = bound(parts, 2, 12);
        // the same acquisitions in both worlds
        for (uint256 k; k < 12; ++k) {
            uint256 r = uint256(keccak256(abi.encode(seed, "mint", k)));
            uint256 amount = r % 500e18 + 1;
            token.mintForTest(alice, amount);
            whole.mintForTest(alice, amount);
            vm.warp(block.timestamp + (r >> 128) % 45 days);
        }
        // one world splits alice's balance across n addresses and shuffles it around
        for (uint256 k; k < 40; ++k) {
            uint256 r = uint256(keccak256(abi.encode(seed, "move", k)));
            address from = k < n ? alice : _actor((r >> 8) % n);
            address to = _actor(k < n ? k : (r >> 16) % n);
            uint256 amount = (r >> 24) % (token.balanceOf(from) + 1);
            vm.prank(from);
            assertTrue(token.transfer(to, amount));
            vm.warp(block.timestamp + (r >> 128) % 20 days);
        }
        vm.warp(block.timestamp + seed % (2 * RAMP));
        uint256 split = token.currentWeight(alice);
        for (uint256 i; i < n; ++i) {
            split += token.currentWeight(_actor(i));
        }
        assertLe(split, whole.currentWeight(alice), "many addresses never outweigh one");
        uint256 snapshot = START + seed % (block.timestamp - START);
        uint256 splitAtSnapshot = token.getVotes(alice, snapshot);
        for (uint256 i; i < n; ++i) {
            splitAtSnapshot += token.getVotes(_actor(i), snapshot);
        }
        assertLe(splitAtSnapshot, whole.getVotes(alice, snapshot), "nor at any past snapshot");
    }

    /// @dev Merging balances (many addresses sending to one) cannot raise weight either: the sum before
    ///      bounds the one after, at the moment of the merge and ever after.
    function testFuzz_MergingBalancesNeverIncreasesTotalWeight(uint256 seed) public {
        for (uint256 i; i < ACTORS; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            token.mintForTest(_actor(i), r % 1000e18 + 1);
            vm.warp(block.timestamp + (r >> 128) % 200 days);
        }
        uint256 later = block.timestamp + seed % (3 * RAMP);
        uint256 before;
        uint256 beforeLater;
        // weights the separate balances would have now and later, had nothing moved
        for (uint256 i; i < ACTORS; ++i) {
            before += token.currentWeight(_actor(i));
        }
        uint256 snapshot = block.timestamp;
        vm.warp(later + 1);
        for (uint256 i; i < ACTORS; ++i) {
            beforeLater += token.getVotes(_actor(i), later);
        }
        vm.warp(snapshot);
        for (uint256 i = 1; i < ACTORS; ++i) {
            address from = _actor(i);
            uint256 balance = token.balanceOf(from);
            vm.prank(from);
            assertTrue(token.transfer(_actor(0), balance));
        }
        assertLe(token.currentWeight(_actor(0)), before, "merged now");
        vm.warp(later + 1);
        assertLe(token.getVotes(_actor(0), later), beforeLater, "merged, later");
    }
}
