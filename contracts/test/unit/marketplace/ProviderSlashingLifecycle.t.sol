// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../../../src/interfaces/IMarketplace.sol";
import {IProviderSlashing} from "../../../src/interfaces/IProviderSlashing.sol";
import {ProviderSlashId} from "../../../src/types/MarketplaceIds.sol";
import {ProviderSlashingUnitBase} from "./ProviderSlashingUnitBase.sol";

/// @notice ProviderSlashing.veto.
contract VetoProviderSlashTest is ProviderSlashingUnitBase {
    function test_VetoesBeforeTheDeadline() public {
        ProviderSlashId id = _request(100e18, _comp(consumer, 10e18));
        vm.warp(_deadline(id) - 1);
        vm.expectEmit(address(slashing));
        emit IProviderSlashing.SlashVetoed(id, vetoCommittee);
        vm.prank(vetoCommittee);
        slashing.veto(id);
        assertEq(_status(id), uint8(IProviderSlashing.Status.Vetoed));
        // nothing moved, and nothing can be executed any more
        assertEq(market.getProvider(providerId).stake, STAKE);
        vm.warp(_deadline(id));
        vm.expectRevert(
            abi.encodeWithSelector(
                IProviderSlashing.RequestNotPending.selector, id, IProviderSlashing.Status.Vetoed
            )
        );
        slashing.execute(id);
    }

    function test_Revert_WhenNotTheCommittee() public {
        ProviderSlashId id = _request(1, _comp(consumer, 0));
        vm.expectRevert(abi.encodeWithSelector(IProviderSlashing.NotVetoCommittee.selector, slashRequester));
        vm.prank(slashRequester);
        slashing.veto(id);
    }

    function test_Revert_WhenRequestUnknown() public {
        vm.prank(vetoCommittee);
        vm.expectRevert(
            abi.encodeWithSelector(IProviderSlashing.RequestNotFound.selector, ProviderSlashId.wrap(1))
        );
        slashing.veto(ProviderSlashId.wrap(1));
    }

    function test_Revert_WhenAlreadyVetoed() public {
        ProviderSlashId id = _request(1, _comp(consumer, 0));
        vm.startPrank(vetoCommittee);
        slashing.veto(id);
        vm.expectRevert(
            abi.encodeWithSelector(
                IProviderSlashing.RequestNotPending.selector, id, IProviderSlashing.Status.Vetoed
            )
        );
        slashing.veto(id);
        vm.stopPrank();
    }

    function test_Revert_WhenAtOrAfterTheDeadline() public {
        ProviderSlashId id = _request(1, _comp(consumer, 0));
        uint40 deadline = _deadline(id);
        vm.warp(deadline);
        vm.prank(vetoCommittee);
        vm.expectRevert(abi.encodeWithSelector(IProviderSlashing.VetoWindowClosed.selector, id, deadline));
        slashing.veto(id);
    }
}

/// @notice ProviderSlashing.cancel.
contract CancelProviderSlashTest is ProviderSlashingUnitBase {
    function test_CancelsWhilePendingEvenAfterTheDeadline() public {
        ProviderSlashId id = _request(100e18, _comp(consumer, 10e18));
        vm.warp(_deadline(id) + 1 days);
        vm.expectEmit(address(slashing));
        emit IProviderSlashing.SlashCancelled(id);
        vm.prank(slashRequester);
        slashing.cancel(id);
        assertEq(_status(id), uint8(IProviderSlashing.Status.Cancelled));
        vm.expectRevert(
            abi.encodeWithSelector(
                IProviderSlashing.RequestNotPending.selector, id, IProviderSlashing.Status.Cancelled
            )
        );
        slashing.execute(id);
    }

    function test_Revert_WhenNotTheRequester() public {
        ProviderSlashId id = _request(1, _comp(consumer, 0));
        vm.prank(vetoCommittee);
        vm.expectRevert(abi.encodeWithSelector(IProviderSlashing.NotRequester.selector, vetoCommittee));
        slashing.cancel(id);
    }

    function test_Revert_WhenRequestUnknown() public {
        vm.prank(slashRequester);
        vm.expectRevert(
            abi.encodeWithSelector(IProviderSlashing.RequestNotFound.selector, ProviderSlashId.wrap(3))
        );
        slashing.cancel(ProviderSlashId.wrap(3));
    }

    function test_Revert_WhenExecuted() public {
        ProviderSlashId id = _request(1e18, _comp(consumer, 0));
        vm.warp(_deadline(id));
        slashing.execute(id);
        vm.prank(slashRequester);
        vm.expectRevert(
            abi.encodeWithSelector(
                IProviderSlashing.RequestNotPending.selector, id, IProviderSlashing.Status.Executed
            )
        );
        slashing.cancel(id);
    }
}

/// @notice ProviderSlashing.execute.
contract ExecuteProviderSlashTest is ProviderSlashingUnitBase {
    function test_PaysCompensationsFirstAndTheRestToTheTreasury() public {
        ProviderSlashId id = _request(100e18, _comp(consumer, 30e18, consumer2, 20e18));
        vm.warp(_deadline(id));
        uint256 consumerBefore = token.balanceOf(consumer);
        uint256 consumer2Before = token.balanceOf(consumer2);
        uint256 treasuryBefore = token.balanceOf(treasury);
        uint256 marketBefore = token.balanceOf(address(market));

        vm.expectEmit(address(market));
        emit IMarketplace.ProviderSlashed(providerId, 100e18, 50e18, 50e18);
        vm.expectEmit(address(slashing));
        emit IProviderSlashing.SlashExecuted(id, providerId, 100e18);
        address keeper = makeAddr("keeper");
        vm.prank(keeper);
        uint96 slashed = slashing.execute(id);

        assertEq(slashed, 100e18);
        assertEq(_status(id), uint8(IProviderSlashing.Status.Executed));
        assertEq(token.balanceOf(consumer) - consumerBefore, 30e18, "consumer compensated");
        assertEq(token.balanceOf(consumer2) - consumer2Before, 20e18, "consumer2 compensated");
        assertEq(token.balanceOf(treasury) - treasuryBefore, 50e18, "rest to the treasury");
        assertEq(marketBefore - token.balanceOf(address(market)), 100e18, "out of the market");
        assertEq(market.getProvider(providerId).stake, STAKE - 100e18);
        assertEq(market.totalStaked(), STAKE - 100e18);
    }

    function test_Revert_WhenBeforeTheDeadline() public {
        ProviderSlashId id = _request(1e18, _comp(consumer, 0));
        uint40 deadline = _deadline(id);
        vm.warp(deadline - 1);
        vm.expectRevert(abi.encodeWithSelector(IProviderSlashing.VetoWindowOpen.selector, id, deadline));
        slashing.execute(id);
    }

    function test_Revert_WhenRequestUnknown() public {
        vm.expectRevert(
            abi.encodeWithSelector(IProviderSlashing.RequestNotFound.selector, ProviderSlashId.wrap(1))
        );
        slashing.execute(ProviderSlashId.wrap(1));
    }

    function test_Revert_WhenExecutedTwice() public {
        ProviderSlashId id = _request(1e18, _comp(consumer, 0));
        vm.warp(_deadline(id));
        slashing.execute(id);
        vm.expectRevert(
            abi.encodeWithSelector(
                IProviderSlashing.RequestNotPending.selector, id, IProviderSlashing.Status.Executed
            )
        );
        slashing.execute(id);
    }

    function test_Revert_WhenNoLongerTheMarketplacesSlasher() public {
        ProviderSlashId id = _request(1e18, _comp(consumer, 0));
        vm.prank(owner);
        market.setSlasher(makeAddr("newSlasher"));
        vm.warp(_deadline(id));
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NotSlasher.selector, address(slashing)));
        slashing.execute(id);
    }

    /// @dev The veto window is below the unstake delay: tokens the providerId starts unstaking after the
    ///      request are still in the Marketplace at the deadline, and the slash takes them.
    function test_SlashesStakeUnstakedAfterTheRequest() public {
        // consumer's escrow is settled first, so provider may take her whole stake out (the cap)
        vm.warp(block.timestamp + 1 days + REFUND_GRACE);
        market.refund(purchaseId);
        ProviderSlashId id = _request(STAKE, _comp(consumer, 10e18));
        // provider sees the request and unstakes everything at once
        vm.prank(provider);
        market.requestUnstake(providerId, STAKE);
        uint40 availableAt = market.getProvider(providerId).unstakeAvailableAt;

        vm.warp(_deadline(id));
        assertLt(block.timestamp, availableAt, "still unstaking at the deadline");
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.UnstakeNotReady.selector, availableAt));
        market.completeUnstake(providerId);

        uint256 treasuryBefore = token.balanceOf(treasury);
        assertEq(slashing.execute(id), STAKE);
        assertEq(market.getProvider(providerId).unstaking, 0);
        assertEq(market.totalUnstaking(), 0);
        assertEq(token.balanceOf(treasury) - treasuryBefore, STAKE - 10e18);
        vm.warp(availableAt);
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NothingToUnstake.selector, providerId));
        market.completeUnstake(providerId);
    }

    /// @dev The providerId holds less than the compensations when the request executes (an earlier slash
    ///      took most of it): they are scaled down pro rata, consumers still first, nothing to the treasury.
    function test_ScalesCompensationsWhenTheProviderHoldsLess() public {
        ProviderSlashId first = _request(STAKE - 50e18, _comp(consumer2, 0));
        ProviderSlashId second = _request(100e18, _comp(consumer, 60e18, consumer2, 40e18));
        vm.warp(_deadline(second));
        slashing.execute(first);
        uint256 consumerBefore = token.balanceOf(consumer);
        uint256 consumer2Before = token.balanceOf(consumer2);
        uint256 treasuryBefore = token.balanceOf(treasury);
        assertEq(slashing.execute(second), 50e18);
        assertEq(token.balanceOf(consumer) - consumerBefore, 30e18);
        assertEq(token.balanceOf(consumer2) - consumer2Before, 20e18);
        assertEq(token.balanceOf(treasury), treasuryBefore);
        assertEq(market.getProvider(providerId).stake, 0);
    }

    function testFuzz_SlashesExactly(uint96 amount, uint96 toFirst, uint96 toSecond, bool unstakeFirst)
        public
    {
        amount = uint96(bound(amount, 1, 2 * STAKE));
        toFirst = uint96(bound(toFirst, 0, amount));
        toSecond = uint96(bound(toSecond, 0, amount - toFirst));
        if (unstakeFirst) {
            // half the stake is unstaking: the slash takes the active stake first
            vm.prank(provider);
            market.requestUnstake(providerId, STAKE / 2);
        }
        ProviderSlashId id = _request(amount, _comp(consumer, toFirst, consumer2, toSecond));
        vm.warp(_deadline(id));
        uint256[3] memory before =
            [token.balanceOf(consumer), token.balanceOf(consumer2), token.balanceOf(treasury)];

        uint256 slashed = slashing.execute(id);

        uint256 expected = amount < STAKE ? amount : STAKE;
        assertEq(slashed, expected, "takes min(amount, holdings)");
        _assertPaidOut(
            expected,
            [uint256(toFirst), toSecond],
            [
                token.balanceOf(consumer) - before[0],
                token.balanceOf(consumer2) - before[1],
                token.balanceOf(treasury) - before[2]
            ]
        );
        IMarketplace.Provider memory p = market.getProvider(providerId);
        assertEq(uint256(p.stake) + p.unstaking, STAKE - expected);
        if (unstakeFirst && expected <= STAKE / 2) assertEq(p.unstaking, STAKE / 2, "stake goes first");
    }

    /// @dev paid = [first consumer, second consumer, treasury]: compensations in full when they fit,
    ///      else pro rata (rounded down, at most a wei of dust to the treasury).
    function _assertPaidOut(uint256 slashed, uint256[2] memory requested, uint256[3] memory paid)
        internal
        pure
    {
        assertEq(paid[0] + paid[1] + paid[2], slashed, "all of it paid out");
        uint256 claimed = requested[0] + requested[1];
        if (claimed <= slashed) {
            assertEq(paid[0], requested[0]);
            assertEq(paid[1], requested[1]);
        } else {
            assertEq(paid[0], requested[0] * slashed / claimed);
            assertEq(paid[1], requested[1] * slashed / claimed);
            assertLe(paid[2], 1, "rounding dust only");
        }
    }
}
