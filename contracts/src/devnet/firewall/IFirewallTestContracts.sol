// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Contracts the transaction firewall's tests run transactions against on anvil
/// @notice Test helpers only, never for a real chain: the forwarder lets anyone relay any call, the
///         slot writer lets anyone overwrite its EIP-1967 implementation slot.

/// @notice Relays a call with value, as a router, a multicall or a drainer does.
interface IFirewallForwarder {
    /// @notice Calls `target` with `data` and the value sent; bubbles a revert up unchanged.
    function forward(address target, bytes calldata data) external payable returns (bytes memory result);
    /// @notice Calls `target` with `data` and the value sent; a revert is swallowed (the value then
    ///         stays here), so a trace holds a failed frame inside a successful transaction.
    function tryForward(address target, bytes calldata data) external payable returns (bool ok);
}

/// @notice Writes the EIP-1967 implementation slot without emitting `Upgraded`, as a hand-rolled proxy may.
interface IFirewallSlotWriter {
    /// @notice Stores `implementation` in the EIP-1967 implementation slot.
    function setImplementation(address implementation) external;
}

/// @notice A UUPS implementation behind FirewallBoxProxy; its owner may upgrade it.
interface IFirewallBox {
    /// @notice `caller` is not the owner.
    error NotOwner(address caller);

    /// @notice Sets the owner, once, through the proxy.
    function initialize(address owner_) external;
    /// @notice Who may upgrade.
    function owner() external view returns (address);
}

/// @notice An ERC721 its owner mints.
interface IFirewallTestNft {
    /// @notice Owner only: mints `tokenId` to `to`.
    function mint(address to, uint256 tokenId) external;
}

/// @notice An ERC1155 its owner mints.
interface IFirewallTestMultiToken {
    /// @notice Owner only: mints `amount` of `id` to `to`.
    function mint(address to, uint256 id, uint256 amount) external;
}
