// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {DemoUpgradeableBox} from "./DemoUpgradeableBox.sol";
import {IDemoBackdooredBox} from "./IMonitorDemo.sol";

/// @title A malicious box implementation (devnet and test helper; see IDemoBackdooredBox)
/// @notice What an attacker upgrades a proxy to: anyone may take the owner and implementation slots,
///         and neither write emits an event.
contract DemoBackdooredBox is IDemoBackdooredBox, DemoUpgradeableBox {
    /// @dev bytes32(uint256(keccak256("eip1967.proxy.implementation")) - 1)
    bytes32 internal constant IMPLEMENTATION_SLOT =
        0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc;

    constructor(uint256 version_) DemoUpgradeableBox(version_) {}

    /// @inheritdoc IDemoBackdooredBox
    function backdoorSetOwner(address newOwner) external {
        _writeOwner(newOwner);
    }

    /// @inheritdoc IDemoBackdooredBox
    function backdoorSetImplementation(address implementation) external {
        bytes32 slot = IMPLEMENTATION_SLOT;
        assembly ("memory-safe") {
            sstore(slot, implementation)
        }
    }
}
