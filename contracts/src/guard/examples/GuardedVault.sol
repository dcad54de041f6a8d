// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IServiceManager} from "../../interfaces/IServiceManager.sol";
import {PalisadeGuard} from "../PalisadeGuard.sol";
import {SecurityVerdicts} from "../SecurityVerdicts.sol";
import {IGuardedVault} from "./IGuardedVault.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title Example: a vault that pays out only to addresses Palisade's operators vetted
/// @notice Model. Balances are plain accounting: `totalDeposits` = Σ balances = deposits − withdrawals,
///         and the vault's token balance equals it (for a token without fees on transfer, which is
///         what this example assumes; tokens sent to the vault directly are not credited to anyone).
///         Every withdrawal is gated by `_requireVerdict(ADDRESS_RISK_V1, addressSubject(to), …)` with
///         the policy fixed at construction. Reentrancy: balances move before the token transfer.
contract GuardedVault is IGuardedVault, PalisadeGuard {
    using SafeERC20 for IERC20;

    /// @inheritdoc IGuardedVault
    IERC20 public immutable asset;
    /// @inheritdoc IGuardedVault
    uint8 public immutable maxVerdict;
    /// @inheritdoc IGuardedVault
    uint256 public immutable forbiddenFlags;
    /// @inheritdoc IGuardedVault
    uint256 public immutable requiredKnown;

    /// @inheritdoc IGuardedVault
    mapping(address account => uint256) public balanceOf;
    /// @inheritdoc IGuardedVault
    uint256 public totalDeposits;

    /// @param serviceManager_ the ServiceManager whose certified batches are trusted
    /// @param maxVerdictAge_ the oldest verdict accepted, in blocks (see PalisadeGuard)
    /// @param asset_ the token held
    /// @param maxVerdict_ the worst verdict a recipient may have, e.g. SUSPICIOUS (1)
    /// @param forbiddenFlags_ the `address-risk@1` flag bits a recipient must not have, e.g. the bit of
    ///        the `sanctioned` field in the engine's field order
    /// @param requiredKnown_ the fields that must not be unknown, typically `forbiddenFlags_` (so a
    ///        verdict whose engine had no sanctions list cannot pass for "not sanctioned")
    constructor(
        IServiceManager serviceManager_,
        uint32 maxVerdictAge_,
        IERC20 asset_,
        uint8 maxVerdict_,
        uint256 forbiddenFlags_,
        uint256 requiredKnown_
    ) PalisadeGuard(serviceManager_, maxVerdictAge_) {
        require(address(asset_) != address(0), ZeroAsset());
        require(maxVerdict_ <= SecurityVerdicts.MALICIOUS, InvalidMaxVerdict(maxVerdict_));
        asset = asset_;
        maxVerdict = maxVerdict_;
        forbiddenFlags = forbiddenFlags_;
        requiredKnown = requiredKnown_;
    }

    /// @inheritdoc IGuardedVault
    function deposit(uint256 amount) external {
        require(amount != 0, ZeroAmount());
        balanceOf[msg.sender] += amount;
        totalDeposits += amount;
        emit Deposited(msg.sender, amount);
        asset.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IGuardedVault
    function withdraw(address to, uint256 amount, Attestation calldata a) external {
        require(amount != 0, ZeroAmount());
        uint256 balance = balanceOf[msg.sender];
        require(balance >= amount, InsufficientBalance(balance, amount));
        SecurityVerdicts.SecurityVerdict memory v = _requireVerdict(
            SecurityVerdicts.ADDRESS_RISK_V1,
            SecurityVerdicts.addressSubject(to),
            a,
            maxVerdict,
            forbiddenFlags,
            requiredKnown
        );
        unchecked {
            // balance ≥ amount checked above, and totalDeposits ≥ any one balance
            balanceOf[msg.sender] = balance - amount;
            totalDeposits -= amount;
        }
        emit GuardedWithdrawal(msg.sender, to, amount, a.referenceBlock, v.reportHash);
        asset.safeTransfer(to, amount);
    }
}
