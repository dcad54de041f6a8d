// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {OperatorRegistry} from "../../src/avs/OperatorRegistry.sol";
import {ServiceManager} from "../../src/avs/ServiceManager.sol";
import {IAllocationManager} from "../../src/interfaces/IAllocationManager.sol";
import {IOperatorRegistry} from "../../src/interfaces/IOperatorRegistry.sol";
import {IQuorumVerifier} from "../../src/interfaces/IQuorumVerifier.sol";
import {IServiceManager} from "../../src/interfaces/IServiceManager.sol";
import {BLS12381} from "../../src/libraries/BLS12381.sol";
import {OperatorSet} from "../../src/types/OperatorSet.sol";
import {CoreFixture} from "./CoreFixture.sol";

/// @notice The core plus Palisade's AVS, deployed where `test/fixtures/avs/generate.ts` signed for:
///         the registry and the ServiceManager are the first two creations of DEPLOYER, operator i is
///         0x10000 + i, certificates reference block REFERENCE_BLOCK (see the generator's header).
abstract contract AVSFixture is CoreFixture {
    address internal constant DEPLOYER = address(0xa75d);
    uint32 internal constant REFERENCE_BLOCK = 20;
    /// @dev operators join at this block; their allocations land ALLOCATION_DELAY blocks later
    uint256 internal constant ONBOARD_BLOCK = 10;

    OperatorRegistry internal registry;
    ServiceManager internal serviceManager;
    OperatorSet internal palisadeSet;
    string internal fixture;

    address internal requester = makeAddr("slashRequester");
    address internal committee = makeAddr("vetoCommittee");

    function setUp() public virtual override {
        super.setUp();
        fixture = vm.readFile("test/fixtures/avs/fixture.json");
        vm.startPrank(DEPLOYER);
        registry = new OperatorRegistry(
            owner, pauser, allocationManager, vm.computeCreateAddress(DEPLOYER, vm.getNonce(DEPLOYER) + 1)
        );
        serviceManager = new ServiceManager(owner, pauser, allocationManager, registry, _strategies());
        vm.stopPrank();
        assertEq(
            block.chainid, vm.parseJsonUint(fixture, ".deployment.chainId"), "chain id the fixture signed for"
        );
        assertEq(address(registry), vm.parseJsonAddress(fixture, ".deployment.registry"), "registry address");
        assertEq(
            address(serviceManager), vm.parseJsonAddress(fixture, ".deployment.serviceManager"), "SM address"
        );
        palisadeSet = OperatorSet({avs: address(serviceManager), id: 0});
        vm.startPrank(owner);
        serviceManager.setSlashRequester(requester);
        serviceManager.setVetoCommittee(committee);
        vm.stopPrank();
    }

    // ───────────── fixture access ─────────────

    function _operator(uint256 i) internal pure returns (address) {
        // forge-lint: disable-next-line(unsafe-typecast) fixture operators: i < 201
        return address(uint160(0x10000 + i));
    }

    function _pubkey(uint256 i) internal view returns (BLS12381.G1Point memory) {
        return _g1(string.concat(".operators[", vm.toString(i), "].pubkey"));
    }

    function _pop(uint256 i) internal view returns (BLS12381.G2Point memory) {
        return _g2(string.concat(".operators[", vm.toString(i), "].pop"));
    }

    function _g1(string memory path) internal view returns (BLS12381.G1Point memory) {
        return abi.decode(vm.parseJsonBytes(fixture, path), (BLS12381.G1Point));
    }

    function _g2(string memory path) internal view returns (BLS12381.G2Point memory) {
        return abi.decode(vm.parseJsonBytes(fixture, path), (BLS12381.G2Point));
    }

    function _verdict(string memory path) internal view returns (IServiceManager.Verdict memory v) {
        v.requestHash = vm.parseJsonBytes32(fixture, string.concat(path, ".requestHash"));
        v.responseHash = vm.parseJsonBytes32(fixture, string.concat(path, ".responseHash"));
        v.engineVersion = vm.parseJsonBytes32(fixture, string.concat(path, ".engineVersion"));
        // forge-lint: disable-next-line(unsafe-typecast) the fixture writes uint32 block numbers
        v.referenceBlock = uint32(vm.parseJsonUint(fixture, string.concat(path, ".referenceBlock")));
    }

    function _proof(string memory path) internal view returns (bytes32[] memory) {
        return vm.parseJsonBytes32Array(fixture, path);
    }

    // ───────────── actors ─────────────

    function _registrationData(BLS12381.G1Point memory pk, BLS12381.G2Point memory pop)
        internal
        pure
        returns (bytes memory)
    {
        return abi.encode(
            IOperatorRegistry.RegistrationParams({
                pubkey: pk, proofOfPossession: pop, nodeUrl: "https://node.example"
            })
        );
    }

    /// @dev The operator joins the core, self-stakes `stake` stETH and joins Palisade with `data`.
    function _join(address operator, uint256 stake, bytes memory data) internal {
        _registerOperator(operator);
        if (stake != 0) _deposit(operator, stethStrategy, stake);
        _registerWithData(operator, data);
    }

    function _registerWithData(address operator, bytes memory data) internal {
        uint32[] memory ids = new uint32[](1);
        vm.prank(operator);
        allocationManager.registerForOperatorSets(
            operator,
            IAllocationManager.RegisterParams({avs: address(serviceManager), operatorSetIds: ids, data: data})
        );
    }

    /// @dev Fixture operators 0..n-1 join at ONBOARD_BLOCK with `stakes[i]`, allocate all of it, and the
    ///      registry reads the landed stakes; ends at REFERENCE_BLOCK + 1.
    function _onboard(uint256[] memory stakes) internal {
        vm.roll(ONBOARD_BLOCK);
        address[] memory operators = new address[](stakes.length);
        for (uint256 i; i < stakes.length; ++i) {
            operators[i] = _operator(i);
            _join(operators[i], stakes[i], _registrationData(_pubkey(i), _pop(i)));
            // forge-lint: disable-next-line(unsafe-typecast) WAD = 1e18 fits 64 bits
            _allocate(operators[i], palisadeSet, stethStrategy, uint64(WAD));
        }
        vm.roll(ONBOARD_BLOCK + ALLOCATION_DELAY + 1);
        registry.updateStakes(operators);
        vm.roll(REFERENCE_BLOCK + 1);
    }

    function _equalStakes(uint256 n, uint256 stake) internal pure returns (uint256[] memory stakes) {
        stakes = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            stakes[i] = stake;
        }
    }

    /// @dev Non-signer params for fixture operators `ids`, sorted by pubkey hash, with exact hints.
    function _nonSigners(uint256[] memory ids)
        internal
        view
        returns (IQuorumVerifier.NonSignerParams memory p)
    {
        uint256 n = ids.length;
        p.nonSignerPubkeys = new BLS12381.G1Point[](n);
        p.stakeHints = new uint32[](n);
        bytes32[] memory hashes = new bytes32[](n);
        for (uint256 i; i < n; ++i) {
            p.nonSignerPubkeys[i] = _pubkey(ids[i]);
            hashes[i] = BLS12381.hashG1(p.nonSignerPubkeys[i]);
        }
        // insertion sort by hash (test sizes are small)
        for (uint256 i = 1; i < n; ++i) {
            for (uint256 j = i; j > 0 && hashes[j - 1] > hashes[j]; --j) {
                (hashes[j - 1], hashes[j]) = (hashes[j], hashes[j - 1]);
                (p.nonSignerPubkeys[j - 1], p.nonSignerPubkeys[j]) =
                (p.nonSignerPubkeys[j], p.nonSignerPubkeys[j - 1]);
            }
        }
        for (uint256 i; i < n; ++i) {
            p.stakeHints[i] = registry.stakeIndexAt(hashes[i], REFERENCE_BLOCK);
        }
        p.apkHint = registry.apkIndexAt(REFERENCE_BLOCK);
    }

    function _ids(uint256 a) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](1);
        ids[0] = a;
    }

    function _ids(uint256 a, uint256 b) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](2);
        (ids[0], ids[1]) = (a, b);
    }

    function _range(uint256 n) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            ids[i] = i;
        }
    }
}
