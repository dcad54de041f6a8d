// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAVSRegistrar} from "../../../src/interfaces/IAVSRegistrar.sol";
import {IAllocationManager} from "../../../src/interfaces/IAllocationManager.sol";
import {IQuorumVerifier} from "../../../src/interfaces/IQuorumVerifier.sol";
import {IServiceManager} from "../../../src/interfaces/IServiceManager.sol";
import {IThreatResponse} from "../../../src/interfaces/IThreatResponse.sol";
import {BLS12381} from "../../../src/libraries/BLS12381.sol";
import {GuardFixture} from "../../utils/guard/GuardFixture.sol";
import {ThreatResponseDouble} from "../../utils/threat/ThreatResponseDouble.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @notice The ServiceManager's threat-response hooks (decision 0008), against a double whose answers
///         the test sets: certification at `max(quorumThresholdBps, floor)` (real BLS certificates of the
///         four 25 % operators), and the refusal of a frozen operator's exit through the real core.
contract ServiceManagerThreatResponseTest is GuardFixture {
    uint64 internal constant T = 1_750_000_000;
    uint64 internal constant UNTIL = T + 14 days;

    ThreatResponseDouble internal double;

    function setUp() public override {
        super.setUp();
        vm.warp(T);
        double = new ThreatResponseDouble();
    }

    function _set() internal {
        vm.prank(owner);
        serviceManager.setThreatResponse(IThreatResponse(address(double)));
    }

    // ───────────── setThreatResponse ─────────────

    function test_NoThreatResponseByDefault() public view {
        assertEq(address(serviceManager.threatResponse()), address(0));
        assertEq(serviceManager.effectiveQuorumThresholdBps(), serviceManager.quorumThresholdBps());
    }

    function test_SetThreatResponse() public {
        vm.expectEmit(address(serviceManager));
        emit IServiceManager.ThreatResponseSet(IThreatResponse(address(0)), IThreatResponse(address(double)));
        _set();
        assertEq(address(serviceManager.threatResponse()), address(double));
        vm.expectEmit(address(serviceManager));
        emit IServiceManager.ThreatResponseSet(IThreatResponse(address(double)), IThreatResponse(address(0)));
        vm.prank(owner);
        serviceManager.setThreatResponse(IThreatResponse(address(0)));
    }

    function test_Revert_SetThreatResponse_WhenNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        serviceManager.setThreatResponse(IThreatResponse(address(double)));
    }

    // ───────────── the threshold floor ─────────────

    function test_EffectiveThresholdIsTheHigherOfTheTwo() public {
        _set();
        assertEq(serviceManager.effectiveQuorumThresholdBps(), 6667, "no floor");
        double.setThresholdFloorBps(9000);
        assertEq(serviceManager.effectiveQuorumThresholdBps(), 9000, "floor above");
        double.setThresholdFloorBps(5001);
        assertEq(serviceManager.effectiveQuorumThresholdBps(), 6667, "floor below");
    }

    function test_Revert_SubmitBatch_WhenSignedStakeIsBelowTheFloor() public {
        _set();
        double.setThresholdFloorBps(9000);
        bytes32 root = keccak256("batch");
        uint32 batchBlock = uint32(block.number - 1);
        (IQuorumVerifier.NonSignerParams memory p, BLS12381.G2Point memory sigma) =
            _threeOfFour(root, batchBlock);
        vm.expectRevert(
            abi.encodeWithSelector(IQuorumVerifier.QuorumNotReached.selector, 7500e18, 10_000e18, 9000)
        );
        serviceManager.submitBatch(root, batchBlock, 1, p, sigma);
    }

    function test_SubmitBatch_ThreeOfFourPassWithoutAFloor() public {
        _set();
        _certifyByThreeOfFour(keccak256("batch"));
        assertEq(serviceManager.getBatch(keccak256("batch")).signedStake, 7500e18);
    }

    function test_SubmitBatch_AllSignersPassTheFloor() public {
        _set();
        double.setThresholdFloorBps(10_000);
        _certify(keccak256("batch"), 1, uint32(block.number - 1));
        assertEq(serviceManager.getBatch(keccak256("batch")).signedStake, 10_000e18);
    }

    // ───────────── the deregistration hook ─────────────

    function test_Revert_WhenAFrozenOperatorLeaves() public {
        _set();
        double.setFrozenUntil(_operator(1), UNTIL);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistrar.OperatorFrozen.selector, _operator(1), UNTIL));
        _leave(_operator(1));
        assertTrue(allocationManager.isMemberOfOperatorSet(_operator(1), palisadeSet), "still in set 0");
        assertTrue(registry.isRegistered(_operator(1)), "still registered");
    }

    function test_Revert_WhenTheCoreCallsTheHookForAFrozenOperator() public {
        _set();
        double.setFrozenUntil(_operator(1), UNTIL);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistrar.OperatorFrozen.selector, _operator(1), UNTIL));
        vm.prank(address(allocationManager));
        serviceManager.deregisterOperator(_operator(1), address(serviceManager), new uint32[](1));
    }

    function test_AFrozenOperatorStaysSlashableByRequest() public {
        _set();
        double.setFrozenUntil(_operator(1), UNTIL);
        vm.expectRevert(abi.encodeWithSelector(IAVSRegistrar.OperatorFrozen.selector, _operator(1), UNTIL));
        _leave(_operator(1));
        vm.prank(requester);
        serviceManager.requestSlash(
            _operator(1), 0.1e18, _one(stethStrategy), "ipfs://alert", keccak256("alert")
        );
        assertEq(serviceManager.slashRequestCount(), 1);
    }

    function test_LeavesFromTheEndOfTheFreeze() public {
        _set();
        double.setFrozenUntil(_operator(1), UNTIL);
        vm.warp(UNTIL);
        _leave(_operator(1));
        assertFalse(allocationManager.isMemberOfOperatorSet(_operator(1), palisadeSet));
        assertFalse(registry.isRegistered(_operator(1)));
    }

    function test_OtherOperatorsLeave() public {
        _set();
        double.setFrozenUntil(_operator(1), UNTIL);
        _leave(_operator(2));
        assertFalse(registry.isRegistered(_operator(2)));
    }

    function test_NoCheckWithoutAThreatResponse() public {
        double.setFrozenUntil(_operator(1), UNTIL); // unread: nothing is set
        _leave(_operator(1));
        assertFalse(registry.isRegistered(_operator(1)));
    }

    // ───────────── helpers ─────────────

    function _leave(address operator) internal {
        vm.prank(operator);
        allocationManager.deregisterFromOperatorSets(
            IAllocationManager.DeregisterParams({
                operator: operator, avs: address(serviceManager), operatorSetIds: new uint32[](1)
            })
        );
    }

    /// @dev Operators 0–2 sign (75 % of the stake), operator 3 is named a non-signer.
    function _certifyByThreeOfFour(bytes32 root) internal {
        uint32 batchBlock = uint32(block.number - 1);
        (IQuorumVerifier.NonSignerParams memory p, BLS12381.G2Point memory sigma) =
            _threeOfFour(root, batchBlock);
        serviceManager.submitBatch(root, batchBlock, 1, p, sigma);
    }

    /// @dev The certificate of operators 0–2 (operator 3 a non-signer), computed before any expectRevert
    ///      (signing calls the BLS precompiles).
    function _threeOfFour(bytes32 root, uint32 batchBlock)
        internal
        view
        returns (IQuorumVerifier.NonSignerParams memory p, BLS12381.G2Point memory sigma)
    {
        uint256[] memory signers = new uint256[](3);
        (signers[0], signers[1], signers[2]) = (0, 1, 2);
        uint256[] memory nonSigners = new uint256[](1);
        nonSigners[0] = 3;
        return _certificateBy(serviceManager, registry, root, batchBlock, signers, nonSigners);
    }
}
