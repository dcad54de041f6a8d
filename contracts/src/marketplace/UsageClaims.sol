// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../interfaces/IMarketplace.sol";
import {MarketplaceMath} from "../libraries/MarketplaceMath.sol";
import {ProviderId, PurchaseId} from "../types/MarketplaceIds.sol";
import {MarketplaceBase} from "./MarketplaceBase.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

/// @title Usage claims with access tokens, the release queue of provider fees, and scores
/// @notice A claim turns calls served (proven by the consumer's access token for the last of them)
///         into a tranche of fees released after the provider's score-dependent delay, in order, and
///         on a purchase's first claim adds the weight of that purchase to the provider's score
///         (MarketplaceMath has the formulas).
abstract contract UsageClaims is MarketplaceBase, EIP712 {
    using SafeERC20 for IERC20;

    /// @notice EIP-712 type hash of an access token.
    bytes32 public constant ACCESS_TOKEN_TYPEHASH = keccak256(
        "AccessToken(uint64 purchaseId,uint32 providerId,address consumer,uint64 expiry,uint64 nonce)"
    );

    constructor() EIP712("Palisade Marketplace", "1") {}

    /// @inheritdoc IMarketplace
    /// @dev The token's own expiry is not compared with the time: the provider checked it when it
    ///      served the call and may claim later. It bounds a session key's authority only.
    function claim(PurchaseId purchaseId, UsageProof calldata proof)
        external
        whenNotPaused(PAUSE_CLAIMS)
        returns (uint96 providerAmount)
    {
        Layout storage $ = _layout();
        PurchaseRecord memory record = _purchaseRecord(purchaseId);
        PurchaseProgress memory progress = $.progress[purchaseId];
        require(!progress.refunded, PurchaseRefunded(purchaseId));
        require(proof.nonce > progress.served, NonceNotAboveServed(proof.nonce, progress.served));
        require(proof.nonce <= record.calls, NonceAboveCalls(proof.nonce, record.calls));
        Offer memory offer = $.offers[record.offer];
        _checkAccessToken(purchaseId, offer.providerId, record.consumer, proof);

        // forge-lint: disable-next-line(unsafe-typecast) nonce ≤ calls, a uint32
        uint32 served = uint32(proof.nonce);
        $.progress[purchaseId].served = served;
        // forge-lint: disable-next-line(unsafe-typecast) ≤ calls × price, which fit the provider's uint96 in-flight
        uint96 value = uint96(uint256(served - progress.served) * offer.pricePerCall);
        // forge-lint: disable-next-line(unsafe-typecast) ≤ 20 % of value
        uint96 protocolFee = uint96(uint256(value) * $.params.protocolFeeBps / BPS);
        providerAmount = value - protocolFee;
        ProviderHot storage hot = $.providerHot[offer.providerId];
        hot.inFlight -= value;
        uint40 releaseAt = _queueTranche(offer.providerId, providerAmount, _releaseDelay(hot.score));
        $.ledger.totalEscrow -= value;
        $.totalPendingFees += providerAmount;
        $.protocolFeesAccrued += protocolFee;
        emit UsageClaimed(purchaseId, offer.providerId, served, providerAmount, protocolFee, releaseAt);

        if (progress.served == 0 && uint256(record.calls) * offer.pricePerCall >= $.params.minScoredValue) {
            _scorePurchase(offer.providerId, record.consumer);
        }
    }

    /// @inheritdoc IMarketplace
    function withdrawFees(ProviderId providerId, uint256 maxTranches)
        external
        whenNotPaused(PAUSE_CLAIMS)
        returns (uint256 amount)
    {
        address owner = _checkProviderOwner(providerId);
        Layout storage $ = _layout();
        FeeQueue memory queue = $.feeQueues[providerId];
        mapping(uint256 => Tranche) storage tranches = $.tranches[providerId];
        uint48 head = queue.head;
        for (uint256 n; n < maxTranches && head < queue.tail; ++n) {
            Tranche memory tranche = tranches[head];
            // forge-lint: disable-next-line(block-timestamp) release delays are minutes to days: drift is harmless
            if (tranche.releaseAt > block.timestamp) break;
            amount += tranche.amount;
            delete tranches[head];
            ++head;
        }
        require(amount != 0, NothingToWithdraw(providerId));
        queue.head = head;
        // forge-lint: disable-next-line(unsafe-typecast) the released tranches are part of `pending`, a uint96
        queue.pending -= uint96(amount);
        $.feeQueues[providerId] = queue;
        // forge-lint: disable-next-line(unsafe-typecast) as above
        $.totalPendingFees -= uint128(amount);
        emit FeesWithdrawn(providerId, owner, amount);
        _token.safeTransfer(owner, amount);
    }

    /// @inheritdoc IMarketplace
    /// @dev With nothing accrued: returns 0, no transfer, no event.
    function withdrawProtocolFees() external whenNotPaused(PAUSE_CLAIMS) returns (uint256 amount) {
        Layout storage $ = _layout();
        amount = $.protocolFeesAccrued;
        if (amount == 0) return 0;
        $.protocolFeesAccrued = 0;
        address to = $.treasury;
        emit ProtocolFeesWithdrawn(to, amount);
        _token.safeTransfer(to, amount);
    }

    /// @inheritdoc IMarketplace
    /// @dev Saturates at the uint64 maximum as well as at 0. Never paused (reviews are not).
    function adjustScore(ProviderId providerId, int64 delta)
        external
        onlyReviewBoard
        returns (int64 applied)
    {
        _providerOwner(providerId);
        ProviderHot storage hot = _layout().providerHot[providerId];
        uint64 previous = hot.score;
        int256 next = int256(uint256(previous)) + delta;
        if (next < 0) next = 0;
        else if (next > int256(uint256(type(uint64).max))) next = int256(uint256(type(uint64).max));
        // forge-lint: disable-next-line(unsafe-typecast) clamped to [0, 2^64 − 1] just above
        uint64 current = uint64(uint256(next));
        hot.score = current;
        // forge-lint: disable-next-line(unsafe-typecast) |current − previous| ≤ |delta|, an int64
        applied = int64(int256(uint256(current)) - int256(uint256(previous)));
        emit ScoreChanged(providerId, previous, current);
    }

    /// @inheritdoc IMarketplace
    function accessTokenDigest(
        PurchaseId purchaseId,
        ProviderId providerId,
        address consumer,
        uint64 expiry,
        uint64 nonce
    ) public view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(abi.encode(ACCESS_TOKEN_TYPEHASH, purchaseId, providerId, consumer, expiry, nonce))
        );
    }

    /// @dev Accepts a token signed by the consumer (ERC-1271 if it has code, else ECDSA) or by a session
    ///      key of the consumer valid at least until the token's expiry. A consumer with code that does
    ///      not accept the signature is still tried by ECDSA (an EIP-7702 account signs as its EOA).
    ///      Equivalent to `SignatureChecker.isValidSignatureNow(consumer) || session key`, with one
    ///      ecrecover instead of two for an EOA's session key.
    function _checkAccessToken(
        PurchaseId purchaseId,
        ProviderId providerId,
        address consumer,
        UsageProof calldata proof
    ) internal view {
        bytes32 digest = accessTokenDigest(purchaseId, providerId, consumer, proof.expiry, proof.nonce);
        if (
            consumer.code.length != 0
                && SignatureChecker.isValidERC1271SignatureNowCalldata(consumer, digest, proof.signature)
        ) return;
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(digest, proof.signature);
        require(err == ECDSA.RecoverError.NoError, InvalidUsageSignature(purchaseId));
        if (signer == consumer) return;
        require(_layout().sessionKeys[consumer][signer] >= proof.expiry, InvalidSessionKey(signer));
    }

    /// @dev Appends a tranche released no earlier than `now + delay` nor than the previous tail, so the
    ///      queue stays sorted. A tranche released at the same time as the tail is merged into it.
    function _queueTranche(ProviderId providerId, uint96 amount, uint32 delay)
        internal
        returns (uint40 releaseAt)
    {
        Layout storage $ = _layout();
        FeeQueue memory queue = $.feeQueues[providerId];
        // timestamps fit 40 bits for 35,000 years; the delay is at most 30 days
        releaseAt = uint40(block.timestamp + delay);
        if (releaseAt < queue.lastReleaseAt) releaseAt = queue.lastReleaseAt;
        if (queue.tail != queue.head && releaseAt == queue.lastReleaseAt) {
            $.tranches[providerId][queue.tail - 1].amount += amount;
        } else {
            $.tranches[providerId][queue.tail] = Tranche(amount, releaseAt);
            ++queue.tail;
            queue.lastReleaseAt = releaseAt;
        }
        queue.pending += amount;
        $.feeQueues[providerId] = queue;
    }

    /// @dev Counts the consumer's scored purchase from the provider and adds its weight to the score
    ///      (saturating: neither the count nor the score may make a claim revert).
    function _scorePurchase(ProviderId providerId, address consumer) internal {
        Layout storage $ = _layout();
        uint32 k = $.scoredPurchases[providerId][consumer];
        if (k != type(uint32).max) $.scoredPurchases[providerId][consumer] = ++k;
        uint64 weight = MarketplaceMath.scoreWeight(k);
        if (weight == 0) return;
        ProviderHot storage hot = $.providerHot[providerId];
        uint64 previous = hot.score;
        uint64 current = previous > type(uint64).max - weight ? type(uint64).max : previous + weight;
        hot.score = current;
        emit ScoreChanged(providerId, previous, current);
    }
}
