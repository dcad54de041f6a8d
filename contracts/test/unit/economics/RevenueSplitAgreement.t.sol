// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {RevenueSplit} from "../../../src/economics/RevenueSplit.sol";
import {IRevenueDistributor} from "../../../src/interfaces/IRevenueDistributor.sol";
import {Test} from "forge-std/Test.sol";

/// @notice The bench's TypeScript formula (bench/economics/formula.ts) and RevenueSplit agree: the
///         expected values below were printed by formula.ts for the default parameters. Change both
///         together.
contract RevenueSplitAgreementTest is Test {
    function _params() internal pure returns (IRevenueDistributor.Params memory) {
        return IRevenueDistributor.Params({
            baseBps: 3000,
            minBps: 1500,
            maxBps: 7000,
            enforcementBps: 250,
            enforcementCap: 8,
            providerBps: 50,
            providerCap: 40,
            revenueBps: 100,
            revenueCap: 20,
            revenueUnit: 10_000e18,
            epochLength: 7 days,
            burnSlashed: false
        });
    }

    function _agree(uint256 revenue, uint256 providers, uint256 enforcement, uint16 expected) internal pure {
        assertEq(RevenueSplit.operatorsBps(_params(), revenue, providers, enforcement), expected);
    }

    function test_AgreesWithBenchFormula() public pure {
        _agree(0, 0, 0, 3000);
        _agree(20_000e18, 10, 1, 3550);
        _agree(15_000e18, 10, 3, 4150);
        _agree(120_000e18, 60, 1, 4050);
        _agree(9999e18, 3, 10, 5150);
        _agree(1e30, 100, 0, 3000);
        _agree(0, 100, 100, 7000);
        _agree(55_555e18, 17, 5, 4600);
    }
}
