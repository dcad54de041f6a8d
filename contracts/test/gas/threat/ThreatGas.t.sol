// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IPalisadeGuard} from "../../../src/guard/IPalisadeGuard.sol";
import {IMarketplace} from "../../../src/interfaces/IMarketplace.sol";
import {IThreatResponse} from "../../../src/interfaces/IThreatResponse.sol";
import {Marketplace} from "../../../src/marketplace/Marketplace.sol";
import {UtilityToken} from "../../../src/token/UtilityToken.sol";
import {ProviderId, ServiceId} from "../../../src/types/MarketplaceIds.sol";
import {ThreatFixture} from "../../utils/threat/ThreatFixture.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Gas of decision 0008 into `snapshots/threat.json`, call by call (isolated: every call is its
///         own transaction with the 21,000 base, calldata and cold storage): `respond` for one alert
///         taking one action or all four, and what each hook adds to the call it sits in. Each hook is
///         measured twice in the same sequence of transactions, with no ThreatResponse set ("off") and
///         with the real one set and nothing in force ("on"); the difference is the check's cost.
contract ThreatGasTest is ThreatFixture {
    string internal constant GROUP = "threat";
    uint96 internal constant PRICE = 1e18;

    address internal protocol = makeAddr("protocol");
    address internal alice = makeAddr("alice");

    function setUp() public override {
        super.setUp();
        vm.prank(protocol);
        threat.optIn(1 days);
    }

    // ───────────── respond ─────────────

    /// forge-config: default.isolate = true
    function test_Gas_RespondPauseOnly() public {
        IPalisadeGuard.Attestation memory a = _certifyAlert(_alert(HIGH, protocol, 0, _none()));
        assertEq(threat.respond(a), 1);
        vm.snapshotGasLastCall(GROUP, "respond (pause a protocol only)");
    }

    /// forge-config: default.isolate = true
    function test_Gas_RespondAllFourOneOperator() public {
        IPalisadeGuard.Attestation memory a =
            _certifyAlert(_alert(CRITICAL, protocol, 1, _list(_operator(0))));
        assertEq(threat.respond(a), 15);
        vm.snapshotGasLastCall(GROUP, "respond (all four actions, 1 implicated operator)");
    }

    /// forge-config: default.isolate = true
    function test_Gas_RespondAllFourFourOperators() public {
        address[] memory ops = new address[](4);
        for (uint256 i; i < 4; ++i) {
            ops[i] = _operator(i); // 0x10000 + i: ascending
        }
        IPalisadeGuard.Attestation memory a = _certifyAlert(_alert(CRITICAL, protocol, 1, ops));
        assertEq(threat.respond(a), 15);
        vm.snapshotGasLastCall(GROUP, "respond (all four actions, 4 implicated operators)");
    }

    // ───────────── ServiceManager.submitBatch ─────────────

    /// forge-config: default.isolate = true
    function test_Gas_SubmitBatchOff() public {
        _unwire();
        _submit("submitBatch (hook off)");
    }

    /// forge-config: default.isolate = true
    function test_Gas_SubmitBatchOn() public {
        _submit("submitBatch (hook on, no floor in force)");
    }

    /// forge-config: default.isolate = true
    function test_Gas_SubmitBatchOnFloorInForce() public {
        threat.respond(_certifyAlert(_alert(CRITICAL, protocol, 0, _none())));
        _submit("submitBatch (hook on, floor in force)");
    }

    // ───────────── DelegationManager ─────────────

    /// forge-config: default.isolate = true
    function test_Gas_WithdrawalsOff() public {
        _unwire();
        _withdrawals("off");
    }

    /// forge-config: default.isolate = true
    function test_Gas_WithdrawalsOn() public {
        _withdrawals("on");
    }

    // ───────────── Marketplace.purchase ─────────────

    /// forge-config: default.isolate = true
    function test_Gas_PurchaseOff() public {
        _purchase(false);
    }

    /// forge-config: default.isolate = true
    function test_Gas_PurchaseOn() public {
        _purchase(true);
    }

    // ───────────── helpers ─────────────

    function _unwire() internal {
        vm.startPrank(owner);
        serviceManager.setThreatResponse(IThreatResponse(address(0)));
        delegation.setThreatResponse(IThreatResponse(address(0)));
        vm.stopPrank();
    }

    /// @dev A batch of 100 verdicts certified by all four operators (as AttestationGas's).
    function _submit(string memory name) internal {
        vm.roll(block.number + 1);
        _certify(keccak256(abi.encode("gas batch", name)), 100, _lastBlock());
        vm.snapshotGasLastCall(GROUP, name);
    }

    /// @dev alice (delegated to operator 0) queues and completes; operator 0 queues its own stake.
    function _withdrawals(string memory mode) internal {
        _deposit(alice, stethStrategy, 100e18);
        _delegate(alice, _operator(0));
        bytes32 root = _queue(alice, stethStrategy, 10e18);
        vm.snapshotGasLastCall(GROUP, string.concat("queueWithdrawal (staker, hook ", mode, ")"));
        _queue(_operator(0), stethStrategy, 10e18);
        vm.snapshotGasLastCall(GROUP, string.concat("queueWithdrawal (operator, hook ", mode, ")"));
        vm.roll(block.number + WITHDRAWAL_DELAY);
        vm.prank(alice);
        delegation.completeQueuedWithdrawal(root, true);
        vm.snapshotGasLastCall(
            GROUP, string.concat("completeQueuedWithdrawal (queued while delegated, hook ", mode, ")")
        );
        assertEq(steth.balanceOf(alice), 10e18);
    }

    /// @dev A repeat purchase (as MarketplaceGas's), with or without the ThreatResponse set.
    function _purchase(bool on) internal {
        UtilityToken pal = new UtilityToken(address(this), 1_000_000e18);
        Marketplace market = new Marketplace(IERC20(address(pal)), owner, owner, owner, _marketParams());
        require(pal.transfer(alice, 10_000e18) && pal.transfer(protocol, 10_000e18), "fund");
        vm.startPrank(protocol);
        pal.approve(address(market), type(uint256).max);
        ProviderId providerId =
            market.registerProvider(5000e18, "ipfs://provider", "https://provider.example");
        ServiceId serviceId = market.registerService(
            providerId, IMarketplace.Category.Monitoring, PRICE, "/v1/monitor", "ipfs://s"
        );
        vm.stopPrank();
        if (on) {
            vm.prank(owner);
            market.setThreatResponse(threat);
        }
        vm.prank(alice);
        pal.approve(address(market), type(uint256).max);
        uint40 expiry = uint40(block.timestamp + 1 days);
        vm.prank(alice);
        market.purchase(serviceId, 10, PRICE, expiry);
        vm.prank(alice);
        market.purchase(serviceId, 10, PRICE, expiry);
        vm.snapshotGasLastCall(GROUP, string.concat("purchase (repeat, hook ", on ? "on" : "off", ")"));
    }

    function _marketParams() internal pure returns (IMarketplace.Params memory) {
        return IMarketplace.Params({
            minStake: 1000e18,
            inFlightMultipleBps: 20_000,
            protocolFeeBps: 500,
            unstakeDelay: 7 days,
            minReleaseDelay: 1 hours,
            maxReleaseDelay: 3 days,
            scoreForMinDelay: 1000,
            refundGrace: 1 days,
            maxPurchaseDuration: 90 days,
            sessionRevocationDelay: 1 hours,
            minScoredValue: 5e18
        });
    }
}
