// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title A plain ERC20: fixed supply, no owner, no fees, no hooks — what a clean token looks like
contract DemoCleanToken is ERC20 {
    constructor(string memory name_, string memory symbol_, uint256 supply, address holder)
        ERC20(name_, symbol_)
    {
        _mint(holder, supply);
    }
}
