// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IFirewallTestNft} from "./IFirewallTestContracts.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";

/// @title An ERC721 its owner mints (test helper; see IFirewallTestNft)
contract FirewallTestNft is IFirewallTestNft, ERC721, Ownable {
    constructor(address owner_) ERC721("Firewall Test NFT", "FWNFT") Ownable(owner_) {}

    /// @inheritdoc IFirewallTestNft
    function mint(address to, uint256 tokenId) external onlyOwner {
        _mint(to, tokenId);
    }
}
