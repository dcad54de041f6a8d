// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ThreatResponse} from "../../../src/avs/ThreatResponse.sol";
import {IPalisadeGuard} from "../../../src/guard/IPalisadeGuard.sol";
import {IServiceManager} from "../../../src/interfaces/IServiceManager.sol";
import {IThreatResponse} from "../../../src/interfaces/IThreatResponse.sol";
import {ThreatUnitBase} from "./ThreatUnitBase.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @notice ThreatResponse's constructor and its two-step ownership.
contract ThreatResponse_constructor is ThreatUnitBase {
    function test_SetsOwnerServiceManagerRegistryAndPolicy() public view {
        assertEq(threat.owner(), owner);
        assertEq(address(threat.serviceManager()), address(serviceManager));
        assertEq(address(threat.registry()), address(registry));
        assertEq(abi.encode(threat.policy()), abi.encode(_policy()));
    }

    function test_EmitsPolicySet() public {
        vm.expectEmit();
        emit IThreatResponse.PolicySet(_policy());
        new ThreatResponse(owner, serviceManager, _policy());
    }

    function test_Revert_WhenServiceManagerIsZero() public {
        vm.expectRevert(IThreatResponse.ZeroServiceManager.selector);
        new ThreatResponse(owner, IServiceManager(address(0)), _policy());
    }

    function test_Revert_WhenPolicyOutOfBounds() public {
        IThreatResponse.Policy memory p = _policy();
        p.freezeSeconds = 31 days;
        vm.expectRevert(
            abi.encodeWithSelector(
                IThreatResponse.PolicyOutOfBounds.selector, "freezeSeconds", 31 days, 1 hours, 30 days
            )
        );
        new ThreatResponse(owner, serviceManager, p);
    }

    function test_Revert_WhenOwnerIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new ThreatResponse(address(0), serviceManager, _policy());
    }

    function test_OwnershipMovesInTwoSteps() public {
        address next = makeAddr("timelock");
        vm.prank(owner);
        threat.transferOwnership(next);
        assertEq(threat.owner(), owner, "not before acceptance");
        assertEq(threat.pendingOwner(), next);
        vm.prank(next);
        threat.acceptOwnership();
        assertEq(threat.owner(), next);
    }
}

/// @notice The owner's early lifts: each only by the owner, only of an action in force, and final for
///         the alert that imposed it.
contract ThreatResponse_lifts is ThreatUnitBase {
    bytes32 internal alertId;
    IPalisadeGuard.Attestation internal attestation;

    function setUp() public override {
        super.setUp();
        IThreatResponse.AlertVerdict memory v;
        (v, attestation) = _attestAlert(CRITICAL, _list(_operator(1)));
        alertId = v.alertId;
        threat.respond(attestation);
    }

    function test_LiftProtocolPause() public {
        vm.expectEmit(address(threat));
        emit IThreatResponse.ProtocolPauseLifted(protocol, owner);
        vm.prank(owner);
        threat.liftProtocolPause(protocol);
        assertFalse(threat.isPaused(protocol));
        assertEq(threat.pausedUntil(protocol), 0);
        assertTrue(threat.isServicePaused(SERVICE), "the other actions stay");
        _expectHandled();
        threat.respond(attestation);
    }

    function test_LiftServicePause() public {
        vm.expectEmit(address(threat));
        emit IThreatResponse.ServicePauseLifted(SERVICE, owner);
        vm.prank(owner);
        threat.liftServicePause(SERVICE);
        assertFalse(threat.isServicePaused(SERVICE));
        assertEq(threat.servicePausedUntil(SERVICE), 0);
        assertTrue(threat.isPaused(protocol));
    }

    function test_Unfreeze() public {
        vm.expectEmit(address(threat));
        emit IThreatResponse.OperatorUnfrozen(_operator(1), owner);
        vm.prank(owner);
        threat.unfreeze(_operator(1));
        assertFalse(threat.isFrozen(_operator(1)));
        assertEq(threat.frozenUntil(_operator(1)), 0);
    }

    function test_LiftThresholdFloor() public {
        vm.expectEmit(address(threat));
        emit IThreatResponse.ThresholdFloorLifted(owner);
        vm.prank(owner);
        threat.liftThresholdFloor();
        assertEq(threat.thresholdFloorBps(), 0);
        assertEq(threat.thresholdFloorUntil(), 0);
        assertEq(serviceManager.effectiveQuorumThresholdBps(), serviceManager.quorumThresholdBps());
    }

    function test_ANewAlertActsAgainAfterALift() public {
        vm.prank(owner);
        threat.liftProtocolPause(protocol);
        threat.respond(_pauseAlert());
        assertTrue(threat.isPaused(protocol));
    }

    function test_Revert_WhenNotOwner() public {
        bytes memory notOwner =
            abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this));
        vm.expectRevert(notOwner);
        threat.liftProtocolPause(protocol);
        vm.expectRevert(notOwner);
        threat.liftServicePause(SERVICE);
        vm.expectRevert(notOwner);
        threat.unfreeze(_operator(1));
        vm.expectRevert(notOwner);
        threat.liftThresholdFloor();
    }

    function test_Revert_WhenNothingToLift() public {
        vm.startPrank(owner);
        vm.expectRevert(abi.encodeWithSelector(IThreatResponse.ProtocolNotPaused.selector, stranger));
        threat.liftProtocolPause(stranger);
        vm.expectRevert(abi.encodeWithSelector(IThreatResponse.ServiceNotPaused.selector, SERVICE + 1));
        threat.liftServicePause(SERVICE + 1);
        vm.expectRevert(abi.encodeWithSelector(IThreatResponse.OperatorNotFrozen.selector, _operator(0)));
        threat.unfreeze(_operator(0));
        vm.stopPrank();
    }

    function test_Revert_WhenLiftingAnExpiredAction() public {
        vm.warp(block.timestamp + FREEZE_SECONDS);
        vm.startPrank(owner);
        vm.expectRevert(abi.encodeWithSelector(IThreatResponse.ProtocolNotPaused.selector, protocol));
        threat.liftProtocolPause(protocol);
        vm.expectRevert(abi.encodeWithSelector(IThreatResponse.ServiceNotPaused.selector, SERVICE));
        threat.liftServicePause(SERVICE);
        vm.expectRevert(abi.encodeWithSelector(IThreatResponse.OperatorNotFrozen.selector, _operator(1)));
        threat.unfreeze(_operator(1));
        vm.expectRevert(IThreatResponse.ThresholdFloorNotRaised.selector);
        threat.liftThresholdFloor();
        vm.stopPrank();
    }

    function test_Revert_WhenLiftingTwice() public {
        vm.startPrank(owner);
        threat.liftThresholdFloor();
        vm.expectRevert(IThreatResponse.ThresholdFloorNotRaised.selector);
        threat.liftThresholdFloor();
        vm.stopPrank();
    }

    function _expectHandled() internal {
        vm.expectRevert(abi.encodeWithSelector(IThreatResponse.AlertAlreadyHandled.selector, alertId));
    }
}

/// @notice ThreatResponse.setPolicy: owner only, every field within its bounds (inclusive).
contract ThreatResponse_setPolicy is ThreatUnitBase {
    function test_SetsThePolicy() public {
        IThreatResponse.Policy memory p = IThreatResponse.Policy({
            maxAlertAge: 7200,
            minSeverity: 4,
            pauseSeconds: 5 minutes,
            servicePauseSeconds: 7 days,
            freezeSeconds: 1 hours,
            thresholdSeconds: 7 days,
            thresholdFloorBps: 10_000
        });
        vm.expectEmit(address(threat));
        emit IThreatResponse.PolicySet(p);
        vm.prank(owner);
        threat.setPolicy(p);
        assertEq(abi.encode(threat.policy()), abi.encode(p));
    }

    function test_AcceptsTheLowerBounds() public {
        IThreatResponse.Policy memory p = IThreatResponse.Policy({
            maxAlertAge: 1,
            minSeverity: 1,
            pauseSeconds: 5 minutes,
            servicePauseSeconds: 5 minutes,
            freezeSeconds: 1 hours,
            thresholdSeconds: 5 minutes,
            thresholdFloorBps: serviceManager.quorumThresholdBps()
        });
        vm.prank(owner);
        threat.setPolicy(p);
        assertEq(abi.encode(threat.policy()), abi.encode(p));
    }

    function test_Revert_WhenNotOwner() public {
        IThreatResponse.Policy memory p = _policy();
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        threat.setPolicy(p);
    }

    function test_Revert_WhenMaxAlertAgeOutOfBounds() public {
        IThreatResponse.Policy memory p = _policy();
        p.maxAlertAge = 0;
        _expectOutOfBounds("maxAlertAge", 0, 1, 7200);
        _set(p);
        p.maxAlertAge = 7201;
        _expectOutOfBounds("maxAlertAge", 7201, 1, 7200);
        _set(p);
    }

    function test_Revert_WhenMinSeverityOutOfBounds() public {
        IThreatResponse.Policy memory p = _policy();
        p.minSeverity = 0;
        _expectOutOfBounds("minSeverity", 0, 1, 4);
        _set(p);
        p.minSeverity = 5;
        _expectOutOfBounds("minSeverity", 5, 1, 4);
        _set(p);
    }

    function test_Revert_WhenPauseSecondsOutOfBounds() public {
        IThreatResponse.Policy memory p = _policy();
        p.pauseSeconds = 5 minutes - 1;
        _expectOutOfBounds("pauseSeconds", 5 minutes - 1, 5 minutes, 7 days);
        _set(p);
        p.pauseSeconds = 7 days + 1;
        _expectOutOfBounds("pauseSeconds", 7 days + 1, 5 minutes, 7 days);
        _set(p);
    }

    function test_Revert_WhenServicePauseSecondsOutOfBounds() public {
        IThreatResponse.Policy memory p = _policy();
        p.servicePauseSeconds = 5 minutes - 1;
        _expectOutOfBounds("servicePauseSeconds", 5 minutes - 1, 5 minutes, 7 days);
        _set(p);
        p.servicePauseSeconds = 7 days + 1;
        _expectOutOfBounds("servicePauseSeconds", 7 days + 1, 5 minutes, 7 days);
        _set(p);
    }

    function test_Revert_WhenFreezeSecondsOutOfBounds() public {
        IThreatResponse.Policy memory p = _policy();
        p.freezeSeconds = 1 hours - 1;
        _expectOutOfBounds("freezeSeconds", 1 hours - 1, 1 hours, 30 days);
        _set(p);
        p.freezeSeconds = 30 days + 1;
        _expectOutOfBounds("freezeSeconds", 30 days + 1, 1 hours, 30 days);
        _set(p);
    }

    function test_Revert_WhenThresholdSecondsOutOfBounds() public {
        IThreatResponse.Policy memory p = _policy();
        p.thresholdSeconds = 5 minutes - 1;
        _expectOutOfBounds("thresholdSeconds", 5 minutes - 1, 5 minutes, 7 days);
        _set(p);
        p.thresholdSeconds = 7 days + 1;
        _expectOutOfBounds("thresholdSeconds", 7 days + 1, 5 minutes, 7 days);
        _set(p);
    }

    function test_Revert_WhenFloorOutOfBounds() public {
        uint16 quorum = serviceManager.quorumThresholdBps();
        IThreatResponse.Policy memory p = _policy();
        p.thresholdFloorBps = quorum - 1;
        _expectOutOfBounds("thresholdFloorBps", quorum - 1, quorum, 10_000);
        _set(p);
        p.thresholdFloorBps = 10_001;
        _expectOutOfBounds("thresholdFloorBps", 10_001, quorum, 10_000);
        _set(p);
    }

    function test_FloorBoundFollowsTheServiceManagersThreshold() public {
        vm.prank(owner);
        serviceManager.setQuorumThreshold(9500);
        IThreatResponse.Policy memory p = _policy(); // floor 9000 < 9500 now
        _expectOutOfBounds("thresholdFloorBps", FLOOR_BPS, 9500, 10_000);
        _set(p);
    }

    function _set(IThreatResponse.Policy memory p) internal {
        vm.prank(owner);
        threat.setPolicy(p);
    }

    function _expectOutOfBounds(string memory name, uint256 value, uint256 min, uint256 max) internal {
        vm.expectRevert(
            abi.encodeWithSelector(IThreatResponse.PolicyOutOfBounds.selector, name, value, min, max)
        );
    }
}
