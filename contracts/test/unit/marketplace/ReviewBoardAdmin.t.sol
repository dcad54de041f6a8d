// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../../../src/interfaces/IMarketplace.sol";
import {IReviewBoard} from "../../../src/interfaces/IReviewBoard.sol";
import {IServiceManager} from "../../../src/interfaces/IServiceManager.sol";
import {ReviewBoard} from "../../../src/marketplace/ReviewBoard.sol";
import {ReviewId} from "../../../src/types/MarketplaceIds.sol";
import {ReviewBoardUnitBase} from "./ReviewBoardUnitBase.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice ReviewBoard's constructor and views.
contract ReviewBoardConstructorTest is ReviewBoardUnitBase {
    function test_SetsEverything() public view {
        assertEq(board.marketplace(), address(market));
        assertEq(board.owner(), owner);
        assertEq(board.resolver(), resolver);
        assertEq(board.treasury(), boardTreasury);
        assertEq(address(board.serviceManager()), address(0));
        assertEq(board.reviewCount(), 0);
        assertEq(board.totalHeld(), 0);
        IReviewBoard.Params memory p = board.params();
        assertEq(p.reviewFee, REVIEW_FEE);
        assertEq(p.challengeBond, CHALLENGE_BOND);
        assertEq(p.challengeWindow, CHALLENGE_WINDOW);
        assertEq(p.reviewPenalty, REVIEW_PENALTY);
        assertEq(p.negativeRatingMax, NEGATIVE_RATING_MAX);
    }

    function test_EmitsTheConfiguration() public {
        address sm = makeAddr("serviceManager");
        vm.expectEmit();
        emit IReviewBoard.ResolverSet(resolver);
        vm.expectEmit();
        emit IReviewBoard.TreasurySet(boardTreasury);
        vm.expectEmit();
        emit IReviewBoard.ServiceManagerSet(sm);
        vm.expectEmit();
        emit IReviewBoard.ParamsSet(_boardParams());
        _deploy(address(token), address(market), owner, resolver, boardTreasury, sm);
    }

    function test_Revert_WhenAnAddressIsZero() public {
        vm.expectRevert(IReviewBoard.ZeroAddress.selector);
        _deploy(address(0), address(market), owner, resolver, boardTreasury, address(0));
        vm.expectRevert(IReviewBoard.ZeroAddress.selector);
        _deploy(address(token), address(0), owner, resolver, boardTreasury, address(0));
        vm.expectRevert(IReviewBoard.ZeroAddress.selector);
        _deploy(address(token), address(market), owner, address(0), boardTreasury, address(0));
        vm.expectRevert(IReviewBoard.ZeroAddress.selector);
        _deploy(address(token), address(market), owner, resolver, address(0), address(0));
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        _deploy(address(token), address(market), address(0), resolver, boardTreasury, address(0));
    }

    function test_Revert_WhenParamsOutOfBounds() public {
        IReviewBoard.Params memory p = _boardParams();
        p.challengeWindow = 59;
        vm.expectRevert(
            abi.encodeWithSelector(IReviewBoard.ParamOutOfBounds.selector, "challengeWindow", 59, 60, 30 days)
        );
        new ReviewBoard(
            IERC20(address(token)),
            IMarketplace(address(market)),
            owner,
            resolver,
            boardTreasury,
            IServiceManager(address(0)),
            p
        );
    }

    function test_ChallengeRequestHashBindsChainBoardAndReview() public view {
        assertEq(
            board.challengeRequestHash(ReviewId.wrap(7)),
            keccak256(abi.encode("palisade.review-challenge", block.chainid, address(board), uint64(7)))
        );
        assertTrue(
            board.challengeRequestHash(ReviewId.wrap(1)) != board.challengeRequestHash(ReviewId.wrap(2))
        );
        assertEq(board.CHALLENGE_ENGINE_VERSION(), keccak256("palisade.review-challenge@1"));
    }

    function test_UnknownReviewIsEmpty() public view {
        IReviewBoard.Review memory r = board.getReview(ReviewId.wrap(1));
        assertEq(uint8(r.status), uint8(IReviewBoard.ReviewStatus.None));
        assertEq(r.reviewer, address(0));
        assertEq(ReviewId.unwrap(board.reviewOfPurchase(first)), 0);
    }

    function _deploy(
        address token_,
        address marketplace_,
        address owner_,
        address resolver_,
        address treasury_,
        address sm
    ) internal returns (ReviewBoard) {
        return new ReviewBoard(
            IERC20(token_),
            IMarketplace(marketplace_),
            owner_,
            resolver_,
            treasury_,
            IServiceManager(sm),
            _boardParams()
        );
    }
}

/// @notice ReviewBoard's owner functions.
contract ReviewBoardSettersTest is ReviewBoardUnitBase {
    function testFuzz_SetsParamsWithinBounds(
        uint96 fee,
        uint96 bond,
        uint32 window,
        uint64 penalty,
        uint8 negativeMax
    ) public {
        IReviewBoard.Params memory p = IReviewBoard.Params({
            reviewFee: uint96(bound(fee, 1, type(uint96).max / 2)),
            challengeBond: uint96(bound(bond, 1, type(uint96).max / 2)),
            challengeWindow: uint32(bound(window, 60, 30 days)),
            reviewPenalty: uint64(bound(penalty, 0, 10_000)),
            negativeRatingMax: uint8(bound(negativeMax, 1, 4))
        });
        vm.expectEmit(address(board));
        emit IReviewBoard.ParamsSet(p);
        vm.prank(owner);
        board.setParams(p);
        assertEq(abi.encode(board.params()), abi.encode(p));
    }

    function test_Revert_WhenFeeOrBondOutOfBounds() public {
        uint96 max = type(uint96).max / 2;
        IReviewBoard.Params memory p = _boardParams();
        p.reviewFee = 0;
        _expectOutOfBounds(p, "reviewFee", 0, 1, max);
        p.reviewFee = max + 1;
        _expectOutOfBounds(p, "reviewFee", uint256(max) + 1, 1, max);
        p = _boardParams();
        p.challengeBond = 0;
        _expectOutOfBounds(p, "challengeBond", 0, 1, max);
        p.challengeBond = type(uint96).max;
        _expectOutOfBounds(p, "challengeBond", type(uint96).max, 1, max);
    }

    function testFuzz_Revert_WhenWindowOutOfBounds(uint32 window) public {
        vm.assume(window < 60 || window > 30 days);
        IReviewBoard.Params memory p = _boardParams();
        p.challengeWindow = window;
        _expectOutOfBounds(p, "challengeWindow", window, 60, 30 days);
    }

    function testFuzz_Revert_WhenPenaltyAbove10k(uint64 penalty) public {
        penalty = uint64(bound(penalty, 10_001, type(uint64).max));
        IReviewBoard.Params memory p = _boardParams();
        p.reviewPenalty = penalty;
        _expectOutOfBounds(p, "reviewPenalty", penalty, 0, 10_000);
    }

    function testFuzz_Revert_WhenNegativeRatingMaxOutOfBounds(uint8 negativeMax) public {
        vm.assume(negativeMax == 0 || negativeMax > 4);
        IReviewBoard.Params memory p = _boardParams();
        p.negativeRatingMax = negativeMax;
        _expectOutOfBounds(p, "negativeRatingMax", negativeMax, 1, 4);
    }

    function test_SetsResolverTreasuryAndServiceManager() public {
        address a = makeAddr("a");
        vm.startPrank(owner);
        vm.expectEmit(address(board));
        emit IReviewBoard.ResolverSet(a);
        board.setResolver(a);
        vm.expectEmit(address(board));
        emit IReviewBoard.TreasurySet(a);
        board.setTreasury(a);
        vm.expectEmit(address(board));
        emit IReviewBoard.ServiceManagerSet(a);
        board.setServiceManager(a);
        assertEq(board.resolver(), a);
        assertEq(board.treasury(), a);
        assertEq(address(board.serviceManager()), a);
        // 0 disables certificates
        board.setServiceManager(address(0));
        assertEq(address(board.serviceManager()), address(0));
        vm.stopPrank();
    }

    function test_Revert_WhenZeroResolverOrTreasury() public {
        vm.startPrank(owner);
        vm.expectRevert(IReviewBoard.ZeroAddress.selector);
        board.setResolver(address(0));
        vm.expectRevert(IReviewBoard.ZeroAddress.selector);
        board.setTreasury(address(0));
        vm.stopPrank();
    }

    function test_Revert_WhenNotTheOwner() public {
        IReviewBoard.Params memory p = _boardParams();
        vm.startPrank(resolver);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, resolver));
        board.setParams(p);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, resolver));
        board.setResolver(resolver);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, resolver));
        board.setTreasury(resolver);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, resolver));
        board.setServiceManager(resolver);
        vm.stopPrank();
    }

    function test_OwnershipMovesInTwoSteps() public {
        address next = makeAddr("nextGovernance");
        vm.prank(owner);
        board.transferOwnership(next);
        assertEq(board.owner(), owner);
        vm.prank(next);
        board.acceptOwnership();
        assertEq(board.owner(), next);
    }

    function _expectOutOfBounds(
        IReviewBoard.Params memory p,
        string memory name,
        uint256 value,
        uint256 min,
        uint256 max
    ) internal {
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(IReviewBoard.ParamOutOfBounds.selector, name, value, min, max));
        board.setParams(p);
    }
}
