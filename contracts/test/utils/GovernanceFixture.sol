// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {RevenueDistributor} from "../../src/economics/RevenueDistributor.sol";
import {PalisadeGovernor} from "../../src/governance/PalisadeGovernor.sol";
import {Timelock} from "../../src/governance/Timelock.sol";
import {IGovernanceToken} from "../../src/interfaces/IGovernanceToken.sol";
import {IMarketplace} from "../../src/interfaces/IMarketplace.sol";
import {IOperatorRegistry} from "../../src/interfaces/IOperatorRegistry.sol";
import {IPalisadeGovernor} from "../../src/interfaces/IPalisadeGovernor.sol";
import {IProviderSlashing} from "../../src/interfaces/IProviderSlashing.sol";
import {IRevenueDistributor} from "../../src/interfaces/IRevenueDistributor.sol";
import {IReviewBoard} from "../../src/interfaces/IReviewBoard.sol";
import {IServiceManager} from "../../src/interfaces/IServiceManager.sol";
import {Marketplace} from "../../src/marketplace/Marketplace.sol";
import {ProviderSlashing} from "../../src/marketplace/ProviderSlashing.sol";
import {ReviewBoard} from "../../src/marketplace/ReviewBoard.sol";
import {GovernanceToken} from "../../src/token/GovernanceToken.sol";
import {UtilityToken} from "../../src/token/UtilityToken.sol";
import {AVSFixture} from "./AVSFixture.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice The whole system under governance: the core and the AVS (AVSFixture: four BLS operators in
///         operator set 0), the marketplace stack (utility token, Marketplace, ReviewBoard,
///         ProviderSlashing), the GovernanceToken backed by set 0 and set as the DelegationManager's
///         withdrawal gate, the Timelock and the PalisadeGovernor.
///
///         The timelock ends up owning every governed contract and holding the roles of governance:
///         owner of StrategyManager, DelegationManager, AllocationManager, RewardsCoordinator,
///         OperatorRegistry, ServiceManager, Marketplace, ReviewBoard, ProviderSlashing and the
///         GovernanceToken; slash requester of the ServiceManager and of ProviderSlashing; resolver of the
///         ReviewBoard. The hand-over is done as a deployment does it: the deployer is the timelock's
///         admin for the setup only, schedules one batch of `acceptOwnership` calls, executes it after
///         the delay and renounces every role. The veto committee (AVSFixture's `committee`) vetoes in
///         the governor, ProviderSlashing and the ServiceManager.
///
///         Investors alice (400 stETH), bob (300) and carol (100) restake with operators 0 and 1 and
///         sync their governance tokens; dave (5) is a small holder. The provider `vendor` stakes PAL and
///         sells a service to the consumer `wallet`.
abstract contract GovernanceFixture is AVSFixture {
    uint256 internal constant START = 1_750_000_000;
    uint256 internal constant PAL_SUPPLY = 1_000_000_000e18;

    // governance
    uint48 internal constant VOTING_DELAY = 1 days;
    uint32 internal constant VOTING_PERIOD = 3 days;
    uint256 internal constant TIMELOCK_DELAY = 2 days;
    uint16 internal constant QUORUM_BPS = 400;
    uint16 internal constant THRESHOLD_BPS = 10;

    // marketplace (as MarketplaceFixture)
    uint96 internal constant MIN_STAKE = 1000e18;
    uint96 internal constant PROVIDER_STAKE = 10_000e18;
    uint96 internal constant PRICE = 1e18;
    uint32 internal constant UNSTAKE_DELAY = 7 days;
    /// @dev the timelock already gave the committee two days: an hour is enough after the request
    uint32 internal constant PROVIDER_VETO_WINDOW = 1 hours;

    UtilityToken internal pal;
    Marketplace internal market;
    ReviewBoard internal board;
    ProviderSlashing internal providerSlashing;
    GovernanceToken internal govToken;
    Timelock internal timelock;
    PalisadeGovernor internal governor;
    /// @dev deployed only by suites that call `_deployDistributor` (economics, decision 0007)
    RevenueDistributor internal distributor;

    address internal marketTreasury = makeAddr("marketTreasury");
    address internal boardTreasury = makeAddr("boardTreasury");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");
    address internal dave = makeAddr("dave");
    address internal vendor = makeAddr("vendor");
    address internal wallet;
    uint256 internal walletKey;

    function setUp() public virtual override {
        super.setUp();
        vm.warp(START);
        _onboardOperators();
        _deployMarketplace();
        _deployGovernance();
        _handOver();
        _seedInvestors();
    }

    // ───────────── deployment ─────────────

    /// @dev Four operators of 100 stETH each in operator set 0 (the blst fixture's keys); a suite that
    ///      must sign batches of its own overrides this with keys it knows.
    function _onboardOperators() internal virtual {
        _onboard(_equalStakes(4, 100e18));
    }

    function _deployMarketplace() internal {
        pal = new UtilityToken(address(this), PAL_SUPPLY);
        market = new Marketplace(IERC20(address(pal)), address(this), pauser, marketTreasury, _marketParams());
        board = new ReviewBoard(
            IERC20(address(pal)),
            IMarketplace(address(market)),
            address(this),
            address(this), // resolver until the timelock exists
            boardTreasury,
            IServiceManager(address(serviceManager)),
            IReviewBoard.Params({
                reviewFee: 2e18,
                challengeBond: 10e18,
                challengeWindow: 3 days,
                reviewPenalty: 150,
                negativeRatingMax: 2
            })
        );
        market.setReviewBoard(address(board));
    }

    function _marketParams() internal pure returns (IMarketplace.Params memory) {
        return IMarketplace.Params({
            minStake: MIN_STAKE,
            inFlightMultipleBps: 20_000,
            protocolFeeBps: 500,
            unstakeDelay: UNSTAKE_DELAY,
            minReleaseDelay: 1 hours,
            maxReleaseDelay: 3 days,
            scoreForMinDelay: 1000,
            refundGrace: 1 days,
            maxPurchaseDuration: 90 days,
            sessionRevocationDelay: 1 hours,
            minScoredValue: 5e18
        });
    }

    function _deployGovernance() internal {
        // the deployer administers the timelock during the setup only (see _handOver)
        timelock = new Timelock(TIMELOCK_DELAY, new address[](0), new address[](0), address(this));
        govToken = new GovernanceToken(
            delegation,
            allocationManager,
            palisadeSet,
            address(timelock),
            IGovernanceToken.GrantCaps({periodCapBps: 50, totalCapBps: 500})
        );
        providerSlashing = new ProviderSlashing(
            IMarketplace(address(market)), address(this), address(timelock), committee, PROVIDER_VETO_WINDOW
        );
        market.setSlasher(address(providerSlashing));
        address[] memory targets = new address[](2);
        bytes4[] memory selectors = new bytes4[](2);
        (targets[0], selectors[0]) = (address(providerSlashing), IProviderSlashing.requestSlash.selector);
        (targets[1], selectors[1]) = (address(serviceManager), IServiceManager.requestSlash.selector);
        governor = new PalisadeGovernor(
            IGovernanceToken(address(govToken)),
            TimelockController(payable(address(timelock))),
            IPalisadeGovernor.Params({
                votingDelay: VOTING_DELAY,
                votingPeriod: VOTING_PERIOD,
                quorumBps: QUORUM_BPS,
                proposalThresholdBps: THRESHOLD_BPS
            }),
            committee,
            targets,
            selectors
        );
    }

    /// @dev Roles first (while the current owners still can), then ownership to the timelock, accepted
    ///      by one timelocked batch the temporary admin schedules and executes; then it renounces.
    function _handOver() internal {
        vm.startPrank(owner);
        delegation.setWithdrawalGate(govToken);
        serviceManager.setSlashRequester(address(timelock));
        vm.stopPrank();
        board.setResolver(address(timelock));

        Ownable2Step[] memory owned = _governed();
        for (uint256 i; i < owned.length; ++i) {
            vm.prank(owned[i].owner());
            owned[i].transferOwnership(address(timelock));
        }

        timelock.grantRole(timelock.PROPOSER_ROLE(), address(this));
        timelock.grantRole(timelock.EXECUTOR_ROLE(), address(this));
        address[] memory targets = new address[](owned.length);
        bytes[] memory calls = new bytes[](owned.length);
        for (uint256 i; i < owned.length; ++i) {
            targets[i] = address(owned[i]);
            calls[i] = abi.encodeCall(Ownable2Step.acceptOwnership, ());
        }
        uint256[] memory values = new uint256[](owned.length);
        timelock.scheduleBatch(targets, values, calls, bytes32(0), bytes32(0), TIMELOCK_DELAY);
        vm.warp(block.timestamp + TIMELOCK_DELAY);
        timelock.executeBatch(targets, values, calls, bytes32(0), bytes32(0));

        timelock.grantRole(timelock.PROPOSER_ROLE(), address(governor));
        timelock.grantRole(timelock.CANCELLER_ROLE(), address(governor));
        timelock.grantRole(timelock.EXECUTOR_ROLE(), address(governor));
        timelock.renounceRole(timelock.PROPOSER_ROLE(), address(this));
        timelock.renounceRole(timelock.EXECUTOR_ROLE(), address(this));
        timelock.renounceRole(timelock.DEFAULT_ADMIN_ROLE(), address(this));
    }

    /// @dev Every contract whose owner is governance.
    function _governed() internal view returns (Ownable2Step[] memory owned) {
        owned = new Ownable2Step[](9);
        owned[0] = Ownable2Step(address(strategyManager));
        owned[1] = Ownable2Step(address(delegation));
        owned[2] = Ownable2Step(address(allocationManager));
        owned[3] = Ownable2Step(address(rewards));
        owned[4] = Ownable2Step(address(registry));
        owned[5] = Ownable2Step(address(serviceManager));
        owned[6] = Ownable2Step(address(market));
        owned[7] = Ownable2Step(address(board));
        owned[8] = Ownable2Step(address(providerSlashing));
    }

    /// @dev Deploys the RevenueDistributor (owned by the timelock) and makes it, by a governance
    ///      proposal, the marketplace's treasury: protocol fees and slashed stake then flow to it.
    function _deployDistributor(IRevenueDistributor.Params memory params) internal {
        distributor = new RevenueDistributor(
            IERC20(address(pal)),
            IGovernanceToken(address(govToken)),
            IOperatorRegistry(address(registry)),
            IMarketplace(address(market)),
            IProviderSlashing(address(providerSlashing)),
            IReviewBoard(address(board)),
            address(timelock),
            params
        );
        _govern(
            _proposal(
                address(market),
                abi.encodeCall(IMarketplace.setTreasury, (address(distributor))),
                "Economics: the RevenueDistributor becomes the marketplace treasury"
            )
        );
    }

    function _seedInvestors() internal {
        _restake(alice, 400e18, _operator(0));
        _restake(bob, 300e18, _operator(1));
        _restake(carol, 100e18, _operator(0));
        _restake(dave, 5e18, _operator(1));
        // a month of holding before the first proposal
        vm.warp(block.timestamp + 30 days);
        (wallet, walletKey) = makeAddrAndKey("wallet");
        require(pal.transfer(vendor, 100_000e18) && pal.transfer(wallet, 100_000e18), "fund");
    }

    /// @dev `investor` deposits stETH, delegates to `operator` (fully allocated to set 0) and syncs.
    function _restake(address investor, uint256 amount, address operator) internal {
        _deposit(investor, stethStrategy, amount);
        _delegate(investor, operator);
        govToken.sync(investor);
    }

    // ───────────── proposals ─────────────

    struct Proposal {
        address[] targets;
        uint256[] values;
        bytes[] calldatas;
        string description;
    }

    function _proposal(address target, bytes memory data, string memory description)
        internal
        pure
        returns (Proposal memory p)
    {
        p.targets = new address[](1);
        p.targets[0] = target;
        p.values = new uint256[](1);
        p.calldatas = new bytes[](1);
        p.calldatas[0] = data;
        p.description = description;
    }

    function _descriptionHash(Proposal memory p) internal pure returns (bytes32) {
        return keccak256(bytes(p.description));
    }

    function _propose(address proposer, Proposal memory p) internal returns (uint256 id) {
        vm.prank(proposer);
        id = governor.propose(p.targets, p.values, p.calldatas, p.description);
    }

    /// @dev Waits for the snapshot, lets each voter vote `support`, waits for the end of voting.
    function _vote(uint256 id, address[] memory voters, uint8 support) internal {
        vm.warp(governor.proposalSnapshot(id) + 1);
        for (uint256 i; i < voters.length; ++i) {
            vm.prank(voters[i]);
            governor.castVote(id, support);
        }
        vm.warp(governor.proposalDeadline(id) + 1);
    }

    function _queue(Proposal memory p) internal returns (uint256) {
        return governor.queue(p.targets, p.values, p.calldatas, _descriptionHash(p));
    }

    function _execute(Proposal memory p) internal returns (uint256) {
        return governor.execute(p.targets, p.values, p.calldatas, _descriptionHash(p));
    }

    /// @dev alice proposes, alice and bob vote for, it is queued.
    function _passAndQueue(Proposal memory p) internal returns (uint256 id) {
        id = _propose(alice, p);
        _vote(id, _voters(alice, bob), 1);
        _queue(p);
        require(governor.state(id) == IGovernor.ProposalState.Queued, "queued");
    }

    /// @dev Passes, queues and executes `p` after the timelock delay.
    function _govern(Proposal memory p) internal returns (uint256 id) {
        id = _passAndQueue(p);
        vm.warp(governor.proposalEta(id));
        _execute(p);
    }

    function _voters(address a) internal pure returns (address[] memory v) {
        v = new address[](1);
        v[0] = a;
    }

    function _voters(address a, address b) internal pure returns (address[] memory v) {
        v = new address[](2);
        (v[0], v[1]) = (a, b);
    }
}
