// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {MockLST} from "../../../src/devnet/MockLST.sol";
import {IPalisadeGuard} from "../../../src/guard/IPalisadeGuard.sol";
import {SecurityVerdicts} from "../../../src/guard/SecurityVerdicts.sol";
import {GuardedVault} from "../../../src/guard/examples/GuardedVault.sol";
import {GuardFixture} from "../../utils/guard/GuardFixture.sol";
import {GuardedVaultHandler, IVerdictCertifier} from "./GuardedVaultHandler.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice GuardedVault under random deposits, withdrawals, certified verdicts and passing blocks, on the
///         real AVS (see GuardedVaultHandler): the vault holds deposits − proven withdrawals, and pays
///         exactly when the policy's model says it must.
contract GuardedVaultInvariantsTest is GuardFixture, IVerdictCertifier {
    uint32 internal constant MAX_AGE = 300;

    MockLST internal token;
    GuardedVault internal vault;
    GuardedVaultHandler internal handler;

    function setUp() public override {
        super.setUp();
        token = new MockLST("Vault token", "VT", address(this));
        handler = new GuardedVaultHandler(
            GuardedVault(vm.computeCreateAddress(address(this), vm.getNonce(address(this)) + 1)), token, this
        );
        vault = new GuardedVault(
            serviceManager,
            MAX_AGE,
            IERC20(address(token)),
            SecurityVerdicts.SUSPICIOUS,
            handler.SANCTIONED(),
            handler.SANCTIONED()
        );
        token.transferOwnership(address(handler)); // the handler mints what depositors deposit
        // a verdict about every recipient and a deposit from every depositor from the first call on
        for (uint256 i; i < handler.recipientCount(); ++i) {
            handler.certify(i, 1);
        }
        for (uint256 i; i < handler.depositorCount(); ++i) {
            handler.deposit(i, 1000e18);
        }
        targetContract(address(handler));
    }

    /// @inheritdoc IVerdictCertifier
    function certify(bytes32 engineVersion, address about, uint8 verdict, uint256 flags, uint256 unknowns)
        external
        returns (IPalisadeGuard.Attestation memory)
    {
        // forge-lint: disable-next-line(unsafe-typecast) test block numbers are small
        uint32 judgedAt = uint32(block.number - 1);
        bytes32 requestHash = keccak256(abi.encode(engineVersion, about, judgedAt, batchNonce));
        return _attest(
            engineVersion,
            requestHash,
            judgedAt,
            _response(SecurityVerdicts.addressSubject(about), verdict, flags, unknowns)
        );
    }

    function invariant_VaultHoldsDepositsMinusProvenWithdrawals() public view {
        uint256 expected = handler.ghostDeposited() - handler.ghostWithdrawn();
        assertEq(token.balanceOf(address(vault)), expected, "token balance");
        assertEq(vault.totalDeposits(), expected, "totalDeposits");
        uint256 sum;
        for (uint256 i; i < handler.depositorCount(); ++i) {
            sum += vault.balanceOf(handler.depositors(i));
        }
        assertEq(sum, expected, "sum of balances");
    }

    function invariant_OnlyVettedRecipientsArePaid() public view {
        // mallory (malicious), sam (sanctioned) and una (sanctions unknown) never receive anything
        for (uint256 i = 2; i < 5; ++i) {
            address recipient = handler.recipients(i);
            assertEq(token.balanceOf(recipient), 0, "unvetted recipient paid");
            assertEq(handler.ghostPaid(recipient), 0);
        }
        for (uint256 i; i < 2; ++i) {
            address recipient = handler.recipients(i);
            assertEq(token.balanceOf(recipient), handler.ghostPaid(recipient), "paid as recorded");
        }
    }

    function invariant_VaultDecidesAsThePolicyModel() public view {
        assertEq(handler.unexpectedPayouts(), 0, "paid against the policy");
        assertEq(handler.unexpectedRefusals(), 0, "refused within the policy");
    }
}
