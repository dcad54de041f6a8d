// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IDemoPriceFeed} from "./IMonitorDemo.sol";

/// @title A Chainlink-style feed its owner updates (devnet and test helper; see IDemoPriceFeed)
contract DemoPriceFeed is IDemoPriceFeed {
    /// @inheritdoc IDemoPriceFeed
    uint8 public immutable decimals;
    address public immutable owner;

    uint80 internal roundId;
    int256 internal answer;
    uint256 internal updatedAt;

    constructor(address owner_, uint8 decimals_, int256 initialAnswer) {
        owner = owner_;
        decimals = decimals_;
        _setAnswer(initialAnswer);
    }

    /// @inheritdoc IDemoPriceFeed
    function updateAnswer(int256 newAnswer) external {
        require(msg.sender == owner, NotOwner(msg.sender));
        _setAnswer(newAnswer);
    }

    /// @inheritdoc IDemoPriceFeed
    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return (roundId, answer, updatedAt, updatedAt, roundId);
    }

    function _setAnswer(int256 newAnswer) internal {
        roundId += 1;
        answer = newAnswer;
        updatedAt = block.timestamp;
        emit AnswerUpdated(newAnswer, roundId, block.timestamp);
    }
}
