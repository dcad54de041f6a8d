// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";

/// @title Palisade's utility token (PAL): what consumers pay per call and providers stake
/// @notice A plain ERC20 with EIP-2612 permit (its EIP-712 domain readable through EIP-5267) and a fixed
///         supply minted once, at deployment, to the initial holder (the treasury). There is no mint
///         function: on the devnet the seeded accounts get tokens from `devnet/DevnetFaucet`, which the
///         deployer funds from that supply.
interface IUtilityToken is IERC20, IERC20Permit, IERC5267 {}
