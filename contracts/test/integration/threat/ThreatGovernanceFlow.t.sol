// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ThreatResponse} from "../../../src/avs/ThreatResponse.sol";
import {IPalisadeGuard} from "../../../src/guard/IPalisadeGuard.sol";
import {IAVSRegistrar} from "../../../src/interfaces/IAVSRegistrar.sol";
import {IAllocationManager} from "../../../src/interfaces/IAllocationManager.sol";
import {IDelegationManager} from "../../../src/interfaces/IDelegationManager.sol";
import {IMarketplace} from "../../../src/interfaces/IMarketplace.sol";
import {IServiceManager} from "../../../src/interfaces/IServiceManager.sol";
import {IThreatResponse} from "../../../src/interfaces/IThreatResponse.sol";
import {AlertVerdicts} from "../../../src/libraries/AlertVerdicts.sol";
import {AttestationLib} from "../../../src/libraries/AttestationLib.sol";
import {BLS12381} from "../../../src/libraries/BLS12381.sol";
import {ProviderId, ServiceId} from "../../../src/types/MarketplaceIds.sol";
import {GovernanceFixture} from "../../utils/GovernanceFixture.sol";
import {TestSigners} from "../../utils/guard/TestSigners.sol";
import {AlertBuilder} from "../../utils/threat/AlertBuilder.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @notice Decision 0008 under governance (decision 0006): the ThreatResponse is owned by the timelock,
///         governance wires it into the ServiceManager, the DelegationManager and the Marketplace by a
///         proposal, a certified critical alert pauses a marketplace service, freezes an implicated
///         operator (its staker's withdrawal is held) and raises the attestation threshold, and a second
///         proposal lifts all three early. The four operators sign with keys the test holds (TestSigners),
///         so the alert is certified for real.
contract ThreatGovernanceFlowTest is GovernanceFixture, TestSigners, AlertBuilder {
    /// @dev a proposal takes votingDelay + votingPeriod + the timelock delay = 6 days: the actions last
    ///      longer, so governance has something left to lift
    uint32 internal constant WEEK = 7 days;
    uint32 internal constant FREEZE = 30 days;

    ThreatResponse internal threat;
    ProviderId internal providerId;
    ServiceId internal serviceId;

    function setUp() public override {
        super.setUp();
        threat = new ThreatResponse(
            address(timelock),
            serviceManager,
            IThreatResponse.Policy({
                maxAlertAge: 300,
                minSeverity: HIGH,
                pauseSeconds: WEEK,
                servicePauseSeconds: WEEK,
                freezeSeconds: FREEZE,
                thresholdSeconds: WEEK,
                thresholdFloorBps: 9000
            })
        );
        vm.startPrank(vendor);
        pal.approve(address(market), type(uint256).max);
        providerId = market.registerProvider(PROVIDER_STAKE, "ipfs://vendor", "https://vendor.example");
        serviceId = market.registerService(
            providerId, IMarketplace.Category.Monitoring, PRICE, "/v1/monitor", "ipfs://s"
        );
        vm.stopPrank();
        vm.prank(wallet);
        pal.approve(address(market), type(uint256).max);
    }

    /// @dev GovernanceFixture's four operators of 100 stETH, with keys this suite signs with.
    function _onboardOperators() internal override {
        vm.roll(ONBOARD_BLOCK);
        address[] memory operators = new address[](4);
        for (uint256 i; i < 4; ++i) {
            operators[i] = _operator(i);
            uint256 sk = _secretKey(i);
            BLS12381.G1Point memory pk = _publicKey(sk);
            BLS12381.G2Point memory pop =
                _sign(sk, AttestationLib.popDigest(address(registry), operators[i], pk));
            _join(operators[i], 100e18, _registrationData(pk, pop));
            // forge-lint: disable-next-line(unsafe-typecast) WAD = 1e18 fits 64 bits
            _allocate(operators[i], palisadeSet, stethStrategy, uint64(WAD));
        }
        vm.roll(ONBOARD_BLOCK + ALLOCATION_DELAY + 1);
        registry.updateStakes(operators);
        vm.roll(REFERENCE_BLOCK + 1);
    }

    function test_GovernanceWiresTheThreatResponseAndLiftsItsActionsEarly() public {
        // 1. governance turns the hooks on
        Proposal memory wire = _proposal(
            address(serviceManager),
            abi.encodeCall(IServiceManager.setThreatResponse, (threat)),
            "Threat response: wire ThreatResponse into the ServiceManager, the core and the marketplace"
        );
        wire.targets = _three(address(serviceManager), address(delegation), address(market));
        wire.values = new uint256[](3);
        wire.calldatas = new bytes[](3);
        wire.calldatas[0] = abi.encodeCall(IServiceManager.setThreatResponse, (threat));
        wire.calldatas[1] = abi.encodeCall(IDelegationManager.setThreatResponse, (threat));
        wire.calldatas[2] = abi.encodeCall(IMarketplace.setThreatResponse, (threat));
        _govern(wire);
        assertEq(address(serviceManager.threatResponse()), address(threat));
        assertEq(address(delegation.threatResponse()), address(threat));
        assertEq(address(market.threatResponse()), address(threat));

        // 2. carol (delegated to operator 0) queues a withdrawal; then a critical alert about the protocol
        //    the vendor's service watches implicates operator 0
        vm.roll(block.number + 1);
        bytes32 carolRoot = _queueAll(carol);
        IThreatResponse.AlertVerdict memory v =
            _alert(CRITICAL, makeAddr("watched protocol"), ServiceId.unwrap(serviceId), _list(_operator(0)));
        IPalisadeGuard.Attestation memory a = _certifyAlert(v);
        assertEq(threat.respond(a), 2 | 4 | 8, "service paused, operator frozen, threshold raised");
        uint64 serviceUntil = threat.servicePausedUntil(ServiceId.unwrap(serviceId));
        uint64 frozenUntil = threat.frozenUntil(_operator(0));

        vm.expectRevert(
            abi.encodeWithSelector(
                IMarketplace.ServicePausedByThreatResponse.selector, serviceId, serviceUntil
            )
        );
        vm.prank(wallet);
        market.purchase(serviceId, 10, PRICE, uint40(block.timestamp + 1 days));
        vm.expectRevert(
            abi.encodeWithSelector(IAVSRegistrar.OperatorFrozen.selector, _operator(0), frozenUntil)
        );
        _leave(_operator(0));
        vm.roll(block.number + WITHDRAWAL_DELAY);
        vm.expectRevert(
            abi.encodeWithSelector(IDelegationManager.OperatorFrozen.selector, _operator(0), frozenUntil)
        );
        vm.prank(carol);
        delegation.completeQueuedWithdrawal(carolRoot, true);
        assertEq(serviceManager.effectiveQuorumThresholdBps(), 9000);

        // 3. governance looks at the incident and lifts the three actions early, by one proposal
        Proposal memory lift = _proposal(
            address(threat),
            abi.encodeCall(IThreatResponse.unfreeze, (_operator(0))),
            "Threat response: the alert was a false positive, lift its actions"
        );
        lift.targets = _three(address(threat), address(threat), address(threat));
        lift.values = new uint256[](3);
        lift.calldatas = new bytes[](3);
        lift.calldatas[0] = abi.encodeCall(IThreatResponse.unfreeze, (_operator(0)));
        lift.calldatas[1] = abi.encodeCall(IThreatResponse.liftServicePause, (ServiceId.unwrap(serviceId)));
        lift.calldatas[2] = abi.encodeCall(IThreatResponse.liftThresholdFloor, ());
        uint256 id = _passAndQueue(lift);
        vm.warp(governor.proposalEta(id));
        assertTrue(threat.isServicePaused(ServiceId.unwrap(serviceId)), "still in force when governance acts");
        assertGt(threat.thresholdFloorBps(), 0);
        vm.expectEmit(address(threat));
        emit IThreatResponse.OperatorUnfrozen(_operator(0), address(timelock));
        vm.expectEmit(address(threat));
        emit IThreatResponse.ServicePauseLifted(ServiceId.unwrap(serviceId), address(timelock));
        vm.expectEmit(address(threat));
        emit IThreatResponse.ThresholdFloorLifted(address(timelock));
        _execute(lift);

        // 4. everything works again, and the same certificate cannot bring the actions back
        vm.prank(wallet);
        market.purchase(serviceId, 10, PRICE, uint40(block.timestamp + 1 days));
        vm.prank(carol);
        delegation.completeQueuedWithdrawal(carolRoot, true);
        assertEq(serviceManager.effectiveQuorumThresholdBps(), serviceManager.quorumThresholdBps());
        vm.expectRevert(abi.encodeWithSelector(IThreatResponse.AlertAlreadyHandled.selector, v.alertId));
        threat.respond(a);
        _leave(_operator(0));
        assertFalse(registry.isRegistered(_operator(0)));
    }

    function test_OnlyGovernanceLifts() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, committee));
        vm.prank(committee);
        threat.liftThresholdFloor();
        assertEq(threat.owner(), address(timelock));
    }

    // ───────────── helpers ─────────────

    /// @dev `v` certified by all four operators at the last block, in a batch of one.
    function _certifyAlert(IThreatResponse.AlertVerdict memory v)
        internal
        returns (IPalisadeGuard.Attestation memory a)
    {
        // forge-lint: disable-next-line(unsafe-typecast) test block numbers are small
        uint32 judgedAt = uint32(block.number - 1);
        a.requestHash = _alertRequest(v.alertId, judgedAt);
        a.referenceBlock = judgedAt;
        a.response = abi.encode(v);
        a.batchRoot = AttestationLib.verdictLeaf(
            a.requestHash, keccak256(a.response), AlertVerdicts.MONITOR_ALERT_V1, judgedAt
        );
        _certifyBy(serviceManager, registry, a.batchRoot, 1, judgedAt, _range(4), new uint256[](0));
    }

    function _queueAll(address staker) internal returns (bytes32 root) {
        uint256[] memory shares = new uint256[](1);
        shares[0] = delegation.withdrawableShares(staker, stethStrategy);
        vm.prank(staker);
        root = delegation.queueWithdrawal(_one(stethStrategy), shares);
    }

    function _leave(address operator) internal {
        vm.prank(operator);
        allocationManager.deregisterFromOperatorSets(
            IAllocationManager.DeregisterParams({
                operator: operator, avs: address(serviceManager), operatorSetIds: new uint32[](1)
            })
        );
    }

    function _three(address a, address b, address c) internal pure returns (address[] memory list) {
        list = new address[](3);
        (list[0], list[1], list[2]) = (a, b, c);
    }
}
