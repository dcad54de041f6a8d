// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {UtilityToken} from "../../../src/token/UtilityToken.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {Test} from "forge-std/Test.sol";

/// @notice UtilityToken: fixed supply minted once, ERC-2612 permit.
contract UtilityTokenTest is Test {
    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");
    uint256 internal constant SUPPLY = 1_000_000_000e18;

    UtilityToken internal token;
    address internal treasury = makeAddr("treasury");
    address internal spender = makeAddr("spender");
    address internal holder;
    uint256 internal holderKey;

    function setUp() public {
        (holder, holderKey) = makeAddrAndKey("holder");
        token = new UtilityToken(treasury, SUPPLY);
    }

    function test_NameSymbolDecimals() public view {
        assertEq(token.name(), "Palisade Utility");
        assertEq(token.symbol(), "PAL");
        assertEq(token.decimals(), 18);
    }

    function test_MintsTheWholeSupplyToTheInitialHolder() public view {
        assertEq(token.totalSupply(), SUPPLY);
        assertEq(token.balanceOf(treasury), SUPPLY);
    }

    function test_SupplyNeverChangesWithTransfers() public {
        vm.prank(treasury);
        assertTrue(token.transfer(holder, 5e18));
        assertEq(token.totalSupply(), SUPPLY);
        assertEq(token.balanceOf(holder), 5e18);
    }

    function test_Revert_WhenInitialHolderIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        new UtilityToken(address(0), SUPPLY);
    }

    function test_PermitSetsTheAllowance() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _permit(holderKey, holder, 7e18, 0, deadline);
        token.permit(holder, spender, 7e18, deadline, v, r, s);
        assertEq(token.allowance(holder, spender), 7e18);
        assertEq(token.nonces(holder), 1);
    }

    function test_DomainIsPalisadeUtilityVersion1() public view {
        (, string memory name, string memory version, uint256 chainId, address verifying,,) =
            token.eip712Domain();
        assertEq(name, "Palisade Utility");
        assertEq(version, "1");
        assertEq(chainId, block.chainid);
        assertEq(verifying, address(token));
    }

    function test_Revert_WhenPermitExpired() public {
        uint256 deadline = block.timestamp - 1;
        (uint8 v, bytes32 r, bytes32 s) = _permit(holderKey, holder, 7e18, 0, deadline);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612ExpiredSignature.selector, deadline));
        token.permit(holder, spender, 7e18, deadline, v, r, s);
    }

    function test_Revert_WhenPermitSignedByAnotherKey() public {
        (address other, uint256 otherKey) = makeAddrAndKey("other");
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _permit(otherKey, holder, 7e18, 0, deadline);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, other, holder));
        token.permit(holder, spender, 7e18, deadline, v, r, s);
    }

    function test_Revert_WhenPermitReplayed() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _permit(holderKey, holder, 7e18, 0, deadline);
        token.permit(holder, spender, 7e18, deadline, v, r, s);
        // the nonce moved on: the same signature now recovers to some other address
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, holder, spender, 7e18, 1, deadline));
        address recovered =
            ecrecover(keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash)), v, r, s);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, recovered, holder));
        token.permit(holder, spender, 7e18, deadline, v, r, s);
    }

    function testFuzz_MintsAnySupply(address initialHolder, uint256 supply) public {
        vm.assume(initialHolder != address(0));
        UtilityToken t = new UtilityToken(initialHolder, supply);
        assertEq(t.totalSupply(), supply);
        assertEq(t.balanceOf(initialHolder), supply);
    }

    function _permit(uint256 key, address tokenOwner, uint256 value, uint256 nonce, uint256 deadline)
        internal
        view
        returns (uint8, bytes32, bytes32)
    {
        bytes32 structHash =
            keccak256(abi.encode(PERMIT_TYPEHASH, tokenOwner, spender, value, nonce, deadline));
        return vm.sign(key, keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash)));
    }
}
