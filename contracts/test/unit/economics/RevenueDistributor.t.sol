// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {RevenueDistributor} from "../../../src/economics/RevenueDistributor.sol";
import {RevenueSplit} from "../../../src/economics/RevenueSplit.sol";
import {IGovernanceToken} from "../../../src/interfaces/IGovernanceToken.sol";
import {IMarketplace} from "../../../src/interfaces/IMarketplace.sol";
import {IOperatorRegistry} from "../../../src/interfaces/IOperatorRegistry.sol";
import {IProviderSlashing} from "../../../src/interfaces/IProviderSlashing.sol";
import {IRevenueDistributor} from "../../../src/interfaces/IRevenueDistributor.sol";
import {IReviewBoard} from "../../../src/interfaces/IReviewBoard.sol";
import {UtilityToken} from "../../../src/token/UtilityToken.sol";
import {GovernanceTokenHarness} from "../../utils/GovernanceTokenHarness.sol";
import {EconomicsDoubles} from "./EconomicsDoubles.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Test} from "forge-std/Test.sol";

contract RevenueDistributorTest is Test {
    UtilityToken internal pal;
    GovernanceTokenHarness internal gov;
    EconomicsDoubles internal d;
    RevenueDistributor internal dist;
    address internal timelock = makeAddr("timelock");
    address internal op1 = makeAddr("op1");
    address internal op2 = makeAddr("op2");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");
    uint256 internal received;

    function setUp() public {
        vm.warp(1_000_000);
        vm.roll(100);
        pal = new UtilityToken(address(this), 1_000_000_000e18);
        gov = new GovernanceTokenHarness(address(this));
        d = new EconomicsDoubles();
        dist = new RevenueDistributor(
            IERC20(address(pal)),
            IGovernanceToken(address(gov)),
            IOperatorRegistry(address(d)),
            IMarketplace(address(d)),
            IProviderSlashing(address(d)),
            IReviewBoard(address(d)),
            timelock,
            defaultParams()
        );
        d.setStake(op1, 300e18);
        d.setStake(op2, 100e18);
        d.setProviders(5);
        gov.mintForTest(alice, 750e18);
        gov.mintForTest(bob, 250e18);
    }

    function defaultParams() internal pure returns (IRevenueDistributor.Params memory) {
        return IRevenueDistributor.Params({
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
            burnSlashed: false
        });
    }

    function _fund(uint256 amount) internal {
        received += amount;
        assertTrue(pal.transfer(address(dist), amount));
    }

    function _nextEpoch() internal returns (uint256 epoch) {
        vm.warp(block.timestamp + 7 days);
        vm.roll(block.number + 1);
        epoch = dist.distribute();
        vm.warp(block.timestamp + 1);
        vm.roll(block.number + 1);
    }

    function _ids(uint256 a) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](1);
        ids[0] = a;
    }

    // ───────────── distribute ─────────────

    function test_Distribute_SplitsRevenueByFormula() public {
        _fund(1000e18);
        uint256 e = _nextEpoch();
        IRevenueDistributor.Epoch memory ep = dist.getEpoch(e);
        // 3000 + 5 providers × 50 − 0 revenue units = 3250
        assertEq(ep.operatorsBps, 3250);
        assertEq(ep.operatorsPot, 325e18);
        assertEq(ep.investorsPot, 675e18);
        assertEq(dist.reserved(), 1000e18);
        vm.prank(op1);
        assertEq(dist.claimOperator(_ids(e)), 243.75e18);
        vm.prank(alice);
        assertEq(dist.claimInvestor(_ids(e)), 506.25e18);
        assertEq(pal.balanceOf(op1), 243.75e18);
    }

    function test_Distribute_EnforcementRaisesOperatorsShare() public {
        d.recordSlash(0);
        d.recordChallenge();
        d.recordChallenge();
        _fund(1000e18);
        uint256 e = _nextEpoch();
        assertEq(dist.getEpoch(e).operatorsBps, 3250 + 3 * 250);
    }

    function test_Distribute_SlashedSharedOrBurned() public {
        d.recordSlash(400e18);
        _fund(1000e18);
        uint256 e = _nextEpoch();
        assertEq(dist.getEpoch(e).slashed, 400e18);
        assertEq(dist.getEpoch(e).revenue, 600e18);
        assertEq(dist.reserved(), 1000e18);

        IRevenueDistributor.Params memory p = defaultParams();
        p.burnSlashed = true;
        vm.prank(timelock);
        dist.setParams(p);
        d.recordSlash(400e18);
        _fund(1000e18);
        e = _nextEpoch();
        assertEq(dist.getEpoch(e).burned, 400e18);
        assertEq(pal.balanceOf(dist.BURN_ADDRESS()), 400e18);
        assertEq(dist.reserved(), 1600e18);
    }

    function test_Distribute_NoStakeGivesAllToInvestors() public {
        d.setStake(op1, 0);
        d.setStake(op2, 0);
        _fund(1000e18);
        uint256 e = _nextEpoch();
        assertEq(dist.getEpoch(e).operatorsPot, 0);
        assertEq(dist.getEpoch(e).investorsPot, 1000e18);
    }

    function test_Revert_WhenEpochNotOver() public {
        vm.expectRevert(
            abi.encodeWithSelector(IRevenueDistributor.EpochNotOver.selector, block.timestamp + 7 days)
        );
        dist.distribute();
    }

    // ───────────── claims ─────────────

    function test_Revert_WhenOperatorClaimsTwice() public {
        _fund(1000e18);
        uint256 e = _nextEpoch();
        vm.startPrank(op2);
        dist.claimOperator(_ids(e));
        vm.expectRevert(abi.encodeWithSelector(IRevenueDistributor.AlreadyClaimed.selector, e, op2));
        dist.claimOperator(_ids(e));
        vm.stopPrank();
    }

    function test_Revert_WhenInvestorClaimsTwice() public {
        _fund(1000e18);
        uint256 e = _nextEpoch();
        vm.startPrank(bob);
        dist.claimInvestor(_ids(e));
        vm.expectRevert(abi.encodeWithSelector(IRevenueDistributor.AlreadyClaimed.selector, e, bob));
        dist.claimInvestor(_ids(e));
        vm.stopPrank();
    }

    function test_Revert_WhenUnknownEpoch() public {
        vm.expectRevert(abi.encodeWithSelector(IRevenueDistributor.UnknownEpoch.selector, 0));
        dist.claimInvestor(_ids(0));
    }

    /// Tokens moved after the snapshot earn nothing for their new holder: alice's share is fixed.
    function testFuzz_InvestorsCannotDoubleClaimByMovingTokens(uint256 amount, uint96 moved) public {
        amount = bound(amount, 1, 1e26);
        _fund(amount);
        uint256 e = _nextEpoch();
        moved = uint96(bound(moved, 0, 750e18));
        vm.prank(alice);
        dist.claimInvestor(_ids(e));
        vm.prank(alice);
        assertTrue(gov.transfer(carol, moved));
        vm.prank(carol);
        assertEq(dist.claimInvestor(_ids(e)), 0);
        vm.prank(carol);
        assertTrue(gov.transfer(bob, moved));
        vm.prank(bob);
        uint256 bobs = dist.claimInvestor(_ids(e));
        assertEq(bobs, dist.getEpoch(e).investorsPot / 4);
        assertLe(pal.balanceOf(alice) + bobs, dist.getEpoch(e).investorsPot);
    }

    /// Conservation: what is paid never exceeds what was received, the balance always covers the
    /// reserve, and after everyone claims only rounding dust (< one wei per claimant and epoch) stays.
    function testFuzz_Conservation(uint256[4] memory inflows, uint256[4] memory slashes, bool burn) public {
        IRevenueDistributor.Params memory p = defaultParams();
        p.burnSlashed = burn;
        vm.prank(timelock);
        dist.setParams(p);
        uint256 burned;
        uint256[] memory ids = new uint256[](4);
        for (uint256 i; i < 4; ++i) {
            uint256 amount = bound(inflows[i], 0, 1e26);
            uint256 slashed = bound(slashes[i], 0, amount);
            d.recordSlash(slashed);
            _fund(amount);
            ids[i] = _nextEpoch();
            burned += dist.getEpoch(ids[i]).burned;
            assertGe(pal.balanceOf(address(dist)), dist.reserved());
        }
        address[4] memory claimants = [op1, op2, alice, bob];
        uint256 paid;
        for (uint256 k; k < 4; ++k) {
            vm.startPrank(claimants[k]);
            paid += k < 2 ? dist.claimOperator(ids) : dist.claimInvestor(ids);
            vm.stopPrank();
        }
        assertLe(paid + burned, received);
        assertEq(pal.balanceOf(address(dist)), received - paid - burned);
        assertLe(received - paid - burned, 4 * 4);
    }

    // ───────────── params ─────────────

    function testFuzz_OperatorsBps_WithinBounds(uint256 revenue, uint256 providers, uint256 enforcement)
        public
        view
    {
        uint16 bps = dist.operatorsBpsFor(revenue, providers, enforcement);
        assertGe(bps, 1500);
        assertLe(bps, 7000);
    }

    function test_OperatorsBps_RevenueLowersShare() public view {
        // 3000 + 250 − 100 × 20 (capped) = 1250 → floor 1500
        assertEq(dist.operatorsBpsFor(1e30, 5, 0), 1500);
        assertEq(dist.operatorsBpsFor(50_000e18, 5, 0), 2750);
        assertEq(dist.operatorsBpsFor(0, 1000, 1000), 7000);
    }

    function test_Revert_WhenParamsOutOfBounds() public {
        IRevenueDistributor.Params memory p = defaultParams();
        p.maxBps = 9500;
        vm.prank(timelock);
        vm.expectRevert(
            abi.encodeWithSelector(IRevenueDistributor.ParamOutOfBounds.selector, "maxBps", 9500, 1500, 9000)
        );
        dist.setParams(p);
    }

    function test_Revert_WhenSetParamsNotOwner() public {
        IRevenueDistributor.Params memory p = defaultParams();
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        dist.setParams(p);
    }

    function test_RevenueSplit_TermBound() public pure {
        assertEq(RevenueSplit.CEIL_BPS, 9000);
    }
}
