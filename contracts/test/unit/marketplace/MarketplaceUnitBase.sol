// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ProviderId, ServiceId} from "../../../src/types/MarketplaceIds.sol";
import {MarketplaceFixture} from "../../utils/MarketplaceFixture.sol";

/// @notice Unit-test base: the fixture with `provider` registered (STAKE) and one service at PRICE.
abstract contract MarketplaceUnitBase is MarketplaceFixture {
    ProviderId internal providerId;
    ServiceId internal serviceId;

    function setUp() public virtual override {
        super.setUp();
        (providerId, serviceId) = _onboard();
    }

    /// @dev The provider's in-flight cap at the test multiple (2× the stake).
    function _capOf(uint256 stake) internal pure returns (uint256) {
        return stake * IN_FLIGHT_MULTIPLE_BPS / 10_000;
    }
}
