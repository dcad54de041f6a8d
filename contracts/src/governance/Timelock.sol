// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ITimelock} from "../interfaces/ITimelock.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title Palisade's timelock (see ITimelock)
contract Timelock is ITimelock, TimelockController {
    /// @notice An hour: the shortest time in which anyone can notice a queued proposal and react.
    uint256 public constant MIN_DELAY = 1 hours;
    /// @notice A month: longer would freeze urgent fixes; the Marketplace's longest unstake delay is 90
    ///         days, so stakeholders who dislike a queued change can still leave before it lands.
    uint256 public constant MAX_DELAY = 30 days;

    /// @param admin an optional account that may grant roles during setup and should renounce after
    ///        (address(0): the timelock administers itself from the start)
    constructor(uint256 minDelay, address[] memory proposers, address[] memory executors, address admin)
        TimelockController(minDelay, proposers, executors, admin)
    {
        _checkDelay(minDelay);
    }

    /// @inheritdoc TimelockController
    /// @dev Bounded to [MIN_DELAY, MAX_DELAY]; still callable only by the timelock itself.
    function updateDelay(uint256 newDelay) public override {
        require(msg.sender == address(this), TimelockUnauthorizedCaller(msg.sender));
        _checkDelay(newDelay);
        super.updateDelay(newDelay);
    }

    function _checkDelay(uint256 delay) internal pure {
        require(delay >= MIN_DELAY && delay <= MAX_DELAY, DelayOutOfBounds(delay, MIN_DELAY, MAX_DELAY));
    }
}
