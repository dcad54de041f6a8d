// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAllocationManager} from "../../src/interfaces/IAllocationManager.sol";
import {IMarketplace} from "../../src/interfaces/IMarketplace.sol";
import {IProviderSlashing} from "../../src/interfaces/IProviderSlashing.sol";
import {ProviderId} from "../../src/types/MarketplaceIds.sol";
import {GovernanceFixture} from "../utils/GovernanceFixture.sol";

/// @notice Gas of the governance calls on the whole system (GovernanceFixture), call by call with
///         `vm.snapshotGasLastCall` into `snapshots/governance.json`: syncing stake into tokens,
///         transfers as they move lots, and a proposal's life (propose, vote, queue, execute, veto).
contract GovernanceGasTest is GovernanceFixture {
    string internal constant GROUP = "governance";

    /// forge-config: default.isolate = true
    function test_GasOfTokenCalls() public {
        address erin = makeAddr("erin");
        _deposit(erin, stethStrategy, 50e18);
        _delegate(erin, _operator(0));
        govToken.sync(erin);
        vm.snapshotGasLastCall(GROUP, "sync (first mint, one strategy)");

        govToken.sync(erin);
        vm.snapshotGasLastCall(GROUP, "sync (no change)");

        vm.warp(block.timestamp + 1 days);
        address fresh = makeAddr("fresh");
        vm.prank(alice);
        assertTrue(govToken.transfer(fresh, 10e18));
        vm.snapshotGasLastCall(GROUP, "transfer (to a new holder)");

        vm.warp(block.timestamp + 1 days);
        vm.prank(alice);
        assertTrue(govToken.transfer(fresh, 10e18));
        vm.snapshotGasLastCall(GROUP, "transfer (receiver has lots: a new lot)");

        for (uint256 i; i < 6; ++i) {
            vm.warp(block.timestamp + 1 days);
            vm.prank(alice);
            assertTrue(govToken.transfer(fresh, 1e18));
        }
        vm.warp(block.timestamp + 1 days);
        vm.prank(alice);
        assertTrue(govToken.transfer(fresh, 1e18));
        vm.snapshotGasLastCall(GROUP, "transfer (receiver's 8 lots full: least-loss merge)");

        vm.prank(fresh);
        assertTrue(govToken.transfer(bob, 25e18));
        vm.snapshotGasLastCall(GROUP, "transfer (sender spends its 3 youngest lots)");

        uint256[] memory wads = new uint256[](1);
        wads[0] = 0.1e18;
        vm.prank(address(serviceManager));
        allocationManager.slashOperator(
            address(serviceManager),
            IAllocationManager.SlashingParams({
                operator: _operator(0),
                operatorSetId: 0,
                strategies: _one(stethStrategy),
                wadsToSlash: wads,
                description: "gas"
            })
        );
        govToken.sync(erin);
        vm.snapshotGasLastCall(GROUP, "sync (burn after a slash)");

        _queue(erin, stethStrategy, 10e18);
        vm.snapshotGasLastCall(GROUP, "queueWithdrawal (one strategy, the gate burns tokens)");
    }

    /// forge-config: default.isolate = true
    function test_GasOfAProposalsLife() public {
        IMarketplace.Params memory params = _marketParams();
        params.protocolFeeBps = 300;
        Proposal memory p =
            _proposal(address(market), abi.encodeCall(IMarketplace.setParams, (params)), "fee");
        uint256 id = _propose(alice, p);
        vm.snapshotGasLastCall(GROUP, "propose (one call)");

        vm.warp(governor.proposalSnapshot(id) + 1);
        vm.prank(alice);
        governor.castVote(id, 1);
        vm.snapshotGasLastCall(GROUP, "castVote (voter with one lot)");
        vm.prank(bob);
        governor.castVote(id, 1);

        vm.warp(governor.proposalDeadline(id) + 1);
        _queue(p);
        vm.snapshotGasLastCall(GROUP, "queue (one call)");

        vm.warp(governor.proposalEta(id));
        _execute(p);
        vm.snapshotGasLastCall(GROUP, "execute (Marketplace.setParams)");
    }

    /// forge-config: default.isolate = true
    function test_GasOfAVeto() public {
        IMarketplace.Compensation[] memory none = new IMarketplace.Compensation[](0);
        Proposal memory p = _proposal(
            address(providerSlashing),
            abi.encodeCall(
                IProviderSlashing.requestSlash, (ProviderId.wrap(1), 1e18, bytes32(0), "ipfs://e", none)
            ),
            "slash"
        );
        _passAndQueue(p);
        vm.prank(committee);
        governor.veto(p.targets, p.values, p.calldatas, _descriptionHash(p));
        vm.snapshotGasLastCall(GROUP, "veto (one disciplinary call)");
    }
}
