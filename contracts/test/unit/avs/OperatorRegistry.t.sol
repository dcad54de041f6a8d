// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IOperatorRegistry} from "../../../src/interfaces/IOperatorRegistry.sol";
import {IPausable} from "../../../src/interfaces/IPausable.sol";
import {BLS12381} from "../../../src/libraries/BLS12381.sol";
import {AVSUnitBase} from "./AVSUnitBase.sol";

/// @notice OperatorRegistry.registerOperator (reached through the core and the ServiceManager).
contract RegistryRegisterOperatorTest is AVSUnitBase {
    function test_BindsKeyAndAddsToTheAggregate() public {
        BLS12381.G1Point memory before = registry.currentApk();
        bytes32 h = BLS12381.hashG1(_pubkey(4));
        _registerOperator(_operator(4));
        bytes memory data = _registrationData(_pubkey(4), _pop(4));
        vm.expectEmit(address(registry));
        emit IOperatorRegistry.PubkeyRegistered(_operator(4), h, _pubkey(4));
        _registerWithData(_operator(4), data);
        assertEq(registry.pubkeyHashOf(_operator(4)), h);
        assertEq(registry.operatorOf(h), _operator(4));
        assertEq(
            BLS12381.hashG1(registry.currentApk()), BLS12381.hashG1(BLS12381.addG1(before, _pubkey(4))), "apk"
        );
    }

    function test_ReturningOperatorKeepsItsKeyWithoutANewProof() public {
        _leave(_operator(3));
        vm.roll(block.number + 1);
        BLS12381.G2Point memory noProof;
        _registerWithData(_operator(3), _registrationData(_pubkey(3), noProof));
        assertTrue(registry.isRegistered(_operator(3)));
        assertEq(registry.stakeOf(_operator(3)), 1e18, "stake read again at registration");
        assertEq(registry.currentTotalStake(), TOTAL);
    }

    function test_Revert_WhenReturningWithAnotherKey() public {
        _leave(_operator(3));
        bytes memory data = _registrationData(_pubkey(5), _pop(5));
        vm.expectRevert(
            abi.encodeWithSelector(
                IOperatorRegistry.OperatorKeyMismatch.selector, _operator(3), BLS12381.hashG1(_pubkey(3))
            )
        );
        _registerWithData(_operator(3), data);
    }

    function test_Revert_WhenKeyBelongsToAnotherOperator() public {
        _registerOperator(_operator(5));
        bytes memory data = _registrationData(_pubkey(0), _pop(0));
        vm.expectRevert(
            abi.encodeWithSelector(
                IOperatorRegistry.PubkeyAlreadyRegistered.selector, BLS12381.hashG1(_pubkey(0)), _operator(0)
            )
        );
        _registerWithData(_operator(5), data);
    }

    function test_Revert_WhenProofOfPossessionIsForAnotherKey() public {
        _registerOperator(_operator(5));
        bytes memory data = _registrationData(_pubkey(5), _pop(6));
        vm.expectRevert(
            abi.encodeWithSelector(IOperatorRegistry.InvalidProofOfPossession.selector, _operator(5))
        );
        _registerWithData(_operator(5), data);
    }

    function test_Revert_WhenProofOfPossessionIsForAnotherOperator() public {
        // key 4's proof binds it to operator 4: operator 5 cannot replay it
        _registerOperator(_operator(5));
        bytes memory data = _registrationData(_pubkey(4), _pop(4));
        vm.expectRevert(
            abi.encodeWithSelector(IOperatorRegistry.InvalidProofOfPossession.selector, _operator(5))
        );
        _registerWithData(_operator(5), data);
    }

    function test_Revert_WhenKeyIsInfinity() public {
        _registerOperator(_operator(5));
        BLS12381.G1Point memory infinity;
        bytes memory data = _registrationData(infinity, _pop(5));
        vm.expectRevert(IOperatorRegistry.InvalidPubkey.selector);
        _registerWithData(_operator(5), data);
    }

    function test_Revert_WhenAlreadyRegistered() public {
        bytes memory data = _registrationData(_pubkey(0), _pop(0));
        vm.prank(address(serviceManager));
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.AlreadyRegistered.selector, _operator(0)));
        registry.registerOperator(_operator(0), data);
    }

    function test_Revert_WhenCallerIsNotTheServiceManager() public {
        bytes memory data = _registrationData(_pubkey(4), _pop(4));
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.NotServiceManager.selector, address(this)));
        registry.registerOperator(_operator(4), data);
    }
}

/// @notice OperatorRegistry.deregisterOperator.
contract RegistryDeregisterOperatorTest is AVSUnitBase {
    function test_RemovesKeyAndStake() public {
        bytes32 h = BLS12381.hashG1(_pubkey(3));
        vm.expectEmit(address(registry));
        emit IOperatorRegistry.OperatorDeregistered(_operator(3), h);
        vm.prank(address(serviceManager));
        registry.deregisterOperator(_operator(3));
        assertFalse(registry.isRegistered(_operator(3)));
        assertEq(registry.stakeOf(_operator(3)), 0);
        assertEq(registry.currentTotalStake(), TOTAL - 1e18);
        BLS12381.G1Point memory sum = BLS12381.addG1(BLS12381.addG1(_pubkey(0), _pubkey(1)), _pubkey(2));
        assertEq(BLS12381.hashG1(registry.currentApk()), BLS12381.hashG1(sum));
    }

    function test_NoOpForAnUnknownOrDeregisteredOperator() public {
        uint256 length = registry.apkHistoryLength();
        vm.startPrank(address(serviceManager));
        registry.deregisterOperator(_operator(9));
        registry.deregisterOperator(_operator(3));
        registry.deregisterOperator(_operator(3));
        vm.stopPrank();
        assertEq(registry.currentTotalStake(), TOTAL - 1e18);
        assertEq(registry.apkHistoryLength(), length + 1);
    }

    function test_Revert_WhenCallerIsNotTheServiceManager() public {
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.NotServiceManager.selector, address(this)));
        registry.deregisterOperator(_operator(3));
    }
}

/// @notice OperatorRegistry.updateStakes.
contract UpdateStakesTest is AVSUnitBase {
    function test_ReadsChangedStakesAndSkipsOthers() public {
        _deposit(_operator(3), stethStrategy, 9e18); // allocated fully: the new shares count at once
        address[] memory list = new address[](3);
        (list[0], list[1], list[2]) = (_operator(3), _operator(9), _operator(0));
        vm.expectEmit(address(registry));
        emit IOperatorRegistry.OperatorStakeUpdated(_operator(3), 1e18, 10e18);
        registry.updateStakes(list);
        assertEq(registry.stakeOf(_operator(3)), 10e18);
        assertEq(registry.stakeOf(_operator(0)), 3333e18);
        assertEq(registry.currentTotalStake(), TOTAL + 9e18);
    }

    function test_NoCheckpointWhenNothingChanged() public {
        uint256 length = registry.apkHistoryLength();
        vm.roll(block.number + 1);
        registry.updateStakes(_addresses(0));
        assertEq(registry.apkHistoryLength(), length);
    }

    function test_ServiceManagerIgnoresThePause() public {
        _pause(address(registry), 0);
        vm.prank(address(serviceManager));
        registry.updateStakes(_addresses(0));
    }

    function test_Revert_WhenPaused() public {
        _pause(address(registry), 0);
        address[] memory list = _addresses(0);
        _expectPaused(0);
        registry.updateStakes(list);
    }

    function _addresses(uint256 i) internal pure returns (address[] memory list) {
        list = new address[](1);
        list[0] = _operator(i);
    }
}

/// @notice OperatorRegistry.updateNodeUrl.
contract UpdateNodeUrlTest is AVSUnitBase {
    function test_Sets() public {
        vm.expectEmit(address(registry));
        emit IOperatorRegistry.NodeUrlUpdated(_operator(0), "https://new.example");
        vm.prank(_operator(0));
        registry.updateNodeUrl("https://new.example");
        assertEq(registry.nodeUrlOf(_operator(0)), "https://new.example");
    }

    function test_Revert_WhenNotRegistered() public {
        vm.prank(_operator(9));
        vm.expectRevert(abi.encodeWithSelector(IOperatorRegistry.NotRegistered.selector, _operator(9)));
        registry.updateNodeUrl("https://x");
    }

    function test_Revert_WhenPaused() public {
        _pause(address(registry), 0);
        vm.prank(_operator(0));
        vm.expectRevert(abi.encodeWithSelector(IPausable.Paused.selector, 0));
        registry.updateNodeUrl("https://x");
    }
}

/// @notice OperatorRegistry history views: lookups at past blocks and the hints for aggregators.
contract RegistryHistoryViewsTest is AVSUnitBase {
    function test_PastBlocksAnswerWhatWasCurrentThen() public {
        uint32 exitBlock = uint32(block.number);
        _leave(_operator(3));
        bytes32 h = BLS12381.hashG1(_pubkey(3));
        (bool registered, uint256 stake) = registry.stakeAt(h, exitBlock - 1, 0);
        assertTrue(registered);
        assertEq(stake, 1e18);
        (registered, stake) = registry.stakeAt(h, exitBlock, registry.stakeIndexAt(h, exitBlock));
        assertFalse(registered);
        (, uint256 total) = registry.apkAt(exitBlock - 1, 0);
        assertEq(total, TOTAL);
        (, total) = registry.apkAt(exitBlock, registry.apkIndexAt(exitBlock));
        assertEq(total, TOTAL - 1e18);
        assertEq(registry.stakeHistoryLength(h), registry.stakeIndexAt(h, exitBlock) + 1);
    }
}
