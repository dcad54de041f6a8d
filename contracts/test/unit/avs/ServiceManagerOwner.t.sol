// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {OperatorRegistry} from "../../../src/avs/OperatorRegistry.sol";
import {ServiceManager} from "../../../src/avs/ServiceManager.sol";
import {IAllocationManager} from "../../../src/interfaces/IAllocationManager.sol";
import {IQuorumVerifier} from "../../../src/interfaces/IQuorumVerifier.sol";
import {IServiceManager} from "../../../src/interfaces/IServiceManager.sol";
import {AVSUnitBase} from "./AVSUnitBase.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @notice ServiceManager constructor: registrar, operator set 0, defaults.
contract ServiceManagerConstructorTest is AVSUnitBase {
    function test_BecomesTheAVSWithDefaults() public view {
        assertEq(address(allocationManager.getAVSRegistrar(address(serviceManager))), address(serviceManager));
        assertEq(allocationManager.getSlasher(palisadeSet), address(serviceManager));
        assertEq(allocationManager.getStrategiesInOperatorSet(palisadeSet).length, 2);
        assertEq(serviceManager.quorumThresholdBps(), 6667);
        assertEq(serviceManager.vetoWindow(), DEALLOCATION_DELAY / 2, "half the core's exit delay");
        assertEq(serviceManager.equivocationWad(), 0.5e18);
        assertEq(address(serviceManager.registry()), address(registry));
        assertEq(registry.serviceManager(), address(serviceManager));
    }

    function test_Revert_WhenCoreDelayLeavesNoWindow() public {
        vm.prank(owner);
        allocationManager.setDeallocationDelay(1);
        OperatorRegistry r = new OperatorRegistry(owner, pauser, allocationManager, address(0));
        IAllocationManager am = allocationManager;
        vm.expectRevert(
            abi.encodeWithSelector(
                IServiceManager.VetoWindowOutOfBounds.selector,
                0,
                serviceManager.MIN_VETO_WINDOW(),
                serviceManager.MAX_VETO_WINDOW()
            )
        );
        new ServiceManager(owner, pauser, am, r, _strategies());
    }
}

/// @notice ServiceManager.setQuorumThreshold.
contract SetQuorumThresholdTest is AVSUnitBase {
    function test_SetsWithinBounds() public {
        vm.startPrank(owner);
        vm.expectEmit(address(serviceManager));
        emit IServiceManager.QuorumThresholdSet(6667, 5001);
        serviceManager.setQuorumThreshold(5001);
        serviceManager.setQuorumThreshold(10_000);
        vm.stopPrank();
        assertEq(serviceManager.quorumThresholdBps(), 10_000);
    }

    function test_Revert_WhenOutOfBounds() public {
        vm.startPrank(owner);
        vm.expectRevert(abi.encodeWithSelector(IQuorumVerifier.InvalidThreshold.selector, uint16(5000)));
        serviceManager.setQuorumThreshold(5000);
        vm.expectRevert(abi.encodeWithSelector(IQuorumVerifier.InvalidThreshold.selector, uint16(10_001)));
        serviceManager.setQuorumThreshold(10_001);
        vm.stopPrank();
    }

    function test_Revert_WhenNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        serviceManager.setQuorumThreshold(7000);
    }
}

/// @notice SlashingCoordinator.setSlashRequester.
contract SetSlashRequesterTest is AVSUnitBase {
    function test_Sets() public {
        vm.expectEmit(address(serviceManager));
        emit IServiceManager.SlashRequesterSet(requester, address(0xbeef));
        vm.prank(owner);
        serviceManager.setSlashRequester(address(0xbeef));
        assertEq(serviceManager.slashRequester(), address(0xbeef));
    }

    function test_Revert_WhenNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        serviceManager.setSlashRequester(address(this));
    }
}

/// @notice SlashingCoordinator.setVetoCommittee.
contract SetVetoCommitteeTest is AVSUnitBase {
    function test_Sets() public {
        vm.expectEmit(address(serviceManager));
        emit IServiceManager.VetoCommitteeSet(committee, address(0xbeef));
        vm.prank(owner);
        serviceManager.setVetoCommittee(address(0xbeef));
        assertEq(serviceManager.vetoCommittee(), address(0xbeef));
    }

    function test_Revert_WhenNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        serviceManager.setVetoCommittee(address(this));
    }
}

/// @notice SlashingCoordinator.setVetoWindow (blocks, below the core's deallocation delay).
contract SetVetoWindowTest is AVSUnitBase {
    function test_SetsWithinBounds() public {
        vm.startPrank(owner);
        vm.expectEmit(address(serviceManager));
        emit IServiceManager.VetoWindowSet(DEALLOCATION_DELAY / 2, 1);
        serviceManager.setVetoWindow(1);
        serviceManager.setVetoWindow(DEALLOCATION_DELAY - 1);
        vm.stopPrank();
        assertEq(serviceManager.vetoWindow(), DEALLOCATION_DELAY - 1);
    }

    function test_LongerWindowOnceTheCoreDelayGrows() public {
        uint64 max = serviceManager.MAX_VETO_WINDOW();
        vm.startPrank(owner);
        // forge-lint: disable-next-line(unsafe-typecast) 215,999 fits 32 bits
        allocationManager.setDeallocationDelay(uint32(max) + 1);
        serviceManager.setVetoWindow(max);
        vm.stopPrank();
        assertEq(serviceManager.vetoWindow(), max);
    }

    function test_Revert_WhenOutOfBounds() public {
        vm.startPrank(owner);
        vm.expectRevert(abi.encodeWithSelector(IServiceManager.VetoWindowOutOfBounds.selector, 0, 1, 215_999));
        serviceManager.setVetoWindow(0);
        vm.expectRevert(
            abi.encodeWithSelector(IServiceManager.VetoWindowOutOfBounds.selector, 216_000, 1, 215_999)
        );
        serviceManager.setVetoWindow(216_000);
        vm.stopPrank();
    }

    function test_Revert_WhenNotBelowTheDeallocationDelay() public {
        vm.prank(owner);
        vm.expectRevert(
            abi.encodeWithSelector(
                IServiceManager.VetoWindowNotBelowDeallocationDelay.selector, uint64(1000), DEALLOCATION_DELAY
            )
        );
        serviceManager.setVetoWindow(1000);
    }

    function test_Revert_WhenNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        serviceManager.setVetoWindow(1);
    }
}

/// @notice SlashingCoordinator.setEquivocationWad.
contract SetEquivocationWadTest is AVSUnitBase {
    function test_SetsWithinBounds() public {
        vm.startPrank(owner);
        vm.expectEmit(address(serviceManager));
        emit IServiceManager.EquivocationWadSet(0.5e18, 1);
        serviceManager.setEquivocationWad(1);
        serviceManager.setEquivocationWad(WAD);
        vm.stopPrank();
        assertEq(serviceManager.equivocationWad(), WAD);
    }

    function test_Revert_WhenOutOfBounds() public {
        vm.startPrank(owner);
        vm.expectRevert(abi.encodeWithSelector(IServiceManager.InvalidWad.selector, 0));
        serviceManager.setEquivocationWad(0);
        vm.expectRevert(abi.encodeWithSelector(IServiceManager.InvalidWad.selector, WAD + 1));
        serviceManager.setEquivocationWad(WAD + 1);
        vm.stopPrank();
    }

    function test_Revert_WhenNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        serviceManager.setEquivocationWad(1);
    }
}

/// @notice ServiceManager.updateAVSMetadataURI.
contract UpdateAVSMetadataURITest is AVSUnitBase {
    function test_EmitsThroughTheCore() public {
        vm.expectEmit(address(allocationManager));
        emit IAllocationManager.AVSMetadataURIUpdated(address(serviceManager), "ipfs://palisade");
        vm.prank(owner);
        serviceManager.updateAVSMetadataURI("ipfs://palisade");
    }

    function test_Revert_WhenNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        serviceManager.updateAVSMetadataURI("ipfs://x");
    }
}
