// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IDemoFlashLender} from "../../../../src/devnet/monitor/IMonitorDemo.sol";
import {MonitorDemoBase} from "./MonitorDemoBase.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice A borrower that repays (or not) and answers what it is told to.
contract TestBorrower is IERC3156FlashBorrower {
    bytes32 internal immutable answer;
    bool internal immutable approveRepayment;

    constructor(bytes32 answer_, bool approveRepayment_) {
        answer = answer_;
        approveRepayment = approveRepayment_;
    }

    function onFlashLoan(address, address token, uint256 amount, uint256 fee, bytes calldata)
        external
        returns (bytes32)
    {
        if (approveRepayment) IERC20(token).approve(msg.sender, amount + fee);
        return answer;
    }
}

/// @notice DemoFlashLender: ERC-3156 loans of what it holds, with its fee, pulled back after the callback.
contract DemoFlashLenderTest is MonitorDemoBase {
    bytes32 internal constant SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");

    function test_LendsAndPullsBackWithTheFee() public {
        TestBorrower borrower_ = new TestBorrower(SUCCESS, true);
        uint256 fee = lender.flashFee(address(weth), 100e18);
        assertEq(fee, 0.09e18);
        weth.mint(address(borrower_), fee);
        vm.expectEmit(address(lender));
        emit IDemoFlashLender.FlashLoan(address(borrower_), address(weth), 100e18, fee);
        assertTrue(lender.flashLoan(borrower_, address(weth), 100e18, ""));
        assertEq(weth.balanceOf(address(lender)), LENDER_WETH + fee);
        assertEq(lender.maxFlashLoan(address(weth)), LENDER_WETH + fee);
    }

    function test_Revert_WhenAmountExceedsTheBalance() public {
        TestBorrower borrower_ = new TestBorrower(SUCCESS, true);
        vm.expectRevert(
            abi.encodeWithSelector(IDemoFlashLender.AmountTooLarge.selector, LENDER_WETH + 1, LENDER_WETH)
        );
        lender.flashLoan(borrower_, address(weth), LENDER_WETH + 1, "");
    }

    function test_Revert_WhenTheCallbackAnswersWrong() public {
        TestBorrower borrower_ = new TestBorrower(bytes32(uint256(1)), true);
        vm.expectRevert(abi.encodeWithSelector(IDemoFlashLender.CallbackFailed.selector, bytes32(uint256(1))));
        lender.flashLoan(borrower_, address(weth), 1e18, "");
    }

    function test_Revert_WhenTheBorrowerDoesNotRepay() public {
        TestBorrower borrower_ = new TestBorrower(SUCCESS, false);
        vm.expectRevert();
        lender.flashLoan(borrower_, address(weth), 1e18, "");
    }
}
