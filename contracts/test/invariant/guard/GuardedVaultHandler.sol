// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {MockLST} from "../../../src/devnet/MockLST.sol";
import {IPalisadeGuard} from "../../../src/guard/IPalisadeGuard.sol";
import {SecurityVerdicts} from "../../../src/guard/SecurityVerdicts.sol";
import {GuardedVault} from "../../../src/guard/examples/GuardedVault.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Certifies a fresh verdict through the real ServiceManager (the invariant test, which holds
///         the operators' keys).
interface IVerdictCertifier {
    function certify(bytes32 engineVersion, address about, uint8 verdict, uint256 flags, uint256 unknowns)
        external
        returns (IPalisadeGuard.Attestation memory);
}

/// @notice Drives a GuardedVault with random depositors, recipients and certified verdicts: deposits,
///         withdrawals with any verdict of the pool (about the recipient or someone else, of the right
///         engine or not, fresh or stale), new verdicts certified by the operators, blocks passing.
///         Before each withdrawal it predicts from its own model of the policy whether the vault must
///         pay; the invariants compare the vault with what was actually paid and the model with what
///         the vault decided.
contract GuardedVaultHandler is CommonBase, StdCheats, StdUtils {
    uint256 internal constant DEPOSITORS = 3;
    /// @dev bits of address-risk@1's field order: ADDRESS_RISK_FIELD_ORDER[15] and [17] (packages/engines/src/attested)
    uint256 public constant SANCTIONED = 1 << 15;
    uint256 internal constant MIXER = 1 << 17;

    GuardedVault internal immutable vault;
    MockLST internal immutable token;
    IVerdictCertifier internal immutable certifier;

    address[] public depositors;
    /// @notice bob (safe), carol (suspicious), mallory (malicious), sam (sanctioned), una (sanctions unknown)
    address[] public recipients;
    uint8[] internal verdictOf;
    uint256[] internal flagsOf;
    uint256[] internal unknownsOf;

    /// @dev the pool of certified verdicts and what each is about
    IPalisadeGuard.Attestation[] internal pool;
    address[] internal poolAbout;
    bytes32[] internal poolEngine;

    uint256 public ghostDeposited;
    uint256 public ghostWithdrawn;
    mapping(address recipient => uint256) public ghostPaid;
    /// @notice withdrawals the vault decided differently from the model (must stay 0)
    uint256 public unexpectedPayouts;
    uint256 public unexpectedRefusals;
    mapping(bytes32 action => uint256) public calls;

    constructor(GuardedVault vault_, MockLST token_, IVerdictCertifier certifier_) {
        (vault, token, certifier) = (vault_, token_, certifier_);
        for (uint256 i; i < DEPOSITORS; ++i) {
            depositors.push(makeAddr(string.concat("depositor", vm.toString(i))));
        }
        _recipient("bob", SecurityVerdicts.SAFE, 0, 0);
        _recipient("carol", SecurityVerdicts.SUSPICIOUS, MIXER, 0);
        _recipient("mallory", SecurityVerdicts.MALICIOUS, SANCTIONED | 1, 0);
        _recipient("sam", SecurityVerdicts.SUSPICIOUS, SANCTIONED, 0);
        _recipient("una", SecurityVerdicts.SAFE, 0, SANCTIONED);
    }

    function recipientCount() external view returns (uint256) {
        return recipients.length;
    }

    function depositorCount() external view returns (uint256) {
        return depositors.length;
    }

    // ───────────── actions ─────────────

    function deposit(uint256 who, uint256 amount) external {
        address account = depositors[who % DEPOSITORS];
        amount = bound(amount, 1, 1e24);
        token.mint(account, amount);
        vm.startPrank(account);
        token.approve(address(vault), amount);
        vault.deposit(amount);
        vm.stopPrank();
        ghostDeposited += amount;
        ++calls["deposit"];
    }

    /// @notice The operators judge a recipient (or, one time in six, the recipient's address as a token)
    ///         at the last block; the verdict joins the pool.
    function certify(uint256 whom, uint256 engineSeed) public {
        uint256 r = whom % recipients.length;
        bytes32 engine =
            engineSeed % 6 == 0 ? SecurityVerdicts.TOKEN_RISK_V1 : SecurityVerdicts.ADDRESS_RISK_V1;
        pool.push(certifier.certify(engine, recipients[r], verdictOf[r], flagsOf[r], unknownsOf[r]));
        poolAbout.push(recipients[r]);
        poolEngine.push(engine);
        ++calls["certify"];
    }

    function withdraw(uint256 who, uint256 whom, uint256 which, uint256 amount) external {
        if (pool.length == 0) return;
        address account = depositors[who % DEPOSITORS];
        uint256 r = whom % recipients.length;
        address to = recipients[r];
        uint256 balance = vault.balanceOf(account);
        if (balance == 0) return;
        amount = bound(amount, 1, balance);
        // half the time the newest verdict about `to`, else any verdict of the pool
        uint256 p = which % 2 == 0 ? _newestAbout(to) : (which >> 1) % pool.length;
        IPalisadeGuard.Attestation memory a = pool[p];
        bool mustPay = _vetted(p, to);
        vm.prank(account);
        try vault.withdraw(to, amount, a) {
            if (!mustPay) ++unexpectedPayouts;
            ghostWithdrawn += amount;
            ghostPaid[to] += amount;
            ++calls["withdraw paid"];
        } catch {
            if (mustPay) ++unexpectedRefusals;
            ++calls["withdraw refused"];
        }
    }

    function advance(uint256 blocks) external {
        vm.roll(block.number + bound(blocks, 1, 120));
        ++calls["advance"];
    }

    // ───────────── model ─────────────

    /// @dev The vault's policy, restated: a certified address-risk verdict about `to`, judged between
    ///      maxVerdictAge blocks ago and now, at most suspicious, not sanctioned, sanctions known.
    function _vetted(uint256 p, address to) internal view returns (bool) {
        if (poolEngine[p] != SecurityVerdicts.ADDRESS_RISK_V1 || poolAbout[p] != to) return false;
        uint256 judged = pool[p].referenceBlock;
        if (judged > block.number || block.number - judged > vault.maxVerdictAge()) return false;
        uint256 r = _indexOf(to);
        return verdictOf[r] <= SecurityVerdicts.SUSPICIOUS && flagsOf[r] & SANCTIONED == 0
            && unknownsOf[r] & SANCTIONED == 0;
    }

    /// @dev The last pool entry about `recipient` (any engine), else the last entry.
    function _newestAbout(address recipient) internal view returns (uint256) {
        for (uint256 i = pool.length; i > 0; --i) {
            if (poolAbout[i - 1] == recipient) return i - 1;
        }
        return pool.length - 1;
    }

    function _indexOf(address recipient) internal view returns (uint256 i) {
        while (recipients[i] != recipient) ++i;
    }

    function _recipient(string memory name, uint8 verdict, uint256 flags, uint256 unknowns) internal {
        recipients.push(makeAddr(name));
        verdictOf.push(verdict);
        flagsOf.push(flags);
        unknownsOf.push(unknowns);
    }
}
