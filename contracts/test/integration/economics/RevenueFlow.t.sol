// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IMarketplace} from "../../../src/interfaces/IMarketplace.sol";
import {IProviderSlashing} from "../../../src/interfaces/IProviderSlashing.sol";
import {IRevenueDistributor} from "../../../src/interfaces/IRevenueDistributor.sol";
import {ProviderId, ProviderSlashId, PurchaseId, ServiceId} from "../../../src/types/MarketplaceIds.sol";
import {GovernanceFixture} from "../../utils/GovernanceFixture.sol";

/// @notice Flows 5, 6 and 8 meet: a purchase's protocol fee and a provider slash's remainder reach the
///         RevenueDistributor (the marketplace's treasury, set by governance); one epoch later operators
///         claim by registry stake and investors by governance-token balance at the snapshot.
contract RevenueFlowTest is GovernanceFixture {
    uint32 internal constant CALLS = 100;
    ProviderId internal providerId;
    ServiceId internal serviceId;

    function setUp() public override {
        super.setUp();
        _deployDistributor(
            IRevenueDistributor.Params({
                baseBps: 3000,
                minBps: 1500,
                maxBps: 7000,
                enforcementBps: 250,
                enforcementCap: 8,
                providerBps: 50,
                providerCap: 40,
                revenueBps: 100,
                revenueCap: 20,
                revenueUnit: 10_000e18,
                epochLength: 7 days,
                burnSlashed: false
            })
        );
        vm.startPrank(vendor);
        pal.approve(address(market), type(uint256).max);
        providerId = market.registerProvider(PROVIDER_STAKE, "ipfs://vendor", "https://vendor.example");
        serviceId = market.registerService(
            providerId, IMarketplace.Category.AddressRisk, PRICE, "/v1/address", "ipfs://s"
        );
        vm.stopPrank();
        vm.prank(wallet);
        pal.approve(address(market), type(uint256).max);
    }

    function _buyAndServe() internal {
        vm.prank(wallet);
        PurchaseId id = market.purchase(serviceId, CALLS, PRICE, uint40(block.timestamp + 1 days));
        IMarketplace.UsageProof memory proof;
        proof.nonce = CALLS;
        proof.expiry = uint64(block.timestamp + 1 hours);
        IMarketplace.Purchase memory p = market.getPurchase(id);
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(walletKey, market.accessTokenDigest(id, p.providerId, p.consumer, proof.expiry, CALLS));
        proof.signature = abi.encodePacked(r, s, v);
        vm.prank(vendor);
        market.claim(id, proof);
    }

    function _slashVendor() internal {
        IMarketplace.Compensation[] memory compensations = new IMarketplace.Compensation[](1);
        compensations[0] = IMarketplace.Compensation({account: wallet, amount: 500e18});
        _govern(
            _proposal(
                address(providerSlashing),
                abi.encodeCall(
                    IProviderSlashing.requestSlash,
                    (providerId, 3000e18, keccak256("evidence"), "ipfs://evidence", compensations)
                ),
                "Discipline: slash provider 1"
            )
        );
        ProviderSlashId requestId = ProviderSlashId.wrap(1);
        vm.warp(providerSlashing.getRequest(requestId).vetoDeadline);
        providerSlashing.execute(requestId);
    }

    function test_FeeAndSlashFlowToOperatorsAndInvestors() public {
        _buyAndServe();
        uint256 fee = market.protocolFeesAccrued();
        assertEq(fee, 5e18, "5 % of 100 PAL");
        market.withdrawProtocolFees();
        _slashVendor();
        assertEq(pal.balanceOf(address(distributor)), fee + 2500e18, "fee + slash after compensation");

        vm.warp(block.timestamp + 7 days);
        vm.roll(block.number + 1);
        uint256 e = distributor.distribute();
        IRevenueDistributor.Epoch memory ep = distributor.getEpoch(e);
        assertEq(ep.revenue, fee);
        assertEq(ep.slashed, 2500e18);
        // base 3000 + 1 provider × 50 + 1 executed slash × 250
        assertEq(ep.operatorsBps, 3300);
        assertEq(ep.operatorsPot + ep.investorsPot, fee + 2500e18);
        vm.warp(block.timestamp + 1);
        vm.roll(block.number + 1);

        uint256[] memory ids = _ids(e);
        uint256 paidToOperators;
        for (uint256 i; i < 4; ++i) {
            vm.prank(_operator(i));
            uint256 got = distributor.claimOperator(ids);
            assertGt(got, 0, "every operator earns");
            paidToOperators += got;
        }
        assertLe(paidToOperators, ep.operatorsPot);
        assertApproxEqAbs(paidToOperators, ep.operatorsPot, 4, "only rounding dust");

        address[4] memory investors = [alice, bob, carol, dave];
        uint256 paidToInvestors;
        for (uint256 i; i < 4; ++i) {
            vm.prank(investors[i]);
            paidToInvestors += distributor.claimInvestor(ids);
        }
        assertEq(
            pal.balanceOf(alice), ep.investorsPot * govToken.balanceOf(alice) / ep.totalSupply, "pro rata"
        );
        assertLe(paidToInvestors, ep.investorsPot);
        assertApproxEqAbs(paidToInvestors, ep.investorsPot, 4, "only rounding dust");
        assertEq(pal.balanceOf(address(distributor)), fee + 2500e18 - paidToOperators - paidToInvestors);
        assertEq(distributor.reserved(), pal.balanceOf(address(distributor)));
    }
}
