// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IStrategy} from "../../src/interfaces/IStrategy.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @notice Recording stand-in for the DelegationManager, for AllocationManager unit tests: an
///         operator registry, settable operator shares, and a slashOperatorShares that records the
///         call and removes the fraction (prev − new) / prev of the stored shares (rounded up, as
///         the real pool does: new shares = ⌊shares · new / prev⌋).
contract DelegationManagerDouble {
    struct SlashCall {
        address operator;
        IStrategy strategy;
        uint64 prevMaxMagnitude;
        uint64 newMaxMagnitude;
        address destination;
        uint256 sharesSlashed;
    }

    mapping(address => bool) public isOperator;
    mapping(address => mapping(IStrategy => uint256)) public operatorShares;
    SlashCall[] internal _slashCalls;

    function setOperator(address operator, bool registered) external {
        isOperator[operator] = registered;
    }

    function setOperatorShares(address operator, IStrategy strategy, uint256 shares) external {
        operatorShares[operator][strategy] = shares;
    }

    function slashOperatorShares(
        address operator,
        IStrategy strategy,
        uint64 prevMaxMagnitude,
        uint64 newMaxMagnitude,
        address destination
    ) external returns (uint256 sharesSlashed) {
        uint256 shares = operatorShares[operator][strategy];
        uint256 remaining = Math.mulDiv(shares, newMaxMagnitude, prevMaxMagnitude);
        sharesSlashed = shares - remaining;
        operatorShares[operator][strategy] = remaining;
        _slashCalls.push(
            SlashCall(operator, strategy, prevMaxMagnitude, newMaxMagnitude, destination, sharesSlashed)
        );
    }

    function slashCallCount() external view returns (uint256) {
        return _slashCalls.length;
    }

    function slashCall(uint256 i) external view returns (SlashCall memory) {
        return _slashCalls[i];
    }
}
