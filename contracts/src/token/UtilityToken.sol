// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IUtilityToken} from "../interfaces/IUtilityToken.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";

/// @title Palisade Utility (PAL)
/// @notice The whole supply is minted once, here, to `initialHolder`; nothing can mint afterwards.
///         The EIP-712 domain of the permit is {name: "Palisade Utility", version: "1", chainid, this}.
contract UtilityToken is IUtilityToken, ERC20Permit {
    constructor(address initialHolder, uint256 supply)
        ERC20("Palisade Utility", "PAL")
        ERC20Permit("Palisade Utility")
    {
        _mint(initialHolder, supply);
    }

    /// @inheritdoc IERC20Permit
    /// @dev Declared in both IUtilityToken's IERC20Permit and ERC20Permit: resolved to the latter.
    function nonces(address owner) public view override(IERC20Permit, ERC20Permit) returns (uint256) {
        return super.nonces(owner);
    }
}
