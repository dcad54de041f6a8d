// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IQuorumVerifier} from "../../../src/interfaces/IQuorumVerifier.sol";
import {BLS12381} from "../../../src/libraries/BLS12381.sol";
import {AVSUnitBase} from "./AVSUnitBase.sol";

/// @notice QuorumVerifier.checkSignatures (on the OperatorRegistry).
contract CheckSignaturesTest is AVSUnitBase {
    function test_AllSign() public view {
        (uint256 signedStake, uint256 totalStake) =
            registry.checkSignatures(_digest(), REFERENCE_BLOCK, _noNonSigners(), _g2(".integration.allSign"));
        assertEq(signedStake, TOTAL);
        assertEq(totalStake, TOTAL);
    }

    function test_WrongHintsOnlyCostASearch() public view {
        IQuorumVerifier.NonSignerParams memory p = _nonSigners(_ids(0, 3));
        (p.apkHint, p.stakeHints[0], p.stakeHints[1]) = (77, 5, type(uint32).max);
        (uint256 signedStake,) =
            registry.checkSignatures(_digest(), REFERENCE_BLOCK, p, _g2(".integration.without0and3"));
        assertEq(signedStake, TOTAL - 3334e18);
    }

    function test_Revert_WhenNonSignersDescending() public {
        IQuorumVerifier.NonSignerParams memory p = _nonSigners(_ids(0, 3));
        (p.nonSignerPubkeys[0], p.nonSignerPubkeys[1]) = (p.nonSignerPubkeys[1], p.nonSignerPubkeys[0]);
        _expectCheckReverts(p, abi.encodeWithSelector(IQuorumVerifier.NonSignersNotSorted.selector, 1));
    }

    function test_Revert_WhenNonSignerDuplicated() public {
        IQuorumVerifier.NonSignerParams memory p = _nonSigners(_ids(0, 3));
        p.nonSignerPubkeys[1] = p.nonSignerPubkeys[0];
        _expectCheckReverts(p, abi.encodeWithSelector(IQuorumVerifier.NonSignersNotSorted.selector, 1));
    }

    function test_Revert_WhenNonSignerUnknown() public {
        // operator 9's key was never registered
        IQuorumVerifier.NonSignerParams memory p = _nonSigners(_ids(9));
        bytes32 h = BLS12381.hashG1(_pubkey(9));
        _expectCheckReverts(p, abi.encodeWithSelector(IQuorumVerifier.UnknownNonSigner.selector, h));
    }

    function test_Revert_WhenNonSignerRegisteredOnlyAfterReferenceBlock() public {
        _join(_operator(4), 0, _registrationData(_pubkey(4), _pop(4)));
        IQuorumVerifier.NonSignerParams memory p = _nonSigners(_ids(4));
        bytes32 h = BLS12381.hashG1(_pubkey(4));
        _expectCheckReverts(p, abi.encodeWithSelector(IQuorumVerifier.UnknownNonSigner.selector, h));
    }

    function test_Revert_WhenHintsLengthMismatch() public {
        IQuorumVerifier.NonSignerParams memory p = _nonSigners(_ids(0, 3));
        p.stakeHints = new uint32[](1);
        _expectCheckReverts(p, abi.encodeWithSelector(IQuorumVerifier.HintsLengthMismatch.selector, 2, 1));
    }

    function test_Revert_WhenEveryoneIsANonSigner() public {
        IQuorumVerifier.NonSignerParams memory p = _nonSigners(_range(4));
        _expectCheckReverts(p, abi.encodeWithSelector(IQuorumVerifier.NoSigners.selector, REFERENCE_BLOCK));
    }

    function test_Revert_WhenNothingRegisteredAtReferenceBlock() public {
        uint32 empty = 9; // before ONBOARD_BLOCK: no checkpoint yet
        bytes32 digest = serviceManager.attestationDigest(_root(), empty);
        IQuorumVerifier.NonSignerParams memory p = _noNonSigners();
        BLS12381.G2Point memory sigma = _g2(".integration.allSign");
        vm.expectRevert(abi.encodeWithSelector(IQuorumVerifier.NoSigners.selector, empty));
        registry.checkSignatures(digest, empty, p, sigma);
    }

    function test_Revert_WhenReferenceBlockIsCurrent() public {
        vm.roll(REFERENCE_BLOCK);
        _expectCheckReverts(
            _noNonSigners(),
            abi.encodeWithSelector(
                IQuorumVerifier.FutureReferenceBlock.selector, REFERENCE_BLOCK, block.number
            )
        );
    }

    function test_Revert_WhenReferenceBlockIsInTheFuture() public {
        vm.roll(REFERENCE_BLOCK - 1);
        _expectCheckReverts(
            _noNonSigners(),
            abi.encodeWithSelector(
                IQuorumVerifier.FutureReferenceBlock.selector, REFERENCE_BLOCK, block.number
            )
        );
    }

    function test_Revert_WhenReferenceBlockIsStale() public {
        uint32 window = registry.REFERENCE_WINDOW();
        vm.roll(REFERENCE_BLOCK + window - 1);
        registry.checkSignatures(_digest(), REFERENCE_BLOCK, _noNonSigners(), _g2(".integration.allSign"));
        vm.roll(REFERENCE_BLOCK + window);
        _expectCheckReverts(
            _noNonSigners(),
            abi.encodeWithSelector(
                IQuorumVerifier.StaleReferenceBlock.selector, REFERENCE_BLOCK, block.number, window
            )
        );
    }

    function test_Revert_WhenSignatureDoesNotMatchTheSigners() public {
        _expectCheckReverts(
            _nonSigners(_ids(0)), abi.encodeWithSelector(IQuorumVerifier.InvalidSignature.selector)
        );
    }

    /// @dev Random sequences (with repeats) of the registered keys as non-signers: the call fails with
    ///      NonSignersNotSorted(first i with hash[i] ≤ hash[i−1]) unless the hashes strictly ascend; a
    ///      strictly ascending list gets past the order check (then verifies or fails on the signature).
    function testFuzz_NonSignerOrder(uint256 seed, uint8 lengthSeed) public {
        uint256 n = 1 + uint256(lengthSeed) % 6;
        IQuorumVerifier.NonSignerParams memory p;
        p.nonSignerPubkeys = new BLS12381.G1Point[](n);
        p.stakeHints = new uint32[](n);
        uint256 firstBad = type(uint256).max;
        bytes32 previous;
        for (uint256 i; i < n; ++i) {
            uint256 id = uint256(keccak256(abi.encode(seed, i))) % 4;
            p.nonSignerPubkeys[i] = _pubkey(id);
            bytes32 h = BLS12381.hashG1(p.nonSignerPubkeys[i]);
            if (i != 0 && h <= previous && firstBad == type(uint256).max) firstBad = i;
            previous = h;
        }
        bytes32 digest = _digest();
        BLS12381.G2Point memory sigma = _g2(".integration.without0");
        if (firstBad != type(uint256).max) {
            vm.expectRevert(abi.encodeWithSelector(IQuorumVerifier.NonSignersNotSorted.selector, firstBad));
            registry.checkSignatures(digest, REFERENCE_BLOCK, p, sigma);
            return;
        }
        try registry.checkSignatures(digest, REFERENCE_BLOCK, p, sigma) returns (
            uint256 signedStake, uint256
        ) {
            // only {operator 0} matches this signature
            assertEq(n, 1);
            assertEq(signedStake, TOTAL - 3333e18);
        } catch (bytes memory reason) {
            // forge-lint: disable-next-line(unsafe-typecast) a revert reason opens with its selector
            bytes4 selector = bytes4(reason);
            assertTrue(
                selector == IQuorumVerifier.InvalidSignature.selector
                    || selector == IQuorumVerifier.NoSigners.selector,
                "sorted lists pass the order check"
            );
        }
    }

    function _expectCheckReverts(IQuorumVerifier.NonSignerParams memory p, bytes memory reason) internal {
        bytes32 digest = _digest();
        BLS12381.G2Point memory sigma = _g2(".integration.allSign");
        vm.expectRevert(reason);
        registry.checkSignatures(digest, REFERENCE_BLOCK, p, sigma);
    }
}

/// @notice QuorumVerifier.checkQuorum.
contract CheckQuorumTest is AVSUnitBase {
    function test_PassesAtExactlyTheThreshold() public view {
        (uint256 signedStake,) = registry.checkQuorum(
            _digest(), REFERENCE_BLOCK, _nonSigners(_ids(0)), _g2(".integration.without0"), 6667
        );
        assertEq(signedStake, 6667e18);
    }

    function test_Revert_WhenBelowTheThreshold() public {
        bytes32 digest = _digest();
        IQuorumVerifier.NonSignerParams memory p = _nonSigners(_ids(0));
        BLS12381.G2Point memory sigma = _g2(".integration.without0");
        vm.expectRevert(
            abi.encodeWithSelector(IQuorumVerifier.QuorumNotReached.selector, 6667e18, TOTAL, uint16(6668))
        );
        registry.checkQuorum(digest, REFERENCE_BLOCK, p, sigma, 6668);
    }

    function test_Revert_WhenThresholdAbove100Percent() public {
        bytes32 digest = _digest();
        IQuorumVerifier.NonSignerParams memory p = _noNonSigners();
        BLS12381.G2Point memory sigma = _g2(".integration.allSign");
        vm.expectRevert(abi.encodeWithSelector(IQuorumVerifier.InvalidThreshold.selector, uint16(10_001)));
        registry.checkQuorum(digest, REFERENCE_BLOCK, p, sigma, 10_001);
    }
}
