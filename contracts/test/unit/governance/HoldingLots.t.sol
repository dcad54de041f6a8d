// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {HoldingLots} from "../../../src/governance/HoldingLots.sol";
import {Test} from "forge-std/Test.sol";

/// @dev One list of lots, driven directly.
contract HoldingLotsHarness {
    using HoldingLots for HoldingLots.List;

    HoldingLots.List internal _list;

    function add(uint256 amount) external {
        _list.add(amount, uint48(block.timestamp));
    }

    function remove(uint256 amount) external {
        _list.remove(amount);
    }

    function weightAt(uint48 timepoint) external view returns (uint256) {
        return _list.weightAt(timepoint);
    }

    function lots() external view returns (HoldingLots.Lot[] memory) {
        return _list.toArray();
    }

    function total() external view returns (uint256) {
        return _list.total();
    }
}

/// @notice The lot rules of decision 0006, one by one: arrivals, departures (youngest first), the
///         weight ramp, same-second arrivals, least-loss merges of a full list and the dust bounds.
contract HoldingLotsTest is Test {
    uint256 internal constant RAMP = 365 days;
    uint256 internal constant START = 1_750_000_000;

    HoldingLotsHarness internal lots;

    function setUp() public {
        vm.warp(START);
        lots = new HoldingLotsHarness();
    }

    function _at(uint256 i) internal view returns (HoldingLots.Lot memory) {
        return lots.lots()[i];
    }

    /// @dev Weight in tokens at `timepoint` (the numerator over RAMP).
    function _weight(uint256 timepoint) internal view returns (uint256) {
        // forge-lint: disable-next-line(unsafe-typecast) test timepoints are bounded below 2^48
        return lots.weightAt(uint48(timepoint)) / RAMP;
    }

    function test_ArrivalIsANewLotOfAgeZero() public {
        lots.add(100e18);
        assertEq(lots.lots().length, 1);
        assertEq(_at(0).amount, 100e18);
        assertEq(_at(0).acquiredAt, START);
        assertEq(_weight(START), 100e18, "1x on arrival");
    }

    function test_ZeroArrivalCreatesNoLot() public {
        lots.add(0);
        assertEq(lots.lots().length, 0);
    }

    function test_SameSecondArrivalsShareALot() public {
        lots.add(1e18);
        lots.add(2e18);
        assertEq(lots.lots().length, 1);
        assertEq(_at(0).amount, 3e18);
    }

    function test_WeightRampsLinearlyToTwiceAfterAYear() public {
        lots.add(100e18);
        assertEq(_weight(START + RAMP / 4), 125e18, "1.25x after a quarter");
        assertEq(_weight(START + RAMP / 2), 150e18, "1.5x after half a year");
        assertEq(_weight(START + RAMP), 200e18, "2x after a year");
        assertEq(_weight(START + 10 * RAMP), 200e18, "capped");
    }

    function test_WeightAtIgnoresLotsAcquiredLater() public {
        lots.add(100e18);
        vm.warp(START + 100);
        lots.add(50e18);
        assertEq(_weight(START + 99), 100e18 * (RAMP + 99) / RAMP, "the second lot did not exist yet");
        assertEq(_weight(START - 1), 0, "nothing before the first");
    }

    function test_DepartureTakesTheYoungestFirst() public {
        lots.add(100e18);
        vm.warp(START + 10);
        lots.add(30e18);
        vm.warp(START + 20);
        lots.add(20e18);
        lots.remove(35e18);
        HoldingLots.Lot[] memory l = lots.lots();
        assertEq(l.length, 2, "the youngest lot is gone");
        assertEq(l[0].amount, 100e18, "the oldest is untouched");
        assertEq(l[1].amount, 15e18, "the middle lot gave the rest");
        assertEq(l[1].acquiredAt, START + 10);
        assertEq(lots.total(), 115e18);
    }

    function test_DepartureOfEverythingEmptiesTheList() public {
        lots.add(1e18);
        vm.warp(START + 1);
        lots.add(2e18);
        lots.remove(3e18);
        assertEq(lots.lots().length, 0);
        vm.warp(START + 2);
        lots.add(5e18);
        assertEq(_at(0).amount, 5e18, "a stale slot is overwritten");
        assertEq(lots.lots().length, 1);
    }

    /// @dev Eight equal lots a day apart: every stored pair loses 10 tokens × 1 day, so the tie goes to
    ///      the youngest pair, which takes the younger time; the arrival keeps its own lot.
    function test_FullListMergesTheLeastLossPair() public {
        for (uint256 i; i < 8; ++i) {
            vm.warp(START + i * 1 days);
            lots.add(10e18);
        }
        vm.warp(START + 8 days);
        uint256 before = lots.weightAt(uint48(block.timestamp));
        lots.add(1e18);
        HoldingLots.Lot[] memory l = lots.lots();
        assertEq(l.length, 8);
        assertEq(l[6].amount, 20e18, "the two youngest stored lots merged");
        assertEq(l[6].acquiredAt, START + 7 days, "taking the younger time");
        assertEq(l[7].amount, 1e18, "the arrival is its own lot");
        assertEq(l[7].acquiredAt, block.timestamp);
        assertEq(
            lots.weightAt(uint48(block.timestamp)), before + 1e18 * RAMP - 10e18 * 1 days, "lost a day on 10"
        );
    }

    /// @dev A small old lot between big ones is the cheapest to merge forward.
    function test_FullListMergesASmallLotIntoItsYoungerNeighbour() public {
        uint256[8] memory amounts = [uint256(100e18), 100e18, 1e18, 100e18, 100e18, 100e18, 100e18, 100e18];
        for (uint256 i; i < 8; ++i) {
            vm.warp(START + i * 1 days);
            lots.add(amounts[i]);
        }
        vm.warp(START + 8 days);
        lots.add(100e18);
        HoldingLots.Lot[] memory l = lots.lots();
        assertEq(l[2].amount, 101e18, "1e18 merged into the next lot");
        assertEq(l[2].acquiredAt, START + 3 days, "with its younger time");
        assertEq(l[6].acquiredAt, START + 7 days, "later lots moved down one slot");
        assertEq(l[7].amount, 100e18, "the arrival is its own lot");
        assertEq(l[7].acquiredAt, START + 8 days);
        assertEq(lots.total(), 801e18);
    }

    /// @dev Two lots past the cap weigh the same forever: merging them loses nothing.
    function test_LotsAtTheCapMergeForFree() public {
        for (uint256 i; i < 8; ++i) {
            vm.warp(START + i * 1 days);
            lots.add(100e18);
        }
        vm.warp(START + 2 * RAMP);
        uint256 before = lots.weightAt(uint48(block.timestamp));
        lots.add(1);
        assertEq(lots.weightAt(uint48(block.timestamp)), before + RAMP, "exactly the new wei at 1x");
        assertEq(lots.lots()[7].amount, 1, "the arrival kept its own lot");
    }

    /// @dev An attacker's dust never resets old lots, and however long the stream, it forces at most two
    ///      merges of the victim's own lots: from the third ping on, dust merges with dust.
    function test_DustForcesAtMostTwoMergesOfOwnLots() public {
        for (uint256 i; i < 8; ++i) {
            vm.warp(START + i * 30 days);
            lots.add(100e18);
        }
        uint256 t = START + 8 * 30 days;
        for (uint256 k; k < 50; ++k) {
            vm.warp(t + k * 1 hours);
            lots.add(1);
        }
        HoldingLots.Lot[] memory l = lots.lots();
        for (uint256 i; i < 4; ++i) {
            assertEq(l[i].acquiredAt, START + i * 30 days, "old lots keep their time");
            assertEq(l[i].amount, 100e18);
        }
        assertEq(l[6].amount + l[7].amount, 50, "all the dust sits in the last two lots");
        uint256 ideal;
        for (uint256 i; i < 8; ++i) {
            uint256 age = block.timestamp - (START + i * 30 days);
            ideal += 100e18 * (RAMP + (age < RAMP ? age : RAMP));
        }
        // two merges of lots 30 days apart cost 100 tokens × 30 days each
        assertEq(lots.weightAt(uint48(block.timestamp)) - _dustWeight(l), ideal - 2 * 100e18 * 30 days);
    }

    /// @dev After the victim receives tokens again, the dust costs it at most one more merge.
    function test_DustAfterAnOwnArrivalForcesAtMostOneMoreMerge() public {
        test_DustForcesAtMostTwoMergesOfOwnLots();
        vm.warp(block.timestamp + 1 days);
        lots.add(100e18);
        HoldingLots.Lot[] memory l = lots.lots();
        assertEq(l[7].amount, 100e18, "the victim's arrival is its own lot");
        assertEq(l[6].amount, 50, "the two dust lots merged to make room");
        for (uint256 k; k < 20; ++k) {
            vm.warp(block.timestamp + 1 hours);
            lots.add(1);
        }
        l = lots.lots();
        for (uint256 i; i < 3; ++i) {
            assertEq(l[i].acquiredAt, START + i * 30 days, "the oldest lots keep their time");
        }
        uint256 dust;
        for (uint256 i; i < l.length; ++i) {
            if (l[i].amount < 100e18) dust += l[i].amount;
        }
        assertLe(dust, 70, "dust stays in dust lots or joined a younger lot");
    }

    function _dustWeight(HoldingLots.Lot[] memory l) internal view returns (uint256 w) {
        for (uint256 i; i < l.length; ++i) {
            if (l[i].amount < 1e18) w += l[i].amount * (RAMP + (block.timestamp - l[i].acquiredAt));
        }
    }

    function testFuzz_LotsAlwaysSumToWhatArrivedMinusWhatLeft(uint256 seed) public {
        uint256 held;
        for (uint256 k; k < 40; ++k) {
            uint256 r = uint256(keccak256(abi.encode(seed, k)));
            vm.warp(block.timestamp + (r % 3 == 0 ? 0 : r % 40 days));
            if (r % 5 < 3 || held == 0) {
                uint256 amount = (r >> 8) % 1000e18;
                lots.add(amount);
                held += amount;
            } else {
                uint256 amount = (r >> 8) % (held + 1);
                lots.remove(amount);
                held -= amount;
            }
            assertEq(lots.total(), held, "sum of lots");
            HoldingLots.Lot[] memory l = lots.lots();
            assertLe(l.length, 8);
            for (uint256 i = 1; i < l.length; ++i) {
                assertLt(l[i - 1].acquiredAt, l[i].acquiredAt, "sorted, one lot per second");
            }
        }
    }
}
