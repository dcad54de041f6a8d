// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IUniswapV2Factory} from "../../engines/IUniswapV2.sol";
import {IDemoHoneypotToken} from "./IDemoTokens.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title A honeypot: buys go through, sells revert unless the seller is whitelisted (the owner is)
contract DemoHoneypotToken is IDemoHoneypotToken, ERC20, Ownable {
    /// @inheritdoc IDemoHoneypotToken
    address public immutable pair;
    mapping(address account => bool) internal _whitelisted;

    constructor(
        string memory name_,
        string memory symbol_,
        uint256 supply,
        address owner_,
        IUniswapV2Factory factory,
        address weth
    ) ERC20(name_, symbol_) Ownable(owner_) {
        pair = factory.createPair(address(this), weth);
        _setWhitelisted(owner_, true);
        _mint(owner_, supply);
    }

    /// @inheritdoc IDemoHoneypotToken
    function setWhitelisted(address account, bool whitelisted) external onlyOwner {
        _setWhitelisted(account, whitelisted);
    }

    /// @inheritdoc IDemoHoneypotToken
    function isWhitelisted(address account) external view returns (bool) {
        return _whitelisted[account];
    }

    function _setWhitelisted(address account, bool whitelisted) internal {
        _whitelisted[account] = whitelisted;
        emit WhitelistSet(account, whitelisted);
    }

    function _update(address from, address to, uint256 value) internal override {
        require(to != pair || _whitelisted[from], SellNotAllowed(from));
        super._update(from, to, value);
    }
}
