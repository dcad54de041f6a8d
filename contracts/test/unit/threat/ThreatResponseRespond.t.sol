// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IPalisadeGuard} from "../../../src/guard/IPalisadeGuard.sol";
import {IThreatResponse} from "../../../src/interfaces/IThreatResponse.sol";
import {AlertVerdicts} from "../../../src/libraries/AlertVerdicts.sol";
import {ThreatUnitBase} from "./ThreatUnitBase.sol";

/// @notice ThreatResponse.respond: the checks, in their order, and each action.
contract ThreatResponse_respond is ThreatUnitBase {
    // ───────────── actions ─────────────

    function test_PausesAnOptedInProtocolOnly() public {
        IPalisadeGuard.Attestation memory a = _pauseAlert();
        uint64 until = _now() + MAX_PAUSE; // the protocol's cap is below the policy's pause
        bytes32 alertId = _alertIdOf(a);
        vm.expectEmit(address(threat));
        emit IThreatResponse.ProtocolPaused(protocol, alertId, until);
        vm.expectEmit(address(threat));
        emit IThreatResponse.AlertHandled(alertId, a.batchRoot, protocol, 0, FLASH_LOAN_EXPLOIT, HIGH, 1);
        assertEq(threat.respond(a), 1, "pause only");
        assertEq(threat.pausedUntil(protocol), until);
        assertTrue(threat.isPaused(protocol));
        assertTrue(threat.alertHandled(alertId));
        assertEq(threat.thresholdFloorBps(), 0, "a high alert raises no floor");
    }

    function test_PauseIsThePolicysWhenShorterThanTheProtocolsMax() public {
        vm.prank(protocol);
        threat.optIn(3 days);
        threat.respond(_pauseAlert());
        assertEq(threat.pausedUntil(protocol), _now() + PAUSE_SECONDS);
    }

    function test_DoesNotPauseAProtocolThatDidNotOptIn() public {
        IPalisadeGuard.Attestation memory a = _certifyAlert(_alert(HIGH, stranger, 0, _none()));
        vm.expectEmit(address(threat));
        emit IThreatResponse.AlertHandled(
            _alertIdOf(a), a.batchRoot, stranger, 0, FLASH_LOAN_EXPLOIT, HIGH, 0
        );
        assertEq(threat.respond(a), 0, "nothing applies");
        assertFalse(threat.isPaused(stranger));
        assertTrue(threat.alertHandled(_alertIdOf(a)), "the id is spent all the same");
    }

    function test_PausesTheService() public {
        IPalisadeGuard.Attestation memory a = _certifyAlert(_alert(HIGH, stranger, SERVICE, _none()));
        uint64 until = _now() + SERVICE_PAUSE_SECONDS;
        vm.expectEmit(address(threat));
        emit IThreatResponse.ServicePaused(SERVICE, _alertIdOf(a), until);
        assertEq(threat.respond(a), 2);
        assertEq(threat.servicePausedUntil(SERVICE), until);
        assertTrue(threat.isServicePaused(SERVICE));
        assertFalse(threat.isServicePaused(SERVICE + 1));
    }

    function test_FreezesRegisteredImplicatedOperatorsOnly() public {
        address outsider = makeAddr("not an operator");
        address[] memory suspects = _list(_operator(2), outsider);
        IPalisadeGuard.Attestation memory a = _certifyAlert(_alert(HIGH, stranger, 0, suspects));
        uint64 until = _now() + FREEZE_SECONDS;
        vm.expectEmit(address(threat));
        emit IThreatResponse.OperatorFrozen(_operator(2), _alertIdOf(a), until);
        assertEq(threat.respond(a), 4);
        assertEq(threat.frozenUntil(_operator(2)), until);
        assertTrue(threat.isFrozen(_operator(2)));
        assertFalse(threat.isFrozen(outsider));
        assertFalse(threat.isFrozen(_operator(1)));
    }

    function test_NoFreezeBitWhenNoImplicatedOperatorIsRegistered() public {
        IPalisadeGuard.Attestation memory a =
            _certifyAlert(_alert(HIGH, stranger, 0, _list(makeAddr("not an operator"))));
        assertEq(threat.respond(a), 0);
    }

    function test_CriticalAlertTakesAllFourActions() public {
        (IThreatResponse.AlertVerdict memory v, IPalisadeGuard.Attestation memory a) =
            _attestAlert(CRITICAL, _list(_operator(0), _operator(3)));
        uint64 t = _now();
        vm.expectEmit(address(threat));
        emit IThreatResponse.ProtocolPaused(protocol, v.alertId, t + MAX_PAUSE);
        vm.expectEmit(address(threat));
        emit IThreatResponse.ServicePaused(SERVICE, v.alertId, t + SERVICE_PAUSE_SECONDS);
        vm.expectEmit(address(threat));
        emit IThreatResponse.OperatorFrozen(_operator(0), v.alertId, t + FREEZE_SECONDS);
        vm.expectEmit(address(threat));
        emit IThreatResponse.OperatorFrozen(_operator(3), v.alertId, t + FREEZE_SECONDS);
        vm.expectEmit(address(threat));
        emit IThreatResponse.ThresholdFloorRaised(v.alertId, FLOOR_BPS, t + THRESHOLD_SECONDS);
        vm.expectEmit(address(threat));
        emit IThreatResponse.AlertHandled(
            v.alertId, a.batchRoot, protocol, SERVICE, FLASH_LOAN_EXPLOIT, CRITICAL, 15
        );
        assertEq(threat.respond(a), 15);
        assertTrue(threat.isPaused(protocol) && threat.isServicePaused(SERVICE));
        assertTrue(threat.isFrozen(_operator(0)) && threat.isFrozen(_operator(3)));
        assertEq(threat.thresholdFloorBps(), FLOOR_BPS);
        assertEq(threat.thresholdFloorUntil(), t + THRESHOLD_SECONDS);
        assertEq(serviceManager.effectiveQuorumThresholdBps(), FLOOR_BPS);
    }

    function test_AnyoneMayRespond() public {
        IPalisadeGuard.Attestation memory a = _pauseAlert();
        vm.prank(makeAddr("anyone"));
        threat.respond(a);
        assertTrue(threat.isPaused(protocol));
    }

    function test_AcceptsAnAlertExactlyMaxAgeOld() public {
        IPalisadeGuard.Attestation memory a = _pauseAlert();
        vm.roll(a.referenceBlock + MAX_ALERT_AGE);
        threat.respond(a);
        assertTrue(threat.isPaused(protocol));
    }

    function test_ALaterAlertNeverShortensAnAction() public {
        vm.prank(protocol);
        threat.optIn(3 days);
        threat.respond(_pauseAlert());
        uint64 first = threat.pausedUntil(protocol);
        vm.warp(block.timestamp + 1 hours);
        vm.prank(protocol);
        threat.optIn(10 minutes); // a shorter cap applies to later pauses, never to the current one
        threat.respond(_pauseAlert());
        assertEq(threat.pausedUntil(protocol), first);
    }

    function test_AHigherFloorInForceIsKept() public {
        threat.respond(_certifyAlert(_alert(CRITICAL, stranger, 0, _none())));
        IThreatResponse.Policy memory p = _policy();
        p.thresholdFloorBps = 8000;
        vm.prank(owner);
        threat.setPolicy(p);
        vm.warp(block.timestamp + 1 hours);
        threat.respond(_certifyAlert(_alert(CRITICAL, stranger, 0, _none())));
        assertEq(threat.thresholdFloorBps(), FLOOR_BPS, "the higher floor stays");
        assertEq(threat.thresholdFloorUntil(), _now() + THRESHOLD_SECONDS, "until the later end");
    }

    function test_AnExpiredFloorIsReplacedByTheNewOne() public {
        threat.respond(_certifyAlert(_alert(CRITICAL, stranger, 0, _none())));
        IThreatResponse.Policy memory p = _policy();
        p.thresholdFloorBps = 8000;
        vm.prank(owner);
        threat.setPolicy(p);
        vm.warp(block.timestamp + THRESHOLD_SECONDS);
        assertEq(threat.thresholdFloorBps(), 0, "expired");
        threat.respond(_certifyAlert(_alert(CRITICAL, stranger, 0, _none())));
        assertEq(threat.thresholdFloorBps(), 8000);
    }

    // ───────────── checks, in order ─────────────

    function test_Revert_WhenBatchNotSubmitted() public {
        IPalisadeGuard.Attestation memory a = _pauseAlert();
        a.batchRoot = keccak256("a root nobody certified");
        _expectNotProven(a);
        threat.respond(a);
    }

    function test_Revert_WhenResponseAltered() public {
        IThreatResponse.AlertVerdict memory v = _alert(HIGH, stranger, 0, _none());
        IPalisadeGuard.Attestation memory a = _certifyAlert(v);
        v.protocol = protocol; // redirect the certified alert at another protocol
        a.response = abi.encode(v);
        _expectNotProven(a);
        threat.respond(a);
    }

    function test_Revert_WhenVerdictOfAnotherEngine() public {
        IThreatResponse.AlertVerdict memory v = _alert(CRITICAL, protocol, 0, _none());
        // the same bytes certified as another engine's answer
        IPalisadeGuard.Attestation memory a = _attest(
            keccak256("tx-firewall@1"), _alertRequest(v.alertId, _lastBlock()), _lastBlock(), abi.encode(v)
        );
        _expectNotProven(a);
        threat.respond(a);
    }

    function test_Revert_WhenReferenceBlockMadeNewer() public {
        IPalisadeGuard.Attestation memory a = _pauseAlert();
        vm.roll(block.number + MAX_ALERT_AGE + 10);
        a.referenceBlock = _lastBlock(); // claim a fresh block to dodge the age check
        _expectNotProven(a);
        threat.respond(a);
    }

    function test_Revert_WhenFromTheFuture() public {
        IThreatResponse.AlertVerdict memory v = _alert(HIGH, protocol, 0, _none());
        // forge-lint: disable-next-line(unsafe-typecast) test block numbers are small
        uint32 future = uint32(block.number + 5);
        IPalisadeGuard.Attestation memory a = _attestIn(
            AlertVerdicts.MONITOR_ALERT_V1,
            _alertRequest(v.alertId, future),
            future,
            abi.encode(v),
            _lastBlock()
        );
        vm.expectRevert(
            abi.encodeWithSelector(IThreatResponse.AlertFromFuture.selector, future, block.number)
        );
        threat.respond(a);
    }

    function test_Revert_WhenTooOld() public {
        IPalisadeGuard.Attestation memory a = _pauseAlert();
        vm.roll(a.referenceBlock + MAX_ALERT_AGE + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IThreatResponse.AlertTooOld.selector, a.referenceBlock, MAX_ALERT_AGE)
        );
        threat.respond(a);
    }

    function test_Revert_WhenResponseMalformed() public {
        // a certified answer that is not an AlertVerdict: a security engine's 160-byte response
        bytes32 alertId = _newAlertId();
        IPalisadeGuard.Attestation memory a =
            _certifyAlertResponse(alertId, abi.encode(alertId, uint8(2), 0, 0, bytes32(0)));
        vm.expectRevert(abi.encodeWithSelector(IThreatResponse.MalformedAlertVerdict.selector, 160));
        threat.respond(a);
    }

    function test_Revert_WhenAboutAnotherChain() public {
        IThreatResponse.AlertVerdict memory v = _alert(CRITICAL, protocol, 0, _none());
        v.chainId = 1;
        IPalisadeGuard.Attestation memory a = _certifyAlert(v);
        vm.expectRevert(abi.encodeWithSelector(IThreatResponse.WrongChain.selector, 1, block.chainid));
        threat.respond(a);
    }

    function test_Revert_WhenAlreadyHandled() public {
        IPalisadeGuard.Attestation memory a = _pauseAlert();
        threat.respond(a);
        vm.expectRevert(abi.encodeWithSelector(IThreatResponse.AlertAlreadyHandled.selector, _alertIdOf(a)));
        threat.respond(a);
    }

    function test_Revert_WhenSameAlertIdCertifiedInAnotherBatch() public {
        IThreatResponse.AlertVerdict memory v = _alert(HIGH, protocol, 0, _none());
        threat.respond(_certifyAlert(v));
        vm.roll(block.number + 1);
        IPalisadeGuard.Attestation memory again = _certifyAlert(v); // re-certified at a later block
        vm.expectRevert(abi.encodeWithSelector(IThreatResponse.AlertAlreadyHandled.selector, v.alertId));
        threat.respond(again);
    }

    function test_Revert_WhenNotReproduced() public {
        IThreatResponse.AlertVerdict memory v;
        v.alertId = _newAlertId();
        v.chainId = CHAIN_ID;
        IPalisadeGuard.Attestation memory a = _certifyAlert(v);
        vm.expectRevert(abi.encodeWithSelector(IThreatResponse.AlertNotReproduced.selector, v.alertId));
        threat.respond(a);
        assertFalse(threat.alertHandled(v.alertId));
    }

    function test_Revert_WhenBelowMinimumSeverity() public {
        IPalisadeGuard.Attestation memory a = _certifyAlert(_alert(MEDIUM, protocol, SERVICE, _none()));
        vm.expectRevert(abi.encodeWithSelector(IThreatResponse.SeverityBelowMinimum.selector, MEDIUM, HIGH));
        threat.respond(a);
        assertFalse(threat.isPaused(protocol));
    }

    // ───────────── helpers ─────────────

    function _alertIdOf(IPalisadeGuard.Attestation memory a) internal pure returns (bytes32) {
        return abi.decode(a.response, (IThreatResponse.AlertVerdict)).alertId;
    }

    function _expectNotProven(IPalisadeGuard.Attestation memory a) internal {
        vm.expectRevert(
            abi.encodeWithSelector(IThreatResponse.AlertNotProven.selector, a.batchRoot, a.requestHash)
        );
    }
}

/// @notice ThreatResponse's views of expired actions: nothing is in force from `until` on.
contract ThreatResponse_views is ThreatUnitBase {
    function test_EveryActionEndsAtItsUntil() public {
        (, IPalisadeGuard.Attestation memory a) = _attestAlert(CRITICAL, _list(_operator(1)));
        threat.respond(a);
        uint64 t = _now();
        vm.warp(t + MAX_PAUSE - 1);
        assertTrue(threat.isPaused(protocol));
        vm.warp(t + MAX_PAUSE);
        assertFalse(threat.isPaused(protocol));
        assertEq(threat.pausedUntil(protocol), t + MAX_PAUSE, "the raw end stays readable");

        vm.warp(t + THRESHOLD_SECONDS - 1);
        assertEq(threat.thresholdFloorBps(), FLOOR_BPS);
        vm.warp(t + THRESHOLD_SECONDS);
        assertEq(threat.thresholdFloorBps(), 0);
        assertEq(threat.thresholdFloorUntil(), t + THRESHOLD_SECONDS);
        assertEq(serviceManager.effectiveQuorumThresholdBps(), serviceManager.quorumThresholdBps());

        vm.warp(t + SERVICE_PAUSE_SECONDS - 1);
        assertTrue(threat.isServicePaused(SERVICE));
        vm.warp(t + SERVICE_PAUSE_SECONDS);
        assertFalse(threat.isServicePaused(SERVICE));

        vm.warp(t + FREEZE_SECONDS - 1);
        assertTrue(threat.isFrozen(_operator(1)));
        vm.warp(t + FREEZE_SECONDS);
        assertFalse(threat.isFrozen(_operator(1)));
    }

    function test_NothingInForceByDefault() public view {
        assertEq(threat.pausedUntil(protocol), 0);
        assertFalse(threat.isPaused(protocol));
        assertEq(threat.servicePausedUntil(SERVICE), 0);
        assertFalse(threat.isServicePaused(SERVICE));
        assertEq(threat.frozenUntil(_operator(0)), 0);
        assertFalse(threat.isFrozen(_operator(0)));
        assertEq(threat.thresholdFloorBps(), 0);
        assertEq(threat.thresholdFloorUntil(), 0);
        assertFalse(threat.alertHandled(bytes32(0)));
    }

    function test_Constants() public view {
        assertEq(threat.MONITOR_ALERT_V1(), keccak256("monitor-alert@1"));
        assertEq(threat.MAX_ALERT_AGE_LIMIT(), registry.REFERENCE_WINDOW());
        assertEq(address(threat.serviceManager()), address(serviceManager));
        assertEq(address(threat.registry()), address(registry));
    }
}
