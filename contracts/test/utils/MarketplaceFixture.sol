// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../../src/interfaces/IMarketplace.sol";
import {IPausable} from "../../src/interfaces/IPausable.sol";
import {Marketplace} from "../../src/marketplace/Marketplace.sol";
import {UtilityToken} from "../../src/token/UtilityToken.sol";
import {ProviderId, PurchaseId, ServiceId} from "../../src/types/MarketplaceIds.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Test} from "forge-std/Test.sol";

/// @notice The utility token and the Marketplace with test parameters (short delays, 5 % protocol fee,
///         a cap of 2× the stake), funded actors that approved the Marketplace for a finite amount,
///         and helpers for every role: register a provider and a service, buy, sign access tokens
///         (vm.sign), claim. Shared by the marketplace's unit, gas, ReviewBoard, ProviderSlashing and
///         invariant suites. Time starts at START (a 2025 timestamp).
abstract contract MarketplaceFixture is Test {
    uint256 internal constant START = 1_750_000_000;
    uint256 internal constant SUPPLY = 1_000_000_000e18;
    /// @dev what each funded actor receives and approves (finite, as a real wallet's allowance)
    uint256 internal constant FUNDS = 1_000_000e18;

    uint96 internal constant MIN_STAKE = 1000e18;
    uint96 internal constant STAKE = 10_000e18;
    uint96 internal constant PRICE = 1e18;
    uint32 internal constant IN_FLIGHT_MULTIPLE_BPS = 20_000;
    uint16 internal constant PROTOCOL_FEE_BPS = 500;
    uint32 internal constant UNSTAKE_DELAY = 7 days;
    uint32 internal constant MIN_RELEASE_DELAY = 1 hours;
    uint32 internal constant MAX_RELEASE_DELAY = 3 days;
    uint64 internal constant SCORE_FOR_MIN_DELAY = 1000;
    uint32 internal constant REFUND_GRACE = 1 days;
    uint32 internal constant MAX_PURCHASE_DURATION = 90 days;
    uint32 internal constant SESSION_REVOCATION_DELAY = 1 hours;
    uint96 internal constant MIN_SCORED_VALUE = 5e18;
    /// @dev what `_buy` uses: a purchase valid for a day
    uint40 internal constant PURCHASE_DURATION = 1 days;
    /// @dev lifetime of the access tokens `_proof` signs
    uint64 internal constant TOKEN_LIFETIME = 10 minutes;

    UtilityToken internal token;
    Marketplace internal market;

    address internal owner = makeAddr("owner");
    address internal pauser = makeAddr("pauser");
    address internal treasury = makeAddr("treasury");
    address internal slasher = makeAddr("slasher");
    address internal reviewBoard = makeAddr("reviewBoard");

    address internal provider;
    uint256 internal providerKey;
    address internal consumer;
    uint256 internal consumerKey;
    address internal consumer2;
    uint256 internal consumer2Key;
    address internal sessionKey;
    uint256 internal sessionKeyPk;

    function setUp() public virtual {
        vm.warp(START);
        token = new UtilityToken(address(this), SUPPLY);
        market = new Marketplace(IERC20(address(token)), owner, pauser, treasury, _params());
        vm.startPrank(owner);
        market.setSlasher(slasher);
        market.setReviewBoard(reviewBoard);
        vm.stopPrank();
        (provider, providerKey) = _newActor("provider");
        (consumer, consumerKey) = _newActor("consumer");
        (consumer2, consumer2Key) = _newActor("consumer2");
        (sessionKey, sessionKeyPk) = makeAddrAndKey("sessionKey");
    }

    /// @dev The test parameters (see the constants).
    function _params() internal pure virtual returns (IMarketplace.Params memory) {
        return IMarketplace.Params({
            minStake: MIN_STAKE,
            inFlightMultipleBps: IN_FLIGHT_MULTIPLE_BPS,
            protocolFeeBps: PROTOCOL_FEE_BPS,
            unstakeDelay: UNSTAKE_DELAY,
            minReleaseDelay: MIN_RELEASE_DELAY,
            maxReleaseDelay: MAX_RELEASE_DELAY,
            scoreForMinDelay: SCORE_FOR_MIN_DELAY,
            refundGrace: REFUND_GRACE,
            maxPurchaseDuration: MAX_PURCHASE_DURATION,
            sessionRevocationDelay: SESSION_REVOCATION_DELAY,
            minScoredValue: MIN_SCORED_VALUE
        });
    }

    // ───────────── actors ─────────────

    /// @dev A new account with FUNDS tokens that approved the Marketplace for FUNDS.
    function _newActor(string memory name) internal returns (address account, uint256 key) {
        (account, key) = makeAddrAndKey(name);
        _fund(account);
    }

    /// @dev Sends FUNDS tokens to `account`, which approves the Marketplace for FUNDS.
    function _fund(address account) internal {
        require(token.transfer(account, FUNDS), "fund");
        vm.prank(account);
        token.approve(address(market), FUNDS);
    }

    // ───────────── providers and services ─────────────

    function _registerProvider(address who, uint96 stake) internal returns (ProviderId providerId) {
        vm.prank(who);
        providerId = market.registerProvider(stake, "ipfs://provider-metadata", "https://provider.example");
    }

    /// @dev An AddressRisk service of `providerId` at `price`, registered by the provider's owner.
    function _registerService(ProviderId providerId, uint96 price) internal returns (ServiceId serviceId) {
        vm.prank(market.getProvider(providerId).owner);
        serviceId = market.registerService(
            providerId, IMarketplace.Category.AddressRisk, price, "/v1/address", "ipfs://schema"
        );
    }

    /// @dev `provider` with STAKE and one service at PRICE.
    function _onboard() internal returns (ProviderId providerId, ServiceId serviceId) {
        providerId = _registerProvider(provider, STAKE);
        serviceId = _registerService(providerId, PRICE);
    }

    // ───────────── purchases ─────────────

    /// @dev `who` buys `calls` calls at the current price, valid PURCHASE_DURATION. Reads the price
    ///      first (a call): not for use right after vm.expectRevert.
    function _buy(address who, ServiceId serviceId, uint32 calls) internal returns (PurchaseId) {
        return _buy(who, serviceId, calls, uint40(block.timestamp) + PURCHASE_DURATION);
    }

    function _buy(address who, ServiceId serviceId, uint32 calls, uint40 expiry)
        internal
        returns (PurchaseId id)
    {
        uint96 price = market.getService(serviceId).pricePerCall;
        vm.prank(who);
        id = market.purchase(serviceId, calls, price, expiry);
    }

    // ───────────── access tokens and claims ─────────────

    /// @dev The signature by `pk` of the access token (purchaseId, its provider, its consumer, expiry, nonce).
    function _signToken(uint256 pk, PurchaseId purchaseId, uint64 nonce, uint64 expiry)
        internal
        view
        returns (bytes memory)
    {
        IMarketplace.Purchase memory p = market.getPurchase(purchaseId);
        bytes32 digest = market.accessTokenDigest(purchaseId, p.providerId, p.consumer, expiry, nonce);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, digest);
        return abi.encodePacked(r, s, v);
    }

    /// @dev A usage proof for call `nonce` signed by `pk`, expiring TOKEN_LIFETIME from now.
    function _proof(uint256 pk, PurchaseId purchaseId, uint64 nonce)
        internal
        view
        returns (IMarketplace.UsageProof memory proof)
    {
        proof.nonce = nonce;
        proof.expiry = uint64(block.timestamp) + TOKEN_LIFETIME;
        proof.signature = _signToken(pk, purchaseId, nonce, proof.expiry);
    }

    /// @dev The provider claims `nonce` calls of `purchaseId` with a token signed by `pk`. Signs first
    ///      (view calls): not for use right after vm.expectRevert.
    function _claim(PurchaseId purchaseId, uint256 pk, uint64 nonce) internal returns (uint96) {
        IMarketplace.UsageProof memory proof = _proof(pk, purchaseId, nonce);
        vm.prank(provider);
        return market.claim(purchaseId, proof);
    }

    // ───────────── pause ─────────────

    /// @dev The pauser adds `group` to the paused groups.
    function _pause(uint8 group) internal {
        uint256 paused = market.paused();
        vm.prank(pauser);
        market.setPaused(paused | (uint256(1) << group));
    }

    function _expectPaused(uint8 group) internal {
        vm.expectRevert(abi.encodeWithSelector(IPausable.Paused.selector, group));
    }

    // ───────────── accounting ─────────────

    /// @dev Sum of the Marketplace's totals, which its token balance must equal.
    function _totals() internal view returns (uint256) {
        return market.totalStaked() + market.totalUnstaking() + market.totalEscrow()
            + market.totalPendingFees() + market.protocolFeesAccrued();
    }

    function _assertSolvent() internal view {
        assertEq(token.balanceOf(address(market)), _totals(), "balance == totals");
    }
}
