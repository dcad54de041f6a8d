// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {RevenueDistributor} from "../../../src/economics/RevenueDistributor.sol";
import {IGovernanceToken} from "../../../src/interfaces/IGovernanceToken.sol";
import {IMarketplace} from "../../../src/interfaces/IMarketplace.sol";
import {IOperatorRegistry} from "../../../src/interfaces/IOperatorRegistry.sol";
import {IProviderSlashing} from "../../../src/interfaces/IProviderSlashing.sol";
import {IRevenueDistributor} from "../../../src/interfaces/IRevenueDistributor.sol";
import {IReviewBoard} from "../../../src/interfaces/IReviewBoard.sol";
import {UtilityToken} from "../../../src/token/UtilityToken.sol";
import {EconomicsDoubles} from "../../unit/economics/EconomicsDoubles.sol";
import {GovernanceTokenHarness} from "../../utils/GovernanceTokenHarness.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Drives funding, slashes, challenges, epochs, claims and governance-token transfers in any order.
contract RevenueHandler is Test {
    UtilityToken internal pal;
    GovernanceTokenHarness internal gov;
    EconomicsDoubles internal d;
    RevenueDistributor internal dist;
    address[3] internal ops = [address(0x101), address(0x102), address(0x103)];
    address[3] internal holders = [address(0x201), address(0x202), address(0x203)];
    uint256 public received;
    uint256 public paid;
    uint256 public burned;

    constructor(
        UtilityToken pal_,
        GovernanceTokenHarness gov_,
        EconomicsDoubles d_,
        RevenueDistributor dist_
    ) {
        (pal, gov, d, dist) = (pal_, gov_, d_, dist_);
    }

    function fund(uint256 amount) external {
        amount = bound(amount, 0, 1e24);
        received += amount;
        assertTrue(pal.transfer(address(dist), amount));
    }

    function slash(uint256 amount) external {
        amount = bound(amount, 0, 1e24);
        d.recordSlash(amount);
        received += amount;
        assertTrue(pal.transfer(address(dist), amount));
    }

    function settleChallenge() external {
        d.recordChallenge();
    }

    function distribute() external {
        vm.warp(block.timestamp + 7 days);
        vm.roll(block.number + 1);
        uint256 e = dist.distribute();
        burned += dist.getEpoch(e).burned;
        vm.warp(block.timestamp + 1);
        vm.roll(block.number + 1);
    }

    function claim(uint256 who, uint256 epoch, bool operator) external {
        uint256 n = dist.epochCount();
        if (n == 0) return;
        uint256[] memory ids = new uint256[](1);
        ids[0] = bound(epoch, 0, n - 1);
        address account = operator ? ops[who % 3] : holders[who % 3];
        vm.prank(account);
        paid += operator ? dist.claimOperator(ids) : dist.claimInvestor(ids);
    }

    function move(uint256 from, uint256 to, uint256 amount) external {
        address a = holders[from % 3];
        amount = bound(amount, 0, gov.balanceOf(a));
        vm.prank(a);
        assertTrue(gov.transfer(holders[to % 3], amount));
    }
}

contract RevenueDistributorInvariantTest is Test {
    UtilityToken internal pal;
    RevenueDistributor internal dist;
    RevenueHandler internal handler;

    function setUp() public {
        vm.warp(1_000_000);
        vm.roll(100);
        pal = new UtilityToken(address(this), 1_000_000_000e18);
        GovernanceTokenHarness gov = new GovernanceTokenHarness(address(this));
        EconomicsDoubles d = new EconomicsDoubles();
        dist = new RevenueDistributor(
            IERC20(address(pal)),
            IGovernanceToken(address(gov)),
            IOperatorRegistry(address(d)),
            IMarketplace(address(d)),
            IProviderSlashing(address(d)),
            IReviewBoard(address(d)),
            address(this),
            IRevenueDistributor.Params({
                baseBps: 3000,
                minBps: 1500,
                maxBps: 7000,
                enforcementBps: 250,
                enforcementCap: 8,
                providerBps: 50,
                providerCap: 40,
                revenueBps: 100,
                revenueCap: 20,
                revenueUnit: 10_000e18,
                epochLength: 7 days,
                burnSlashed: true
            })
        );
        d.setStake(address(0x101), 500e18);
        d.setStake(address(0x102), 300e18);
        d.setStake(address(0x103), 200e18);
        gov.mintForTest(address(0x201), 600e18);
        gov.mintForTest(address(0x202), 300e18);
        gov.mintForTest(address(0x203), 100e18);
        handler = new RevenueHandler(pal, gov, d, dist);
        assertTrue(pal.transfer(address(handler), 500_000_000e18));
        targetContract(address(handler));
    }

    /// The distributor holds exactly what it received minus what it paid and burned.
    function invariant_BalanceIsReceivedMinusPaidAndBurned() public view {
        assertEq(pal.balanceOf(address(dist)), handler.received() - handler.paid() - handler.burned());
    }

    /// The unclaimed pots are always covered.
    function invariant_BalanceCoversReserved() public view {
        assertGe(pal.balanceOf(address(dist)), dist.reserved());
    }
}
