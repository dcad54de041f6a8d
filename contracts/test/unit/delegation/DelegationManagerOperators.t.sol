// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {DelegationManager} from "../../../src/core/DelegationManager.sol";
import {IAllocationManager} from "../../../src/interfaces/IAllocationManager.sol";
import {IDelegationManager} from "../../../src/interfaces/IDelegationManager.sol";
import {IPausable} from "../../../src/interfaces/IPausable.sol";
import {IRewardsCoordinator} from "../../../src/interfaces/IRewardsCoordinator.sol";
import {IStrategyManager} from "../../../src/interfaces/IStrategyManager.sol";
import {DelegationTestBase} from "./DelegationTestBase.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @notice ERC-1271 wallet whose owner key signs for it.
contract Wallet1271 is IERC1271 {
    address internal immutable signer;

    constructor(address signer_) {
        signer = signer_;
    }

    function isValidSignature(bytes32 hash, bytes memory signature) external view returns (bytes4) {
        (address recovered,,) = ECDSA.tryRecover(hash, signature);
        return recovered == signer ? IERC1271.isValidSignature.selector : bytes4(0xffffffff);
    }
}

contract DelegationManager_constructor is DelegationTestBase {
    function test_Wiring() public view {
        assertEq(address(delegation.strategyManager()), address(strategyManager));
        assertEq(address(delegation.allocationManager()), allocationManager);
        assertEq(address(delegation.rewardsCoordinator()), address(0));
        assertEq(delegation.withdrawalDelayBlocks(), DELAY);
        assertEq(delegation.owner(), owner);
        assertEq(delegation.pauser(), pauser);
    }

    function test_Revert_WhenDelayTooLong() public {
        vm.expectRevert(
            abi.encodeWithSelector(IDelegationManager.WithdrawalDelayTooLong.selector, 216_001, 216_000)
        );
        new DelegationManager(
            owner,
            pauser,
            IStrategyManager(address(0)),
            IAllocationManager(address(0)),
            IRewardsCoordinator(address(0)),
            216_001
        );
    }
}

contract DelegationManager_registerAsOperator is DelegationTestBase {
    function test_RegistersAndSelfDelegates() public {
        vm.expectEmit(address(delegation));
        emit IDelegationManager.OperatorRegistered(operator, carol);
        vm.expectEmit(address(delegation));
        emit IDelegationManager.OperatorMetadataURIUpdated(operator, "uri");
        vm.expectEmit(address(delegation));
        emit IDelegationManager.StakerDelegated(operator, operator);
        vm.prank(operator);
        delegation.registerAsOperator(carol, "uri");
        assertTrue(delegation.isOperator(operator));
        assertEq(delegation.delegatedTo(operator), operator);
        assertEq(delegation.delegationApprover(operator), carol);
    }

    function test_PlainSharesBecomeUnits() public {
        _deposit(operator, 4e18);
        _registerOperator(operator);
        (address op, uint256 units) = delegation.stakerUnits(operator, strategy);
        assertEq(op, operator);
        assertEq(units, 4e18);
        (uint256 activeShares, uint256 activeUnits,,) = delegation.getOperatorPool(operator, strategy);
        assertEq(activeShares, 4e18);
        assertEq(activeUnits, 4e18);
        assertEq(delegation.operatorShares(operator, strategy), 4e18);
    }

    function test_Revert_WhenAlreadyOperator() public {
        _registerOperator(operator);
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IDelegationManager.AlreadyOperator.selector, operator));
        delegation.registerAsOperator(address(0), "");
    }

    function test_Revert_WhenDelegated() public {
        _registerOperator(operator);
        _delegate(alice, operator);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IDelegationManager.AlreadyDelegated.selector, alice, operator));
        delegation.registerAsOperator(address(0), "");
    }

    function test_Revert_WhenPaused() public {
        vm.prank(pauser);
        delegation.setPaused(1 << 0);
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IPausable.Paused.selector, 0));
        delegation.registerAsOperator(address(0), "");
    }
}

contract DelegationManager_setDelegationApprover is DelegationTestBase {
    function test_SetsApprover() public {
        _registerOperator(operator);
        vm.expectEmit(address(delegation));
        emit IDelegationManager.DelegationApproverUpdated(operator, carol);
        vm.prank(operator);
        delegation.setDelegationApprover(carol);
        assertEq(delegation.delegationApprover(operator), carol);
    }

    function test_Revert_WhenNotOperator() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IDelegationManager.NotOperator.selector, alice));
        delegation.setDelegationApprover(carol);
    }
}

contract DelegationManager_updateOperatorMetadataURI is DelegationTestBase {
    function test_EmitsURI() public {
        _registerOperator(operator);
        vm.expectEmit(address(delegation));
        emit IDelegationManager.OperatorMetadataURIUpdated(operator, "ipfs://new");
        vm.prank(operator);
        delegation.updateOperatorMetadataURI("ipfs://new");
    }

    function test_Revert_WhenNotOperator() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IDelegationManager.NotOperator.selector, alice));
        delegation.updateOperatorMetadataURI("x");
    }
}

contract DelegationManager_setWithdrawalDelay is DelegationTestBase {
    function test_SetsDelay() public {
        vm.expectEmit(address(delegation));
        emit IDelegationManager.WithdrawalDelaySet(DELAY, 216_000);
        vm.prank(owner);
        delegation.setWithdrawalDelay(216_000);
        assertEq(delegation.withdrawalDelayBlocks(), 216_000);
    }

    function test_AppliesToLaterWithdrawalsOnly() public {
        _deposit(alice, 2e18);
        bytes32 early = _queue(alice, 1e18);
        vm.prank(owner);
        delegation.setWithdrawalDelay(1000);
        bytes32 late = _queue(alice, 1e18);
        (IDelegationManager.QueuedWithdrawal memory w1,) = delegation.getQueuedWithdrawal(early);
        (IDelegationManager.QueuedWithdrawal memory w2,) = delegation.getQueuedWithdrawal(late);
        assertEq(w1.completableBlock, block.number + DELAY);
        assertEq(w2.completableBlock, block.number + 1000);
    }

    function test_Revert_WhenTooLong() public {
        vm.prank(owner);
        vm.expectRevert(
            abi.encodeWithSelector(IDelegationManager.WithdrawalDelayTooLong.selector, 216_001, 216_000)
        );
        delegation.setWithdrawalDelay(216_001);
    }

    function test_Revert_WhenNotOwner() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        delegation.setWithdrawalDelay(1);
    }
}

contract DelegationManager_delegateTo is DelegationTestBase {
    uint256 internal approverKey = 0xA99;
    address internal approver = vm.addr(0xA99);

    function _approvedOperator(address approver_) internal {
        vm.prank(operator);
        delegation.registerAsOperator(approver_, "");
    }

    function _sig(uint256 key, address staker, bytes32 salt, uint256 expiry)
        internal
        view
        returns (IDelegationManager.SignatureWithExpiry memory)
    {
        bytes32 digest = delegation.calculateDelegationApprovalDigestHash(
            staker, operator, vm.addr(key), salt, expiry
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return IDelegationManager.SignatureWithExpiry({signature: abi.encodePacked(r, s, v), expiry: expiry});
    }

    function test_DelegatesWithoutApprover() public {
        _registerOperator(operator);
        _deposit(alice, 3e18);
        _deposit(alice, strategy2, 5e18);
        vm.expectEmit(address(delegation));
        emit IDelegationManager.StakerDelegated(alice, operator);
        _delegate(alice, operator);
        assertEq(delegation.delegatedTo(alice), operator);
        assertEq(delegation.operatorShares(operator, strategy), 3e18);
        assertEq(delegation.operatorShares(operator, strategy2), 5e18);
        assertEq(_withdrawable(alice), 3e18);
    }

    function test_UnitsMintedAtPoolPrice() public {
        _registerOperator(operator);
        _deposit(bob, 10e18);
        _delegate(bob, operator);
        _slash(operator, strategy, 100, 50); // pool: 5e18 shares, 10e18 units
        _deposit(alice, 1e18);
        _delegate(alice, operator);
        (, uint256 units) = delegation.stakerUnits(alice, strategy);
        assertEq(units, 2e18);
        assertEq(_withdrawable(alice), 1e18);
        assertEq(_withdrawable(bob), 5e18);
    }

    function test_DelegatesWithEOAApproverSignature() public {
        _approvedOperator(approver);
        bytes32 salt = keccak256("salt");
        IDelegationManager.SignatureWithExpiry memory sig = _sig(approverKey, alice, salt, block.timestamp);
        vm.prank(alice);
        delegation.delegateTo(operator, sig, salt);
        assertEq(delegation.delegatedTo(alice), operator);
    }

    function test_DelegatesWithERC1271ApproverSignature() public {
        Wallet1271 wallet = new Wallet1271(approver);
        _approvedOperator(address(wallet));
        bytes32 salt = keccak256("salt");
        bytes32 digest = delegation.calculateDelegationApprovalDigestHash(
            alice, operator, address(wallet), salt, block.timestamp
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(approverKey, digest);
        IDelegationManager.SignatureWithExpiry memory sig = IDelegationManager.SignatureWithExpiry({
            signature: abi.encodePacked(r, s, v), expiry: block.timestamp
        });
        vm.prank(alice);
        delegation.delegateTo(operator, sig, salt);
        assertEq(delegation.delegatedTo(alice), operator);
    }

    function test_ApproverNeedsNoSignature() public {
        _approvedOperator(approver);
        _delegate(approver, operator);
        assertEq(delegation.delegatedTo(approver), operator);
    }

    function test_DigestMatchesEIP712() public view {
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("DelegationApproval(address staker,address operator,bytes32 salt,uint256 expiry)"),
                alice,
                operator,
                bytes32(uint256(7)),
                uint256(99)
            )
        );
        (, string memory name, string memory version, uint256 chainId, address verifying,,) =
            delegation.eip712Domain();
        bytes32 domain = keccak256(
            abi.encode(
                keccak256(
                    "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
                ),
                keccak256(bytes(name)),
                keccak256(bytes(version)),
                chainId,
                verifying
            )
        );
        assertEq(
            delegation.calculateDelegationApprovalDigestHash(
                alice, operator, approver, bytes32(uint256(7)), 99
            ),
            keccak256(abi.encodePacked("\x19\x01", domain, structHash))
        );
    }

    function testFuzz_Revert_WhenSignatureExpired(uint256 expiry, uint256 nowTs) public {
        nowTs = bound(nowTs, 1, type(uint64).max);
        expiry = bound(expiry, 0, nowTs - 1);
        _approvedOperator(approver);
        vm.warp(nowTs);
        IDelegationManager.SignatureWithExpiry memory sig = _sig(approverKey, alice, bytes32(0), expiry);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IDelegationManager.ApproverSignatureExpired.selector, expiry, nowTs)
        );
        delegation.delegateTo(operator, sig, bytes32(0));
    }

    function test_Revert_WhenSaltReused() public {
        _approvedOperator(approver);
        bytes32 salt = keccak256("salt");
        IDelegationManager.SignatureWithExpiry memory sig = _sig(approverKey, alice, salt, block.timestamp);
        vm.prank(alice);
        delegation.delegateTo(operator, sig, salt);
        vm.prank(alice);
        delegation.undelegate();

        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IDelegationManager.ApproverSaltSpent.selector, salt));
        delegation.delegateTo(operator, sig, salt);
    }

    function testFuzz_Revert_WhenWrongSigner(uint256 wrongKey) public {
        wrongKey = bound(wrongKey, 1, 1e30);
        vm.assume(wrongKey != approverKey);
        _approvedOperator(approver);
        IDelegationManager.SignatureWithExpiry memory sig = _sig(wrongKey, alice, bytes32(0), block.timestamp);
        vm.prank(alice);
        vm.expectRevert(IDelegationManager.InvalidApproverSignature.selector);
        delegation.delegateTo(operator, sig, bytes32(0));
    }

    function test_Revert_WhenSignatureForAnotherStaker() public {
        _approvedOperator(approver);
        IDelegationManager.SignatureWithExpiry memory sig =
            _sig(approverKey, bob, bytes32(0), block.timestamp);
        vm.prank(alice);
        vm.expectRevert(IDelegationManager.InvalidApproverSignature.selector);
        delegation.delegateTo(operator, sig, bytes32(0));
    }

    function test_Revert_WhenNotOperator() public {
        IDelegationManager.SignatureWithExpiry memory none;
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IDelegationManager.NotOperator.selector, bob));
        delegation.delegateTo(bob, none, bytes32(0));
    }

    function test_Revert_WhenAlreadyDelegated() public {
        _registerOperator(operator);
        _registerOperator(operator2);
        _delegate(alice, operator);
        IDelegationManager.SignatureWithExpiry memory none;
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IDelegationManager.AlreadyDelegated.selector, alice, operator));
        delegation.delegateTo(operator2, none, bytes32(0));
    }

    function test_Revert_WhenOperatorFullySlashed() public {
        _registerOperator(operator);
        _deposit(bob, 1e18);
        _delegate(bob, operator);
        _slash(operator, strategy, 100, 0);
        _deposit(alice, 1e18);
        IDelegationManager.SignatureWithExpiry memory none;
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IDelegationManager.FullySlashed.selector, operator, strategy));
        delegation.delegateTo(operator, none, bytes32(0));
    }

    function test_Revert_WhenPaused() public {
        _registerOperator(operator);
        vm.prank(pauser);
        delegation.setPaused(1 << 0);
        IDelegationManager.SignatureWithExpiry memory none;
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IPausable.Paused.selector, 0));
        delegation.delegateTo(operator, none, bytes32(0));
    }
}

contract DelegationManager_undelegate is DelegationTestBase {
    function setUp() public override {
        super.setUp();
        _registerOperator(operator);
    }

    function test_QueuesEverythingAndClearsDelegation() public {
        _deposit(alice, 3e18);
        _deposit(alice, strategy2, 5e18);
        _delegate(alice, operator);
        vm.expectEmit(address(delegation));
        emit IDelegationManager.StakerUndelegated(alice, operator);
        vm.prank(alice);
        bytes32 root = delegation.undelegate();

        assertEq(delegation.delegatedTo(alice), address(0));
        assertEq(delegation.getStakerStrategies(alice).length, 0);
        assertEq(delegation.operatorShares(operator, strategy), 0);
        (IDelegationManager.QueuedWithdrawal memory w, uint256[] memory shares) =
            delegation.getQueuedWithdrawal(root);
        assertEq(w.staker, alice);
        assertEq(w.operator, operator);
        assertEq(w.strategies.length, 2);
        assertEq(shares[0] + shares[1], 8e18);
        (,, uint256 queuedShares, uint256 queuedUnits) = delegation.getOperatorPool(operator, strategy);
        assertEq(queuedShares, 3e18);
        assertEq(queuedUnits, 3e18);
    }

    function test_ReturnsZeroRootWithoutShares() public {
        _delegate(alice, operator);
        vm.prank(alice);
        assertEq(delegation.undelegate(), bytes32(0));
        assertEq(delegation.delegatedTo(alice), address(0));
    }

    function test_WorksAfterFullSlash() public {
        _deposit(alice, 3e18);
        _delegate(alice, operator);
        _slash(operator, strategy, 100, 0);
        vm.prank(alice);
        bytes32 root = delegation.undelegate();
        assertEq(_queuedValue(root), 0);
        vm.roll(block.number + DELAY);
        uint256[] memory out = _complete(alice, root, true);
        assertEq(out[0], 0);
        assertEq(token.balanceOf(alice), 0);
    }

    function test_Revert_WhenNotDelegated() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IDelegationManager.NotDelegated.selector, alice));
        delegation.undelegate();
    }

    function test_Revert_WhenOperator() public {
        vm.prank(operator);
        vm.expectRevert(
            abi.encodeWithSelector(IDelegationManager.OperatorCannotUndelegate.selector, operator)
        );
        delegation.undelegate();
    }

    function test_Revert_WhenPaused() public {
        _delegate(alice, operator);
        vm.prank(pauser);
        delegation.setPaused(1 << 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IPausable.Paused.selector, 1));
        delegation.undelegate();
    }
}
