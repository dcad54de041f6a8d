// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IStrategy} from "../../../../src/interfaces/IStrategy.sol";

/// @notice Records the RewardsCoordinator checkpoints the AllocationManager makes.
contract CheckpointRecorder {
    mapping(address operator => mapping(IStrategy => uint256)) public checkpoints;
    uint256 public total;

    function checkpointOperator(address operator, IStrategy strategy) external {
        ++checkpoints[operator][strategy];
        ++total;
    }
}
