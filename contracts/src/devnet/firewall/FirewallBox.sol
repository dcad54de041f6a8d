// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IFirewallBox} from "./IFirewallTestContracts.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts/proxy/utils/UUPSUpgradeable.sol";

/// @title A UUPS implementation its owner may upgrade (test helper; see IFirewallBox)
contract FirewallBox is IFirewallBox, Initializable, UUPSUpgradeable {
    /// @inheritdoc IFirewallBox
    address public owner;

    constructor() {
        _disableInitializers();
    }

    /// @inheritdoc IFirewallBox
    function initialize(address owner_) external initializer {
        owner = owner_;
    }

    function _authorizeUpgrade(address) internal view override {
        require(msg.sender == owner, NotOwner(msg.sender));
    }
}
