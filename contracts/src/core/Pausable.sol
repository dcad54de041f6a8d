// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IPausable} from "../interfaces/IPausable.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";

/// @title Pause switches per function group, owned through a two-step transfer
/// @notice Inheritors name their function groups (bit indices) and guard functions with
///         `whenNotPaused(group)`. The pauser can only add bits, so a compromised pauser key can
///         stop the system but never restart a paused part; the owner (governance) can do both.
abstract contract Pausable is IPausable, Ownable2Step {
    uint256 private _paused;
    address private _pauser;

    constructor(address initialOwner, address initialPauser) Ownable(initialOwner) {
        _setPauser(initialPauser);
    }

    modifier whenNotPaused(uint8 group) {
        _checkNotPaused(group);
        _;
    }

    /// @inheritdoc IPausable
    function paused() external view returns (uint256) {
        return _paused;
    }

    /// @inheritdoc IPausable
    function isPaused(uint8 group) public view returns (bool) {
        return _paused & (uint256(1) << group) != 0;
    }

    /// @inheritdoc IPausable
    function pauser() external view returns (address) {
        return _pauser;
    }

    /// @inheritdoc IPausable
    function setPaused(uint256 newPaused) external {
        uint256 current = _paused;
        if (msg.sender != owner()) {
            require(msg.sender == _pauser, NotPauser(msg.sender));
            // the pauser may only add bits: every bit set now must stay set
            require(newPaused & current == current, PauserCannotUnpause(current, newPaused));
        }
        _paused = newPaused;
        emit PausedStatusChanged(current, newPaused);
    }

    /// @inheritdoc IPausable
    function setPauser(address newPauser) external onlyOwner {
        _setPauser(newPauser);
    }

    function _setPauser(address newPauser) internal {
        emit PauserChanged(_pauser, newPauser);
        _pauser = newPauser;
    }

    function _checkNotPaused(uint8 group) internal view {
        require(!isPaused(group), Paused(group));
    }
}
