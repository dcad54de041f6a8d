// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {BLS12381} from "../../../src/libraries/BLS12381.sol";

/// @notice One double for the four views the RevenueDistributor reads: the operator registry (current
///         stakes stand for every block), the marketplace's provider count, ProviderSlashing's and the
///         ReviewBoard's counters.
contract EconomicsDoubles {
    mapping(address => bytes32) public pubkeyHashOf;
    mapping(bytes32 => uint256) internal _stake;
    uint256 public totalStake;
    uint32 public providerCount;
    uint64 public executedCount;
    uint256 public slashedToTreasury;
    uint32 public challengesSettled;

    function setStake(address operator, uint256 stake) external {
        bytes32 key = keccak256(abi.encode(operator));
        pubkeyHashOf[operator] = key;
        totalStake = totalStake - _stake[key] + stake;
        _stake[key] = stake;
    }

    function setProviders(uint32 count) external {
        providerCount = count;
    }

    function recordSlash(uint256 toTreasury) external {
        ++executedCount;
        slashedToTreasury += toTreasury;
    }

    function recordChallenge() external {
        ++challengesSettled;
    }

    function apkHistoryLength() external view returns (uint256) {
        return totalStake == 0 ? 0 : 1;
    }

    function apkIndexAt(uint32) external pure returns (uint32) {
        return 0;
    }

    function apkAt(uint32, uint256) external view returns (BLS12381.G1Point memory apk, uint256) {
        return (apk, totalStake);
    }

    function stakeHistoryLength(bytes32 key) external view returns (uint256) {
        return _stake[key] == 0 ? 0 : 1;
    }

    function stakeIndexAt(bytes32, uint32) external pure returns (uint32) {
        return 0;
    }

    function stakeAt(bytes32 key, uint32, uint256) external view returns (bool, uint256) {
        return (_stake[key] != 0, _stake[key]);
    }
}
