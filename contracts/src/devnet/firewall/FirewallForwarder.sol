// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IFirewallForwarder} from "./IFirewallTestContracts.sol";

/// @title Relays any call (test helper; see IFirewallForwarder)
contract FirewallForwarder is IFirewallForwarder {
    /// @inheritdoc IFirewallForwarder
    function forward(address target, bytes calldata data) external payable returns (bytes memory result) {
        bool ok;
        (ok, result) = target.call{value: msg.value}(data);
        if (!ok) {
            // Bubble the callee's revert data up unchanged, so the firewall sees the original reason.
            assembly ("memory-safe") {
                revert(add(result, 32), mload(result))
            }
        }
    }

    /// @inheritdoc IFirewallForwarder
    function tryForward(address target, bytes calldata data) external payable returns (bool ok) {
        (ok,) = target.call{value: msg.value}(data);
    }
}
