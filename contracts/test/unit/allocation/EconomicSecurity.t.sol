// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAllocationManager} from "../../../src/interfaces/IAllocationManager.sol";
import {IStrategy} from "../../../src/interfaces/IStrategy.sol";
import {EconomicSecurityMath} from "../../../src/libraries/EconomicSecurityMath.sol";
import {OperatorSet} from "../../../src/types/OperatorSet.sol";
import {StrategyDouble} from "../../utils/StrategyDouble.sol";
import {AllocationManagerTestBase} from "./AllocationManagerTestBase.sol";
import {Test} from "forge-std/Test.sol";

contract EconomicSecurityMath_evaluate is Test {
    function _config(uint256 pi, uint64 alpha, uint64 gamma)
        internal
        pure
        returns (IAllocationManager.EconomicSecurityConfig memory c)
    {
        c.profitFromCorruption = pi;
        c.corruptionThresholdWad = alpha;
        c.gammaWad = gamma;
    }

    function test_Condition() public pure {
        // α = ¼, U = 400, γ = 20 %, π = 80: cost 100 ≥ 96
        (uint256 cost, uint256 required, bool secure) =
            EconomicSecurityMath.evaluate(_config(80e18, 0.25e18, 0.2e18), 400e18);
        assertEq(cost, 100e18);
        assertEq(required, 96e18);
        assertTrue(secure);
        (,, secure) = EconomicSecurityMath.evaluate(_config(84e18, 0.25e18, 0.2e18), 400e18);
        assertFalse(secure); // 100 < 100.8
    }

    function test_ZeroProfitAlwaysSecure() public pure {
        (,, bool secure) = EconomicSecurityMath.evaluate(_config(0, 1, 10e18), 0);
        assertTrue(secure);
    }

    function test_RequiredCostSaturates() public pure {
        assertEq(EconomicSecurityMath.requiredCost(type(uint256).max, 10e18), type(uint256).max);
        assertEq(EconomicSecurityMath.value(type(uint256).max, 1e36), type(uint256).max);
    }

    function testFuzz_RequiredRoundsUp(uint256 pi, uint64 gamma) public pure {
        pi = bound(pi, 0, 1e40);
        gamma = uint64(bound(gamma, 0, 10e18));
        uint256 required = EconomicSecurityMath.requiredCost(pi, gamma);
        assertGe(required * 1e18, pi * (1e18 + gamma));
        assertLt((required - (required == 0 ? 0 : 1)) * 1e18, pi * (1e18 + gamma) + (required == 0 ? 1 : 0));
    }
}

contract AllocationManager_economicSecurity is AllocationManagerTestBase {
    OperatorSet internal set1;

    /// @dev π = 20, α = ½, γ = 20 % → required 24. Operator holds 80, operator2 20 (value units):
    ///      U = 100, cost 50.
    function setUp() public override {
        super.setUp();
        set1 = _createSet(1);
        _register(operator, 1);
        _register(operator2, 1);
        _allocateNow(operator, set1, s1, 0.8e18);
        _allocateNow(operator2, set1, s1, 0.2e18);
        _configure(true);
    }

    function _configure(bool enforce) internal {
        vm.prank(avs);
        am.setEconomicSecurityConfig(
            1,
            IAllocationManager.EconomicSecurityConfig({
                profitFromCorruption: 20e18,
                corruptionThresholdWad: 0.5e18,
                gammaWad: 0.2e18,
                enforceOnDeallocation: enforce
            })
        );
    }

    function test_GetEconomicSecurity() public view {
        (uint256 u, uint256 cost, uint256 required, bool secure) = am.getEconomicSecurity(set1);
        assertEq(u, 100e18);
        assertEq(cost, 50e18);
        assertEq(required, 24e18);
        assertTrue(secure);
        assertEq(am.getOperatorAllocatedValue(set1, operator), 80e18);
        assertEq(am.getOperatorAllocatedValue(set1, stranger), 0);
    }

    function test_ValueUsesUnderlyingAndWeights() public {
        StrategyDouble(address(s1)).setRateWad(2e18); // 1 share = 2 tokens
        uint256[] memory weights = new uint256[](1);
        weights[0] = 0.5e18; // 1 token = 0.5 value units
        vm.prank(avs);
        am.setStrategyValueWeights(1, _strategies(s1), weights);
        (uint256 u,,,) = am.getEconomicSecurity(set1);
        assertEq(u, 100e18);
        weights[0] = 3e18;
        vm.prank(avs);
        am.setStrategyValueWeights(1, _strategies(s1), weights);
        (u,,,) = am.getEconomicSecurity(set1);
        assertEq(u, 600e18);
    }

    function test_DeregisteredMembersDoNotCount() public {
        _deregister(operator, 1);
        (uint256 u,,, bool secure) = am.getEconomicSecurity(set1);
        assertEq(u, 20e18);
        assertFalse(secure); // cost 10 < 24
    }

    function test_CriticalOperators() public {
        address[] memory critical = am.getCriticalOperators(set1);
        // without operator: U = 20, cost 10 < 24; without operator2: U = 80, cost 40 ≥ 24
        assertEq(critical.length, 1);
        assertEq(critical[0], operator);
    }

    function test_CriticalOperators_NoneWhenNoProfit() public {
        vm.prank(avs);
        am.setEconomicSecurityConfig(
            1,
            IAllocationManager.EconomicSecurityConfig({
                profitFromCorruption: 0,
                corruptionThresholdWad: 0.5e18,
                gammaWad: 0,
                enforceOnDeallocation: true
            })
        );
        assertEq(am.getCriticalOperators(set1).length, 0);
    }

    function test_Enforcement_AllowsSafeDecrease() public {
        _modify(operator, set1, s1, 0.3e18); // U = 50, cost 25 ≥ 24
        assertEq(am.getAllocation(operator, set1, s1).pendingDiff, -0.5e18);
    }

    function test_Revert_WhenDecreaseBreaksSecurity() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAllocationManager.WouldBreakEconomicSecurity.selector, 20e18, 24e18)
        );
        _modify(operator, set1, s1, 0.2e18); // U = 40, cost 20 < 24
    }

    /// @dev Announced decreases count as landed: a second decrease cannot pass against the first's
    ///      old magnitude.
    function test_Revert_WhenDecreaseBreaksSecurityAfterPendingDecreases() public {
        _modify(operator, set1, s1, 0.3e18);
        vm.expectRevert(
            abi.encodeWithSelector(IAllocationManager.WouldBreakEconomicSecurity.selector, 20e18, 24e18)
        );
        _modify(operator2, set1, s1, 0.1e18); // landed U = 30 + 10
    }

    function test_Enforcement_Off_AllowsBreakingDecrease() public {
        _configure(false);
        _modify(operator, set1, s1, 0);
    }

    function test_Enforcement_DoesNotTrapExitedOperators() public {
        _deregister(operator, 1); // exits are never refused, even if they break security
        _modify(operator, set1, s1, 0);
        assertEq(am.getAllocation(operator, set1, s1).pendingDiff, -0.8e18);
    }
}
