// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../../src/interfaces/IMarketplace.sol";
import {
    ProviderId,
    ProviderSlashId,
    PurchaseId,
    ReviewId,
    ServiceId
} from "../../src/types/MarketplaceIds.sol";
import {MarketplaceStackFixture} from "../utils/MarketplaceStackFixture.sol";

/// @notice Gas of the ReviewBoard and ProviderSlashing, call by call (isolated: each call is its own
///         transaction, storage cold, figures include the 21,000 base and calldata), into
///         `snapshots/reviewBoard.json` and `snapshots/providerSlashing.json`. The approvals are made
///         beforehand, as a wallet would.
contract ReviewSlashingGasTest is MarketplaceStackFixture {
    ProviderId internal providerId;
    ServiceId internal serviceId;
    PurchaseId internal purchaseId;

    function setUp() public override {
        super.setUp();
        (providerId, serviceId) = _onboard();
        purchaseId = _buy(consumer, serviceId, 10);
        _claim(purchaseId, consumerKey, 1);
        vm.prank(consumer);
        token.approve(address(board), REVIEW_FEE);
        vm.prank(provider);
        token.approve(address(board), CHALLENGE_BOND);
    }

    /// forge-config: default.isolate = true
    function test_Gas_ReviewNegative() public {
        vm.prank(consumer);
        board.review(
            purchaseId,
            1,
            keccak256("text"),
            "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi"
        );
        vm.snapshotGasLastCall("reviewBoard", "review (negative: fee pulled, score lowered, 66-byte URI)");
    }

    /// forge-config: default.isolate = true
    function test_Gas_Challenge() public {
        ReviewId id = _reviewed();
        vm.prank(provider);
        board.challenge(id);
        vm.snapshotGasLastCall("reviewBoard", "challenge (bond pulled)");
    }

    /// forge-config: default.isolate = true
    function test_Gas_ResolveStruck() public {
        ReviewId id = _reviewed();
        vm.prank(provider);
        board.challenge(id);
        vm.prank(resolver);
        board.resolveChallenge(id, false);
        vm.snapshotGasLastCall("reviewBoard", "resolveChallenge (struck: penalty undone, fee + bond paid)");
    }

    /// forge-config: default.isolate = true
    function test_Gas_Finalize() public {
        ReviewId id = _reviewed();
        vm.warp(block.timestamp + CHALLENGE_WINDOW);
        board.finalizeReview(id);
        vm.snapshotGasLastCall("reviewBoard", "finalizeReview (fee to the treasury)");
    }

    /// forge-config: default.isolate = true
    function test_Gas_RequestSlash() public {
        IMarketplace.Compensation[] memory c = _oneCompensation(consumer, 10e18);
        vm.prank(slashRequester);
        slashing.requestSlash(providerId, 100e18, keccak256("evidence"), "ipfs://evidence", c);
        vm.snapshotGasLastCall("providerSlashing", "requestSlash (one compensation)");
    }

    /// forge-config: default.isolate = true
    function test_Gas_ExecuteSlash() public {
        IMarketplace.Compensation[] memory c = _oneCompensation(consumer, 10e18);
        vm.prank(slashRequester);
        ProviderSlashId id =
            slashing.requestSlash(providerId, 100e18, keccak256("evidence"), "ipfs://evidence", c);
        vm.warp(block.timestamp + VETO_WINDOW);
        slashing.execute(id);
        vm.snapshotGasLastCall("providerSlashing", "execute (one compensation, rest to the treasury)");
    }

    function _reviewed() internal returns (ReviewId id) {
        vm.prank(consumer);
        id = board.review(purchaseId, 1, keccak256("text"), "ipfs://review");
    }
}
