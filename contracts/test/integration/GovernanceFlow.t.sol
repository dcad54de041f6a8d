// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IDelegationManager} from "../../src/interfaces/IDelegationManager.sol";
import {IGovernanceToken} from "../../src/interfaces/IGovernanceToken.sol";
import {IMarketplace} from "../../src/interfaces/IMarketplace.sol";
import {IPalisadeGovernor} from "../../src/interfaces/IPalisadeGovernor.sol";
import {IProviderSlashing} from "../../src/interfaces/IProviderSlashing.sol";
import {IReviewBoard} from "../../src/interfaces/IReviewBoard.sol";
import {IServiceManager} from "../../src/interfaces/IServiceManager.sol";
import {IStrategy} from "../../src/interfaces/IStrategy.sol";
import {
    ProviderId,
    ProviderSlashId,
    PurchaseId,
    ReviewId,
    ServiceId
} from "../../src/types/MarketplaceIds.sol";
import {SlashRequestId} from "../../src/types/SlashRequestId.sol";
import {GovernanceFixture} from "../utils/GovernanceFixture.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @notice Flow 8 on the whole system: investors who restaked into Palisade govern it. A disciplinary
///         proposal slashes a provider through ProviderSlashing (even one that started to unstake when
///         the proposal appeared), another is vetoed by the committee, a marketplace parameter changes
///         only after the timelock, a proposal without quorum fails, an operator is slashed through the
///         ServiceManager and its stakers' governance tokens follow, a review challenge is settled, a
///         service delisted, a grant and core and AVS parameters set, and withdrawing needs the tokens.
contract GovernanceFlowTest is GovernanceFixture {
    uint32 internal constant CALLS = 100;

    ProviderId internal providerId;
    ServiceId internal serviceId;

    function setUp() public override {
        super.setUp();
        vm.startPrank(vendor);
        pal.approve(address(market), type(uint256).max);
        pal.approve(address(board), type(uint256).max);
        providerId = market.registerProvider(PROVIDER_STAKE, "ipfs://vendor", "https://vendor.example");
        serviceId = market.registerService(
            providerId, IMarketplace.Category.AddressRisk, PRICE, "/v1/address", "ipfs://s"
        );
        vm.stopPrank();
        vm.startPrank(wallet);
        pal.approve(address(market), type(uint256).max);
        pal.approve(address(board), type(uint256).max);
        vm.stopPrank();
    }

    function _buy() internal returns (PurchaseId) {
        vm.prank(wallet);
        return market.purchase(serviceId, CALLS, PRICE, uint40(block.timestamp + 1 days));
    }

    /// @dev Slash the vendor 3,000 PAL, 500 of it to the wallet it harmed.
    function _slashVendorProposal() internal view returns (Proposal memory) {
        IMarketplace.Compensation[] memory compensations = new IMarketplace.Compensation[](1);
        compensations[0] = IMarketplace.Compensation({account: wallet, amount: 500e18});
        return _proposal(
            address(providerSlashing),
            abi.encodeCall(
                IProviderSlashing.requestSlash,
                (providerId, 3000e18, keccak256("evidence"), "ipfs://evidence", compensations)
            ),
            "Discipline: slash provider 1 for certified false verdicts"
        );
    }

    // ───────────── the hand-over ─────────────

    function test_TimelockHoldsEveryGovernanceRole() public view {
        Ownable2Step[] memory owned = _governed();
        for (uint256 i; i < owned.length; ++i) {
            assertEq(owned[i].owner(), address(timelock), "owner");
        }
        assertEq(govToken.owner(), address(timelock));
        assertEq(serviceManager.slashRequester(), address(timelock));
        assertEq(providerSlashing.requester(), address(timelock));
        assertEq(board.resolver(), address(timelock));
        assertEq(address(delegation.withdrawalGate()), address(govToken));
        assertEq(serviceManager.vetoCommittee(), committee);
        assertEq(providerSlashing.vetoCommittee(), committee);
        assertEq(governor.vetoCommittee(), committee);
        assertTrue(timelock.hasRole(timelock.PROPOSER_ROLE(), address(governor)));
        assertTrue(timelock.hasRole(timelock.CANCELLER_ROLE(), address(governor)));
        assertTrue(timelock.hasRole(timelock.EXECUTOR_ROLE(), address(governor)));
        assertFalse(timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE(), address(this)), "the deployer renounced");
        assertFalse(timelock.hasRole(timelock.PROPOSER_ROLE(), address(this)));
        assertTrue(timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE(), address(timelock)));
    }

    // ───────────── disciplinary: provider ─────────────

    function test_DisciplinaryProposalSlashesAProvider() public {
        _buy();
        Proposal memory p = _slashVendorProposal();
        uint256 id = _propose(alice, p);
        assertTrue(governor.isDisciplinaryProposal(p.targets, p.calldatas));
        // the vendor sees the proposal and tries to leave with most of its stake
        vm.prank(vendor);
        market.requestUnstake(providerId, PROVIDER_STAKE - MIN_STAKE);

        _vote(id, _voters(alice, bob), 1);
        _queue(p);
        vm.warp(governor.proposalEta(id));
        _execute(p);
        ProviderSlashId requestId = ProviderSlashId.wrap(1);
        IProviderSlashing.SlashRequest memory r = providerSlashing.getRequest(requestId);
        assertEq(uint8(r.status), uint8(IProviderSlashing.Status.Pending), "filed by governance");
        assertLt(
            r.vetoDeadline, market.getProvider(providerId).unstakeAvailableAt, "before the vendor can leave"
        );

        vm.warp(r.vetoDeadline);
        uint256 walletBefore = pal.balanceOf(wallet);
        uint256 treasuryBefore = pal.balanceOf(marketTreasury);
        providerSlashing.execute(requestId);

        IMarketplace.Provider memory vendorNow = market.getProvider(providerId);
        assertEq(vendorNow.stake, 0, "the active stake went first");
        assertEq(vendorNow.unstaking, PROVIDER_STAKE - 3000e18, "then 2,000 of the unstaking amount");
        assertEq(pal.balanceOf(wallet) - walletBefore, 500e18, "the harmed consumer is paid first");
        assertEq(pal.balanceOf(marketTreasury) - treasuryBefore, 2500e18, "the rest to the treasury");
    }

    function test_CommitteeVetoesADisciplinaryProposalInTheTimelock() public {
        Proposal memory p = _slashVendorProposal();
        uint256 id = _passAndQueue(p);
        vm.warp(governor.proposalEta(id) - 1);
        vm.prank(committee);
        governor.veto(p.targets, p.values, p.calldatas, _descriptionHash(p));
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Canceled));

        vm.warp(governor.proposalEta(id));
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                id,
                IGovernor.ProposalState.Canceled,
                // forge-lint: disable-next-line(incorrect-shift) a one-state bitmap: 1 shifted by the state's index, as OpenZeppelin encodes it
                bytes32(1 << uint8(IGovernor.ProposalState.Queued))
            )
        );
        _execute(p);
        assertEq(providerSlashing.requestCount(), 0, "nothing was filed");
        assertEq(market.getProvider(providerId).stake, PROVIDER_STAKE);
    }

    /// @dev The committee's power is slashing only: a parameter change cannot be vetoed.
    function test_Revert_WhenCommitteeVetoesAParameterChange() public {
        Proposal memory p = _feeProposal(300);
        uint256 id = _passAndQueue(p);
        vm.expectRevert(abi.encodeWithSelector(IPalisadeGovernor.NotDisciplinary.selector, id));
        vm.prank(committee);
        governor.veto(p.targets, p.values, p.calldatas, _descriptionHash(p));
    }

    // ───────────── parameters after the timelock ─────────────

    function _feeProposal(uint16 feeBps) internal pure returns (Proposal memory) {
        IMarketplace.Params memory params = _marketParams();
        params.protocolFeeBps = feeBps;
        return _proposal(address(0), abi.encodeCall(IMarketplace.setParams, (params)), "Protocol fee");
    }

    function test_MarketplaceParameterChangesOnlyAfterTheTimelock() public {
        Proposal memory p = _feeProposal(300);
        p.targets[0] = address(market);
        uint256 id = _passAndQueue(p);
        uint256 eta = governor.proposalEta(id);
        assertEq(eta, block.timestamp + TIMELOCK_DELAY);

        vm.warp(eta - 1);
        bytes32 operationId = timelock.hashOperationBatch(
            p.targets, p.values, p.calldatas, bytes32(0), bytes20(address(governor)) ^ _descriptionHash(p)
        );
        vm.expectRevert(
            abi.encodeWithSelector(
                TimelockController.TimelockUnexpectedOperationState.selector,
                operationId,
                // forge-lint: disable-next-line(incorrect-shift) a one-state bitmap: 1 shifted by the state's index, as OpenZeppelin encodes it
                bytes32(1 << uint8(TimelockController.OperationState.Ready))
            )
        );
        _execute(p);
        assertEq(market.params().protocolFeeBps, 500, "unchanged before the delay");

        vm.warp(eta);
        _execute(p);
        assertEq(market.params().protocolFeeBps, 300, "changed after it");
    }

    function test_OutOfBoundsParameterFailsAtExecution() public {
        Proposal memory p = _feeProposal(2001);
        p.targets[0] = address(market);
        uint256 id = _passAndQueue(p);
        vm.warp(governor.proposalEta(id));
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.ParamOutOfBounds.selector, "protocolFeeBps", 2001, 0, 2000)
        );
        _execute(p);
    }

    // ───────────── quorum ─────────────

    function test_ProposalWithoutQuorumFails() public {
        Proposal memory p = _feeProposal(300);
        p.targets[0] = address(market);
        uint256 id = _propose(dave, p);
        _vote(id, _voters(dave), 1);
        uint256 snapshot = governor.proposalSnapshot(id);
        // 4 % of 2 × 805 tokens = 64.4 needed; dave's 5 tokens weigh less than 6
        assertEq(governor.quorum(snapshot), govToken.totalSupplyAt(snapshot) * 2 * 400 / 10_000);
        (, uint256 forVotes,) = governor.proposalVotes(id);
        assertLt(forVotes, governor.quorum(snapshot));
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Defeated));
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                id,
                IGovernor.ProposalState.Defeated,
                // forge-lint: disable-next-line(incorrect-shift) a one-state bitmap: 1 shifted by the state's index, as OpenZeppelin encodes it
                bytes32(1 << uint8(IGovernor.ProposalState.Succeeded))
            )
        );
        _queue(p);
    }

    // ───────────── disciplinary: operator ─────────────

    function test_DisciplinaryProposalSlashesAnOperatorAndItsStakersTokens() public {
        IStrategy[] memory strategies = _one(stethStrategy);
        Proposal memory p = _proposal(
            address(serviceManager),
            abi.encodeCall(
                IServiceManager.requestSlash,
                (_operator(0), 0.5e18, strategies, "ipfs://equivocation-report", keccak256("report"))
            ),
            "Discipline: slash operator 0 by half"
        );
        _govern(p);
        SlashRequestId requestId = SlashRequestId.wrap(1);
        IServiceManager.SlashRequest memory r = serviceManager.getSlashRequest(requestId);
        assertEq(r.operator, _operator(0));
        vm.roll(r.vetoDeadline);
        serviceManager.executeSlash(requestId);

        assertEq(govToken.backedStake(alice), 200e18, "half of alice's 400");
        govToken.sync(alice);
        govToken.sync(carol);
        assertEq(govToken.balanceOf(alice), 200e18);
        assertEq(govToken.balanceOf(carol), 50e18);
        assertEq(govToken.balanceOf(bob), 300e18, "another operator's stakers keep theirs");
        assertEq(govToken.totalSupply(), 200e18 + 300e18 + 50e18 + 5e18);
    }

    // ───────────── review challenges, listings, grants, core and AVS parameters ─────────────

    function test_GovernanceSettlesAReviewChallenge() public {
        PurchaseId purchaseId = _buy();
        vm.prank(wallet);
        ReviewId reviewId = board.review(purchaseId, 1, keccak256("slow answers"), "ipfs://review");
        vm.prank(vendor);
        board.challenge(reviewId);
        uint256 vendorBefore = pal.balanceOf(vendor);

        _govern(
            _proposal(
                address(board),
                abi.encodeCall(IReviewBoard.resolveChallenge, (reviewId, false)),
                "Review 1 is struck"
            )
        );
        assertEq(uint8(board.getReview(reviewId).status), uint8(IReviewBoard.ReviewStatus.Struck));
        assertEq(pal.balanceOf(vendor) - vendorBefore, 12e18, "bond back plus the review fee");
    }

    function test_GovernanceDelistsAService() public {
        _govern(
            _proposal(
                address(market), abi.encodeCall(IMarketplace.setServiceActive, (serviceId, false)), "Delist 1"
            )
        );
        assertFalse(market.getService(serviceId).active);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.ServiceInactive.selector, serviceId));
        vm.prank(wallet);
        market.purchase(serviceId, 1, PRICE, uint40(block.timestamp + 1 days));
    }

    function test_OneProposalGrantsAndSetsCoreAndAVSParameters() public {
        address dev = makeAddr("dev");
        Proposal memory p;
        p.targets = new address[](3);
        p.values = new uint256[](3);
        p.calldatas = new bytes[](3);
        (p.targets[0], p.calldatas[0]) =
        (address(govToken), abi.encodeCall(IGovernanceToken.grant, (dev, 4e18, "client library audit")));
        (p.targets[1], p.calldatas[1]) =
        (address(delegation), abi.encodeCall(IDelegationManager.setWithdrawalDelay, (10)));
        (p.targets[2], p.calldatas[2]) =
        (address(serviceManager), abi.encodeCall(IServiceManager.setQuorumThreshold, (7000)));
        p.description = "Grant, withdrawal delay, quorum threshold";
        _govern(p);
        assertEq(govToken.balanceOf(dev), 4e18);
        assertEq(govToken.totalGranted(), 4e18);
        assertEq(delegation.withdrawalDelayBlocks(), 10);
        assertEq(serviceManager.quorumThresholdBps(), 7000);
    }

    // ───────────── tokens and withdrawals ─────────────

    function test_InvestorMustReturnTokensToWithdraw() public {
        vm.prank(alice);
        assertTrue(govToken.transfer(bob, 400e18));
        vm.expectRevert(
            abi.encodeWithSelector(IGovernanceToken.InsufficientGovernanceTokens.selector, alice, 0, 100e18)
        );
        _queue(alice, stethStrategy, 100e18);
        vm.prank(bob);
        assertTrue(govToken.transfer(alice, 100e18));
        _queue(alice, stethStrategy, 100e18);
        assertEq(govToken.stakerRecord(alice).backing, 300e18);
    }

    /// @dev The deployment rule of decision 0006: a provider that starts unstaking when a disciplinary
    ///      proposal appears is still slashable when the request governance files becomes executable.
    function test_GovernanceLatencyFitsTheUnstakeDelay() public view {
        IPalisadeGovernor.Params memory p = governor.params();
        uint256 latency =
            p.votingDelay + p.votingPeriod + timelock.getMinDelay() + providerSlashing.vetoWindow();
        assertLt(latency, market.params().unstakeDelay);
    }
}
