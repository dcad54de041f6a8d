// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../../../src/interfaces/IMarketplace.sol";
import {ProviderId, ProviderSlashId, PurchaseId, ServiceId} from "../../../src/types/MarketplaceIds.sol";
import {MarketplaceStackFixture} from "../../utils/MarketplaceStackFixture.sol";

/// @notice Unit-test base for ProviderSlashing on the real Marketplace: the fixture's `provider` owns
///         provider `providerId` (STAKE, one service at PRICE) and sold 10 calls to `consumer`.
abstract contract ProviderSlashingUnitBase is MarketplaceStackFixture {
    ProviderId internal providerId;
    ServiceId internal serviceId;
    PurchaseId internal purchaseId;

    function setUp() public virtual override {
        super.setUp();
        (providerId, serviceId) = _onboard();
        purchaseId = _buy(consumer, serviceId, 10);
    }

    function _comp(address account, uint96 amount)
        internal
        pure
        returns (IMarketplace.Compensation[] memory c)
    {
        c = new IMarketplace.Compensation[](1);
        c[0] = IMarketplace.Compensation({account: account, amount: amount});
    }

    function _comp(address a, uint96 x, address b, uint96 y)
        internal
        pure
        returns (IMarketplace.Compensation[] memory c)
    {
        c = new IMarketplace.Compensation[](2);
        c[0] = IMarketplace.Compensation({account: a, amount: x});
        c[1] = IMarketplace.Compensation({account: b, amount: y});
    }

    function _request(uint96 amount, IMarketplace.Compensation[] memory c)
        internal
        returns (ProviderSlashId id)
    {
        vm.prank(slashRequester);
        id = slashing.requestSlash(providerId, amount, keccak256("evidence"), "ipfs://evidence", c);
    }

    function _deadline(ProviderSlashId id) internal view returns (uint40) {
        return slashing.getRequest(id).vetoDeadline;
    }

    function _status(ProviderSlashId id) internal view returns (uint8) {
        return uint8(slashing.getRequest(id).status);
    }
}
