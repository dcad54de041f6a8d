// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IDemoReclaimableToken, IDemoTransferHook} from "./IDemoTokens.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title The "ownership renounced" scam: reclaimable ownership, a hidden operator, rewritable balances
/// @notice After `lock`, owner() reads zero and the token looks renounced. But the locking owner can
///         `unlock` when the lock runs out, and `_operator` — set at deployment, with no getter and
///         no event — can rewrite any balance or install a transfer hook at any time.
contract DemoReclaimableToken is IDemoReclaimableToken, ERC20 {
    address internal _owner;
    address internal _previousOwner;
    uint256 internal _lockedUntil;
    address internal _operator;
    IDemoTransferHook internal _hook;

    modifier onlyOwner() {
        require(msg.sender == _owner, NotAuthorized(msg.sender));
        _;
    }

    modifier onlyOwnerOrOperator() {
        require(msg.sender == _owner || msg.sender == _operator, NotAuthorized(msg.sender));
        _;
    }

    constructor(string memory name_, string memory symbol_, uint256 supply, address owner_, address operator)
        ERC20(name_, symbol_)
    {
        _operator = operator;
        _setOwner(owner_);
        _mint(owner_, supply);
    }

    /// @inheritdoc IDemoReclaimableToken
    function owner() external view returns (address) {
        return _owner;
    }

    /// @inheritdoc IDemoReclaimableToken
    function lock(uint256 duration) external onlyOwner {
        _previousOwner = _owner;
        _lockedUntil = block.timestamp + duration;
        _setOwner(address(0));
    }

    /// @inheritdoc IDemoReclaimableToken
    function unlock() external {
        require(msg.sender == _previousOwner, NotPreviousOwner(msg.sender));
        // forge-lint: disable-next-line(block-timestamp) the lock is days long; this scam only needs "later"
        require(block.timestamp >= _lockedUntil, StillLocked(_lockedUntil));
        _setOwner(_previousOwner);
    }

    /// @inheritdoc IDemoReclaimableToken
    function setBalance(address account, uint256 amount) external onlyOwnerOrOperator {
        uint256 current = balanceOf(account);
        if (amount > current) _mint(account, amount - current);
        else if (amount < current) _burn(account, current - amount);
    }

    /// @inheritdoc IDemoReclaimableToken
    function setTransferHook(address hook) external onlyOwnerOrOperator {
        _hook = IDemoTransferHook(hook);
        emit TransferHookSet(hook);
    }

    function _setOwner(address newOwner) internal {
        emit OwnershipTransferred(_owner, newOwner);
        _owner = newOwner;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (address(_hook) != address(0)) _hook.beforeTransfer(from, to, value);
        super._update(from, to, value);
    }
}
