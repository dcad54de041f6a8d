// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {PurchaseId, ReviewId} from "../types/MarketplaceIds.sol";
import {IServiceManager} from "./IServiceManager.sol";

/// @title Reviews of providers and challenges of reviews
/// @notice Only the consumer of a purchase may review its provider, once per purchase, paying
///         `reviewFee` (held here). A negative review (rating ≤ `negativeRatingMax`) lowers the
///         provider's score by `reviewPenalty` through `IMarketplace.adjustScore`.
///
///         Within `challengeWindow` seconds the provider's owner may challenge a review by posting
///         `challengeBond`. The challenge is settled either by the resolver role (governance, or until
///         governance exists a configured account) or by an operator quorum certificate: a verdict in a
///         batch submitted to the ServiceManager, at a reference block at or after the challenge, with
///           requestHash  = challengeRequestHash(reviewId)
///                        = keccak256(abi.encode("palisade.review-challenge", chainid, this, reviewId))
///           responseHash = keccak256(abi.encode(reviewStands))
///           engineVersion = CHALLENGE_ENGINE_VERSION.
///         The loser forfeits its deposit to the winner: if the review stands the reviewer gets its fee
///         back plus the provider's bond; if it is struck the provider gets its bond back plus the
///         review fee and the score penalty is undone. An unchallenged review's fee goes to the
///         treasury once the window has passed (`finalizeReview`). The contract's balance always equals
///         `totalHeld()` (fees of open reviews + bonds of open challenges).
interface IReviewBoard {
    enum ReviewStatus {
        None,
        Open,
        Challenged,
        /// @dev unchallenged and past its window (fee paid to the treasury), or the challenge failed
        Stands,
        /// @dev a challenge succeeded: penalty undone
        Struck
    }

    // Already minimal: 568 bits of value fields need 3 slots (purchaseId … status | createdAt … fee | bond),
    // plus contentHash and uri; the rule's heuristic does not see it.
    // solhint-disable-next-line gas-struct-packing
    struct Review {
        PurchaseId purchaseId;
        address reviewer;
        uint8 rating;
        ReviewStatus status;
        uint40 createdAt;
        /// @dev block at which the challenge was opened (0 if none)
        uint32 challengedAtBlock;
        /// @dev score change actually applied (≤ 0), undone if the review is struck
        int64 scoreDelta;
        uint96 fee;
        uint96 bond;
        bytes32 contentHash;
        string uri;
    }

    struct Params {
        uint96 reviewFee;
        uint96 challengeBond;
        uint32 challengeWindow;
        uint64 reviewPenalty;
        uint8 negativeRatingMax;
    }

    error PurchaseNotOwned(PurchaseId purchaseId, address caller);
    error AlreadyReviewed(PurchaseId purchaseId, ReviewId reviewId);
    error InvalidRating(uint8 rating);
    error ReviewNotFound(ReviewId reviewId);
    error NotReviewedProvider(ReviewId reviewId, address caller);
    error ReviewNotOpen(ReviewId reviewId, ReviewStatus status);
    error ChallengeWindowClosed(ReviewId reviewId, uint256 closedAt);
    error ChallengeWindowOpen(ReviewId reviewId, uint256 closesAt);
    error NotChallenged(ReviewId reviewId, ReviewStatus status);
    error NotResolver(address caller);
    error NoServiceManager();
    error CertificateNotValid(ReviewId reviewId);
    error CertificateTooOld(uint32 referenceBlock, uint32 challengedAtBlock);
    error ParamOutOfBounds(string name, uint256 value, uint256 min, uint256 max);
    error ZeroAddress();

    event Reviewed(
        ReviewId indexed reviewId,
        PurchaseId indexed purchaseId,
        uint32 indexed providerId,
        address reviewer,
        uint8 rating,
        int64 scoreDelta,
        bytes32 contentHash,
        string uri
    );
    event ReviewChallenged(
        ReviewId indexed reviewId, uint32 indexed providerId, address challenger, uint96 bond
    );
    event ChallengeResolved(
        ReviewId indexed reviewId, bool reviewStands, address winner, uint96 payout, bool byCertificate
    );
    event ReviewFinalized(ReviewId indexed reviewId, uint96 feeToTreasury);
    event ParamsSet(Params params);
    event ResolverSet(address resolver);
    event TreasurySet(address treasury);
    event ServiceManagerSet(address serviceManager);

    /// @notice The consumer of `purchaseId`: reviews its provider (rating 1 … 5), paying `reviewFee`.
    function review(PurchaseId purchaseId, uint8 rating, bytes32 contentHash, string calldata uri)
        external
        returns (ReviewId reviewId);

    /// @notice The reviewed provider's owner, within the window: challenges with `challengeBond`.
    function challenge(ReviewId reviewId) external;

    /// @notice Resolver only: settles a challenge.
    function resolveChallenge(ReviewId reviewId, bool reviewStands) external;

    /// @notice Anyone: settles a challenge with an operator verdict proven in the submitted batch
    ///         `batchRoot` (see the contract notice for the verdict's fields).
    function resolveChallengeWithCertificate(
        ReviewId reviewId,
        bool reviewStands,
        bytes32 batchRoot,
        uint32 referenceBlock,
        bytes32[] calldata proof
    ) external;

    /// @notice Anyone: after the window, an unchallenged review stands and its fee goes to the treasury.
    function finalizeReview(ReviewId reviewId) external;

    function setParams(Params calldata params) external;
    function setResolver(address resolver) external;
    function setTreasury(address treasury) external;
    /// @notice address(0) disables settlement by certificate.
    function setServiceManager(address serviceManager) external;

    function CHALLENGE_ENGINE_VERSION() external view returns (bytes32);
    function marketplace() external view returns (address);
    function serviceManager() external view returns (IServiceManager);
    function resolver() external view returns (address);
    function treasury() external view returns (address);
    function params() external view returns (Params memory);
    function reviewCount() external view returns (uint64);
    /// @notice Challenges settled so far (either way).
    function challengesSettled() external view returns (uint32);
    function getReview(ReviewId reviewId) external view returns (Review memory);
    /// @notice The review of `purchaseId`, or 0.
    function reviewOfPurchase(PurchaseId purchaseId) external view returns (ReviewId);
    function challengeRequestHash(ReviewId reviewId) external view returns (bytes32);
    function totalHeld() external view returns (uint256);
}
