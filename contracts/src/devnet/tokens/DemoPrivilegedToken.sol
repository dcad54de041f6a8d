// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IDemoPrivilegedToken} from "./IDemoTokens.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

/// @title A centrally controlled token: the owner mints, pauses every transfer and blacklists accounts
/// @notice Not a scam (many stablecoins work this way) but every holder trusts the owner.
contract DemoPrivilegedToken is IDemoPrivilegedToken, ERC20, Ownable, Pausable {
    mapping(address account => bool) internal _blacklisted;

    constructor(string memory name_, string memory symbol_, uint256 supply, address owner_)
        ERC20(name_, symbol_)
        Ownable(owner_)
    {
        _mint(owner_, supply);
    }

    /// @inheritdoc IDemoPrivilegedToken
    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }

    /// @inheritdoc IDemoPrivilegedToken
    function pause() external onlyOwner {
        _pause();
    }

    /// @inheritdoc IDemoPrivilegedToken
    function unpause() external onlyOwner {
        _unpause();
    }

    /// @inheritdoc IDemoPrivilegedToken
    function blacklist(address account) external onlyOwner {
        _setBlacklisted(account, true);
    }

    /// @inheritdoc IDemoPrivilegedToken
    function unblacklist(address account) external onlyOwner {
        _setBlacklisted(account, false);
    }

    /// @inheritdoc IDemoPrivilegedToken
    function isBlacklisted(address account) external view returns (bool) {
        return _blacklisted[account];
    }

    function _setBlacklisted(address account, bool blacklisted) internal {
        _blacklisted[account] = blacklisted;
        emit BlacklistSet(account, blacklisted);
    }

    function _update(address from, address to, uint256 value) internal override whenNotPaused {
        require(!_blacklisted[from], AccountBlacklisted(from));
        require(!_blacklisted[to], AccountBlacklisted(to));
        super._update(from, to, value);
    }
}
