// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAllocationManager} from "../../../src/interfaces/IAllocationManager.sol";
import {IPausable} from "../../../src/interfaces/IPausable.sol";
import {IQuorumVerifier} from "../../../src/interfaces/IQuorumVerifier.sol";
import {SlashRequestId} from "../../../src/types/SlashRequestId.sol";
import {AVSFixture} from "../../utils/AVSFixture.sol";

/// @notice Unit-test base: the AVS on the real core with fixture operators 0–3 registered (stakes
///         3333, 3333, 3333 and 1 stETH, all allocated), at block REFERENCE_BLOCK + 1.
abstract contract AVSUnitBase is AVSFixture {
    uint256 internal constant TOTAL = 10_000e18;

    function setUp() public virtual override {
        super.setUp();
        uint256[] memory stakes = new uint256[](4);
        (stakes[0], stakes[1], stakes[2], stakes[3]) = (3333e18, 3333e18, 3333e18, 1e18);
        _onboard(stakes);
    }

    function _root() internal view returns (bytes32) {
        return vm.parseJsonBytes32(fixture, ".integration.batchRoot");
    }

    function _digest() internal view returns (bytes32) {
        return serviceManager.attestationDigest(_root(), REFERENCE_BLOCK);
    }

    function _noNonSigners() internal view returns (IQuorumVerifier.NonSignerParams memory) {
        return _nonSigners(new uint256[](0));
    }

    function _pause(address target, uint8 group) internal {
        vm.prank(pauser);
        IPausable(target).setPaused(2 ** group);
    }

    function _expectPaused(uint8 group) internal {
        vm.expectRevert(abi.encodeWithSelector(IPausable.Paused.selector, group));
    }

    function _leave(address operator) internal {
        uint32[] memory ids = new uint32[](1);
        vm.prank(operator);
        allocationManager.deregisterFromOperatorSets(
            IAllocationManager.DeregisterParams({
                operator: operator, avs: address(serviceManager), operatorSetIds: ids
            })
        );
    }

    function _request(address operator, uint256 wad) internal returns (SlashRequestId id) {
        vm.prank(requester);
        id = serviceManager.requestSlash(operator, wad, _one(stethStrategy), "ipfs://evidence", "h");
    }
}
