// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IDevnetFaucet} from "../interfaces/IDevnetFaucet.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title Devnet faucet of utility tokens for allowlisted accounts
/// @notice Funded by a plain transfer from the deployer. Devnet only (see the interface).
contract DevnetFaucet is IDevnetFaucet, Ownable2Step {
    using SafeERC20 for IERC20;

    /// @inheritdoc IDevnetFaucet
    IERC20 public immutable token;
    /// @inheritdoc IDevnetFaucet
    uint256 public immutable dripAmount;
    /// @inheritdoc IDevnetFaucet
    uint256 public immutable cooldown;

    /// @inheritdoc IDevnetFaucet
    mapping(address account => bool) public isAllowed;
    /// @inheritdoc IDevnetFaucet
    mapping(address account => uint256) public nextDripAt;

    constructor(IERC20 token_, address initialOwner, uint256 dripAmount_, uint256 cooldown_)
        Ownable(initialOwner)
    {
        require(address(token_) != address(0), ZeroAddress());
        token = token_;
        dripAmount = dripAmount_;
        cooldown = cooldown_;
    }

    /// @inheritdoc IDevnetFaucet
    function setAllowed(address[] calldata accounts, bool allowed) external onlyOwner {
        for (uint256 i; i < accounts.length; ++i) {
            isAllowed[accounts[i]] = allowed;
            emit AllowedSet(accounts[i], allowed);
        }
    }

    /// @inheritdoc IDevnetFaucet
    function drip() external {
        require(isAllowed[msg.sender], NotAllowed(msg.sender));
        uint256 nextAt = nextDripAt[msg.sender];
        // forge-lint: disable-next-line(block-timestamp) a devnet cooldown; seconds of drift are harmless
        require(block.timestamp >= nextAt, CoolingDown(nextAt));
        uint256 balance = token.balanceOf(address(this));
        require(balance >= dripAmount, FaucetEmpty(balance, dripAmount));
        nextAt = block.timestamp + cooldown;
        nextDripAt[msg.sender] = nextAt;
        emit Dripped(msg.sender, dripAmount, nextAt);
        token.safeTransfer(msg.sender, dripAmount);
    }
}
