// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAllocationManager} from "../../../src/interfaces/IAllocationManager.sol";
import {IServiceManager} from "../../../src/interfaces/IServiceManager.sol";
import {IStrategy} from "../../../src/interfaces/IStrategy.sol";
import {SlashRequestId} from "../../../src/types/SlashRequestId.sol";
import {AVSUnitBase} from "./AVSUnitBase.sol";

/// @notice SlashingCoordinator.requestSlash.
contract RequestSlashTest is AVSUnitBase {
    function test_FilesAPendingRequest() public {
        uint64 deadline = uint64(block.number) + serviceManager.vetoWindow();
        vm.expectEmit(address(serviceManager));
        emit IServiceManager.SlashRequested(
            SlashRequestId.wrap(1),
            _operator(1),
            0.25e18,
            _one(stethStrategy),
            "ipfs://evidence",
            "h",
            deadline
        );
        SlashRequestId id = _request(_operator(1), 0.25e18);
        assertEq(SlashRequestId.unwrap(id), 1);
        assertEq(serviceManager.slashRequestCount(), 1);
        IServiceManager.SlashRequest memory r = serviceManager.getSlashRequest(id);
        assertEq(r.operator, _operator(1));
        assertEq(r.vetoDeadline, deadline);
        assertEq(uint8(r.status), uint8(IServiceManager.SlashStatus.Pending));
        assertEq(r.wadToSlash, 0.25e18);
        assertEq(r.evidenceHash, "h");
        assertEq(address(r.strategies[0]), address(stethStrategy));
    }

    function test_Revert_WhenNotTheRequester() public {
        IStrategy[] memory s = _one(stethStrategy);
        vm.expectRevert(abi.encodeWithSelector(IServiceManager.NotSlashRequester.selector, address(this)));
        serviceManager.requestSlash(_operator(1), 0.5e18, s, "", "");
    }

    function test_Revert_WhenParamsInvalid() public {
        IStrategy[] memory s = _one(stethStrategy);
        vm.startPrank(requester);
        vm.expectRevert(IServiceManager.InvalidSlashParams.selector);
        serviceManager.requestSlash(_operator(1), 0.5e18, new IStrategy[](0), "", "");
        vm.expectRevert(IServiceManager.InvalidSlashParams.selector);
        serviceManager.requestSlash(_operator(1), 0, s, "", "");
        vm.expectRevert(IServiceManager.InvalidSlashParams.selector);
        serviceManager.requestSlash(_operator(1), WAD + 1, s, "", "");
        vm.stopPrank();
    }

    function test_Revert_WhenOperatorUnknown() public {
        IStrategy[] memory s = _one(stethStrategy);
        vm.prank(requester);
        vm.expectRevert(abi.encodeWithSelector(IServiceManager.UnknownOperator.selector, _operator(9)));
        serviceManager.requestSlash(_operator(9), 0.5e18, s, "", "");
    }

    function test_Revert_WhenOperatorAlreadyLeft() public {
        _leave(_operator(1));
        IStrategy[] memory s = _one(stethStrategy);
        uint64 deadline = uint64(block.number) + serviceManager.vetoWindow();
        vm.prank(requester);
        vm.expectRevert(
            abi.encodeWithSelector(IServiceManager.NotSlashableUntilDeadline.selector, _operator(1), deadline)
        );
        serviceManager.requestSlash(_operator(1), 0.5e18, s, "", "");
    }

    function test_Revert_WhenCoreDelayLoweredBelowTheWindow() public {
        uint64 window = serviceManager.vetoWindow();
        // forge-lint: disable-next-line(unsafe-typecast) the window is a few blocks here
        uint32 delay = uint32(window);
        vm.prank(owner);
        allocationManager.setDeallocationDelay(delay);
        IStrategy[] memory s = _one(stethStrategy);
        vm.prank(requester);
        vm.expectRevert(
            abi.encodeWithSelector(
                IServiceManager.VetoWindowNotBelowDeallocationDelay.selector, window, delay
            )
        );
        serviceManager.requestSlash(_operator(1), 0.5e18, s, "", "");
    }

    function test_Revert_WhenSlashingPaused() public {
        _pause(address(serviceManager), 2);
        IStrategy[] memory s = _one(stethStrategy);
        vm.prank(requester);
        _expectPaused(2);
        serviceManager.requestSlash(_operator(1), 0.5e18, s, "", "");
    }
}

/// @notice SlashingCoordinator.veto.
contract VetoTest is AVSUnitBase {
    function test_VetoesAPendingRequest() public {
        SlashRequestId id = _request(_operator(1), 0.5e18);
        vm.roll(block.number + serviceManager.vetoWindow() - 1); // last block of the window
        vm.expectEmit(address(serviceManager));
        emit IServiceManager.SlashVetoed(id, committee);
        vm.prank(committee);
        serviceManager.veto(id);
        assertEq(uint8(serviceManager.getSlashRequest(id).status), uint8(IServiceManager.SlashStatus.Vetoed));
    }

    function test_WorksWhileSlashingPaused() public {
        SlashRequestId id = _request(_operator(1), 0.5e18);
        _pause(address(serviceManager), 2);
        vm.prank(committee);
        serviceManager.veto(id);
    }

    function test_Revert_WhenNotTheCommittee() public {
        SlashRequestId id = _request(_operator(1), 0.5e18);
        vm.expectRevert(abi.encodeWithSelector(IServiceManager.NotVetoCommittee.selector, address(this)));
        serviceManager.veto(id);
    }

    function test_Revert_WhenWindowClosed() public {
        SlashRequestId id = _request(_operator(1), 0.5e18);
        uint64 deadline = serviceManager.getSlashRequest(id).vetoDeadline;
        vm.roll(deadline);
        vm.prank(committee);
        vm.expectRevert(abi.encodeWithSelector(IServiceManager.VetoWindowClosed.selector, id, deadline));
        serviceManager.veto(id);
    }

    function test_Revert_WhenNotPending() public {
        SlashRequestId unknown = SlashRequestId.wrap(42);
        vm.prank(committee);
        vm.expectRevert(
            abi.encodeWithSelector(
                IServiceManager.SlashNotPending.selector, unknown, IServiceManager.SlashStatus.None
            )
        );
        serviceManager.veto(unknown);

        SlashRequestId id = _request(_operator(1), 0.5e18);
        vm.startPrank(committee);
        serviceManager.veto(id);
        vm.expectRevert(
            abi.encodeWithSelector(
                IServiceManager.SlashNotPending.selector, id, IServiceManager.SlashStatus.Vetoed
            )
        );
        serviceManager.veto(id);
        vm.stopPrank();
    }
}

/// @notice SlashingCoordinator.executeSlash.
contract ExecuteSlashTest is AVSUnitBase {
    function test_ExecutesAtTheDeadline() public {
        SlashRequestId id = _request(_operator(1), 0.5e18);
        vm.roll(serviceManager.getSlashRequest(id).vetoDeadline);
        vm.expectEmit(address(serviceManager));
        emit IServiceManager.SlashExecuted(id, _operator(1), 1);
        assertEq(serviceManager.executeSlash(id), 1);
        assertEq(
            uint8(serviceManager.getSlashRequest(id).status), uint8(IServiceManager.SlashStatus.Executed)
        );
        assertEq(delegation.operatorShares(_operator(1), stethStrategy), 1666.5e18);
        assertEq(registry.stakeOf(_operator(1)), 1666.5e18, "registry refreshed");
    }

    function test_Revert_WhenWindowOpen() public {
        SlashRequestId id = _request(_operator(1), 0.5e18);
        uint64 deadline = serviceManager.getSlashRequest(id).vetoDeadline;
        vm.roll(deadline - 1);
        vm.expectRevert(abi.encodeWithSelector(IServiceManager.VetoWindowOpen.selector, id, deadline));
        serviceManager.executeSlash(id);
    }

    function test_Revert_WhenNotPending() public {
        SlashRequestId id = _request(_operator(1), 0.5e18);
        vm.roll(serviceManager.getSlashRequest(id).vetoDeadline);
        serviceManager.executeSlash(id);
        vm.expectRevert(
            abi.encodeWithSelector(
                IServiceManager.SlashNotPending.selector, id, IServiceManager.SlashStatus.Executed
            )
        );
        serviceManager.executeSlash(id);
    }

    function test_Revert_WhenSlashingPaused() public {
        SlashRequestId id = _request(_operator(1), 0.5e18);
        vm.roll(serviceManager.getSlashRequest(id).vetoDeadline);
        _pause(address(serviceManager), 2);
        _expectPaused(2);
        serviceManager.executeSlash(id);
    }
}

/// @notice The veto window against the core's exit delay: an operator that leaves as soon as a
///         request is filed is still slashable when the window ends.
contract VetoWindowVsExitTest is AVSUnitBase {
    function test_OperatorLeavingRightAfterTheRequestIsStillSlashed() public {
        SlashRequestId id = _request(_operator(1), 0.5e18);
        _leave(_operator(1));
        assertFalse(registry.isRegistered(_operator(1)));
        vm.roll(serviceManager.getSlashRequest(id).vetoDeadline);
        serviceManager.executeSlash(id);
        assertEq(delegation.operatorShares(_operator(1), stethStrategy), 1666.5e18);
    }

    function test_OperatorLeavingJustBeforeTheDeadlineIsStillSlashed() public {
        SlashRequestId id = _request(_operator(1), 0.5e18);
        uint64 deadline = serviceManager.getSlashRequest(id).vetoDeadline;
        vm.roll(deadline - 1);
        _leave(_operator(1));
        vm.roll(deadline);
        serviceManager.executeSlash(id);
        assertEq(delegation.operatorShares(_operator(1), stethStrategy), 1666.5e18);
    }

    /// @dev The bad case the bound exists for: a window as long as the delay would end exactly when
    ///      an operator that left at the request stops being slashable.
    function test_Revert_WhenWindowWouldOutlastTheExitDelay() public {
        vm.prank(owner);
        vm.expectRevert(
            abi.encodeWithSelector(
                IServiceManager.VetoWindowNotBelowDeallocationDelay.selector,
                uint64(DEALLOCATION_DELAY),
                DEALLOCATION_DELAY
            )
        );
        serviceManager.setVetoWindow(DEALLOCATION_DELAY);
    }

    /// @dev What remains: executors have `delay − window` blocks after the deadline.
    function test_ExecutionTooLateAfterAnExitFails() public {
        SlashRequestId id = _request(_operator(1), 0.5e18);
        _leave(_operator(1));
        vm.roll(block.number + DEALLOCATION_DELAY);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAllocationManager.OperatorNotSlashable.selector, _operator(1), address(serviceManager), 0
            )
        );
        serviceManager.executeSlash(id);
    }

    function testFuzz_AnyExitBlockInsideTheWindowStaysSlashable(uint64 window, uint256 exitOffset) public {
        window = uint64(bound(window, 1, DEALLOCATION_DELAY - 1));
        vm.prank(owner);
        serviceManager.setVetoWindow(window);
        SlashRequestId id = _request(_operator(2), 1e18);
        uint64 deadline = serviceManager.getSlashRequest(id).vetoDeadline;
        vm.roll(block.number + bound(exitOffset, 0, window));
        _leave(_operator(2));
        if (block.number < deadline) vm.roll(deadline);
        serviceManager.executeSlash(id);
        assertEq(delegation.operatorShares(_operator(2), stethStrategy), 0, "the whole allocation");
    }
}

/// @notice SlashingCoordinator.proveEquivocation.
contract ProveEquivocationTest is AVSUnitBase {
    function test_SlashesAtOnce() public {
        IServiceManager.Attestation memory a = _attestation(".equivocation.a");
        vm.expectEmit(address(serviceManager));
        emit IServiceManager.EquivocationSlashed(_operator(1), a.verdict.requestHash, address(this), 1);
        serviceManager.proveEquivocation(_operator(1), a, _attestation(".equivocation.b"));
        assertEq(delegation.operatorShares(_operator(1), stethStrategy), 1666.5e18);
        assertTrue(serviceManager.equivocationSlashed(_operator(1), a.verdict.requestHash));
    }

    function test_Revert_WhenNotConflicting() public {
        IServiceManager.Attestation memory a = _attestation(".equivocation.a");
        IServiceManager.Attestation memory b = _attestation(".equivocation.b");
        _expectNotConflicting(a, a); // same response
        b.verdict.requestHash = keccak256("other request");
        _expectNotConflicting(a, b);
        b = _attestation(".equivocation.b");
        b.verdict.engineVersion = keccak256("other engine");
        _expectNotConflicting(a, b);
        b = _attestation(".equivocation.b");
        b.verdict.referenceBlock = REFERENCE_BLOCK + 1;
        _expectNotConflicting(a, b);
    }

    function test_Revert_WhenAlreadySlashedForTheRequest() public {
        IServiceManager.Attestation memory a = _attestation(".equivocation.a");
        IServiceManager.Attestation memory b = _attestation(".equivocation.b");
        serviceManager.proveEquivocation(_operator(1), a, b);
        vm.expectRevert(
            abi.encodeWithSelector(
                IServiceManager.AlreadySlashedForEquivocation.selector, _operator(1), a.verdict.requestHash
            )
        );
        serviceManager.proveEquivocation(_operator(1), b, a);
    }

    function test_Revert_WhenOperatorUnknown() public {
        IServiceManager.Attestation memory a = _attestation(".equivocation.a");
        IServiceManager.Attestation memory b = _attestation(".equivocation.b");
        vm.expectRevert(abi.encodeWithSelector(IServiceManager.UnknownOperator.selector, _operator(9)));
        serviceManager.proveEquivocation(_operator(9), a, b);
    }

    function test_Revert_WhenProofInvalid() public {
        IServiceManager.Attestation memory a = _attestation(".equivocation.a");
        IServiceManager.Attestation memory b = _attestation(".equivocation.b");
        a.proof[0] = keccak256("not a sibling");
        vm.expectRevert(abi.encodeWithSelector(IServiceManager.InvalidMerkleProof.selector, a.batchRoot));
        serviceManager.proveEquivocation(_operator(1), a, b);
    }

    function test_Revert_WhenSignatureNotTheOperators() public {
        IServiceManager.Attestation memory a = _attestation(".equivocation.a");
        IServiceManager.Attestation memory b = _attestation(".equivocation.b");
        vm.expectRevert(
            abi.encodeWithSelector(
                IServiceManager.InvalidAttestationSignature.selector, _operator(2), a.batchRoot
            )
        );
        serviceManager.proveEquivocation(_operator(2), a, b);
    }

    function test_Revert_WhenSlashingPaused() public {
        IServiceManager.Attestation memory a = _attestation(".equivocation.a");
        IServiceManager.Attestation memory b = _attestation(".equivocation.b");
        _pause(address(serviceManager), 2);
        _expectPaused(2);
        serviceManager.proveEquivocation(_operator(1), a, b);
    }

    function _expectNotConflicting(IServiceManager.Attestation memory a, IServiceManager.Attestation memory b)
        internal
    {
        vm.expectRevert(IServiceManager.NotConflicting.selector);
        serviceManager.proveEquivocation(_operator(1), a, b);
    }

    function _attestation(string memory path) internal view returns (IServiceManager.Attestation memory att) {
        att.batchRoot = vm.parseJsonBytes32(fixture, string.concat(path, ".batchRoot"));
        att.referenceBlock = REFERENCE_BLOCK;
        att.signature = _g2(string.concat(path, ".signature"));
        att.verdict = _verdict(string.concat(path, ".verdict"));
        att.proof = _proof(string.concat(path, ".proof"));
    }
}
