// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IDemoUpgradeableBox} from "./IMonitorDemo.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts/proxy/utils/UUPSUpgradeable.sol";

/// @title An ownable UUPS box (devnet and test helper; see IDemoUpgradeableBox)
/// @notice Its owner lives in OpenZeppelin's ERC-7201 Ownable slot, as in OwnableUpgradeable, so a storage
///         diff names an ownership change the same way for this box and for OpenZeppelin's contracts.
contract DemoUpgradeableBox is IDemoUpgradeableBox, Initializable, UUPSUpgradeable {
    /// @dev keccak256(abi.encode(uint256(keccak256("openzeppelin.storage.Ownable")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 internal constant OWNER_SLOT = 0x9016d09d72d40fdae2fd8ceac6b6234c7706214fd39c1cd1e609a0528c199300;
    /// @dev keccak256(abi.encode(uint256(keccak256("palisade.storage.DemoBox")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 internal constant VALUE_SLOT = 0x78928c95f4f6dff9b0b70cd148bdfd65813e3fc790cc08b982f370173a265100;

    /// @inheritdoc IDemoUpgradeableBox
    uint256 public immutable version;

    constructor(uint256 version_) {
        version = version_;
        _disableInitializers();
    }

    modifier onlyOwner() {
        require(msg.sender == owner(), NotOwner(msg.sender));
        _;
    }

    /// @inheritdoc IDemoUpgradeableBox
    function initialize(address owner_) external initializer {
        require(owner_ != address(0), ZeroOwner());
        _setOwner(owner_);
    }

    /// @inheritdoc IDemoUpgradeableBox
    function transferOwnership(address newOwner) external onlyOwner {
        require(newOwner != address(0), ZeroOwner());
        _setOwner(newOwner);
    }

    /// @inheritdoc IDemoUpgradeableBox
    function setValue(uint256 newValue) external onlyOwner {
        bytes32 slot = VALUE_SLOT;
        assembly ("memory-safe") {
            sstore(slot, newValue)
        }
        emit ValueSet(newValue);
    }

    /// @inheritdoc IDemoUpgradeableBox
    function owner() public view returns (address current) {
        bytes32 slot = OWNER_SLOT;
        assembly ("memory-safe") {
            current := sload(slot)
        }
    }

    /// @inheritdoc IDemoUpgradeableBox
    function value() external view returns (uint256 current) {
        bytes32 slot = VALUE_SLOT;
        assembly ("memory-safe") {
            current := sload(slot)
        }
    }

    function _setOwner(address newOwner) internal {
        address previous = owner();
        _writeOwner(newOwner);
        emit OwnershipTransferred(previous, newOwner);
    }

    function _writeOwner(address newOwner) internal {
        bytes32 slot = OWNER_SLOT;
        assembly ("memory-safe") {
            sstore(slot, newOwner)
        }
    }

    function _authorizeUpgrade(address) internal view override onlyOwner {}
}
