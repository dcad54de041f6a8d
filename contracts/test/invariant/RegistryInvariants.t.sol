// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {BLS12381} from "../../src/libraries/BLS12381.sol";
import {AVSFixture} from "../utils/AVSFixture.sol";
import {RegistryHandler} from "./RegistryHandler.sol";

/// @notice The OperatorRegistry's accounting under random joins, exits, deposits, allocation changes,
///         stake refreshes and block advances through the real core (see RegistryHandler).
contract RegistryInvariantsTest is AVSFixture {
    uint256 internal constant OPERATORS = 6;

    RegistryHandler internal handler;

    function setUp() public override {
        super.setUp();
        vm.roll(ONBOARD_BLOCK);
        address[] memory operators = new address[](OPERATORS);
        BLS12381.G1Point[] memory pubkeys = new BLS12381.G1Point[](OPERATORS);
        bytes[] memory data = new bytes[](OPERATORS);
        for (uint256 i; i < OPERATORS; ++i) {
            operators[i] = _operator(i);
            pubkeys[i] = _pubkey(i);
            data[i] = _registrationData(pubkeys[i], _pop(i));
        }
        handler = new RegistryHandler(
            allocationManager,
            delegation,
            strategyManager,
            registry,
            stethStrategy,
            steth,
            operators,
            pubkeys,
            data
        );
        steth.transferOwnership(address(handler)); // the handler mints stETH to its operators
        targetContract(address(handler));
    }

    /// @notice The current aggregate key is the sum of the registered operators' keys, and the
    ///         registry's membership is the handler's.
    function invariant_ApkIsSumOfRegisteredKeys() public view {
        assertEq(
            BLS12381.hashG1(registry.currentApk()),
            BLS12381.hashG1(handler.expectedApk()),
            "apk = sum of keys"
        );
        for (uint256 i; i < OPERATORS; ++i) {
            assertEq(registry.isRegistered(_operator(i)), handler.ghostRegistered(i), "membership");
        }
    }

    /// @notice Total stake = Σ of the recorded stakes of registered operators (0 for the others).
    function invariant_TotalStakeIsSumOfOperatorStakes() public view {
        uint256 sum;
        for (uint256 i; i < OPERATORS; ++i) {
            uint256 stake = registry.stakeOf(_operator(i));
            if (!registry.isRegistered(_operator(i))) assertEq(stake, 0, "no stake when out");
            sum += stake;
        }
        assertEq(registry.currentTotalStake(), sum, "total = sum of stakes");
    }

    /// @notice A refresh leaves every registered operator at its allocated value in the core.
    function invariant_RefreshReadsTheCore() public view {
        assertEq(handler.staleRefreshes(), 0);
    }

    /// @notice Every lookup at a past (or the current) block answers what was current at its end.
    function invariant_HistoryAnswersWhatWasCurrent() public view {
        uint256 count = handler.snapshotCount();
        for (uint256 s; s < count; ++s) {
            RegistryHandler.Snapshot memory snap = handler.snapshot(s);
            (BLS12381.G1Point memory apk, uint256 total) = registry.apkAt(snap.blockNumber, s);
            assertEq(BLS12381.hashG1(apk), snap.apkHash, "apk at block");
            assertEq(total, snap.totalStake, "total at block");
            for (uint256 i; i < OPERATORS; ++i) {
                (bool registered, uint256 stake) =
                    registry.stakeAt(handler.pubkeyHashes(i), snap.blockNumber, 0);
                assertEq(registered, snap.registered[i], "registered at block");
                assertEq(stake, snap.stakes[i], "stake at block");
            }
        }
    }

    function afterInvariant() public view {
        // the campaign must really have joined and left, not only reverted
        assertGt(handler.registrations(), 0, "some registrations");
    }
}
