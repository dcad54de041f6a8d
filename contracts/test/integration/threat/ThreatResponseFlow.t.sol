// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {DemoFlashLender} from "../../../src/devnet/monitor/DemoFlashLender.sol";
import {DemoFlashLoanExploit} from "../../../src/devnet/monitor/DemoFlashLoanExploit.sol";
import {DemoLendingVault} from "../../../src/devnet/monitor/DemoLendingVault.sol";
import {IPalisadeGuard} from "../../../src/guard/IPalisadeGuard.sol";
import {IThreatPausable} from "../../../src/guard/IThreatPausable.sol";
import {IAVSRegistrar} from "../../../src/interfaces/IAVSRegistrar.sol";
import {IAllocationManager} from "../../../src/interfaces/IAllocationManager.sol";
import {IDelegationManager} from "../../../src/interfaces/IDelegationManager.sol";
import {IQuorumVerifier} from "../../../src/interfaces/IQuorumVerifier.sol";
import {IServiceManager} from "../../../src/interfaces/IServiceManager.sol";
import {IThreatResponse} from "../../../src/interfaces/IThreatResponse.sol";
import {BLS12381} from "../../../src/libraries/BLS12381.sol";
import {SlashRequestId} from "../../../src/types/SlashRequestId.sol";
import {MonitorTestPair, MonitorTestToken} from "../../unit/devnet/monitor/MonitorDemoBase.sol";
import {ThreatFixture} from "../../utils/threat/ThreatFixture.sol";

/// @notice Decision 0008 end to end on the real core and AVS: the operators certify `monitor-alert@1`
///         verdicts with real BLS signatures, anyone hands them to the ThreatResponse, and the protocol,
///         the core and the ServiceManager obey what it records.
///
///         Setting: the devnet's demo (a 10 WETH / 500,000 TOKEN pair, a flash lender, a vault lending
///         100 WETH against TOKEN at the pair's spot price, the attacker's exploit contract); the vault's
///         guardian opted it in for pauses of at most a day. Four operators hold 25 % of the stake each.
contract ThreatResponseFlowTest is ThreatFixture {
    uint256 internal constant PAIR_WETH = 10e18;
    uint256 internal constant PAIR_TOKEN = 500_000e18;
    uint256 internal constant VAULT_WETH = 100e18;
    uint256 internal constant FLASH = 90e18;
    uint32 internal constant VAULT_MAX_PAUSE = 1 days;

    MonitorTestToken internal weth;
    MonitorTestToken internal collateral;
    DemoFlashLender internal lender;
    DemoLendingVault internal vault;
    DemoFlashLoanExploit internal exploit;

    address internal vaultOwner = makeAddr("vaultOwner");
    address internal guardian = makeAddr("guardian");
    address internal supplier = makeAddr("supplier");
    address internal attacker = makeAddr("attacker");
    address internal alice = makeAddr("alice");

    function setUp() public override {
        super.setUp();
        weth = new MonitorTestToken("WETH");
        collateral = new MonitorTestToken("TOKEN");
        MonitorTestPair pair = new MonitorTestPair(address(weth), address(collateral));
        weth.mint(address(pair), PAIR_WETH);
        collateral.mint(address(pair), PAIR_TOKEN);
        pair.sync();
        lender = new DemoFlashLender(9);
        weth.mint(address(lender), 1000e18);
        vault = new DemoLendingVault(
            address(weth), address(collateral), address(pair), 7500, vaultOwner, guardian
        );
        weth.mint(supplier, VAULT_WETH);
        vm.startPrank(supplier);
        weth.approve(address(vault), VAULT_WETH);
        vault.supply(VAULT_WETH);
        vm.stopPrank();
        exploit = new DemoFlashLoanExploit(lender, vault, attacker);

        vm.prank(guardian);
        vault.setThreatResponse(address(threat), VAULT_MAX_PAUSE);
    }

    // ───────────── the exploit is stopped ─────────────

    /// @notice The monitor sees the exploit pending; the operators reproduce and certify the alert; the
    ///         `respond` transaction lands before the exploit (same block, higher priority fee): the
    ///         exploit reverts and nothing leaves the vault.
    function test_AttestedCriticalAlertPausesTheVaultAndTheExploitReverts() public {
        IThreatResponse.AlertVerdict memory v = _alert(CRITICAL, address(vault), 0, _none());
        IPalisadeGuard.Attestation memory a = _certifyAlert(v);
        uint64 until = _now() + VAULT_MAX_PAUSE;

        vm.expectEmit(address(threat));
        emit IThreatResponse.ProtocolPaused(address(vault), v.alertId, until);
        vm.prank(makeAddr("keeper"));
        threat.respond(a);

        vm.expectRevert(
            abi.encodeWithSelector(IThreatPausable.ProtocolPausedByThreatResponse.selector, until)
        );
        vm.prank(attacker);
        exploit.attack(FLASH);
        assertEq(weth.balanceOf(address(vault)), VAULT_WETH, "no funds left the vault");
        assertEq(weth.balanceOf(attacker), 0, "the attacker got nothing");
        assertEq(vault.debtOf(address(exploit)), 0);

        // the suppliers are not held
        vm.prank(supplier);
        vault.withdraw(10e18);
        assertEq(weth.balanceOf(supplier), 10e18);
    }

    /// @notice Without the alert the same attack drains the vault (the demo is real), and a pause ends
    ///         by itself: after `until` the vault is open again with no transaction.
    function test_ThePauseEndsByItself() public {
        threat.respond(_certifyAlert(_alert(CRITICAL, address(vault), 0, _none())));
        vm.warp(threat.pausedUntil(address(vault)));
        assertFalse(threat.isPaused(address(vault)));
        vm.prank(attacker);
        exploit.attack(FLASH);
        assertEq(weth.balanceOf(address(vault)), 0, "unpaused: the exploit works again");
    }

    /// @notice An alert the operators did not reproduce (the monitor was wrong, or lied) changes nothing.
    function test_AnUnreproducedAlertPausesNothing() public {
        IThreatResponse.AlertVerdict memory v;
        v.alertId = _newAlertId();
        v.chainId = CHAIN_ID;
        IPalisadeGuard.Attestation memory a = _certifyAlert(v);
        vm.expectRevert(abi.encodeWithSelector(IThreatResponse.AlertNotReproduced.selector, v.alertId));
        threat.respond(a);
        assertFalse(threat.isPaused(address(vault)));
    }

    // ───────────── an implicated operator is held ─────────────

    /// @notice Operator 1 is implicated: it had queued a withdrawal and its staker alice too. Frozen, it
    ///         can neither leave operator set 0, nor queue or complete a withdrawal, and alice's queued
    ///         stake is held; a slash request against it still lands (the queued stake is slashed with
    ///         the rest). When the freeze ends, everything works again.
    function test_FrozenOperatorCannotLeaveNorWithdrawAndIsStillSlashed() public {
        address op = _operator(1);
        _deposit(alice, stethStrategy, 100e18);
        _delegate(alice, op);
        bytes32 opRoot = _queue(op, stethStrategy, 500e18);
        bytes32 aliceRoot = _queue(alice, stethStrategy, 100e18);

        IThreatResponse.AlertVerdict memory v = _alert(HIGH, address(vault), 0, _list(op));
        threat.respond(_certifyAlert(v));
        uint64 until = _now() + FREEZE_SECONDS;
        assertEq(threat.frozenUntil(op), until);

        // no exit: the refusal comes through the core
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistrar.OperatorFrozen.selector, op, until));
        _leave(op);
        assertTrue(allocationManager.isMemberOfOperatorSet(op, palisadeSet), "still in set 0");

        // no withdrawal
        vm.roll(block.number + WITHDRAWAL_DELAY);
        vm.expectRevert(abi.encodeWithSelector(IDelegationManager.OperatorFrozen.selector, op, until));
        _complete(op, opRoot, true);
        vm.expectRevert(abi.encodeWithSelector(IDelegationManager.OperatorFrozen.selector, op, until));
        _complete(alice, aliceRoot, true);
        vm.expectRevert(abi.encodeWithSelector(IDelegationManager.OperatorFrozen.selector, op, until));
        _queue(op, stethStrategy, 1e18);

        // the slash request governance files while it investigates still lands
        vm.prank(requester);
        SlashRequestId id =
            serviceManager.requestSlash(op, 0.5e18, _one(stethStrategy), "ipfs://alert", v.alertId);
        vm.roll(block.number + serviceManager.vetoWindow());
        serviceManager.executeSlash(id);
        assertEq(
            uint8(serviceManager.getSlashRequest(id).status),
            uint8(IServiceManager.SlashStatus.Executed),
            "slashed"
        );
        (, uint256[] memory aliceShares) = delegation.getQueuedWithdrawal(aliceRoot);
        assertEq(aliceShares[0], 50e18, "the held withdrawal was slashed with the rest");

        // the freeze ends by itself
        vm.warp(until);
        _complete(alice, aliceRoot, true);
        assertEq(steth.balanceOf(alice), 50e18);
        _complete(op, opRoot, true);
        _leave(op);
        assertFalse(allocationManager.isMemberOfOperatorSet(op, palisadeSet));
        assertFalse(registry.isRegistered(op));
    }

    /// @notice The owner (governance) lifts a freeze early: the operator may leave at once; the same
    ///         certified alert cannot freeze it again.
    function test_OwnerUnfreezesEarly() public {
        address op = _operator(2);
        IPalisadeGuard.Attestation memory a = _certifyAlert(_alert(HIGH, address(vault), 0, _list(op)));
        threat.respond(a);
        vm.expectEmit(address(threat));
        emit IThreatResponse.OperatorUnfrozen(op, owner);
        vm.prank(owner);
        threat.unfreeze(op);
        vm.expectPartialRevert(IThreatResponse.AlertAlreadyHandled.selector);
        threat.respond(a);
        _leave(op);
        assertFalse(registry.isRegistered(op));
    }

    // ───────────── the threshold floor ─────────────

    /// @notice Three operators of four (75 %) certify a batch under the ServiceManager's 2/3 threshold. A
    ///         critical alert raises the floor to 90 % for a day: their batch is refused, all four still
    ///         certify; from the floor's end three suffice again.
    function test_ThresholdFloorRefusesAWeakBatchUntilItExpires() public {
        _certifyByThree(keccak256("before"));
        threat.respond(_certifyAlert(_alert(CRITICAL, address(vault), 0, _none())));
        assertEq(serviceManager.effectiveQuorumThresholdBps(), FLOOR_BPS);

        bytes32 root = keccak256("during");
        uint32 batchBlock = _lastBlock();
        (IQuorumVerifier.NonSignerParams memory p, BLS12381.G2Point memory sigma) =
            _threeOfFour(root, batchBlock);
        vm.expectRevert(
            abi.encodeWithSelector(IQuorumVerifier.QuorumNotReached.selector, 7500e18, 10_000e18, FLOOR_BPS)
        );
        serviceManager.submitBatch(root, batchBlock, 1, p, sigma);
        _certify(keccak256("during, all four"), 1, batchBlock);

        vm.warp(threat.thresholdFloorUntil());
        assertEq(serviceManager.effectiveQuorumThresholdBps(), serviceManager.quorumThresholdBps());
        _certifyByThree(root);
        assertEq(serviceManager.getBatch(root).signedStake, 7500e18);
    }

    /// @notice The owner lifts the floor early.
    function test_OwnerLiftsTheFloorEarly() public {
        threat.respond(_certifyAlert(_alert(CRITICAL, address(vault), 0, _none())));
        vm.prank(owner);
        threat.liftThresholdFloor();
        _certifyByThree(keccak256("after the lift"));
    }

    // ───────────── helpers ─────────────

    function _leave(address operator) internal {
        vm.prank(operator);
        allocationManager.deregisterFromOperatorSets(
            IAllocationManager.DeregisterParams({
                operator: operator, avs: address(serviceManager), operatorSetIds: new uint32[](1)
            })
        );
    }

    function _threeOfFour(bytes32 root, uint32 batchBlock)
        internal
        view
        returns (IQuorumVerifier.NonSignerParams memory, BLS12381.G2Point memory)
    {
        uint256[] memory signers = new uint256[](3);
        (signers[0], signers[1], signers[2]) = (0, 1, 2);
        uint256[] memory nonSigners = new uint256[](1);
        nonSigners[0] = 3;
        return _certificateBy(serviceManager, registry, root, batchBlock, signers, nonSigners);
    }

    function _certifyByThree(bytes32 root) internal {
        uint32 batchBlock = _lastBlock();
        (IQuorumVerifier.NonSignerParams memory p, BLS12381.G2Point memory sigma) =
            _threeOfFour(root, batchBlock);
        serviceManager.submitBatch(root, batchBlock, 1, p, sigma);
    }
}
