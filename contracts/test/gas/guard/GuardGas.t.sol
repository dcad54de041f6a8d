// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {MockLST} from "../../../src/devnet/MockLST.sol";
import {IPalisadeGuard} from "../../../src/guard/IPalisadeGuard.sol";
import {SecurityVerdicts} from "../../../src/guard/SecurityVerdicts.sol";
import {GuardedVault} from "../../../src/guard/examples/GuardedVault.sol";
import {GuardFixture} from "../../utils/guard/GuardFixture.sol";
import {GuardHarness} from "../../utils/guard/GuardHarnesses.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Gas of the guard's check into `snapshots/guard.json`, for an address-risk verdict that is the
///         last leaf of a batch of 1, 100 or 10,000 (proofs of 0, 7 and 14 hashes, as in
///         `snapshots/avs.json`): `_requireVerdict` alone, through a harness (a view call with the harness
///         and the ServiceManager made cold, minus the same empty call: what the check adds to a
///         protocol's transaction besides the attestation's calldata), and GuardedVault.withdraw whole
///         (isolated: its own transaction with the 21,000 base, calldata and cold storage).
contract GuardGasTest is GuardFixture {
    string internal constant GROUP = "guard";
    uint32 internal constant MAX_AGE = 300;
    /// @dev the `sanctioned` bit of address-risk@1 (ADDRESS_RISK_FIELD_ORDER[15])
    uint256 internal constant SANCTIONED = 1 << 15;

    GuardHarness internal guard;
    GuardedVault internal vault;
    MockLST internal token;
    address internal alice = makeAddr("alice");

    function setUp() public override {
        super.setUp();
        guard = new GuardHarness(serviceManager, MAX_AGE);
        token = new MockLST("Vault token", "VT", address(this));
        vault = new GuardedVault(
            serviceManager,
            MAX_AGE,
            IERC20(address(token)),
            SecurityVerdicts.SUSPICIOUS,
            SANCTIONED,
            SANCTIONED
        );
        token.mint(alice, 100e18);
        vm.startPrank(alice);
        token.approve(address(vault), 100e18);
        vault.deposit(100e18);
        vm.stopPrank();
    }

    /// forge-config: default.isolate = true
    function test_Gas_Guard1() public {
        _measure(1);
    }

    /// forge-config: default.isolate = true
    function test_Gas_Guard100() public {
        _measure(100);
    }

    /// forge-config: default.isolate = true
    function test_Gas_Guard10000() public {
        _measure(10_000);
    }

    /// @dev A batch of `count` verdicts whose last is a safe address-risk verdict about `to`, certified;
    ///      then the harness's check and the vault's withdrawal with it, each its own transaction.
    function _measure(uint256 count) internal {
        address to = makeAddr(string.concat("recipient", vm.toString(count)));
        uint32 judgedAt = uint32(block.number - 1);
        Entry memory verdict = Entry(
            SecurityVerdicts.ADDRESS_RISK_V1,
            _addressRiskRequest(to, judgedAt),
            judgedAt,
            _response(SecurityVerdicts.addressSubject(to), SecurityVerdicts.SAFE, 0, 0)
        );
        bytes32[] memory leaves = new bytes32[](count);
        for (uint256 i; i < count - 1; ++i) {
            leaves[i] = keccak256(abi.encode("another verdict", i));
        }
        leaves[count - 1] = _leaf(verdict);
        (bytes32 root, bytes32[] memory proof) = _merkle(leaves, count - 1);
        // forge-lint: disable-next-line(unsafe-typecast) count ≤ 10,000
        _certify(root, uint32(count), judgedAt);
        IPalisadeGuard.Attestation memory a =
            IPalisadeGuard.Attestation(root, verdict.requestHash, judgedAt, verdict.response, proof);
        string memory batch = string.concat("batch of ", vm.toString(count));

        // views run inside this test's transaction: cool the accounts so they cost what they cost first
        // in a real transaction (cold account and slots), without the 21,000 base and the calldata
        vm.cool(address(guard));
        guard.maxVerdictAge();
        uint256 baseline = vm.snapshotGasLastCall(GROUP, "baseline: maxVerdictAge() (empty view, cold)");
        vm.cool(address(guard));
        vm.cool(address(serviceManager));
        guard.requireVerdictKnown(
            SecurityVerdicts.ADDRESS_RISK_V1,
            SecurityVerdicts.addressSubject(to),
            a,
            SecurityVerdicts.SUSPICIOUS,
            SANCTIONED,
            SANCTIONED
        );
        uint256 check =
            vm.snapshotGasLastCall(GROUP, string.concat("_requireVerdict via harness, cold (", batch, ")"));
        vm.snapshotValue(
            GROUP, string.concat("_requireVerdict minus baseline (", batch, ")"), check - baseline
        );

        vm.prank(alice);
        vault.withdraw(to, 1e18, a);
        vm.snapshotGasLastCall(
            GROUP, string.concat("GuardedVault.withdraw, first payment to `to` (", batch, ")")
        );
        assertEq(token.balanceOf(to), 1e18);
    }
}
