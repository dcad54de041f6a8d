// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAVSRegistrar} from "../../../src/interfaces/IAVSRegistrar.sol";
import {IAllocationManager} from "../../../src/interfaces/IAllocationManager.sol";
import {IStrategy} from "../../../src/interfaces/IStrategy.sol";
import {OperatorSet} from "../../../src/types/OperatorSet.sol";
import {AllocationManagerTestBase} from "./AllocationManagerTestBase.sol";

contract AllocationManager_updateAVSMetadataURI is AllocationManagerTestBase {
    function test_EmitsURI() public {
        vm.expectEmit(address(am));
        emit IAllocationManager.AVSMetadataURIUpdated(avs, "ipfs://x");
        vm.prank(avs);
        am.updateAVSMetadataURI("ipfs://x");
    }
}

contract AllocationManager_setAVSRegistrar is AllocationManagerTestBase {
    function test_SetsRegistrar() public {
        vm.expectEmit(address(am));
        emit IAllocationManager.AVSRegistrarSet(avs, IAVSRegistrar(address(0)));
        vm.prank(avs);
        am.setAVSRegistrar(IAVSRegistrar(address(0)));
        assertEq(address(am.getAVSRegistrar(avs)), address(0));
    }
}

contract AllocationManager_createOperatorSets is AllocationManagerTestBase {
    function test_CreatesSet() public {
        vm.expectEmit(address(am));
        emit IAllocationManager.OperatorSetCreated(_set(7), slasher, recipient);
        OperatorSet memory set = _createSet(7);
        assertTrue(am.operatorSetExists(set));
        assertEq(am.getSlasher(set), slasher);
        assertEq(am.getRedistributionRecipient(set), recipient);
        IStrategy[] memory strategies = am.getStrategiesInOperatorSet(set);
        assertEq(strategies.length, 2);
        assertEq(address(strategies[0]), address(s1));
        OperatorSet[] memory sets = am.getOperatorSets(avs);
        assertEq(sets.length, 1);
        assertEq(sets[0].id, 7);
        assertEq(am.getStrategyValueWeight(set, s1), WAD);
    }

    function test_Revert_WhenSetExists() public {
        _createSet(7);
        vm.expectRevert(abi.encodeWithSelector(IAllocationManager.OperatorSetAlreadyExists.selector, avs, 7));
        _createSet(7);
    }

    function test_Revert_WhenSlasherZero() public {
        IAllocationManager.CreateSetParams[] memory params = new IAllocationManager.CreateSetParams[](1);
        params[0].operatorSetId = 1;
        vm.expectRevert(abi.encodeWithSelector(IAllocationManager.InvalidSlasher.selector, address(0)));
        vm.prank(avs);
        am.createOperatorSets(params);
    }

    function test_Revert_WhenStrategyDuplicated() public {
        vm.expectRevert(abi.encodeWithSelector(IAllocationManager.StrategyAlreadyInOperatorSet.selector, s1));
        _createSet(1, _strategies(s1, s1));
    }
}

contract AllocationManager_addStrategiesToOperatorSet is AllocationManagerTestBase {
    function test_AddsStrategy() public {
        OperatorSet memory set = _createSet(1);
        vm.expectEmit(address(am));
        emit IAllocationManager.StrategyAddedToOperatorSet(set, s3);
        vm.prank(avs);
        am.addStrategiesToOperatorSet(1, _strategies(s3));
        assertEq(am.getStrategiesInOperatorSet(set).length, 3);
    }

    function test_Revert_WhenAlreadyInSet() public {
        _createSet(1);
        vm.expectRevert(abi.encodeWithSelector(IAllocationManager.StrategyAlreadyInOperatorSet.selector, s1));
        vm.prank(avs);
        am.addStrategiesToOperatorSet(1, _strategies(s1));
    }

    function test_Revert_WhenSetDoesNotExist() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAllocationManager.OperatorSetDoesNotExist.selector, stranger, 1)
        );
        vm.prank(stranger);
        am.addStrategiesToOperatorSet(1, _strategies(s1));
    }
}

contract AllocationManager_removeStrategiesFromOperatorSet is AllocationManagerTestBase {
    function test_RemovesStrategy() public {
        OperatorSet memory set = _createSet(1);
        vm.expectEmit(address(am));
        emit IAllocationManager.StrategyRemovedFromOperatorSet(set, s1);
        vm.prank(avs);
        am.removeStrategiesFromOperatorSet(1, _strategies(s1));
        assertEq(am.getStrategiesInOperatorSet(set).length, 1);
    }

    function test_Revert_WhenNotInSet() public {
        _createSet(1);
        vm.expectRevert(abi.encodeWithSelector(IAllocationManager.StrategyNotInOperatorSet.selector, s3));
        vm.prank(avs);
        am.removeStrategiesFromOperatorSet(1, _strategies(s3));
    }

    function test_Revert_WhenSetDoesNotExist() public {
        vm.expectRevert(abi.encodeWithSelector(IAllocationManager.OperatorSetDoesNotExist.selector, avs, 9));
        vm.prank(avs);
        am.removeStrategiesFromOperatorSet(9, _strategies(s1));
    }
}

contract AllocationManager_setSlasher is AllocationManagerTestBase {
    function test_SetsSlasher() public {
        OperatorSet memory set = _createSet(1);
        vm.expectEmit(address(am));
        emit IAllocationManager.SlasherSet(set, stranger);
        vm.prank(avs);
        am.setSlasher(1, stranger);
        assertEq(am.getSlasher(set), stranger);
    }

    function test_Revert_WhenZero() public {
        _createSet(1);
        vm.expectRevert(abi.encodeWithSelector(IAllocationManager.InvalidSlasher.selector, address(0)));
        vm.prank(avs);
        am.setSlasher(1, address(0));
    }

    function test_Revert_WhenNotTheSetsAVS() public {
        _createSet(1);
        vm.expectRevert(
            abi.encodeWithSelector(IAllocationManager.OperatorSetDoesNotExist.selector, stranger, 1)
        );
        vm.prank(stranger);
        am.setSlasher(1, stranger);
    }
}

contract AllocationManager_setRedistributionRecipient is AllocationManagerTestBase {
    function test_SetsRecipient() public {
        OperatorSet memory set = _createSet(1);
        vm.expectEmit(address(am));
        emit IAllocationManager.RedistributionRecipientSet(set, address(0));
        vm.prank(avs);
        am.setRedistributionRecipient(1, address(0));
        assertEq(am.getRedistributionRecipient(set), address(0));
    }

    function test_Revert_WhenSetDoesNotExist() public {
        vm.expectRevert(abi.encodeWithSelector(IAllocationManager.OperatorSetDoesNotExist.selector, avs, 1));
        vm.prank(avs);
        am.setRedistributionRecipient(1, stranger);
    }
}

contract AllocationManager_setEconomicSecurityConfig is AllocationManagerTestBase {
    function _config(uint256 pi, uint64 alpha, uint64 gamma)
        internal
        pure
        returns (IAllocationManager.EconomicSecurityConfig memory)
    {
        return IAllocationManager.EconomicSecurityConfig({
            profitFromCorruption: pi,
            corruptionThresholdWad: alpha,
            gammaWad: gamma,
            enforceOnDeallocation: true
        });
    }

    function test_SetsConfig() public {
        OperatorSet memory set = _createSet(1);
        vm.expectEmit(address(am));
        emit IAllocationManager.EconomicSecurityConfigured(set, _config(5e18, 0.33e18, 0.2e18));
        vm.prank(avs);
        am.setEconomicSecurityConfig(1, _config(5e18, 0.33e18, 0.2e18));
        IAllocationManager.EconomicSecurityConfig memory stored = am.getEconomicSecurityConfig(set);
        assertEq(stored.profitFromCorruption, 5e18);
        assertEq(stored.corruptionThresholdWad, 0.33e18);
        assertEq(stored.gammaWad, 0.2e18);
        assertTrue(stored.enforceOnDeallocation);
    }

    function test_AcceptsBounds() public {
        _createSet(1);
        vm.prank(avs);
        am.setEconomicSecurityConfig(1, _config(1, WAD, 10 * WAD));
    }

    function test_Revert_WhenAlphaZero() public {
        _createSet(1);
        vm.expectRevert(IAllocationManager.InvalidEconomicSecurityConfig.selector);
        vm.prank(avs);
        am.setEconomicSecurityConfig(1, _config(1, 0, 0));
    }

    function test_Revert_WhenAlphaAboveWad() public {
        _createSet(1);
        vm.expectRevert(IAllocationManager.InvalidEconomicSecurityConfig.selector);
        vm.prank(avs);
        am.setEconomicSecurityConfig(1, _config(1, WAD + 1, 0));
    }

    function test_Revert_WhenGammaAboveTenWad() public {
        _createSet(1);
        vm.expectRevert(IAllocationManager.InvalidEconomicSecurityConfig.selector);
        vm.prank(avs);
        am.setEconomicSecurityConfig(1, _config(1, WAD, 10 * WAD + 1));
    }

    function test_Revert_WhenSetDoesNotExist() public {
        vm.expectRevert(abi.encodeWithSelector(IAllocationManager.OperatorSetDoesNotExist.selector, avs, 1));
        vm.prank(avs);
        am.setEconomicSecurityConfig(1, _config(1, WAD, 0));
    }
}

contract AllocationManager_setStrategyValueWeights is AllocationManagerTestBase {
    function test_SetsWeights_IncludingZero() public {
        OperatorSet memory set = _createSet(1);
        uint256[] memory weights = new uint256[](2);
        weights[0] = 2e18;
        weights[1] = 0;
        vm.expectEmit(address(am));
        emit IAllocationManager.StrategyValueWeightSet(set, s1, 2e18);
        vm.prank(avs);
        am.setStrategyValueWeights(1, _strategies(s1, s2), weights);
        assertEq(am.getStrategyValueWeight(set, s1), 2e18);
        assertEq(am.getStrategyValueWeight(set, s2), 0);
    }

    function test_Revert_WhenLengthMismatch() public {
        _createSet(1);
        vm.expectRevert(IAllocationManager.InputLengthMismatch.selector);
        vm.prank(avs);
        am.setStrategyValueWeights(1, _strategies(s1, s2), new uint256[](1));
    }

    function test_Revert_WhenWeightTooLarge() public {
        _createSet(1);
        uint256[] memory weights = new uint256[](1);
        weights[0] = 1e36 + 1;
        vm.expectRevert(IAllocationManager.InvalidEconomicSecurityConfig.selector);
        vm.prank(avs);
        am.setStrategyValueWeights(1, _strategies(s1), weights);
    }

    function test_Revert_WhenSetDoesNotExist() public {
        vm.expectRevert(abi.encodeWithSelector(IAllocationManager.OperatorSetDoesNotExist.selector, avs, 1));
        vm.prank(avs);
        am.setStrategyValueWeights(1, _strategies(s1), new uint256[](1));
    }
}
