// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IFirewallTestMultiToken} from "./IFirewallTestContracts.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";

/// @title An ERC1155 its owner mints (test helper; see IFirewallTestMultiToken)
contract FirewallTestMultiToken is IFirewallTestMultiToken, ERC1155, Ownable {
    constructor(address owner_) ERC1155("") Ownable(owner_) {}

    /// @inheritdoc IFirewallTestMultiToken
    function mint(address to, uint256 id, uint256 amount) external onlyOwner {
        _mint(to, id, amount, "");
    }
}
