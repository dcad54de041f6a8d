// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IPalisadeGuard} from "../IPalisadeGuard.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title An example protocol guarded by Palisade: a vault that pays out only to vetted addresses
/// @notice Anyone deposits the vault's token; a depositor withdraws its balance to an address `to` only
///         with an operator-certified address-risk verdict (`ADDRESS_RISK_V1`) about `to` that is recent, at most
///         `maxVerdict`, with none of the `forbiddenFlags` set and the `requiredKnown` fields known.
interface IGuardedVault is IPalisadeGuard {
    /// @notice `maxVerdict` must be SAFE (0), SUSPICIOUS (1) or MALICIOUS (2).
    error InvalidMaxVerdict(uint8 maxVerdict);
    /// @notice The vault's token address is zero.
    error ZeroAsset();
    /// @notice Deposits and withdrawals move at least one unit.
    error ZeroAmount();
    /// @notice The caller's balance in the vault is below the amount withdrawn.
    error InsufficientBalance(uint256 balance, uint256 amount);

    /// @notice `account` deposited `amount`, now part of its balance.
    event Deposited(address indexed account, uint256 amount);
    /// @notice `account` paid `amount` to `to` on the strength of the verdict judged at
    ///         `referenceBlock` whose report hashes to `reportHash`.
    event GuardedWithdrawal(
        address indexed account, address indexed to, uint256 amount, uint32 referenceBlock, bytes32 reportHash
    );

    /// @notice Pulls `amount` of the token from the caller (approve first) and credits the caller.
    function deposit(uint256 amount) external;

    /// @notice Pays `amount` of the caller's balance to `to`, given an attested `address-risk@1` verdict
    ///         about `to` within the vault's policy; reverts with PalisadeGuard's errors otherwise.
    /// @param a the attestation from the gateway's attested mode (the subject must be `to`)
    function withdraw(address to, uint256 amount, Attestation calldata a) external;

    /// @notice The token the vault holds.
    function asset() external view returns (IERC20);

    /// @notice The worst `address-risk@1` verdict a recipient may have.
    function maxVerdict() external view returns (uint8);

    /// @notice The `address-risk@1` flag bits a recipient must not have (e.g. the `sanctioned` field).
    function forbiddenFlags() external view returns (uint256);

    /// @notice The `address-risk@1` fields the engine must have been able to judge.
    function requiredKnown() external view returns (uint256);

    /// @notice `account`'s balance in the vault.
    function balanceOf(address account) external view returns (uint256);

    /// @notice The sum of all balances (equal to the vault's token balance, bar direct transfers).
    function totalDeposits() external view returns (uint256);
}
