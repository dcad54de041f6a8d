// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IDemoFlashLender} from "./IMonitorDemo.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title An ERC-3156 flash lender of whatever it holds (devnet and test helper; see IDemoFlashLender)
contract DemoFlashLender is IDemoFlashLender {
    using SafeERC20 for IERC20;

    /// @dev keccak256("ERC3156FlashBorrower.onFlashLoan"): what a willing borrower returns.
    bytes32 internal constant CALLBACK_SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");
    uint256 internal constant BPS = 10_000;

    /// @inheritdoc IDemoFlashLender
    uint256 public immutable feeBps;

    constructor(uint256 feeBps_) {
        feeBps = feeBps_;
    }

    /// @notice Lends `amount` of `token` to `receiver`, calls its `onFlashLoan`, then pulls back `amount`
    ///         plus the fee with transferFrom (ERC-3156).
    function flashLoan(IERC3156FlashBorrower receiver, address token, uint256 amount, bytes calldata data)
        external
        returns (bool)
    {
        uint256 available = IERC20(token).balanceOf(address(this));
        require(amount <= available, AmountTooLarge(amount, available));
        uint256 fee = _fee(amount);
        IERC20(token).safeTransfer(address(receiver), amount);
        bytes32 returned = receiver.onFlashLoan(msg.sender, token, amount, fee, data);
        require(returned == CALLBACK_SUCCESS, CallbackFailed(returned));
        IERC20(token).safeTransferFrom(address(receiver), address(this), amount + fee);
        emit FlashLoan(address(receiver), token, amount, fee);
        return true;
    }

    /// @notice All the lender holds of `token`.
    function maxFlashLoan(address token) external view returns (uint256) {
        return IERC20(token).balanceOf(address(this));
    }

    /// @notice The fee on `amount` (any token).
    function flashFee(address, uint256 amount) external view returns (uint256) {
        return _fee(amount);
    }

    function _fee(uint256 amount) internal view returns (uint256) {
        return amount * feeBps / BPS;
    }
}
