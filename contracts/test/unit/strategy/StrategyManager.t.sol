// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {StrategyManager} from "../../../src/core/StrategyManager.sol";
import {MockLST} from "../../../src/devnet/MockLST.sol";
import {IPausable} from "../../../src/interfaces/IPausable.sol";
import {IStrategy} from "../../../src/interfaces/IStrategy.sol";
import {IStrategyManager} from "../../../src/interfaces/IStrategyManager.sol";
import {FeeOnTransferToken, RebasingToken} from "../../utils/MockTokens.sol";
import {DelegationTestBase} from "../delegation/DelegationTestBase.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

contract StrategyManager_addStrategy is DelegationTestBase {
    function test_DeploysOneStrategyPerToken() public {
        MockLST t = new MockLST("X", "X", address(this));
        vm.prank(owner);
        IStrategy s = strategyManager.addStrategy(IERC20(address(t)), 7e18);
        assertEq(address(strategyManager.strategyFor(IERC20(address(t)))), address(s));
        assertTrue(strategyManager.isStrategy(s));
        assertEq(address(s.underlyingToken()), address(t));
        assertEq(s.depositCap(), 7e18);
        IStrategy[] memory all = strategyManager.getStrategies();
        assertEq(all.length, 3);
        assertEq(address(all[2]), address(s));
    }

    function test_EmitsStrategyAdded() public {
        MockLST t = new MockLST("X", "X", address(this));
        vm.expectEmit(false, true, false, true, address(strategyManager));
        emit IStrategyManager.StrategyAdded(IStrategy(address(0)), IERC20(address(t)), 1);
        vm.prank(owner);
        strategyManager.addStrategy(IERC20(address(t)), 1);
    }

    function test_Revert_WhenTokenHasStrategy() public {
        vm.prank(owner);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStrategyManager.StrategyExists.selector, address(token), address(strategy)
            )
        );
        strategyManager.addStrategy(IERC20(address(token)), 1);
    }

    function test_Revert_WhenNotOwner() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        strategyManager.addStrategy(IERC20(address(token)), 1);
    }
}

contract StrategyManager_setDepositCap is DelegationTestBase {
    function test_SetsCap() public {
        vm.prank(owner);
        strategyManager.setDepositCap(strategy, 3e18);
        assertEq(strategy.depositCap(), 3e18);
    }

    function test_Revert_WhenUnknownStrategy() public {
        IStrategy bogus = IStrategy(makeAddr("bogus"));
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.UnknownStrategy.selector, bogus));
        strategyManager.setDepositCap(bogus, 1);
    }

    function test_Revert_WhenNotOwner() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        strategyManager.setDepositCap(strategy, 1);
    }
}

contract StrategyManager_depositIntoStrategy is DelegationTestBase {
    function test_DepositsAndCreditsPosition() public {
        token.mint(alice, 5e18);
        vm.startPrank(alice);
        token.approve(address(strategyManager), 5e18);
        vm.expectEmit(address(strategyManager));
        emit IStrategyManager.Deposit(alice, strategy, 5e18, 5e18);
        uint256 shares = strategyManager.depositIntoStrategy(strategy, 5e18);
        vm.stopPrank();
        assertEq(shares, 5e18);
        assertEq(token.balanceOf(address(strategy)), 5e18);
        assertEq(_withdrawable(alice), 5e18);
        (address op, uint256 units) = delegation.stakerUnits(alice, strategy);
        assertEq(op, address(0));
        assertEq(units, 5e18);
    }

    function test_CreditsOperatorPoolWhenDelegated() public {
        _registerOperator(operator);
        _delegate(alice, operator);
        _deposit(alice, 5e18);
        assertEq(delegation.operatorShares(operator, strategy), 5e18);
        assertEq(_withdrawable(alice), 5e18);
    }

    function test_Revert_WhenFeeOnTransfer() public {
        FeeOnTransferToken fee = new FeeOnTransferToken();
        vm.prank(owner);
        IStrategy s = strategyManager.addStrategy(IERC20(address(fee)), NO_CAP);
        fee.mint(alice, 100e18);
        vm.startPrank(alice);
        fee.approve(address(strategyManager), 100e18);
        vm.expectRevert(
            abi.encodeWithSelector(IStrategyManager.FeeOnTransferNotSupported.selector, 100e18, 99e18)
        );
        strategyManager.depositIntoStrategy(s, 100e18);
        vm.stopPrank();
    }

    function testFuzz_Revert_WhenFeeOnTransfer(uint256 amount) public {
        amount = bound(amount, 100, 1e30); // at least 100 wei so the 1 % fee is non-zero
        FeeOnTransferToken fee = new FeeOnTransferToken();
        vm.prank(owner);
        IStrategy s = strategyManager.addStrategy(IERC20(address(fee)), NO_CAP);
        fee.mint(alice, amount);
        vm.startPrank(alice);
        fee.approve(address(strategyManager), amount);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStrategyManager.FeeOnTransferNotSupported.selector, amount, amount - amount / 100
            )
        );
        strategyManager.depositIntoStrategy(s, amount);
        vm.stopPrank();
    }

    function test_RebasingTokenDepositsAndRebases() public {
        RebasingToken reb = new RebasingToken(address(this));
        vm.prank(owner);
        IStrategy s = strategyManager.addStrategy(IERC20(address(reb)), NO_CAP);
        reb.mint(alice, 100e18);
        vm.startPrank(alice);
        reb.approve(address(strategyManager), 100e18);
        uint256 shares = strategyManager.depositIntoStrategy(s, 100e18);
        vm.stopPrank();
        assertEq(shares, 100e18);
        reb.rebase(1.5e18);
        assertEq(s.sharesToUnderlyingView(shares), uint256(100e18) * (150e18 + 1e3) / (100e18 + 1e3));
        reb.rebase(0.5e18);
        // below one token per share the formula would exceed the balance; the only holder gets it all
        assertEq(s.sharesToUnderlyingView(shares), 50e18);
    }

    function test_Revert_WhenZeroAmount() public {
        vm.prank(alice);
        vm.expectRevert(IStrategyManager.ZeroAmount.selector);
        strategyManager.depositIntoStrategy(strategy, 0);
    }

    function test_Revert_WhenUnknownStrategy() public {
        IStrategy bogus = IStrategy(makeAddr("bogus"));
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.UnknownStrategy.selector, bogus));
        strategyManager.depositIntoStrategy(bogus, 1);
    }

    function test_Revert_WhenCapExceeded() public {
        vm.prank(owner);
        strategyManager.setDepositCap(strategy, 1e18);
        token.mint(alice, 2e18);
        vm.startPrank(alice);
        token.approve(address(strategyManager), 2e18);
        vm.expectRevert(abi.encodeWithSelector(IStrategy.DepositCapExceeded.selector, 2e18, 1e18));
        strategyManager.depositIntoStrategy(strategy, 2e18);
        vm.stopPrank();
    }

    function test_Revert_WhenPaused() public {
        vm.prank(pauser);
        strategyManager.setPaused(1); // group 0
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IPausable.Paused.selector, 0));
        strategyManager.depositIntoStrategy(strategy, 1);
    }
}

contract StrategyManager_depositIntoStrategyWithPermit is DelegationTestBase {
    uint256 internal stakerKey = 0xA11CE;
    address internal staker = vm.addr(0xA11CE);

    function _sign(uint256 amount, uint256 deadline) internal view returns (uint8 v, bytes32 r, bytes32 s) {
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256(
                    "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
                ),
                staker,
                address(strategyManager),
                amount,
                token.nonces(staker),
                deadline
            )
        );
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash));
        return vm.sign(stakerKey, digest);
    }

    function test_DepositsWithPermit() public {
        token.mint(staker, 3e18);
        (uint8 v, bytes32 r, bytes32 s) = _sign(3e18, block.timestamp);
        vm.prank(staker);
        assertEq(
            strategyManager.depositIntoStrategyWithPermit(strategy, 3e18, block.timestamp, v, r, s), 3e18
        );
        assertEq(delegation.withdrawableShares(staker, strategy), 3e18);
    }

    function test_FrontRunPermitDoesNotBlockDeposit() public {
        token.mint(staker, 3e18);
        (uint8 v, bytes32 r, bytes32 s) = _sign(3e18, block.timestamp);
        token.permit(staker, address(strategyManager), 3e18, block.timestamp, v, r, s); // front-runner
        vm.prank(staker);
        assertEq(
            strategyManager.depositIntoStrategyWithPermit(strategy, 3e18, block.timestamp, v, r, s), 3e18
        );
    }

    function test_Revert_WhenPermitInvalidAndNoAllowance() public {
        token.mint(staker, 3e18);
        (uint8 v, bytes32 r, bytes32 s) = _sign(1e18, block.timestamp); // signed for a different amount
        vm.prank(staker);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector, address(strategyManager), 0, 3e18
            )
        );
        strategyManager.depositIntoStrategyWithPermit(strategy, 3e18, block.timestamp, v, r, s);
    }

    function test_Revert_WhenPaused() public {
        vm.prank(pauser);
        strategyManager.setPaused(1);
        vm.prank(staker);
        vm.expectRevert(abi.encodeWithSelector(IPausable.Paused.selector, 0));
        strategyManager.depositIntoStrategyWithPermit(strategy, 1, 0, 0, 0, 0);
    }

    function test_Revert_WhenUnknownStrategy() public {
        IStrategy bogus = IStrategy(makeAddr("bogus"));
        vm.prank(staker);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.UnknownStrategy.selector, bogus));
        strategyManager.depositIntoStrategyWithPermit(bogus, 1, 0, 0, 0, 0);
    }
}

contract StrategyManager_withdrawSharesAsTokens is DelegationTestBase {
    function test_SendsTokens() public {
        _deposit(alice, 5e18);
        vm.prank(address(delegation));
        assertEq(strategyManager.withdrawSharesAsTokens(bob, strategy, 2e18), 2e18);
        assertEq(token.balanceOf(bob), 2e18);
        assertEq(strategy.totalShares(), 3e18);
    }

    function test_Revert_WhenNotDelegationManager() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.OnlyDelegationManager.selector, alice));
        strategyManager.withdrawSharesAsTokens(alice, strategy, 1);
    }

    function test_Revert_WhenUnknownStrategy() public {
        IStrategy bogus = IStrategy(makeAddr("bogus"));
        vm.prank(address(delegation));
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.UnknownStrategy.selector, bogus));
        strategyManager.withdrawSharesAsTokens(alice, bogus, 1);
    }
}

contract StrategyManager_transferSlashedShares is DelegationTestBase {
    function test_BurnsToDeadAddressWhenDestinationZero() public {
        _deposit(alice, 5e18);
        address dead = strategyManager.BURN_ADDRESS();
        assertEq(dead, 0x000000000000000000000000000000000000dEaD);
        vm.expectEmit(address(strategyManager));
        emit IStrategyManager.SlashedSharesTransferred(strategy, 1e18, 1e18, dead);
        vm.prank(address(delegation));
        assertEq(strategyManager.transferSlashedShares(strategy, 1e18, address(0)), 1e18);
        assertEq(token.balanceOf(dead), 1e18);
    }

    function test_SendsToDestination() public {
        _deposit(alice, 5e18);
        vm.prank(address(delegation));
        strategyManager.transferSlashedShares(strategy, 2e18, carol);
        assertEq(token.balanceOf(carol), 2e18);
    }

    function test_Revert_WhenNotDelegationManager() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.OnlyDelegationManager.selector, alice));
        strategyManager.transferSlashedShares(strategy, 1, alice);
    }

    function test_Revert_WhenUnknownStrategy() public {
        IStrategy bogus = IStrategy(makeAddr("bogus"));
        vm.prank(address(delegation));
        vm.expectRevert(abi.encodeWithSelector(IStrategyManager.UnknownStrategy.selector, bogus));
        strategyManager.transferSlashedShares(bogus, 1, alice);
    }
}

contract StrategyManager_views is DelegationTestBase {
    function test_Views() public view {
        assertEq(address(strategyManager.delegation()), address(delegation));
        assertEq(address(strategyManager.strategyFor(IERC20(address(token)))), address(strategy));
        assertEq(address(strategyManager.strategyFor(IERC20(address(0xBEEF)))), address(0));
        assertFalse(strategyManager.isStrategy(IStrategy(address(0xBEEF))));
        assertEq(strategyManager.getStrategies().length, 2);
        assertEq(strategyManager.owner(), owner);
        assertEq(strategyManager.pauser(), pauser);
    }

    function test_ConstructorWiring() public {
        StrategyManager sm = new StrategyManager(owner, pauser, delegation);
        assertEq(address(sm.delegation()), address(delegation));
    }
}
