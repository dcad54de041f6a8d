// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IUniswapV2Factory} from "../../engines/IUniswapV2.sol";
import {IDemoCooldownToken} from "./IDemoTokens.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title A trading cooldown: an account may sell (transfer into the pair) once per `sellCooldown` seconds
/// @notice No owner and no setter: the cooldown is only visible by trading, which is what the engine's
///         simulation has to find.
contract DemoCooldownToken is IDemoCooldownToken, ERC20 {
    /// @inheritdoc IDemoCooldownToken
    address public immutable pair;
    /// @inheritdoc IDemoCooldownToken
    uint256 public immutable sellCooldown;
    /// @inheritdoc IDemoCooldownToken
    mapping(address account => uint256) public lastSellAt;

    constructor(
        string memory name_,
        string memory symbol_,
        uint256 supply,
        address holder,
        uint256 sellCooldown_,
        IUniswapV2Factory factory,
        address weth
    ) ERC20(name_, symbol_) {
        sellCooldown = sellCooldown_;
        pair = factory.createPair(address(this), weth);
        _mint(holder, supply);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (to == pair && from != address(0)) {
            uint256 nextAt = lastSellAt[from] + sellCooldown;
            // forge-lint: disable-next-line(block-timestamp) a cooldown in seconds is what this token demonstrates
            bool cooled = lastSellAt[from] == 0 || block.timestamp >= nextAt;
            require(cooled, SellCoolingDown(from, nextAt));
            lastSellAt[from] = block.timestamp;
        }
        super._update(from, to, value);
    }
}
