// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../../../src/interfaces/IMarketplace.sol";
import {ProviderId, PurchaseId, ServiceId} from "../../../src/types/MarketplaceIds.sol";
import {ERC1271WalletDouble} from "../../utils/ERC1271WalletDouble.sol";
import {MarketplaceUnitBase} from "./MarketplaceUnitBase.sol";

/// @notice Marketplace.claim: access tokens signed by the consumer (EOA or ERC-1271), by a session key,
///         and every way a claim is refused.
contract MarketplaceClaimTest is MarketplaceUnitBase {
    PurchaseId internal purchaseId;

    function setUp() public override {
        super.setUp();
        purchaseId = _buy(consumer, serviceId, 10);
    }

    function test_ClaimWithTheConsumersSignature() public {
        IMarketplace.UsageProof memory proof = _proof(consumerKey, purchaseId, 4);
        uint96 value = 4 * PRICE;
        uint96 fee = value * PROTOCOL_FEE_BPS / 10_000;
        uint40 releaseAt = uint40(block.timestamp + MAX_RELEASE_DELAY);
        vm.expectEmit(address(market));
        emit IMarketplace.UsageClaimed(purchaseId, providerId, 4, value - fee, fee, releaseAt);
        vm.prank(provider);
        assertEq(market.claim(purchaseId, proof), value - fee);

        assertEq(market.getPurchase(purchaseId).served, 4);
        assertEq(market.getProvider(providerId).inFlight, 6 * PRICE);
        assertEq(market.totalEscrow(), 6 * PRICE);
        assertEq(market.totalPendingFees(), value - fee);
        assertEq(market.protocolFeesAccrued(), fee);
        (uint256 pending, uint256 releasable) = market.pendingFees(providerId);
        assertEq(pending, value - fee);
        assertEq(releasable, 0);
        _assertSolvent();
    }

    function test_AccessTokenDigestIsEIP712() public view {
        bytes32 domain = keccak256(
            abi.encode(
                keccak256(
                    "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
                ),
                keccak256("Palisade Marketplace"),
                keccak256("1"),
                block.chainid,
                address(market)
            )
        );
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256(
                    "AccessToken(uint64 purchaseId,uint32 providerId,address consumer,uint64 expiry,uint64 nonce)"
                ),
                uint64(7),
                uint32(3),
                consumer,
                uint64(1_750_000_600),
                uint64(42)
            )
        );
        assertEq(
            market.accessTokenDigest(PurchaseId.wrap(7), ProviderId.wrap(3), consumer, 1_750_000_600, 42),
            keccak256(abi.encodePacked("\x19\x01", domain, structHash))
        );
    }

    function test_ClaimOfAnInactiveService() public {
        vm.prank(provider);
        market.setServiceActive(serviceId, false);
        _claim(purchaseId, consumerKey, 10);
        assertEq(market.getPurchase(purchaseId).served, 10);
    }

    function test_AnyoneMaySubmitTheClaim() public {
        IMarketplace.UsageProof memory proof = _proof(consumerKey, purchaseId, 2);
        vm.prank(makeAddr("relayer"));
        market.claim(purchaseId, proof);
        assertEq(market.getPurchase(purchaseId).served, 2);
    }

    function test_ClaimsAddUp() public {
        _claim(purchaseId, consumerKey, 3);
        uint96 second = _claim(purchaseId, consumerKey, 7);
        assertEq(second, 4 * PRICE * (10_000 - PROTOCOL_FEE_BPS) / 10_000);
        assertEq(market.getPurchase(purchaseId).served, 7);
        _claim(purchaseId, consumerKey, 10);
        assertEq(market.getProvider(providerId).inFlight, 0);
        assertEq(market.totalEscrow(), 0);
        _assertSolvent();
    }

    function test_ClaimWithASessionKey() public {
        vm.prank(consumer);
        market.authorizeSessionKey(sessionKey, uint40(block.timestamp + 1 days));
        _claim(purchaseId, sessionKeyPk, 5);
        assertEq(market.getPurchase(purchaseId).served, 5);
    }

    function test_ClaimWithAnERC1271Wallet() public {
        ERC1271WalletDouble wallet = new ERC1271WalletDouble(consumer2);
        _fundWallet(address(wallet));
        PurchaseId id = _buyAs(wallet, 10);
        _claim(id, consumer2Key, 6);
        assertEq(market.getPurchase(id).served, 6);
        assertEq(market.getPurchase(id).consumer, address(wallet));
    }

    function test_ClaimWithASessionKeyOfAnERC1271Wallet() public {
        ERC1271WalletDouble wallet = new ERC1271WalletDouble(consumer2);
        _fundWallet(address(wallet));
        PurchaseId id = _buyAs(wallet, 10);
        vm.prank(consumer2);
        wallet.execute(
            address(market),
            abi.encodeCall(IMarketplace.authorizeSessionKey, (sessionKey, uint40(block.timestamp + 1 days)))
        );
        _claim(id, sessionKeyPk, 2);
        assertEq(market.getPurchase(id).served, 2);
    }

    function test_Revert_WhenWalletRejectsTheSignature() public {
        ERC1271WalletDouble wallet = new ERC1271WalletDouble(consumer2);
        _fundWallet(address(wallet));
        PurchaseId id = _buyAs(wallet, 10);
        IMarketplace.UsageProof memory proof = _proof(consumerKey, id, 1); // not the wallet's owner
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.InvalidSessionKey.selector, consumer));
        vm.prank(provider);
        market.claim(id, proof);
    }

    function test_ClaimAfterExpiryBeforeRefund() public {
        vm.warp(block.timestamp + PURCHASE_DURATION + REFUND_GRACE + 30 days);
        _claim(purchaseId, consumerKey, 10);
        assertEq(market.getPurchase(purchaseId).served, 10);
    }

    // ───────────── refused claims ─────────────

    function test_Revert_WhenSignedByAStranger() public {
        (address stranger, uint256 strangerKey) = makeAddrAndKey("stranger");
        IMarketplace.UsageProof memory proof = _proof(strangerKey, purchaseId, 1);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.InvalidSessionKey.selector, stranger));
        vm.prank(provider);
        market.claim(purchaseId, proof);
    }

    function test_Revert_WhenTokenNamesAnotherProvider() public {
        IMarketplace.UsageProof memory proof;
        proof.nonce = 1;
        proof.expiry = uint64(block.timestamp + 10 minutes);
        bytes32 wrong = market.accessTokenDigest(purchaseId, ProviderId.wrap(2), consumer, proof.expiry, 1);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(consumerKey, wrong);
        proof.signature = abi.encodePacked(r, s, v);
        bytes32 right = market.accessTokenDigest(purchaseId, providerId, consumer, proof.expiry, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.InvalidSessionKey.selector, ecrecover(right, v, r, s))
        );
        vm.prank(provider);
        market.claim(purchaseId, proof);
    }

    function test_Revert_WhenTokenOfAnotherPurchase() public {
        PurchaseId other = _buy(consumer, serviceId, 10);
        IMarketplace.UsageProof memory proof = _proof(consumerKey, other, 1);
        bytes32 right = market.accessTokenDigest(purchaseId, providerId, consumer, proof.expiry, 1);
        (uint8 v, bytes32 r, bytes32 s) = _split(proof.signature);
        vm.expectRevert(
            abi.encodeWithSelector(IMarketplace.InvalidSessionKey.selector, ecrecover(right, v, r, s))
        );
        vm.prank(provider);
        market.claim(purchaseId, proof);
    }

    function test_Revert_WhenNonceReplayedOrLower() public {
        _claim(purchaseId, consumerKey, 5);
        IMarketplace.UsageProof memory same = _proof(consumerKey, purchaseId, 5);
        IMarketplace.UsageProof memory lower = _proof(consumerKey, purchaseId, 3);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NonceNotAboveServed.selector, 5, 5));
        vm.prank(provider);
        market.claim(purchaseId, same);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NonceNotAboveServed.selector, 3, 5));
        vm.prank(provider);
        market.claim(purchaseId, lower);
    }

    function test_Revert_WhenNonceIsZero() public {
        IMarketplace.UsageProof memory proof = _proof(consumerKey, purchaseId, 0);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NonceNotAboveServed.selector, 0, 0));
        vm.prank(provider);
        market.claim(purchaseId, proof);
    }

    function test_Revert_WhenNonceAboveCalls() public {
        IMarketplace.UsageProof memory proof = _proof(consumerKey, purchaseId, 11);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.NonceAboveCalls.selector, 11, 10));
        vm.prank(provider);
        market.claim(purchaseId, proof);
    }

    function test_Revert_WhenSignatureMalformed() public {
        IMarketplace.UsageProof memory proof = _proof(consumerKey, purchaseId, 1);
        proof.signature = bytes.concat(proof.signature, bytes1(0));
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.InvalidUsageSignature.selector, purchaseId));
        vm.prank(provider);
        market.claim(purchaseId, proof);
    }

    function test_Revert_WhenPurchaseUnknown() public {
        IMarketplace.UsageProof memory proof = _proof(consumerKey, purchaseId, 1);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.PurchaseNotFound.selector, PurchaseId.wrap(99)));
        vm.prank(provider);
        market.claim(PurchaseId.wrap(99), proof);
    }

    function test_Revert_WhenRefunded() public {
        vm.warp(block.timestamp + PURCHASE_DURATION + REFUND_GRACE);
        market.refund(purchaseId);
        IMarketplace.UsageProof memory proof = _proof(consumerKey, purchaseId, 1);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.PurchaseRefunded.selector, purchaseId));
        vm.prank(provider);
        market.claim(purchaseId, proof);
    }

    function testFuzz_ClaimSplitsTheFee(
        uint96 price,
        uint32 calls,
        uint32 first,
        uint32 second,
        uint16 feeBps
    ) public {
        price = uint96(bound(price, 1, 1000e18));
        // setUp's purchase already holds 10 × PRICE in flight: the cap's room is what is left.
        uint256 room = (_capOf(STAKE) - 10 * PRICE) / price;
        calls = uint32(bound(calls, 1, room < FUNDS / price ? room : FUNDS / price));
        first = uint32(bound(first, 1, calls));
        second = uint32(bound(second, first, calls));
        feeBps = uint16(bound(feeBps, 0, 2000));
        IMarketplace.Params memory p = _params();
        p.protocolFeeBps = feeBps;
        vm.startPrank(owner);
        market.setParams(p);
        vm.stopPrank();
        vm.prank(provider);
        ServiceId sid = market.registerService(providerId, IMarketplace.Category.TokenRisk, price, "/t", "s");
        PurchaseId id = _buy(consumer2, sid, calls);

        uint256 paid = _claim(id, consumer2Key, first);
        if (second > first) paid += _claim(id, consumer2Key, second);
        uint256 value = uint256(second) * price;
        uint256 fees = market.protocolFeesAccrued();
        assertEq(paid + fees, value, "provider + protocol = value");
        assertLe(fees, value * feeBps / 10_000, "the fee never rounds up");
        assertEq(market.getProvider(providerId).inFlight, 10 * PRICE + uint256(calls - second) * price);
        _assertSolvent();
    }

    function _fundWallet(address wallet) internal {
        require(token.transfer(wallet, 1000e18), "fund");
        vm.prank(consumer2);
        ERC1271WalletDouble(wallet)
            .execute(address(token), abi.encodeCall(token.approve, (address(market), 1000e18)));
    }

    function _buyAs(ERC1271WalletDouble wallet, uint32 calls) internal returns (PurchaseId id) {
        vm.prank(consumer2);
        bytes memory result = wallet.execute(
            address(market),
            abi.encodeCall(IMarketplace.purchase, (serviceId, calls, PRICE, uint40(block.timestamp + 1 days)))
        );
        id = abi.decode(result, (PurchaseId));
    }

    function _split(bytes memory sig) internal pure returns (uint8 v, bytes32 r, bytes32 s) {
        assembly ("memory-safe") {
            r := mload(add(sig, 0x20))
            s := mload(add(sig, 0x40))
            v := byte(0, mload(add(sig, 0x60)))
        }
    }
}
