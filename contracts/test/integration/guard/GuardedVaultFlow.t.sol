// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {MockLST} from "../../../src/devnet/MockLST.sol";
import {IPalisadeGuard} from "../../../src/guard/IPalisadeGuard.sol";
import {SecurityVerdicts} from "../../../src/guard/SecurityVerdicts.sol";
import {GuardedVault} from "../../../src/guard/examples/GuardedVault.sol";
import {IGuardedVault} from "../../../src/guard/examples/IGuardedVault.sol";
import {GuardFixture} from "../../utils/guard/GuardFixture.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Decision 0005 end to end on the real AVS: operators certify one batch of security verdicts
///         (address risk about five recipients, token risk about one of them); a vault that pays out
///         only to vetted addresses (at most suspicious, not sanctioned, sanctions known, verdict at
///         most an hour old) honours exactly the verdicts that fit its policy.
contract GuardedVaultFlowTest is GuardFixture {
    /// @dev about an hour of 12-second blocks
    uint32 internal constant MAX_AGE = 300;
    /// @dev Bits of address-risk@1's field order: ADDRESS_RISK_FIELD_ORDER[15] and [17] (packages/engines/src/attested).
    uint256 internal constant SANCTIONED = 1 << 15;
    uint256 internal constant MIXER = 1 << 17;

    MockLST internal token;
    GuardedVault internal vault;

    address internal alice = makeAddr("alice"); // depositor
    address internal dave = makeAddr("dave"); // depositor
    address internal bob = makeAddr("bob"); // safe
    address internal carol = makeAddr("carol"); // suspicious (used a mixer)
    address internal mallory = makeAddr("mallory"); // malicious
    address internal sam = makeAddr("sam"); // suspicious and sanctioned
    address internal una = makeAddr("una"); // safe, but no sanctions list was loaded

    /// @dev the certified batch, by recipient
    mapping(address => IPalisadeGuard.Attestation) internal verdictAbout;
    IPalisadeGuard.Attestation internal tokenRiskAboutBob;
    uint32 internal judgedAt;

    function setUp() public override {
        super.setUp();
        token = new MockLST("Vault token", "VT", address(this));
        vault = new GuardedVault(
            serviceManager,
            MAX_AGE,
            IERC20(address(token)),
            SecurityVerdicts.SUSPICIOUS,
            SANCTIONED,
            SANCTIONED
        );
        _deposit(alice, 500e18);
        _deposit(dave, 500e18);
        judgedAt = uint32(block.number - 1);
        _certifyTheGatewaysBatch();
    }

    // ───────────── flows ─────────────

    function test_SafeRecipientIsPaid() public {
        IPalisadeGuard.Attestation memory a = verdictAbout[bob];
        vm.expectEmit(address(vault));
        emit IGuardedVault.GuardedWithdrawal(alice, bob, 100e18, judgedAt, _reportHash(bob));
        _withdraw(alice, bob, 100e18, a);
        assertEq(token.balanceOf(bob), 100e18);
        assertEq(vault.balanceOf(alice), 400e18);
        assertEq(token.balanceOf(address(vault)), 900e18);
    }

    function test_SuspiciousRecipientIsPaidUnderThisPolicy() public {
        _withdraw(alice, carol, 50e18, verdictAbout[carol]);
        assertEq(token.balanceOf(carol), 50e18);
    }

    function test_Revert_WhenRecipientIsMalicious() public {
        IPalisadeGuard.Attestation memory a = verdictAbout[mallory];
        vm.expectRevert(
            abi.encodeWithSelector(IPalisadeGuard.VerdictNotAllowed.selector, 2, SecurityVerdicts.SUSPICIOUS)
        );
        _withdraw(alice, mallory, 100e18, a);
    }

    function test_Revert_WhenRecipientIsSanctioned() public {
        // only suspicious overall, but the sanctioned flag alone blocks the payout
        IPalisadeGuard.Attestation memory a = verdictAbout[sam];
        vm.expectRevert(abi.encodeWithSelector(IPalisadeGuard.ForbiddenFlags.selector, SANCTIONED));
        _withdraw(alice, sam, 100e18, a);
    }

    function test_Revert_WhenSanctionsAreUnknown() public {
        IPalisadeGuard.Attestation memory a = verdictAbout[una];
        vm.expectRevert(abi.encodeWithSelector(IPalisadeGuard.UnknownFields.selector, SANCTIONED));
        _withdraw(alice, una, 100e18, a);
    }

    function test_Revert_WhenVerdictIsStale() public {
        IPalisadeGuard.Attestation memory a = verdictAbout[bob];
        vm.roll(judgedAt + MAX_AGE);
        _withdraw(alice, bob, 1e18, a); // still fresh on its last block
        vm.roll(judgedAt + MAX_AGE + 1);
        vm.expectRevert(abi.encodeWithSelector(IPalisadeGuard.VerdictTooOld.selector, judgedAt, MAX_AGE));
        _withdraw(alice, bob, 1e18, a);
    }

    function test_FreshVerdictAfterAStaleOne() public {
        vm.roll(judgedAt + MAX_AGE + 1);
        // the gateway asks again: the operators judge bob at a recent block and certify a new batch
        IPalisadeGuard.Attestation memory fresh =
            _attestAddress(bob, SecurityVerdicts.SAFE, 0, 0, uint32(block.number - 1));
        _withdraw(alice, bob, 1e18, fresh);
        assertEq(token.balanceOf(bob), 1e18);
    }

    function test_Revert_WhenVerdictIsAboutAnotherAddress() public {
        // bob's clean verdict presented to pay mallory
        IPalisadeGuard.Attestation memory a = verdictAbout[bob];
        vm.expectRevert(
            abi.encodeWithSelector(
                IPalisadeGuard.SubjectMismatch.selector,
                SecurityVerdicts.addressSubject(mallory),
                SecurityVerdicts.addressSubject(bob)
            )
        );
        _withdraw(alice, mallory, 100e18, a);
    }

    function test_Revert_WhenVerdictIsFromAnotherEngine() public {
        // a certified token-risk verdict about bob's address: same subject, same batch, other engine
        IPalisadeGuard.Attestation memory a = tokenRiskAboutBob;
        vm.expectRevert(
            abi.encodeWithSelector(IPalisadeGuard.VerdictNotProven.selector, a.batchRoot, a.requestHash)
        );
        _withdraw(alice, bob, 100e18, a);
    }

    function test_Revert_WhenVerdictIsForged() public {
        // mallory rewrites her response to "safe": the leaf is no longer the certified one
        IPalisadeGuard.Attestation memory a = verdictAbout[mallory];
        a.response =
            abi.encode(SecurityVerdicts.addressSubject(mallory), SecurityVerdicts.SAFE, 0, 0, bytes32(0));
        vm.expectRevert(
            abi.encodeWithSelector(IPalisadeGuard.VerdictNotProven.selector, a.batchRoot, a.requestHash)
        );
        _withdraw(alice, mallory, 100e18, a);
    }

    function test_OneVerdictServesEveryDepositorWhileRecent() public {
        // a verdict is a public fact about the recipient, not an authorisation: anyone may present it
        _withdraw(alice, bob, 10e18, verdictAbout[bob]);
        _withdraw(dave, bob, 20e18, verdictAbout[bob]);
        _withdraw(alice, bob, 30e18, verdictAbout[bob]);
        assertEq(token.balanceOf(bob), 60e18);
        assertEq(vault.totalDeposits(), 940e18);
        assertEq(token.balanceOf(address(vault)), 940e18);
    }

    // ───────────── actors ─────────────

    function _deposit(address account, uint256 amount) internal {
        token.mint(account, amount);
        vm.startPrank(account);
        token.approve(address(vault), amount);
        vault.deposit(amount);
        vm.stopPrank();
    }

    function _withdraw(address account, address to, uint256 amount, IPalisadeGuard.Attestation memory a)
        internal
    {
        vm.prank(account);
        vault.withdraw(to, amount, a);
    }

    /// @dev What the gateway's attested mode got back for six requests: one certified batch.
    function _certifyTheGatewaysBatch() internal {
        address[5] memory recipients = [bob, carol, mallory, sam, una];
        uint8[5] memory verdicts = [0, 1, 2, 1, 0];
        uint256[5] memory flags = [uint256(0), MIXER, SANCTIONED | MIXER, SANCTIONED, 0];
        uint256[5] memory unknowns = [uint256(0), 0, 0, 0, SANCTIONED];
        Entry[] memory entries = new Entry[](6);
        for (uint256 i; i < 5; ++i) {
            entries[i] = Entry(
                SecurityVerdicts.ADDRESS_RISK_V1,
                _addressRiskRequest(recipients[i], judgedAt),
                judgedAt,
                _response(SecurityVerdicts.addressSubject(recipients[i]), verdicts[i], flags[i], unknowns[i])
            );
        }
        entries[5] = Entry(
            SecurityVerdicts.TOKEN_RISK_V1,
            keccak256(
                abi.encode(SecurityVerdicts.TOKEN_RISK_V1, bob, address(0), address(0), uint16(0), judgedAt)
            ),
            judgedAt,
            _response(SecurityVerdicts.addressSubject(bob), SecurityVerdicts.SAFE, 0, 0)
        );
        IPalisadeGuard.Attestation[] memory attestations = _certifyBatch(entries, judgedAt);
        for (uint256 i; i < 5; ++i) {
            verdictAbout[recipients[i]] = attestations[i];
        }
        tokenRiskAboutBob = attestations[5];
    }

    function _reportHash(address account) internal view returns (bytes32 reportHash) {
        (,,,, reportHash) =
            abi.decode(verdictAbout[account].response, (bytes32, uint8, uint256, uint256, bytes32));
    }
}
