// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IPalisadeGuard} from "../../../src/guard/IPalisadeGuard.sol";
import {IThreatResponse} from "../../../src/interfaces/IThreatResponse.sol";
import {AlertVerdicts} from "../../../src/libraries/AlertVerdicts.sol";
import {ThreatFixture} from "../../utils/threat/ThreatFixture.sol";
import {IAlertCertifier, ThreatResponseHandler} from "./ThreatResponseHandler.sol";

/// @notice The ThreatResponse under random certified alerts, replays, early lifts, policy changes,
///         operators trying to leave and passing time, on the real AVS and core (see
///         ThreatResponseHandler): nothing is in force past the end an alert granted it, an alert id acts
///         once, a lifted action never returns without a new alert, frozen operators stay in operator set
///         0, and the contract records exactly what the model of decision 0008 says.
contract ThreatResponseInvariantsTest is ThreatFixture, IAlertCertifier {
    ThreatResponseHandler internal handler;

    function setUp() public override {
        super.setUp();
        address[] memory ops = new address[](SIGNERS);
        for (uint256 i; i < SIGNERS; ++i) {
            ops[i] = _operator(i);
        }
        handler =
            new ThreatResponseHandler(threat, this, allocationManager, address(serviceManager), owner, ops);
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](6);
        selectors[0] = ThreatResponseHandler.alert.selector;
        selectors[1] = ThreatResponseHandler.replay.selector;
        selectors[2] = ThreatResponseHandler.lift.selector;
        selectors[3] = ThreatResponseHandler.setPolicy.selector;
        selectors[4] = ThreatResponseHandler.exit.selector;
        selectors[5] = ThreatResponseHandler.advance.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// @inheritdoc IAlertCertifier
    /// @dev Signed by every operator registered at the last block, beside one filler verdict.
    function certifyAlert(IThreatResponse.AlertVerdict memory v)
        external
        returns (IPalisadeGuard.Attestation memory a)
    {
        uint32 judgedAt = _lastBlock();
        a.requestHash = _alertRequest(v.alertId, judgedAt);
        a.referenceBlock = judgedAt;
        a.response = abi.encode(v);
        bytes32[] memory leaves = new bytes32[](2);
        leaves[0] = _leaf(Entry(AlertVerdicts.MONITOR_ALERT_V1, a.requestHash, judgedAt, a.response));
        leaves[1] = keccak256(abi.encode("filler", ++batchNonce));
        (a.batchRoot, a.proof) = _merkle(leaves, 0);
        _certifyBy(serviceManager, registry, a.batchRoot, 2, judgedAt, _registered(), new uint256[](0));
    }

    /// @inheritdoc IAlertCertifier
    function registeredOperatorCount() external view returns (uint256) {
        return _registered().length;
    }

    function _registered() internal view returns (uint256[] memory ids) {
        uint256[] memory all = new uint256[](SIGNERS);
        uint256 n;
        for (uint256 i; i < SIGNERS; ++i) {
            if (registry.isRegistered(_operator(i))) all[n++] = i;
        }
        ids = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            ids[i] = all[i];
        }
    }

    // ───────────── invariants ─────────────

    function invariant_NoActionInForcePastTheEndAnAlertGranted() public view {
        for (uint256 i; i < handler.protocolCount(); ++i) {
            address protocol = handler.protocols(i);
            bytes32 key = handler.keyOf(protocol);
            assertLe(threat.pausedUntil(protocol), handler.latestEnd(key), "pause end");
            if (threat.isPaused(protocol)) {
                assertLt(block.timestamp, handler.latestEnd(key), "paused too long");
            }
        }
        for (uint64 s; s < handler.serviceCount(); ++s) {
            bytes32 key = handler.serviceKeyOf(s);
            assertLe(threat.servicePausedUntil(s), handler.latestEnd(key), "service pause end");
            if (threat.isServicePaused(s)) {
                assertLt(block.timestamp, handler.latestEnd(key), "service too long");
            }
        }
        for (uint256 i; i < handler.operatorCount(); ++i) {
            address operator = handler.operators(i);
            bytes32 key = handler.keyOf(operator);
            assertLe(threat.frozenUntil(operator), handler.latestEnd(key), "freeze end");
            if (threat.isFrozen(operator)) {
                assertLt(block.timestamp, handler.latestEnd(key), "frozen too long");
            }
        }
        assertLe(threat.thresholdFloorUntil(), handler.latestEnd(handler.FLOOR()), "floor end");
        if (threat.thresholdFloorBps() != 0) {
            assertLt(block.timestamp, handler.latestEnd(handler.FLOOR()), "floor too long");
        }
    }

    function invariant_AnAlertIdActsAtMostOnce() public view {
        assertEq(handler.replaysAccepted(), 0, "a handled alert was accepted again");
    }

    function invariant_ALiftedActionDoesNotComeBackWithoutANewAlert() public view {
        for (uint256 i; i < handler.protocolCount(); ++i) {
            address protocol = handler.protocols(i);
            bytes32 key = handler.keyOf(protocol);
            if (threat.isPaused(protocol)) {
                assertGt(handler.lastImposed(key), handler.lastLifted(key), "pause");
            }
        }
        for (uint64 s; s < handler.serviceCount(); ++s) {
            bytes32 key = handler.serviceKeyOf(s);
            if (threat.isServicePaused(s)) {
                assertGt(handler.lastImposed(key), handler.lastLifted(key), "service");
            }
        }
        for (uint256 i; i < handler.operatorCount(); ++i) {
            address operator = handler.operators(i);
            bytes32 key = handler.keyOf(operator);
            if (threat.isFrozen(operator)) {
                assertGt(handler.lastImposed(key), handler.lastLifted(key), "freeze");
            }
        }
        if (threat.thresholdFloorBps() != 0) {
            assertGt(handler.lastImposed(handler.FLOOR()), handler.lastLifted(handler.FLOOR()), "floor");
        }
    }

    function invariant_FrozenOperatorsStayInOperatorSetZero() public view {
        assertEq(handler.exitsWhileFrozen(), 0, "an exit went through while frozen");
        for (uint256 i; i < handler.operatorCount(); ++i) {
            address operator = handler.operators(i);
            if (threat.isFrozen(operator)) {
                assertTrue(allocationManager.isMemberOfOperatorSet(operator, palisadeSet), "left set 0");
                assertTrue(registry.isRegistered(operator), "left the registry");
            }
        }
    }

    function invariant_RecordsWhatTheModelSays() public view {
        assertEq(handler.unexpectedOutcomes(), 0, "respond decided unlike the model");
        for (uint256 i; i < handler.protocolCount(); ++i) {
            address protocol = handler.protocols(i);
            assertEq(threat.pausedUntil(protocol), handler.modelPausedUntil(protocol), "pausedUntil");
        }
        for (uint64 s; s < handler.serviceCount(); ++s) {
            assertEq(threat.servicePausedUntil(s), handler.modelServicePausedUntil(s), "servicePausedUntil");
        }
        for (uint256 i; i < handler.operatorCount(); ++i) {
            address operator = handler.operators(i);
            assertEq(threat.frozenUntil(operator), handler.modelFrozenUntil(operator), "frozenUntil");
        }
        assertEq(threat.thresholdFloorUntil(), handler.modelFloorUntil(), "thresholdFloorUntil");
        // forge-lint: disable-next-line(block-timestamp) the model restates the contract's rule
        bool floorInForce = block.timestamp < handler.modelFloorUntil();
        assertEq(threat.thresholdFloorBps(), floorInForce ? handler.modelFloorBps() : 0, "thresholdFloorBps");
    }
}
