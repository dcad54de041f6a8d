// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IPalisadeGuard} from "../../../src/guard/IPalisadeGuard.sol";
import {SecurityVerdicts} from "../../../src/guard/SecurityVerdicts.sol";
import {GuardFixture} from "../../utils/guard/GuardFixture.sol";
import {GuardHarness} from "../../utils/guard/GuardHarnesses.sol";

/// @notice Unit-test base: the real ServiceManager with four signing operators (GuardFixture) and a
///         guard accepting verdicts up to MAX_AGE blocks old; at block REFERENCE_BLOCK + 1.
abstract contract GuardUnitBase is GuardFixture {
    uint32 internal constant MAX_AGE = 100;
    /// @dev The `sanctioned` bit of address-risk@1: ADDRESS_RISK_FIELD_ORDER[15] (packages/engines/src/attested).
    uint256 internal constant SANCTIONED = 1 << 15;

    GuardHarness internal guard;
    address internal bob = makeAddr("bob");
    address internal mallory = makeAddr("mallory");

    function setUp() public virtual override {
        super.setUp();
        guard = new GuardHarness(serviceManager, MAX_AGE);
    }

    /// @dev The last block the batches of setUp may reference.
    function _lastBlock() internal view returns (uint32) {
        // forge-lint: disable-next-line(unsafe-typecast) test block numbers are small
        return uint32(block.number - 1);
    }

    /// @dev A certified address-risk verdict about bob at the last block.
    function _bobVerdict(uint8 verdict, uint256 flags, uint256 unknowns)
        internal
        returns (IPalisadeGuard.Attestation memory)
    {
        return _attestAddress(bob, verdict, flags, unknowns, _lastBlock());
    }

    function _expectNotProven(IPalisadeGuard.Attestation memory a) internal {
        vm.expectRevert(
            abi.encodeWithSelector(IPalisadeGuard.VerdictNotProven.selector, a.batchRoot, a.requestHash)
        );
    }
}
