// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IFirewallSlotWriter} from "./IFirewallTestContracts.sol";

/// @title Overwrites its EIP-1967 implementation slot silently (test helper; see IFirewallSlotWriter)
contract FirewallSlotWriter is IFirewallSlotWriter {
    /// @dev bytes32(uint256(keccak256("eip1967.proxy.implementation")) - 1)
    bytes32 internal constant IMPLEMENTATION_SLOT =
        0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc;

    /// @inheritdoc IFirewallSlotWriter
    function setImplementation(address implementation) external {
        // No `Upgraded` event on purpose: only a storage-diff trace can see this upgrade.
        assembly ("memory-safe") {
            sstore(IMPLEMENTATION_SLOT, implementation)
        }
    }
}
