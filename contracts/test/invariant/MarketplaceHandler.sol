// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../../src/interfaces/IMarketplace.sol";
import {IProviderSlashing} from "../../src/interfaces/IProviderSlashing.sol";
import {IReviewBoard} from "../../src/interfaces/IReviewBoard.sol";
import {
    ProviderId,
    ProviderSlashId,
    PurchaseId,
    ReviewId,
    ServiceId
} from "../../src/types/MarketplaceIds.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Drives the real Marketplace, ReviewBoard and ProviderSlashing with random actors: providers
///         register, stake and unstake, list services and change fees; consumers buy, providers claim
///         with consumer-signed access tokens, consumers refund after expiry; providers withdraw fees;
///         consumers review, providers challenge, the resolver settles, anyone finalizes; the requester
///         files slashes that the committee vetoes or anyone executes; the owner lowers the in-flight
///         multiple; time passes. Inputs are bounded to calls that should succeed, so most of the depth
///         does work. It keeps the ghost state the invariants compare against: each purchase's unserved
///         escrow, and which providers may legitimately sit above their in-flight cap.
contract MarketplaceHandler is CommonBase, StdCheats, StdUtils {
    uint256 internal constant ACTORS = 5;
    uint256 internal constant BPS = 10_000;

    IMarketplace internal immutable mp;
    IERC20 internal immutable token;
    IReviewBoard internal immutable board;
    IProviderSlashing internal immutable slashing;
    address internal immutable mpOwner;
    address internal immutable resolver;
    address internal immutable requester;
    address internal immutable committee;

    address[] public actors;
    mapping(address actor => uint256) internal _keys;

    ProviderId[] public providers;
    ServiceId[] public services;
    PurchaseId[] public purchases;
    ReviewId[] public reviews;
    ProviderSlashId[] public slashes;

    /// @notice Escrow of each purchase's calls neither claimed nor refunded, as the handler tracks it.
    mapping(PurchaseId id => uint256) public ghostUnserved;
    /// @notice Providers whose in-flight value may exceed their cap: slashed (the stake fell under the
    ///         escrow already sold) or registered before the owner lowered the in-flight multiple.
    mapping(ProviderId id => bool) public capExempt;
    mapping(bytes32 action => uint256) public calls;

    constructor(
        IMarketplace mp_,
        IERC20 token_,
        IReviewBoard board_,
        IProviderSlashing slashing_,
        address mpOwner_,
        address resolver_,
        address requester_,
        address committee_
    ) {
        mp = mp_;
        token = token_;
        board = board_;
        slashing = slashing_;
        mpOwner = mpOwner_;
        resolver = resolver_;
        requester = requester_;
        committee = committee_;
        for (uint256 i; i < ACTORS; ++i) {
            (address a, uint256 key) = makeAddrAndKey(string.concat("actor", vm.toString(i)));
            actors.push(a);
            _keys[a] = key;
        }
    }

    // ───────────── providers and services ─────────────

    function registerProvider(uint256 actorSeed, uint256 stake) external {
        address a = _actor(actorSeed);
        uint256 minStake = mp.params().minStake;
        uint256 balance = token.balanceOf(a);
        if (balance < minStake) return;
        stake = bound(stake, minStake, _min(balance, minStake * 20));
        vm.startPrank(a);
        token.approve(address(mp), stake);
        // forge-lint: disable-next-line(unsafe-typecast) bounded by a balance of a 96-bit supply
        providers.push(mp.registerProvider(uint96(stake), "ipfs://provider", "https://provider.example"));
        vm.stopPrank();
        ++calls["registerProvider"];
    }

    function addStake(uint256 providerSeed, uint256 actorSeed, uint256 amount) external {
        if (providers.length == 0) return;
        address a = _actor(actorSeed);
        uint256 balance = token.balanceOf(a);
        if (balance == 0) return;
        amount = bound(amount, 1, balance);
        vm.startPrank(a);
        token.approve(address(mp), amount);
        // forge-lint: disable-next-line(unsafe-typecast) bounded by a balance of a 96-bit supply
        mp.addStake(_provider(providerSeed), uint96(amount));
        vm.stopPrank();
        ++calls["addStake"];
    }

    function requestUnstake(uint256 providerSeed, uint256 amount) external {
        if (providers.length == 0) return;
        ProviderId id = _provider(providerSeed);
        IMarketplace.Provider memory p = mp.getProvider(id);
        if (p.stake == 0) return;
        IMarketplace.Params memory params = mp.params();
        amount = bound(amount, 1, p.stake);
        // what remains must be 0 or a full minimum stake
        if (p.stake - amount != 0 && p.stake - amount < params.minStake) amount = p.stake;
        // and must still cover the escrow already sold
        if ((p.stake - amount) * params.inFlightMultipleBps / BPS < p.inFlight) return;
        vm.prank(p.owner);
        // forge-lint: disable-next-line(unsafe-typecast) ≤ the stake, a uint96
        mp.requestUnstake(id, uint96(amount));
        ++calls["requestUnstake"];
    }

    function completeUnstake(uint256 providerSeed) external {
        if (providers.length == 0) return;
        ProviderId id = _provider(providerSeed);
        IMarketplace.Provider memory p = mp.getProvider(id);
        if (p.unstaking == 0) return;
        _warpTo(p.unstakeAvailableAt);
        vm.prank(p.owner);
        mp.completeUnstake(id);
        ++calls["completeUnstake"];
    }

    function registerService(uint256 providerSeed, uint256 price, uint8 category) external {
        if (providers.length == 0) return;
        ProviderId id = _provider(providerSeed);
        price = bound(price, 1e15, 10e18);
        vm.prank(mp.getProvider(id).owner);
        services.push(
            mp.registerService(
                id,
                IMarketplace.Category(category % 12),
                // forge-lint: disable-next-line(unsafe-typecast) ≤ 10e18
                uint96(price),
                "/v1/check",
                "ipfs://schema"
            )
        );
        ++calls["registerService"];
    }

    function updateServiceFee(uint256 serviceSeed, uint256 price) external {
        if (services.length == 0) return;
        ServiceId id = services[serviceSeed % services.length];
        price = bound(price, 1e15, 10e18);
        vm.prank(mp.getProvider(mp.getService(id).providerId).owner);
        // forge-lint: disable-next-line(unsafe-typecast) ≤ 10e18
        mp.updateServiceFee(id, uint96(price));
        ++calls["updateServiceFee"];
    }

    // ───────────── purchases, claims, refunds, fees ─────────────

    function purchase(uint256 actorSeed, uint256 serviceSeed, uint256 callCount, uint256 duration) external {
        if (services.length == 0) return;
        address consumer = _actor(actorSeed);
        ServiceId sid = services[serviceSeed % services.length];
        IMarketplace.Service memory s = mp.getService(sid);
        IMarketplace.Provider memory p = mp.getProvider(s.providerId);
        uint256 cap = mp.inFlightCap(s.providerId);
        if (!s.active || cap <= p.inFlight) return;
        uint256 maxCalls =
            _min(_min((cap - p.inFlight) / s.pricePerCall, token.balanceOf(consumer) / s.pricePerCall), 20);
        if (maxCalls == 0) return;
        // forge-lint: disable-next-line(unsafe-typecast) at most 20 calls
        uint32 n = uint32(bound(callCount, 1, maxCalls));
        uint256 cost = uint256(n) * s.pricePerCall;
        duration = bound(duration, 60, _min(mp.params().maxPurchaseDuration, 30 days));
        // forge-lint: disable-next-line(unsafe-typecast) timestamps fit 40 bits
        uint40 expiry = uint40(block.timestamp + duration);
        vm.startPrank(consumer);
        token.approve(address(mp), cost);
        PurchaseId id = mp.purchase(sid, n, s.pricePerCall, expiry);
        vm.stopPrank();
        purchases.push(id);
        ghostUnserved[id] = cost;
        ++calls["purchase"];
    }

    function claim(uint256 purchaseSeed, uint256 nonce) external {
        if (purchases.length == 0) return;
        PurchaseId id = purchases[purchaseSeed % purchases.length];
        IMarketplace.Purchase memory pu = mp.getPurchase(id);
        if (pu.refunded || pu.served == pu.calls) return;
        // forge-lint: disable-next-line(unsafe-typecast) bounded by the purchase's uint32 calls
        uint64 n = uint64(bound(nonce, uint256(pu.served) + 1, pu.calls));
        bytes32 digest = mp.accessTokenDigest(id, pu.providerId, pu.consumer, pu.expiry, n);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(_keys[pu.consumer], digest);
        vm.prank(mp.getProvider(pu.providerId).owner);
        mp.claim(
            id, IMarketplace.UsageProof({nonce: n, expiry: pu.expiry, signature: abi.encodePacked(r, s, v)})
        );
        ghostUnserved[id] -= uint256(n - pu.served) * pu.pricePerCall;
        ++calls["claim"];
    }

    function refund(uint256 purchaseSeed) external {
        if (purchases.length == 0) return;
        PurchaseId id = purchases[purchaseSeed % purchases.length];
        IMarketplace.Purchase memory pu = mp.getPurchase(id);
        if (pu.refunded || pu.served == pu.calls) return;
        uint256 availableAt = uint256(pu.expiry) + mp.params().refundGrace;
        _warpTo(availableAt);
        mp.refund(id);
        ghostUnserved[id] = 0;
        ++calls["refund"];
    }

    function withdrawFees(uint256 providerSeed, uint256 wait) external {
        if (providers.length == 0) return;
        ProviderId id = _provider(providerSeed);
        vm.warp(block.timestamp + bound(wait, 0, mp.params().maxReleaseDelay));
        (, uint256 releasable) = mp.pendingFees(id);
        if (releasable == 0) return;
        vm.prank(mp.getProvider(id).owner);
        mp.withdrawFees(id, 8);
        ++calls["withdrawFees"];
    }

    function withdrawProtocolFees() external {
        if (mp.protocolFeesAccrued() == 0) return;
        mp.withdrawProtocolFees();
        ++calls["withdrawProtocolFees"];
    }

    // ───────────── reviews ─────────────

    function review(uint256 purchaseSeed, uint8 rating) external {
        if (purchases.length == 0) return;
        PurchaseId id = purchases[purchaseSeed % purchases.length];
        if (ReviewId.unwrap(board.reviewOfPurchase(id)) != 0) return;
        address consumer = mp.getPurchase(id).consumer;
        uint96 fee = board.params().reviewFee;
        if (token.balanceOf(consumer) < fee) return;
        vm.startPrank(consumer);
        token.approve(address(board), fee);
        // forge-lint: disable-next-line(unsafe-typecast) 1 … 5
        reviews.push(board.review(id, uint8(bound(rating, 1, 5)), keccak256("content"), "ipfs://review"));
        vm.stopPrank();
        ++calls["review"];
    }

    function challenge(uint256 reviewSeed) external {
        if (reviews.length == 0) return;
        ReviewId id = reviews[reviewSeed % reviews.length];
        IReviewBoard.Review memory r = board.getReview(id);
        IReviewBoard.Params memory params = board.params();
        // the handler never changes the board's params, so the window is the current one
        if (
            r.status != IReviewBoard.ReviewStatus.Open
                || !_isBefore(uint256(r.createdAt) + params.challengeWindow)
        ) {
            return;
        }
        address owner = mp.getProvider(mp.getPurchase(r.purchaseId).providerId).owner;
        if (token.balanceOf(owner) < params.challengeBond) return;
        vm.startPrank(owner);
        token.approve(address(board), params.challengeBond);
        board.challenge(id);
        vm.stopPrank();
        ++calls["challenge"];
    }

    function resolve(uint256 reviewSeed, bool reviewStands) external {
        if (reviews.length == 0) return;
        ReviewId id = reviews[reviewSeed % reviews.length];
        if (board.getReview(id).status != IReviewBoard.ReviewStatus.Challenged) return;
        vm.prank(resolver);
        board.resolveChallenge(id, reviewStands);
        if (reviewStands) ++calls["resolveStands"];
        else ++calls["resolveStruck"];
    }

    function finalize(uint256 reviewSeed) external {
        if (reviews.length == 0) return;
        ReviewId id = reviews[reviewSeed % reviews.length];
        IReviewBoard.Review memory r = board.getReview(id);
        if (r.status != IReviewBoard.ReviewStatus.Open) return;
        uint256 closesAt = uint256(r.createdAt) + board.params().challengeWindow;
        _warpTo(closesAt);
        board.finalizeReview(id);
        ++calls["finalize"];
    }

    // ───────────── slashing ─────────────

    function requestSlash(uint256 providerSeed, uint256 amount, uint256 victimSeed, uint256 compensation)
        external
    {
        if (providers.length == 0) return;
        ProviderId id = _provider(providerSeed);
        IMarketplace.Provider memory p = mp.getProvider(id);
        // sometimes more than the provider holds: the Marketplace takes what there is
        amount = bound(amount, 1, uint256(p.stake) + p.unstaking + 10e18);
        IMarketplace.Compensation[] memory c = new IMarketplace.Compensation[](1);
        // forge-lint: disable-next-line(unsafe-typecast) ≤ amount, bounded by a 96-bit supply
        c[0] = IMarketplace.Compensation({
            account: _actor(victimSeed), amount: uint96(bound(compensation, 0, amount))
        });
        vm.prank(requester);
        // forge-lint: disable-next-line(unsafe-typecast) bounded by a 96-bit supply
        slashes.push(slashing.requestSlash(id, uint96(amount), keccak256("evidence"), "ipfs://evidence", c));
        ++calls["requestSlash"];
    }

    function executeSlash(uint256 slashSeed) external {
        if (slashes.length == 0) return;
        ProviderSlashId id = slashes[slashSeed % slashes.length];
        IProviderSlashing.SlashRequest memory r = slashing.getRequest(id);
        if (r.status != IProviderSlashing.Status.Pending) return;
        _warpTo(r.vetoDeadline);
        slashing.execute(id);
        capExempt[r.providerId] = true;
        ++calls["executeSlash"];
    }

    function vetoOrCancelSlash(uint256 slashSeed) external {
        if (slashes.length == 0) return;
        ProviderSlashId id = slashes[slashSeed % slashes.length];
        IProviderSlashing.SlashRequest memory r = slashing.getRequest(id);
        if (r.status != IProviderSlashing.Status.Pending) return;
        if (_isBefore(r.vetoDeadline)) {
            vm.prank(committee);
            slashing.veto(id);
            ++calls["veto"];
        } else {
            vm.prank(requester);
            slashing.cancel(id);
            ++calls["cancel"];
        }
    }

    // ───────────── governance and time ─────────────

    /// @dev Lowering the multiple shrinks every existing provider's cap under escrow already sold.
    function setInFlightMultiple(uint256 bps) external {
        IMarketplace.Params memory params = mp.params();
        // forge-lint: disable-next-line(unsafe-typecast) within the Marketplace's 1,000 … 1,000,000
        uint32 next = uint32(bound(bps, 1000, 50_000));
        if (next < params.inFlightMultipleBps) {
            for (uint256 i; i < providers.length; ++i) {
                capExempt[providers[i]] = true;
            }
        }
        params.inFlightMultipleBps = next;
        vm.prank(mpOwner);
        mp.setParams(params);
        ++calls["setInFlightMultiple"];
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 3 days));
        ++calls["warp"];
    }

    // ───────────── views for the invariants ─────────────

    function actorCount() external pure returns (uint256) {
        return ACTORS;
    }

    function providerCount() external view returns (uint256) {
        return providers.length;
    }

    function purchaseCount() external view returns (uint256) {
        return purchases.length;
    }

    function reviewCount() external view returns (uint256) {
        return reviews.length;
    }

    function _isBefore(uint256 t) internal view returns (bool) {
        // forge-lint: disable-next-line(block-timestamp) the handler's own clock, no validator involved
        return block.timestamp < t;
    }

    /// @dev Moves time forward to `t` if it is still ahead (never back).
    function _warpTo(uint256 t) internal {
        if (_isBefore(t)) vm.warp(t);
    }

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % ACTORS];
    }

    function _provider(uint256 seed) internal view returns (ProviderId) {
        return providers[seed % providers.length];
    }

    function _min(uint256 a, uint256 b) internal pure returns (uint256) {
        return a < b ? a : b;
    }
}
