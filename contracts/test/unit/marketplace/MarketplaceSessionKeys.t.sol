// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../../../src/interfaces/IMarketplace.sol";
import {PurchaseId} from "../../../src/types/MarketplaceIds.sol";
import {MarketplaceUnitBase} from "./MarketplaceUnitBase.sol";

/// @notice Marketplace.authorizeSessionKey and revokeSessionKey, and what a session key can claim.
contract MarketplaceSessionKeysTest is MarketplaceUnitBase {
    function test_AuthorizeSessionKey() public {
        uint40 until = uint40(block.timestamp + 30 days);
        vm.expectEmit(address(market));
        emit IMarketplace.SessionKeySet(consumer, sessionKey, until);
        vm.prank(consumer);
        market.authorizeSessionKey(sessionKey, until);
        assertEq(market.sessionKeyValidUntil(consumer, sessionKey), until);
        assertEq(market.sessionKeyValidUntil(consumer2, sessionKey), 0);
    }

    function test_AuthorizeExtends() public {
        _authorize(uint40(block.timestamp + 1 days));
        _authorize(uint40(block.timestamp + 30 days));
        assertEq(market.sessionKeyValidUntil(consumer, sessionKey), block.timestamp + 30 days);
    }

    function test_LoweringTheEndIsARevocation() public {
        _authorize(uint40(block.timestamp + 30 days));
        // an end after the revocation delay is taken as asked
        _authorize(uint40(block.timestamp + 2 hours));
        assertEq(market.sessionKeyValidUntil(consumer, sessionKey), block.timestamp + 2 hours);
        // asking for "now" ends the key only after the revocation delay
        uint40 floor = uint40(block.timestamp + SESSION_REVOCATION_DELAY);
        vm.expectEmit(address(market));
        emit IMarketplace.SessionKeySet(consumer, sessionKey, floor);
        _authorize(uint40(block.timestamp));
        assertEq(market.sessionKeyValidUntil(consumer, sessionKey), floor);
    }

    function test_LoweringAKeyThatEndsSoonKeepsItsEnd() public {
        uint40 soon = uint40(block.timestamp + 10 minutes);
        _authorize(soon);
        _authorize(uint40(block.timestamp));
        assertEq(market.sessionKeyValidUntil(consumer, sessionKey), soon);
    }

    function test_Revert_WhenKeyIsZero() public {
        vm.expectRevert(IMarketplace.ZeroAddress.selector);
        vm.prank(consumer);
        market.authorizeSessionKey(address(0), uint40(block.timestamp + 1 days));
    }

    function test_RevokeEndsAfterTheRevocationDelay() public {
        _authorize(uint40(block.timestamp + 30 days));
        uint40 end = uint40(block.timestamp + SESSION_REVOCATION_DELAY);
        vm.expectEmit(address(market));
        emit IMarketplace.SessionKeySet(consumer, sessionKey, end);
        vm.prank(consumer);
        market.revokeSessionKey(sessionKey);
        assertEq(market.sessionKeyValidUntil(consumer, sessionKey), end);
    }

    function test_RevokeKeepsASoonerEnd() public {
        uint40 soon = uint40(block.timestamp + 10 minutes);
        _authorize(soon);
        vm.prank(consumer);
        market.revokeSessionKey(sessionKey);
        assertEq(market.sessionKeyValidUntil(consumer, sessionKey), soon);
    }

    function test_Revert_WhenRevokingAKeyNeverAuthorised() public {
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.InvalidSessionKey.selector, sessionKey));
        vm.prank(consumer);
        market.revokeSessionKey(sessionKey);
    }

    function test_Revert_WhenRevokingAKeyThatEnded() public {
        _authorize(uint40(block.timestamp + 10 minutes));
        vm.warp(block.timestamp + 10 minutes);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.InvalidSessionKey.selector, sessionKey));
        vm.prank(consumer);
        market.revokeSessionKey(sessionKey);
    }

    // ───────────── claims by session keys ─────────────

    function test_TokensAcceptedBeforeARevocationStayClaimable() public {
        _authorize(uint40(block.timestamp + 30 days));
        PurchaseId id = _buy(consumer, serviceId, 10);
        // the gateway's key signs a 10-minute token; the provider serves with it
        IMarketplace.UsageProof memory proof = _proof(sessionKeyPk, id, 3);
        vm.prank(consumer);
        market.revokeSessionKey(sessionKey);
        vm.warp(block.timestamp + 2 days);
        vm.prank(provider);
        market.claim(id, proof);
        assertEq(market.getPurchase(id).served, 3);
    }

    function test_Revert_WhenTokenOutlivesTheRevokedKey() public {
        _authorize(uint40(block.timestamp + 30 days));
        PurchaseId id = _buy(consumer, serviceId, 10);
        vm.prank(consumer);
        market.revokeSessionKey(sessionKey);
        IMarketplace.UsageProof memory proof;
        proof.nonce = 1;
        proof.expiry = uint64(block.timestamp + SESSION_REVOCATION_DELAY + 1);
        proof.signature = _signToken(sessionKeyPk, id, 1, proof.expiry);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.InvalidSessionKey.selector, sessionKey));
        vm.prank(provider);
        market.claim(id, proof);
    }

    function test_Revert_WhenKeyOfAnotherConsumer() public {
        vm.prank(consumer2);
        market.authorizeSessionKey(sessionKey, uint40(block.timestamp + 30 days));
        PurchaseId id = _buy(consumer, serviceId, 10);
        IMarketplace.UsageProof memory proof = _proof(sessionKeyPk, id, 1);
        vm.expectRevert(abi.encodeWithSelector(IMarketplace.InvalidSessionKey.selector, sessionKey));
        vm.prank(provider);
        market.claim(id, proof);
    }

    function testFuzz_KeyValidityBoundsTokenExpiry(uint32 validFor, uint32 tokenLife) public {
        validFor = uint32(bound(validFor, 1, 365 days));
        tokenLife = uint32(bound(tokenLife, 1, 365 days));
        _authorize(uint40(block.timestamp + validFor));
        PurchaseId id = _buy(consumer, serviceId, 10);
        IMarketplace.UsageProof memory proof;
        proof.nonce = 1;
        proof.expiry = uint64(block.timestamp + tokenLife);
        proof.signature = _signToken(sessionKeyPk, id, 1, proof.expiry);
        if (tokenLife > validFor) {
            vm.expectRevert(abi.encodeWithSelector(IMarketplace.InvalidSessionKey.selector, sessionKey));
        }
        vm.prank(provider);
        market.claim(id, proof);
    }

    function _authorize(uint40 until) internal {
        vm.prank(consumer);
        market.authorizeSessionKey(sessionKey, until);
    }
}
