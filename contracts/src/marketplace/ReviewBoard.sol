// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../interfaces/IMarketplace.sol";
import {IReviewBoard} from "../interfaces/IReviewBoard.sol";
import {IServiceManager} from "../interfaces/IServiceManager.sol";
import {ProviderId, PurchaseId, ReviewId} from "../types/MarketplaceIds.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @title Reviews of providers by their paying consumers, and challenges of reviews
/// @notice Model. Every token this contract holds is either the fee of a review that is still open
///         or challenged, or the bond of a challenge that is not settled; `totalHeld` counts exactly
///         those and the balance equals it. Each deposit leaves by exactly one door:
///
///           review unchallenged, window over   fee → treasury                       (finalizeReview)
///           challenge settled, review stands   fee + bond → reviewer                (loser: provider)
///           challenge settled, review struck   fee + bond → challenger, penalty undone (loser: reviewer)
///
///         A review's fee and the end of its window are fixed when it is written, a challenge's bond
///         when it is posted: later `setParams` calls move nobody's deposit or deadline. The score change is whatever the Marketplace actually applied
///         (the score is floored at 0), and striking the review adds back exactly that.
contract ReviewBoard is IReviewBoard, Ownable2Step, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @inheritdoc IReviewBoard
    bytes32 public constant CHALLENGE_ENGINE_VERSION = keccak256("palisade.review-challenge@1");
    /// @dev Domain tag of `challengeRequestHash`: a review challenge can never pass for another request.
    string internal constant CHALLENGE_REQUEST_TAG = "palisade.review-challenge";

    uint8 internal constant MIN_RATING = 1;
    uint8 internal constant MAX_RATING = 5;
    /// @dev At least a minute, so a challenge can land in a block or two after the review on any chain;
    ///      at most 30 days, so a fee never sits idle (nor a penalty in limbo) for longer than a month.
    uint32 internal constant MIN_CHALLENGE_WINDOW = 60;
    uint32 internal constant MAX_CHALLENGE_WINDOW = 30 days;
    /// @dev 10,000 points is the score of 100 first purchases from distinct consumers (100 each, see
    ///      IMarketplace): one review may hurt a lot but never erase an established provider, and the
    ///      bound keeps `-int64(reviewPenalty)` far inside int64.
    uint64 internal constant MAX_REVIEW_PENALTY = 10_000;
    /// @dev Half of uint96 each, so fee + bond (one payout, a uint96 in `ChallengeResolved`) cannot
    ///      overflow. At least 1 wei: a free review lets anyone who bought one call hurt a provider at
    ///      no risk, a free challenge lets a provider contest every review at no risk.
    uint96 internal constant MAX_DEPOSIT = type(uint96).max / 2;
    uint96 internal constant MIN_DEPOSIT = 1;

    /// @dev What the interface's `Review` does not carry: set once by `review` (provider, window end)
    ///      and once by `challenge` (challenger), one storage slot.
    struct ReviewContext {
        ProviderId providerId;
        uint40 windowClosesAt;
        address challenger;
    }

    IERC20 internal immutable _token;
    IMarketplace internal immutable _marketplace;

    /// @inheritdoc IReviewBoard
    IServiceManager public serviceManager;
    /// @inheritdoc IReviewBoard
    address public resolver;
    /// @inheritdoc IReviewBoard
    address public treasury;
    /// @inheritdoc IReviewBoard
    uint64 public reviewCount;
    /// @inheritdoc IReviewBoard
    /// @dev uint32 so it shares the slot of `treasury` and `reviewCount`: a settlement then writes a
    ///      nonzero slot instead of opening one
    uint32 public challengesSettled;
    /// @inheritdoc IReviewBoard
    uint256 public totalHeld;

    Params internal _params;
    mapping(ReviewId id => Review) internal _reviews;
    mapping(ReviewId id => ReviewContext) internal _contexts;
    mapping(PurchaseId purchaseId => ReviewId) internal _reviewOfPurchase;

    constructor(
        IERC20 token_,
        IMarketplace marketplace_,
        address owner_,
        address resolver_,
        address treasury_,
        IServiceManager serviceManager_,
        Params memory initialParams
    ) Ownable(owner_) {
        require(address(token_) != address(0) && address(marketplace_) != address(0), ZeroAddress());
        _token = token_;
        _marketplace = marketplace_;
        _setResolver(resolver_);
        _setTreasury(treasury_);
        _setServiceManager(address(serviceManager_));
        _setParams(initialParams);
    }

    // ───────────── reviews ─────────────

    /// @inheritdoc IReviewBoard
    function review(PurchaseId purchaseId, uint8 rating, bytes32 contentHash, string calldata uri)
        external
        nonReentrant
        returns (ReviewId reviewId)
    {
        require(rating >= MIN_RATING && rating <= MAX_RATING, InvalidRating(rating));
        IMarketplace.Purchase memory p = _marketplace.getPurchase(purchaseId);
        require(p.consumer == msg.sender, PurchaseNotOwned(purchaseId, msg.sender));
        ReviewId existing = _reviewOfPurchase[purchaseId];
        require(ReviewId.unwrap(existing) == 0, AlreadyReviewed(purchaseId, existing));

        Params memory params_ = _params;
        reviewId = ReviewId.wrap(++reviewCount);
        _reviewOfPurchase[purchaseId] = reviewId;
        totalHeld += params_.reviewFee;
        _token.safeTransferFrom(msg.sender, address(this), params_.reviewFee);

        int64 applied;
        if (rating <= params_.negativeRatingMax && params_.reviewPenalty != 0) {
            // reviewPenalty ≤ MAX_REVIEW_PENALTY (10,000), far inside int64
            // forge-lint: disable-next-line(unsafe-typecast) bounded by _setParams
            applied = _marketplace.adjustScore(p.providerId, -int64(params_.reviewPenalty));
        }
        _storeReview(reviewId, purchaseId, p.providerId, rating, applied, params_, contentHash, uri);
    }

    /// @inheritdoc IReviewBoard
    function challenge(ReviewId reviewId) external nonReentrant {
        Review storage r = _existing(reviewId);
        require(r.status == ReviewStatus.Open, ReviewNotOpen(reviewId, r.status));
        ReviewContext storage ctx = _contexts[reviewId];
        require(
            _marketplace.getProvider(ctx.providerId).owner == msg.sender,
            NotReviewedProvider(reviewId, msg.sender)
        );
        // windows are at least a minute: a validator's few seconds of drift cannot matter
        // forge-lint: disable-next-line(block-timestamp)
        require(block.timestamp < ctx.windowClosesAt, ChallengeWindowClosed(reviewId, ctx.windowClosesAt));

        uint96 bond = _params.challengeBond;
        r.status = ReviewStatus.Challenged;
        // forge-lint: disable-next-line(unsafe-typecast) block numbers fit 32 bits for 1,600 years
        r.challengedAtBlock = uint32(block.number);
        r.bond = bond;
        ctx.challenger = msg.sender;
        totalHeld += bond;
        emit ReviewChallenged(reviewId, ProviderId.unwrap(ctx.providerId), msg.sender, bond);
        _token.safeTransferFrom(msg.sender, address(this), bond);
    }

    /// @inheritdoc IReviewBoard
    function resolveChallenge(ReviewId reviewId, bool reviewStands) external nonReentrant {
        require(msg.sender == resolver, NotResolver(msg.sender));
        _settle(reviewId, _challenged(reviewId), reviewStands, false);
    }

    /// @inheritdoc IReviewBoard
    /// @dev The verdict's reference block must be at or after the challenge: operators judge the
    ///      challenge as of a block in which it exists, so an older verdict cannot be about it. Two
    ///      certificates with opposite answers would be equivocation (slashable in the ServiceManager);
    ///      the first one presented settles the challenge.
    function resolveChallengeWithCertificate(
        ReviewId reviewId,
        bool reviewStands,
        bytes32 batchRoot,
        uint32 referenceBlock,
        bytes32[] calldata proof
    ) external nonReentrant {
        IServiceManager sm = serviceManager;
        require(address(sm) != address(0), NoServiceManager());
        Review storage r = _challenged(reviewId);
        require(referenceBlock >= r.challengedAtBlock, CertificateTooOld(referenceBlock, r.challengedAtBlock));
        IServiceManager.Verdict memory verdict = IServiceManager.Verdict({
            requestHash: challengeRequestHash(reviewId),
            responseHash: keccak256(abi.encode(reviewStands)),
            engineVersion: CHALLENGE_ENGINE_VERSION,
            referenceBlock: referenceBlock
        });
        require(sm.verifyVerdict(batchRoot, verdict, proof), CertificateNotValid(reviewId));
        _settle(reviewId, r, reviewStands, true);
    }

    /// @inheritdoc IReviewBoard
    function finalizeReview(ReviewId reviewId) external nonReentrant {
        Review storage r = _existing(reviewId);
        require(r.status == ReviewStatus.Open, ReviewNotOpen(reviewId, r.status));
        uint40 closesAt = _contexts[reviewId].windowClosesAt;
        // forge-lint: disable-next-line(block-timestamp) a few seconds of drift against a ≥ 60 s window
        require(block.timestamp >= closesAt, ChallengeWindowOpen(reviewId, closesAt));
        uint96 fee = r.fee;
        r.status = ReviewStatus.Stands;
        totalHeld -= fee;
        emit ReviewFinalized(reviewId, fee);
        _token.safeTransfer(treasury, fee);
    }

    // ───────────── owner ─────────────

    /// @inheritdoc IReviewBoard
    function setParams(Params calldata params_) external onlyOwner {
        _setParams(params_);
    }

    /// @inheritdoc IReviewBoard
    function setResolver(address resolver_) external onlyOwner {
        _setResolver(resolver_);
    }

    /// @inheritdoc IReviewBoard
    function setTreasury(address treasury_) external onlyOwner {
        _setTreasury(treasury_);
    }

    /// @inheritdoc IReviewBoard
    function setServiceManager(address serviceManager_) external onlyOwner {
        _setServiceManager(serviceManager_);
    }

    // ───────────── views ─────────────

    /// @inheritdoc IReviewBoard
    function marketplace() external view returns (address) {
        return address(_marketplace);
    }

    /// @inheritdoc IReviewBoard
    function params() external view returns (Params memory) {
        return _params;
    }

    /// @inheritdoc IReviewBoard
    function getReview(ReviewId reviewId) external view returns (Review memory) {
        return _reviews[reviewId];
    }

    /// @inheritdoc IReviewBoard
    function reviewOfPurchase(PurchaseId purchaseId) external view returns (ReviewId) {
        return _reviewOfPurchase[purchaseId];
    }

    /// @inheritdoc IReviewBoard
    function challengeRequestHash(ReviewId reviewId) public view returns (bytes32) {
        return keccak256(abi.encode(CHALLENGE_REQUEST_TAG, block.chainid, address(this), reviewId));
    }

    // ───────────── internals ─────────────

    function _storeReview(
        ReviewId reviewId,
        PurchaseId purchaseId,
        ProviderId providerId,
        uint8 rating,
        int64 applied,
        Params memory params_,
        bytes32 contentHash,
        string calldata uri
    ) internal {
        _reviews[reviewId] = Review({
            purchaseId: purchaseId,
            reviewer: msg.sender,
            rating: rating,
            status: ReviewStatus.Open,
            // forge-lint: disable-next-line(unsafe-typecast) seconds fit 40 bits for 34,000 years
            createdAt: uint40(block.timestamp),
            challengedAtBlock: 0,
            scoreDelta: applied,
            fee: params_.reviewFee,
            bond: 0,
            contentHash: contentHash,
            uri: uri
        });
        _contexts[reviewId] = ReviewContext({
            providerId: providerId,
            // forge-lint: disable-next-line(unsafe-typecast) seconds fit 40 bits for 34,000 years
            windowClosesAt: uint40(block.timestamp) + params_.challengeWindow,
            challenger: address(0)
        });
        emit Reviewed(
            reviewId, purchaseId, ProviderId.unwrap(providerId), msg.sender, rating, applied, contentHash, uri
        );
    }

    function _existing(ReviewId reviewId) internal view returns (Review storage r) {
        r = _reviews[reviewId];
        require(r.status != ReviewStatus.None, ReviewNotFound(reviewId));
    }

    function _challenged(ReviewId reviewId) internal view returns (Review storage r) {
        r = _existing(reviewId);
        require(r.status == ReviewStatus.Challenged, NotChallenged(reviewId, r.status));
    }

    /// @dev The loser's deposit goes to the winner with the winner's own; a struck review's score
    ///      change is undone by exactly what was applied.
    function _settle(ReviewId reviewId, Review storage r, bool reviewStands, bool byCertificate) internal {
        ReviewContext storage ctx = _contexts[reviewId];
        // each ≤ MAX_DEPOSIT = uint96.max / 2, so the sum fits
        uint96 payout = r.fee + r.bond;
        address winner = reviewStands ? r.reviewer : ctx.challenger;
        r.status = reviewStands ? ReviewStatus.Stands : ReviewStatus.Struck;
        totalHeld -= payout;
        ++challengesSettled;
        emit ChallengeResolved(reviewId, reviewStands, winner, payout, byCertificate);
        int64 applied = r.scoreDelta;
        if (!reviewStands && applied != 0) {
            // applied ∈ [−MAX_REVIEW_PENALTY, 0], so its negation cannot overflow
            _marketplace.adjustScore(ctx.providerId, -applied);
        }
        _token.safeTransfer(winner, payout);
    }

    function _setParams(Params memory p) internal {
        _checkBounds("reviewFee", p.reviewFee, MIN_DEPOSIT, MAX_DEPOSIT);
        _checkBounds("challengeBond", p.challengeBond, MIN_DEPOSIT, MAX_DEPOSIT);
        _checkBounds("challengeWindow", p.challengeWindow, MIN_CHALLENGE_WINDOW, MAX_CHALLENGE_WINDOW);
        _checkBounds("reviewPenalty", p.reviewPenalty, 0, MAX_REVIEW_PENALTY);
        // rating 1 is always negative (else the penalty could never apply) and 5 never is
        _checkBounds("negativeRatingMax", p.negativeRatingMax, MIN_RATING, MAX_RATING - 1);
        _params = p;
        emit ParamsSet(p);
    }

    function _checkBounds(string memory name, uint256 value, uint256 min, uint256 max) internal pure {
        require(value >= min && value <= max, ParamOutOfBounds(name, value, min, max));
    }

    function _setResolver(address resolver_) internal {
        // a challenge must always have someone able to settle it, or both deposits are stuck
        require(resolver_ != address(0), ZeroAddress());
        resolver = resolver_;
        emit ResolverSet(resolver_);
    }

    function _setTreasury(address treasury_) internal {
        require(treasury_ != address(0), ZeroAddress());
        treasury = treasury_;
        emit TreasurySet(treasury_);
    }

    function _setServiceManager(address serviceManager_) internal {
        serviceManager = IServiceManager(serviceManager_);
        emit ServiceManagerSet(serviceManager_);
    }
}
