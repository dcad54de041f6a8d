// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../../../src/interfaces/IMarketplace.sol";
import {IReviewBoard} from "../../../src/interfaces/IReviewBoard.sol";
import {IServiceManager} from "../../../src/interfaces/IServiceManager.sol";
import {BLS12381} from "../../../src/libraries/BLS12381.sol";
import {Marketplace} from "../../../src/marketplace/Marketplace.sol";
import {ReviewBoard} from "../../../src/marketplace/ReviewBoard.sol";
import {UtilityToken} from "../../../src/token/UtilityToken.sol";
import {ProviderId, PurchaseId, ReviewId, ServiceId} from "../../../src/types/MarketplaceIds.sol";
import {AVSFixture} from "../../utils/AVSFixture.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice ReviewBoard.resolveChallengeWithCertificate against the real ServiceManager and real BLS
///         quorum certificates. `test/fixtures/avs/generate.ts` certified, with fixture operators 0–3
///         at REFERENCE_BLOCK, three batches that each hold a verdict on the challenge of review 1 of a
///         ReviewBoard created by `reviewChallenge.deployer` at nonce 0 (`stands`, `struck`, and `stale`
///         at a reference block before the challenge). This test deploys the board there, writes and
///         challenges review 1 at block CHALLENGE_BLOCK (between the stale block and REFERENCE_BLOCK),
///         onboards the operators, submits a batch with its certificate and settles with its proof.
///
///         It deploys the token and the Marketplace itself rather than through MarketplaceFixture:
///         both fixtures name their roles `owner` and `pauser`, so one contract cannot inherit both.
contract ReviewBoardCertificateTest is AVSFixture {
    uint32 internal constant CHALLENGE_BLOCK = 5;
    uint96 internal constant REVIEW_FEE = 2e18;
    uint96 internal constant CHALLENGE_BOND = 10e18;
    ReviewId internal constant ID = ReviewId.wrap(1);

    UtilityToken internal token;
    Marketplace internal market;
    ReviewBoard internal board;
    address internal resolver = makeAddr("resolver");
    address internal provider = makeAddr("provider");
    address internal consumer;
    uint256 internal consumerKey;
    ProviderId internal providerId;
    ServiceId internal serviceId;

    function setUp() public override {
        super.setUp();
        _deployMarketplace();
        assertEq(
            address(board), vm.parseJsonAddress(fixture, ".reviewChallenge.reviewBoard"), "board address"
        );

        vm.roll(CHALLENGE_BLOCK);
        (consumer, consumerKey) = makeAddrAndKey("consumer");
        require(token.transfer(consumer, 1000e18) && token.transfer(provider, 10_000e18), "fund");
        vm.startPrank(provider);
        token.approve(address(market), 1000e18);
        providerId = market.registerProvider(1000e18, "ipfs://provider", "https://provider.example");
        serviceId =
            market.registerService(providerId, IMarketplace.Category.AddressRisk, 1e18, "/v1/a", "ipfs://s");
        vm.stopPrank();
        PurchaseId purchaseId = _buy(10);
        _claimOne(purchaseId);
        assertEq(ReviewId.unwrap(_reviewAndChallenge(purchaseId)), 1);
        assertEq(board.getReview(ID).challengedAtBlock, CHALLENGE_BLOCK);

        uint256[] memory stakes = new uint256[](4);
        (stakes[0], stakes[1], stakes[2], stakes[3]) = (3333e18, 3333e18, 3333e18, 1e18);
        _onboard(stakes);
    }

    /// @dev The generator and the contract agree on the verdict's fields.
    function test_FixtureVerdictIsTheBoardsChallengeVerdict() public view {
        assertEq(board.challengeRequestHash(ID), vm.parseJsonBytes32(fixture, ".reviewChallenge.requestHash"));
        assertEq(
            board.CHALLENGE_ENGINE_VERSION(), vm.parseJsonBytes32(fixture, ".reviewChallenge.engineVersion")
        );
        IServiceManager.Verdict memory v = _verdict(".reviewChallenge.stands.verdict");
        assertEq(v.requestHash, board.challengeRequestHash(ID));
        assertEq(v.responseHash, keccak256(abi.encode(true)));
        assertEq(_verdict(".reviewChallenge.struck.verdict").responseHash, keccak256(abi.encode(false)));
    }

    function test_CertificateUpholdsTheReview() public {
        (bytes32 root, bytes32[] memory proof) = _submit("stands");
        uint256 consumerBefore = token.balanceOf(consumer);
        uint96 payout = REVIEW_FEE + CHALLENGE_BOND;
        vm.expectEmit(address(board));
        emit IReviewBoard.ChallengeResolved(ID, true, consumer, payout, true);
        vm.prank(makeAddr("anyone"));
        board.resolveChallengeWithCertificate(ID, true, root, REFERENCE_BLOCK, proof);
        assertEq(uint8(board.getReview(ID).status), uint8(IReviewBoard.ReviewStatus.Stands));
        assertEq(token.balanceOf(consumer) - consumerBefore, payout);
        assertEq(token.balanceOf(address(board)), 0);
        assertEq(board.totalHeld(), 0);
        assertEq(_score(), 0, "penalty stays");
    }

    function test_CertificateStrikesTheReview() public {
        (bytes32 root, bytes32[] memory proof) = _submit("struck");
        uint256 providerBefore = token.balanceOf(provider);
        uint96 payout = REVIEW_FEE + CHALLENGE_BOND;
        vm.expectEmit(address(board));
        emit IReviewBoard.ChallengeResolved(ID, false, provider, payout, true);
        board.resolveChallengeWithCertificate(ID, false, root, REFERENCE_BLOCK, proof);
        assertEq(uint8(board.getReview(ID).status), uint8(IReviewBoard.ReviewStatus.Struck));
        assertEq(token.balanceOf(provider) - providerBefore, payout);
        assertEq(board.totalHeld(), 0);
        assertEq(_score(), 100, "the 100 the review took is back");
    }

    function test_Revert_WhenTheAnswerIsNotTheCertifiedOne() public {
        (bytes32 root, bytes32[] memory proof) = _submit("stands");
        vm.expectRevert(abi.encodeWithSelector(IReviewBoard.CertificateNotValid.selector, ID));
        board.resolveChallengeWithCertificate(ID, false, root, REFERENCE_BLOCK, proof);
    }

    function test_Revert_WhenTheBatchWasNeverSubmitted() public {
        bytes32 root = vm.parseJsonBytes32(fixture, ".reviewChallenge.struck.batchRoot");
        bytes32[] memory proof = _proof(".reviewChallenge.struck.proof");
        vm.expectRevert(abi.encodeWithSelector(IReviewBoard.CertificateNotValid.selector, ID));
        board.resolveChallengeWithCertificate(ID, false, root, REFERENCE_BLOCK, proof);
    }

    function test_Revert_WhenTheReferenceBlockIsNotTheVerdicts() public {
        (bytes32 root, bytes32[] memory proof) = _submit("struck");
        vm.expectRevert(abi.encodeWithSelector(IReviewBoard.CertificateNotValid.selector, ID));
        board.resolveChallengeWithCertificate(ID, false, root, REFERENCE_BLOCK - 1, proof);
    }

    /// @dev A certified verdict judged at a block before the challenge existed cannot be about it.
    function test_Revert_WhenTheVerdictPredatesTheChallenge() public {
        (bytes32 root, bytes32[] memory proof) = _submit("stale");
        // forge-lint: disable-next-line(unsafe-typecast) the fixture writes a small block number
        uint32 staleBlock = uint32(vm.parseJsonUint(fixture, ".reviewChallenge.staleBlock"));
        assertLt(staleBlock, CHALLENGE_BLOCK);
        vm.expectRevert(
            abi.encodeWithSelector(IReviewBoard.CertificateTooOld.selector, staleBlock, CHALLENGE_BLOCK)
        );
        board.resolveChallengeWithCertificate(ID, false, root, staleBlock, proof);
    }

    /// @dev The request hash names review 1: its certificate settles no other review.
    function test_Revert_WhenUsedForAnotherReview() public {
        // review 2 is challenged in the same block as review 1, so only the request hash differs
        vm.roll(CHALLENGE_BLOCK);
        ReviewId second = _reviewAndChallenge(_buy(1));
        vm.roll(REFERENCE_BLOCK + 1);
        (bytes32 root, bytes32[] memory proof) = _submit("struck");
        vm.expectRevert(abi.encodeWithSelector(IReviewBoard.CertificateNotValid.selector, second));
        board.resolveChallengeWithCertificate(second, false, root, REFERENCE_BLOCK, proof);
    }

    /// @dev The resolver and the operators race; the first settlement wins.
    function test_Revert_WhenTheResolverSettledFirst() public {
        (bytes32 root, bytes32[] memory proof) = _submit("struck");
        vm.prank(resolver);
        board.resolveChallenge(ID, true);
        vm.expectRevert(
            abi.encodeWithSelector(IReviewBoard.NotChallenged.selector, ID, IReviewBoard.ReviewStatus.Stands)
        );
        board.resolveChallengeWithCertificate(ID, false, root, REFERENCE_BLOCK, proof);
    }

    function test_Revert_WhenReviewUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IReviewBoard.ReviewNotFound.selector, ReviewId.wrap(9)));
        board.resolveChallengeWithCertificate(
            ReviewId.wrap(9), true, bytes32(0), REFERENCE_BLOCK, new bytes32[](0)
        );
    }

    function test_Revert_WhenCertificatesAreDisabled() public {
        (bytes32 root, bytes32[] memory proof) = _submit("stands");
        vm.prank(owner);
        board.setServiceManager(address(0));
        vm.expectRevert(IReviewBoard.NoServiceManager.selector);
        board.resolveChallengeWithCertificate(ID, true, root, REFERENCE_BLOCK, proof);
    }

    /// @dev Submits the fixture batch `name` with the certificate of all four operators.
    function _submit(string memory name) internal returns (bytes32 root, bytes32[] memory proof) {
        string memory path = string.concat(".reviewChallenge.", name);
        root = vm.parseJsonBytes32(fixture, string.concat(path, ".batchRoot"));
        proof = _proof(string.concat(path, ".proof"));
        BLS12381.G2Point memory sigma = _g2(string.concat(path, ".allSign"));
        // forge-lint: disable-next-line(unsafe-typecast) the fixture's batches hold 2 verdicts
        uint32 count = uint32(vm.parseJsonUint(fixture, string.concat(path, ".verdictCount")));
        serviceManager.submitBatch(root, REFERENCE_BLOCK, count, _nonSigners(new uint256[](0)), sigma);
        assertEq(serviceManager.getBatch(root).submittedBlock, block.number, "certificate accepted");
    }

    function _deployMarketplace() internal {
        token = new UtilityToken(address(this), 1_000_000e18);
        market = new Marketplace(
            IERC20(address(token)),
            owner,
            pauser,
            makeAddr("treasury"),
            IMarketplace.Params({
                minStake: 100e18,
                inFlightMultipleBps: 20_000,
                protocolFeeBps: 500,
                unstakeDelay: 7 days,
                minReleaseDelay: 1 hours,
                maxReleaseDelay: 3 days,
                scoreForMinDelay: 1000,
                refundGrace: 1 days,
                maxPurchaseDuration: 30 days,
                sessionRevocationDelay: 1 hours,
                minScoredValue: 1e18
            })
        );
        // the address the fixture's verdicts name: the deployer's first creation
        vm.prank(vm.parseJsonAddress(fixture, ".reviewChallenge.deployer"));
        board = new ReviewBoard(
            IERC20(address(token)),
            IMarketplace(address(market)),
            owner,
            resolver,
            makeAddr("boardTreasury"),
            serviceManager,
            IReviewBoard.Params({
                reviewFee: REVIEW_FEE,
                challengeBond: CHALLENGE_BOND,
                challengeWindow: 3 days,
                reviewPenalty: 150,
                negativeRatingMax: 2
            })
        );
        vm.prank(owner);
        market.setReviewBoard(address(board));
    }

    function _buy(uint32 calls) internal returns (PurchaseId id) {
        vm.startPrank(consumer);
        token.approve(address(market), uint256(calls) * 1e18);
        // forge-lint: disable-next-line(unsafe-typecast) test timestamps fit 40 bits
        id = market.purchase(serviceId, calls, 1e18, uint40(block.timestamp + 1 days));
        vm.stopPrank();
    }

    /// @dev The provider claims the first call with the consumer's access token: score 100.
    function _claimOne(PurchaseId id) internal {
        IMarketplace.Purchase memory pu = market.getPurchase(id);
        bytes32 digest = market.accessTokenDigest(id, providerId, consumer, pu.expiry, 1);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(consumerKey, digest);
        vm.prank(provider);
        market.claim(
            id, IMarketplace.UsageProof({nonce: 1, expiry: pu.expiry, signature: abi.encodePacked(r, s, v)})
        );
    }

    /// @dev A one-star review by the consumer (score 100 → 0), challenged by the provider.
    function _reviewAndChallenge(PurchaseId id) internal returns (ReviewId reviewId) {
        vm.startPrank(consumer);
        token.approve(address(board), REVIEW_FEE);
        reviewId = board.review(id, 1, keccak256("text"), "ipfs://review");
        vm.stopPrank();
        vm.startPrank(provider);
        token.approve(address(board), CHALLENGE_BOND);
        board.challenge(reviewId);
        vm.stopPrank();
    }

    function _score() internal view returns (uint64) {
        return market.getProvider(providerId).score;
    }
}
