// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../../../src/interfaces/IMarketplace.sol";
import {IProviderSlashing} from "../../../src/interfaces/IProviderSlashing.sol";
import {ProviderSlashing} from "../../../src/marketplace/ProviderSlashing.sol";
import {ProviderId, ProviderSlashId} from "../../../src/types/MarketplaceIds.sol";
import {ProviderSlashingUnitBase} from "./ProviderSlashingUnitBase.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @notice ProviderSlashing's constructor.
contract ProviderSlashingConstructorTest is ProviderSlashingUnitBase {
    function test_SetsRolesAndWindow() public view {
        assertEq(address(slashing.marketplace()), address(market));
        assertEq(slashing.owner(), owner);
        assertEq(slashing.requester(), slashRequester);
        assertEq(slashing.vetoCommittee(), vetoCommittee);
        assertEq(slashing.vetoWindow(), VETO_WINDOW);
        assertEq(slashing.requestCount(), 0);
    }

    function test_EmitsTheRoles() public {
        vm.expectEmit();
        emit IProviderSlashing.RequesterSet(slashRequester);
        vm.expectEmit();
        emit IProviderSlashing.VetoCommitteeSet(vetoCommittee);
        vm.expectEmit();
        emit IProviderSlashing.VetoWindowSet(60);
        new ProviderSlashing(IMarketplace(address(market)), owner, slashRequester, vetoCommittee, 60);
    }

    function test_AcceptsTheLargestWindowBelowTheUnstakeDelay() public {
        ProviderSlashing s = new ProviderSlashing(
            IMarketplace(address(market)), owner, slashRequester, vetoCommittee, UNSTAKE_DELAY - 1
        );
        assertEq(s.vetoWindow(), UNSTAKE_DELAY - 1);
    }

    function test_Revert_WhenAnAddressIsZero() public {
        vm.expectRevert(IProviderSlashing.ZeroAddress.selector);
        new ProviderSlashing(IMarketplace(address(0)), owner, slashRequester, vetoCommittee, VETO_WINDOW);
        vm.expectRevert(IProviderSlashing.ZeroAddress.selector);
        new ProviderSlashing(IMarketplace(address(market)), owner, address(0), vetoCommittee, VETO_WINDOW);
        vm.expectRevert(IProviderSlashing.ZeroAddress.selector);
        new ProviderSlashing(IMarketplace(address(market)), owner, slashRequester, address(0), VETO_WINDOW);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new ProviderSlashing(
            IMarketplace(address(market)), address(0), slashRequester, vetoCommittee, VETO_WINDOW
        );
    }

    function test_Revert_WhenWindowBelowAMinute() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IProviderSlashing.VetoWindowOutOfBounds.selector, 59, 60, UNSTAKE_DELAY - 1
            )
        );
        new ProviderSlashing(IMarketplace(address(market)), owner, slashRequester, vetoCommittee, 59);
    }

    function test_Revert_WhenWindowNotBelowTheUnstakeDelay() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IProviderSlashing.VetoWindowOutOfBounds.selector, UNSTAKE_DELAY, 60, UNSTAKE_DELAY - 1
            )
        );
        new ProviderSlashing(
            IMarketplace(address(market)), owner, slashRequester, vetoCommittee, UNSTAKE_DELAY
        );
    }
}

/// @notice ProviderSlashing.requestSlash.
contract RequestProviderSlashTest is ProviderSlashingUnitBase {
    function test_FilesAPendingRequest() public {
        IMarketplace.Compensation[] memory c = _comp(consumer, 10e18, consumer2, 5e18);
        uint40 deadline = uint40(block.timestamp) + VETO_WINDOW;
        vm.expectEmit(address(slashing));
        emit IProviderSlashing.SlashRequested(
            ProviderSlashId.wrap(1), providerId, 100e18, deadline, keccak256("evidence"), "ipfs://evidence", c
        );
        ProviderSlashId id = _request(100e18, c);
        assertEq(ProviderSlashId.unwrap(id), 1);
        assertEq(slashing.requestCount(), 1);
        IProviderSlashing.SlashRequest memory r = slashing.getRequest(id);
        assertEq(ProviderId.unwrap(r.providerId), ProviderId.unwrap(providerId));
        assertEq(uint8(r.status), uint8(IProviderSlashing.Status.Pending));
        assertEq(r.vetoDeadline, deadline);
        assertEq(r.amount, 100e18);
        assertEq(r.evidenceHash, keccak256("evidence"));
        assertEq(r.evidenceURI, "ipfs://evidence");
        assertEq(r.compensations.length, 2);
        assertEq(r.compensations[0].account, consumer);
        assertEq(r.compensations[0].amount, 10e18);
        assertEq(r.compensations[1].account, consumer2);
        assertEq(r.compensations[1].amount, 5e18);
    }

    function test_NumbersRequestsFromOne() public {
        _request(1, _comp(consumer, 0));
        assertEq(ProviderSlashId.unwrap(_request(1, new IMarketplace.Compensation[](0))), 2);
        assertEq(slashing.requestCount(), 2);
    }

    function testFuzz_AcceptsCompensationsUpToTheAmount(uint96 amount, uint96 a, uint96 b) public {
        amount = uint96(bound(amount, 1, type(uint96).max));
        a = uint96(bound(a, 0, amount));
        b = uint96(bound(b, 0, amount - a));
        ProviderSlashId id = _request(amount, _comp(consumer, a, consumer2, b));
        assertEq(slashing.getRequest(id).amount, amount);
    }

    function test_Revert_WhenNotTheRequester() public {
        IMarketplace.Compensation[] memory c = _comp(consumer, 1);
        vm.expectRevert(abi.encodeWithSelector(IProviderSlashing.NotRequester.selector, address(this)));
        slashing.requestSlash(providerId, 1e18, "", "", c);
    }

    function test_Revert_WhenAmountZero() public {
        IMarketplace.Compensation[] memory c = _comp(consumer, 0);
        vm.prank(slashRequester);
        vm.expectRevert(IProviderSlashing.ZeroAmount.selector);
        slashing.requestSlash(providerId, 0, "", "", c);
    }

    function test_Revert_WhenACompensationAccountIsZero() public {
        IMarketplace.Compensation[] memory c = _comp(consumer, 1, address(0), 1);
        vm.prank(slashRequester);
        vm.expectRevert(IProviderSlashing.ZeroAddress.selector);
        slashing.requestSlash(providerId, 10, "", "", c);
    }

    function testFuzz_Revert_WhenCompensationsExceedTheAmount(uint96 amount, uint96 a, uint96 b) public {
        amount = uint96(bound(amount, 1, type(uint96).max - 1));
        a = uint96(bound(a, 0, amount));
        b = uint96(bound(b, amount - a + 1, type(uint96).max));
        IMarketplace.Compensation[] memory c = _comp(consumer, a, consumer2, b);
        vm.prank(slashRequester);
        vm.expectRevert(
            abi.encodeWithSelector(
                IProviderSlashing.CompensationExceedsAmount.selector, uint256(a) + b, amount
            )
        );
        slashing.requestSlash(providerId, amount, "", "", c);
    }

    function test_Revert_WhenProviderUnknown() public {
        IMarketplace.Compensation[] memory c = _comp(consumer, 0);
        vm.prank(slashRequester);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.ProviderNotFound.selector, ProviderId.wrap(9)));
        slashing.requestSlash(ProviderId.wrap(9), 1, "", "", c);
    }

    /// @dev The Marketplace's owner lowered the unstake delay to the window: a providerId could now leave
    ///      before the deadline, so no request is filed until the window is shortened.
    function test_Revert_WhenUnstakeDelayLoweredToTheWindow() public {
        IMarketplace.Params memory p = market.params();
        p.unstakeDelay = VETO_WINDOW;
        vm.prank(owner);
        market.setParams(p);
        IMarketplace.Compensation[] memory c = _comp(consumer, 0);
        vm.prank(slashRequester);
        vm.expectRevert(
            abi.encodeWithSelector(
                IProviderSlashing.VetoWindowOutOfBounds.selector, VETO_WINDOW, 60, VETO_WINDOW - 1
            )
        );
        slashing.requestSlash(providerId, 1, "", "", c);
    }
}

/// @notice ProviderSlashing's owner functions.
contract ProviderSlashingSettersTest is ProviderSlashingUnitBase {
    function test_SetsTheRequester() public {
        vm.expectEmit(address(slashing));
        emit IProviderSlashing.RequesterSet(consumer2);
        vm.prank(owner);
        slashing.setRequester(consumer2);
        assertEq(slashing.requester(), consumer2);
    }

    function test_SetsTheCommittee() public {
        vm.expectEmit(address(slashing));
        emit IProviderSlashing.VetoCommitteeSet(consumer2);
        vm.prank(owner);
        slashing.setVetoCommittee(consumer2);
        assertEq(slashing.vetoCommittee(), consumer2);
    }

    function testFuzz_SetsTheWindow(uint32 window) public {
        window = uint32(bound(window, 60, UNSTAKE_DELAY - 1));
        vm.expectEmit(address(slashing));
        emit IProviderSlashing.VetoWindowSet(window);
        vm.prank(owner);
        slashing.setVetoWindow(window);
        assertEq(slashing.vetoWindow(), window);
        ProviderSlashId id = _request(1, _comp(consumer, 0));
        assertEq(_deadline(id), block.timestamp + window);
    }

    function test_Revert_WhenNotTheOwner() public {
        vm.startPrank(slashRequester);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, slashRequester));
        slashing.setRequester(consumer2);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, slashRequester));
        slashing.setVetoCommittee(consumer2);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, slashRequester));
        slashing.setVetoWindow(60);
        vm.stopPrank();
    }

    function test_Revert_WhenZeroAddress() public {
        vm.startPrank(owner);
        vm.expectRevert(IProviderSlashing.ZeroAddress.selector);
        slashing.setRequester(address(0));
        vm.expectRevert(IProviderSlashing.ZeroAddress.selector);
        slashing.setVetoCommittee(address(0));
        vm.stopPrank();
    }

    function testFuzz_Revert_WhenWindowOutOfBounds(uint32 window) public {
        vm.assume(window < 60 || window >= UNSTAKE_DELAY);
        vm.prank(owner);
        vm.expectRevert(
            abi.encodeWithSelector(
                IProviderSlashing.VetoWindowOutOfBounds.selector, window, 60, UNSTAKE_DELAY - 1
            )
        );
        slashing.setVetoWindow(window);
    }
}
