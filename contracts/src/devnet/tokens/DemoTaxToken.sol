// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IUniswapV2Factory} from "../../engines/IUniswapV2.sol";
import {IDemoTaxToken} from "./IDemoTokens.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title A fee-on-transfer token: 10 % of every buy and sell goes to a fee recipient
contract DemoTaxToken is IDemoTaxToken, ERC20, Ownable {
    uint256 internal constant BPS = 10_000;
    /// @dev The owner may raise the taxes, but not beyond 25 %.
    uint256 internal constant MAX_TAX_BPS = 2500;

    /// @inheritdoc IDemoTaxToken
    address public immutable pair;
    /// @inheritdoc IDemoTaxToken
    address public feeRecipient;
    /// @inheritdoc IDemoTaxToken
    uint256 public buyTaxBps = 1000;
    /// @inheritdoc IDemoTaxToken
    uint256 public sellTaxBps = 1000;

    constructor(
        string memory name_,
        string memory symbol_,
        uint256 supply,
        address owner_,
        address feeRecipient_,
        IUniswapV2Factory factory,
        address weth
    ) ERC20(name_, symbol_) Ownable(owner_) {
        feeRecipient = feeRecipient_;
        pair = factory.createPair(address(this), weth);
        _mint(owner_, supply);
    }

    /// @inheritdoc IDemoTaxToken
    function setTaxes(uint256 buyBps, uint256 sellBps) external onlyOwner {
        require(buyBps <= MAX_TAX_BPS, TaxTooHigh(buyBps, MAX_TAX_BPS));
        require(sellBps <= MAX_TAX_BPS, TaxTooHigh(sellBps, MAX_TAX_BPS));
        buyTaxBps = buyBps;
        sellTaxBps = sellBps;
        emit TaxesSet(buyBps, sellBps);
    }

    /// @dev Buys (from the pair) and sells (to the pair) pay their tax to `feeRecipient`, unless the
    ///      owner is a party (adding or removing liquidity).
    function _update(address from, address to, uint256 value) internal override {
        address owner_ = owner();
        uint256 taxBps =
            from == owner_ || to == owner_ ? 0 : from == pair ? buyTaxBps : to == pair ? sellTaxBps : 0;
        uint256 tax = (value * taxBps) / BPS;
        if (tax > 0) super._update(from, feeRecipient, tax);
        super._update(from, to, value - tax);
    }
}
