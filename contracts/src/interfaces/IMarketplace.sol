// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ProviderId, PurchaseId, ServiceId} from "../types/MarketplaceIds.sol";
import {IThreatResponse} from "./IThreatResponse.sol";

/// @title The security marketplace: provider stakes, the service catalogue, purchases in escrow,
///        usage claims, fee release, refunds and performance scores
/// @notice One contract holds every utility token of the marketplace except review fees and challenge
///         bonds (those sit in the ReviewBoard). Its balance always equals
///         `totalStaked + totalUnstaking + totalEscrow + totalPendingFees + protocolFeesAccrued`.
///
///         Provider: stakes utility tokens (`registerProvider`), gets a `ProviderId`, registers services.
///         Its in-flight value (escrow of calls bought and not yet claimed or refunded) may not exceed
///         `stake × inFlightMultipleBps / 10_000`; a purchase that would cross it reverts. Unstaking
///         waits `unstakeDelay` seconds during which the amount stays slashable.
///
///         Purchase: a consumer buys `calls` calls of a service at its current fee (at most
///         `maxPricePerCall`), valid until `expiry`; the tokens go to escrow. Fee updates create a new
///         price for later purchases only (each purchase records its price).
///
///         Access tokens (EIP-712, domain "Palisade Marketplace" version "1" on this contract):
///         `AccessToken(uint64 purchaseId,uint32 providerId,address consumer,uint64 expiry,uint64 nonce)`
///         signed by the purchase's consumer (EOA or ERC-1271) or by a session key the consumer
///         authorised with `validUntil >= expiry`. The nonce k (1 … calls) authorises calls 1 … k of the
///         purchase (a token may cover one call or a batch, each call naming its number off-chain), so
///         a provider that holds the consumer's token with nonce k claims k calls with that one signature.
///
///         Fee release: `claim` turns served calls into a pending tranche (minus the protocol fee)
///         releasable after `releaseDelayOf(provider)`, which falls linearly from `maxReleaseDelay` at
///         score 0 to `minReleaseDelay` at `scoreForMinDelay`. Tranches release in order (a tranche
///         never releases before the one queued before it).
///
///         Score: when a purchase is first claimed and its value is at least `minScoredValue`, the
///         provider's score rises by the weight of that consumer's k-th such purchase from this provider:
///         100 for the first, 200 for the second (a returning customer), then 200 >> (k − 2)
///         (100, 50, 25, 12, 6, 3, 1, then 0 from the 10th; the shift rounds down): one consumer can add
///         at most 497, so wash trading through one address stops paying, and each scored purchase from a
///         fresh address pays the protocol fee on at least `minScoredValue`. The ReviewBoard lowers it
///         for negative reviews.
///
///         Pause groups: 0 providers and services, 1 purchases, 2 claims and withdrawals, 3 refunds.
///         Threat response (decision 0008): the owner may name Palisade's ThreatResponse; a service it has
///         paused (a certified alert about the protocol the service watches) cannot be bought until the
///         pause ends. Claims, refunds and fee withdrawals are never held by it.
interface IMarketplace {
    /// @notice Check types and stages of the cyber kill chain a service can be listed under.
    enum Category {
        Reconnaissance,
        Weaponization,
        Delivery,
        Exploitation,
        Installation,
        CommandAndControl,
        ActionsOnObjectives,
        AddressRisk,
        TokenRisk,
        Phishing,
        Transaction,
        Monitoring
    }

    struct Provider {
        address owner;
        /// @dev active stake: slashable, counts for the in-flight cap
        uint96 stake;
        /// @dev escrow of calls bought and neither claimed nor refunded
        uint96 inFlight;
        uint64 score;
        /// @dev requested for withdrawal: still slashable, no longer counts for the cap
        uint96 unstaking;
        uint40 unstakeAvailableAt;
        uint32 serviceCount;
        string metadataURI;
        string endpoint;
    }

    struct Service {
        ProviderId providerId;
        Category category;
        bool active;
        uint96 pricePerCall;
        string endpointPath;
        string schemaRef;
    }

    struct Purchase {
        address consumer;
        ProviderId providerId;
        ServiceId serviceId;
        uint32 calls;
        uint96 pricePerCall;
        uint40 expiry;
        /// @dev calls claimed by the provider so far
        uint32 served;
        bool refunded;
    }

    /// @notice The consumer-signed access token a provider presents to claim (EIP-712 fields minus
    ///         those the contract knows from the purchase).
    struct UsageProof {
        uint64 nonce;
        uint64 expiry;
        bytes signature;
    }

    struct Compensation {
        address account;
        uint96 amount;
    }

    struct Params {
        uint96 minStake;
        /// @dev in-flight cap = stake × this / 10_000
        uint32 inFlightMultipleBps;
        uint16 protocolFeeBps;
        uint32 unstakeDelay;
        uint32 minReleaseDelay;
        uint32 maxReleaseDelay;
        uint64 scoreForMinDelay;
        /// @dev seconds after a purchase's expiry during which only the provider may still claim
        uint32 refundGrace;
        uint32 maxPurchaseDuration;
        /// @dev seconds a revoked session key stays valid (≥ the longest token lifetime providers accept)
        uint32 sessionRevocationDelay;
        uint96 minScoredValue;
    }

    // ───────────── errors ─────────────

    error ProviderNotFound(ProviderId providerId);
    error ServiceNotFound(ServiceId serviceId);
    error PurchaseNotFound(PurchaseId purchaseId);
    error NotProviderOwner(ProviderId providerId, address caller);
    error StakeTooLow(uint256 have, uint256 need);
    error InsufficientStake(uint256 have, uint256 requested);
    error UnstakeNotReady(uint40 availableAt);
    error NothingToUnstake(ProviderId providerId);
    error InFlightCapExceeded(ProviderId providerId, uint256 inFlightAfter, uint256 cap);
    error ServiceInactive(ServiceId serviceId);
    /// @notice The ThreatResponse has the service paused until `until` (unix seconds, exclusive).
    error ServicePausedByThreatResponse(ServiceId serviceId, uint64 until);
    error PriceAboveMax(uint96 price, uint96 maxPrice);
    error ZeroCalls();
    error InvalidExpiry(uint40 expiry, uint40 latest);
    error EmptyString();
    error PriceZero();
    error PurchaseRefunded(PurchaseId purchaseId);
    error RefundNotYetAvailable(PurchaseId purchaseId, uint256 availableAt);
    error NothingToRefund(PurchaseId purchaseId);
    error NonceNotAboveServed(uint64 nonce, uint32 served);
    error NonceAboveCalls(uint64 nonce, uint32 calls);
    error InvalidUsageSignature(PurchaseId purchaseId);
    error InvalidSessionKey(address key);
    error NothingToWithdraw(ProviderId providerId);
    error ParamOutOfBounds(string name, uint256 value, uint256 min, uint256 max);
    error NotSlasher(address caller);
    error NotReviewBoard(address caller);
    error CompensationExceedsSlash(uint256 compensation, uint256 slashed);
    error ZeroAddress();

    // ───────────── events ─────────────

    event ProviderRegistered(
        ProviderId indexed providerId,
        address indexed owner,
        uint96 stake,
        string metadataURI,
        string endpoint
    );
    event ProviderUpdated(ProviderId indexed providerId, string metadataURI, string endpoint);
    event StakeAdded(ProviderId indexed providerId, uint96 amount, uint96 stake);
    event UnstakeRequested(
        ProviderId indexed providerId, uint96 amount, uint96 unstaking, uint40 availableAt
    );
    event UnstakeCompleted(ProviderId indexed providerId, address indexed to, uint96 amount);
    event ServiceRegistered(
        ServiceId indexed serviceId,
        ProviderId indexed providerId,
        Category category,
        uint96 pricePerCall,
        string endpointPath,
        string schemaRef
    );
    event ServiceFeeUpdated(ServiceId indexed serviceId, uint96 previousPrice, uint96 pricePerCall);
    event ServiceActiveSet(ServiceId indexed serviceId, bool active);
    /// @notice The purchase confirmation: what a provider's middleware reads to accept access tokens.
    event PurchaseConfirmed(
        PurchaseId indexed purchaseId,
        address indexed consumer,
        ProviderId indexed providerId,
        ServiceId serviceId,
        uint32 calls,
        uint96 pricePerCall,
        uint40 expiry
    );
    event SessionKeySet(address indexed consumer, address indexed key, uint40 validUntil);
    event UsageClaimed(
        PurchaseId indexed purchaseId,
        ProviderId indexed providerId,
        uint32 served,
        uint96 providerAmount,
        uint96 protocolFee,
        uint40 releaseAt
    );
    event ScoreChanged(ProviderId indexed providerId, uint64 previous, uint64 current);
    event FeesWithdrawn(ProviderId indexed providerId, address indexed to, uint256 amount);
    event ProtocolFeesWithdrawn(address indexed to, uint256 amount);
    event Refunded(PurchaseId indexed purchaseId, address indexed consumer, uint32 calls, uint96 amount);
    event ProviderSlashed(
        ProviderId indexed providerId, uint96 amount, uint96 compensated, uint96 toTreasury
    );
    event Compensated(ProviderId indexed providerId, address indexed account, uint96 amount);
    event ParamsSet(Params params);
    event TreasurySet(address treasury);
    event SlasherSet(address slasher);
    event ReviewBoardSet(address reviewBoard);
    event ThreatResponseSet(IThreatResponse threatResponse);

    // ───────────── providers ─────────────

    /// @notice Registers the caller as a provider with `stake` utility tokens (≥ `minStake`, pulled
    ///         with transferFrom).
    function registerProvider(uint96 stake, string calldata metadataURI, string calldata endpoint)
        external
        returns (ProviderId providerId);

    /// @notice Provider owner: replaces the metadata URI and the endpoint.
    function updateProvider(ProviderId providerId, string calldata metadataURI, string calldata endpoint)
        external;

    /// @notice Anyone: adds `amount` to a provider's active stake (pulled from the caller).
    function addStake(ProviderId providerId, uint96 amount) external;

    /// @notice Provider owner: moves `amount` from active stake to unstaking (restarting the delay).
    ///         The remaining stake must be 0 or ≥ `minStake`, and its cap must still cover in-flight value.
    function requestUnstake(ProviderId providerId, uint96 amount) external;

    /// @notice Provider owner: after the delay, sends the unstaking amount to the owner.
    function completeUnstake(ProviderId providerId) external returns (uint96 amount);

    // ───────────── services ─────────────

    /// @notice Provider owner: lists a service (active) at `pricePerCall`.
    function registerService(
        ProviderId providerId,
        Category category,
        uint96 pricePerCall,
        string calldata endpointPath,
        string calldata schemaRef
    ) external returns (ServiceId serviceId);

    /// @notice Provider owner: the new fee applies to later purchases only.
    function updateServiceFee(ServiceId serviceId, uint96 pricePerCall) external;

    /// @notice Provider owner (or the owner, for delisting): an inactive service cannot be bought.
    function setServiceActive(ServiceId serviceId, bool active) external;

    // ───────────── purchases ─────────────

    /// @notice Buys `calls` calls of `serviceId` at its current fee (≤ `maxPricePerCall`), valid until
    ///         `expiry` (in the future, at most `maxPurchaseDuration` ahead). Pulls `calls × fee`.
    ///         Reverts `ServicePausedByThreatResponse` while the ThreatResponse has the service paused.
    function purchase(ServiceId serviceId, uint32 calls, uint96 maxPricePerCall, uint40 expiry)
        external
        returns (PurchaseId purchaseId);

    /// @notice `purchase` after an EIP-2612 permit of `calls × maxPricePerCall` for this contract.
    function purchaseWithPermit(
        ServiceId serviceId,
        uint32 calls,
        uint96 maxPricePerCall,
        uint40 expiry,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (PurchaseId purchaseId);

    /// @notice Lets `key` sign access tokens with expiry ≤ `validUntil` for the caller's purchases.
    function authorizeSessionKey(address key, uint40 validUntil) external;

    /// @notice Ends `key`'s authority `sessionRevocationDelay` seconds from now (or at its current end,
    ///         whichever is sooner), so tokens providers already accepted stay claimable.
    function revokeSessionKey(address key) external;

    /// @notice Anyone: after `expiry + refundGrace`, returns the escrow of unclaimed calls to the
    ///         consumer and closes the purchase (no later claim).
    function refund(PurchaseId purchaseId) external returns (uint96 amount);

    // ───────────── claims and fees ─────────────

    /// @notice Anyone (usually the provider): records `proof.nonce` calls as served with the consumer's
    ///         (or its session key's) access token for call number `proof.nonce`, queues the fee of the
    ///         newly served calls for release and, on a purchase's first claim, raises the score.
    function claim(PurchaseId purchaseId, UsageProof calldata proof) external returns (uint96 providerAmount);

    /// @notice Provider owner: sends every released tranche (at most `maxTranches`) to the owner.
    function withdrawFees(ProviderId providerId, uint256 maxTranches) external returns (uint256 amount);

    /// @notice Anyone: sends the accrued protocol fees to the treasury.
    function withdrawProtocolFees() external returns (uint256 amount);

    // ───────────── hooks of the slashing and review contracts ─────────────

    /// @notice Slasher only: takes up to `amount` from the provider's stake, then its unstaking amount;
    ///         pays `compensations` first (their sum ≤ what was taken) and the rest to the treasury.
    function slashProvider(ProviderId providerId, uint96 amount, Compensation[] calldata compensations)
        external
        returns (uint96 slashed);

    /// @notice ReviewBoard only: adds `delta` to the provider's score (floored at 0); returns the change
    ///         actually applied, so the board can undo exactly that.
    function adjustScore(ProviderId providerId, int64 delta) external returns (int64 applied);

    // ───────────── governance ─────────────

    function setParams(Params calldata params) external;
    function setTreasury(address treasury) external;
    function setSlasher(address slasher) external;
    function setReviewBoard(address reviewBoard) external;
    /// @notice Owner: the ThreatResponse whose service pauses purchases honour (address(0): none).
    function setThreatResponse(IThreatResponse threatResponse) external;

    // ───────────── views ─────────────

    function token() external view returns (address);
    function treasury() external view returns (address);
    function slasher() external view returns (address);
    function reviewBoard() external view returns (address);
    function threatResponse() external view returns (IThreatResponse);
    function params() external view returns (Params memory);
    function providerCount() external view returns (uint32);
    function serviceCount() external view returns (uint32);
    function purchaseCount() external view returns (uint64);
    function getProvider(ProviderId providerId) external view returns (Provider memory);
    function getService(ServiceId serviceId) external view returns (Service memory);
    function getPurchase(PurchaseId purchaseId) external view returns (Purchase memory);
    /// @notice `stake × inFlightMultipleBps / 10_000`.
    function inFlightCap(ProviderId providerId) external view returns (uint256);
    /// @notice Seconds a tranche claimed now waits before release.
    function releaseDelayOf(ProviderId providerId) external view returns (uint32);
    /// @notice Pending (queued) fees and the part of it already released and withdrawable.
    function pendingFees(ProviderId providerId) external view returns (uint256 pending, uint256 releasable);
    /// @notice Scored purchases `consumer` made from `providerId` (the k of the score weight).
    function scoredPurchases(ProviderId providerId, address consumer) external view returns (uint32);
    function sessionKeyValidUntil(address consumer, address key) external view returns (uint40);
    /// @notice EIP-712 digest of an access token (what the consumer or its session key signs).
    function accessTokenDigest(
        PurchaseId purchaseId,
        ProviderId providerId,
        address consumer,
        uint64 expiry,
        uint64 nonce
    ) external view returns (bytes32);
    function totalStaked() external view returns (uint256);
    function totalUnstaking() external view returns (uint256);
    function totalEscrow() external view returns (uint256);
    function totalPendingFees() external view returns (uint256);
    function protocolFeesAccrued() external view returns (uint256);
}
