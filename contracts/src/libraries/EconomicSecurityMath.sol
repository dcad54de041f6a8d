// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAllocationManager} from "../interfaces/IAllocationManager.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title The robust-restaking condition α·U ≥ (1 + γ)·π
/// @notice Model. An operator set is worth attacking when the profit from corrupting it (π, declared
///         by its AVS in *value units*) exceeds what the attack costs. An attacker must control a
///         fraction α of the stake allocated to the set (e.g. ⅓ or ⅔ for BFT quorums) and loses it
///         to slashing, so the cost of corruption is α·U, where U is the value of all members'
///         allocated stake: Σ underlying tokens × the strategy's value weight. The set is *secure*
///         when α·U ≥ (1 + γ)·π, γ being the safety margin the AVS asks for; π = 0 is always
///         secure. All quantities are WAD fixed point; sums and products saturate at
///         type(uint256).max instead of reverting, so an extreme AVS setting can make its own set
///         read as insecure but can never make a view or an operator action revert by overflow.
library EconomicSecurityMath {
    /// @dev 1e18 = 1.0
    uint256 internal constant WAD = 1e18;
    /// @dev γ may ask for at most a 10× margin (cost ≥ 11·π): beyond that the condition is noise
    uint256 internal constant MAX_GAMMA_WAD = 10 * WAD;

    /// @notice α in (0, WAD] and γ ≤ 10·WAD.
    function isValidConfig(IAllocationManager.EconomicSecurityConfig memory config)
        internal
        pure
        returns (bool)
    {
        return config.corruptionThresholdWad != 0 && config.corruptionThresholdWad <= WAD
            && config.gammaWad <= MAX_GAMMA_WAD;
    }

    /// @notice Value units of `underlying` tokens at `weightWad` value units per token (rounded down).
    function value(uint256 underlying, uint256 weightWad) internal pure returns (uint256) {
        return _mulDivSaturating(underlying, weightWad, WAD);
    }

    /// @notice α·U, rounded down (α ≤ WAD so this cannot overflow).
    function costOfCorruption(uint256 allocatedValue, uint64 corruptionThresholdWad)
        internal
        pure
        returns (uint256)
    {
        return Math.mulDiv(allocatedValue, corruptionThresholdWad, WAD);
    }

    /// @notice (1 + γ)·π, rounded up so that rounding never makes a set look more secure.
    function requiredCost(uint256 profitFromCorruption, uint64 gammaWad) internal pure returns (uint256) {
        uint256 factor = WAD + gammaWad;
        uint256 down = _mulDivSaturating(profitFromCorruption, factor, WAD);
        return Math.saturatingAdd(down, mulmod(profitFromCorruption, factor, WAD) == 0 ? 0 : 1);
    }

    /// @notice The condition itself for a set with allocated value `allocatedValue`.
    function evaluate(IAllocationManager.EconomicSecurityConfig memory config, uint256 allocatedValue)
        internal
        pure
        returns (uint256 cost, uint256 required, bool secure)
    {
        cost = costOfCorruption(allocatedValue, config.corruptionThresholdWad);
        required = requiredCost(config.profitFromCorruption, config.gammaWad);
        secure = cost >= required;
    }

    /// @dev x·y/d rounded down, or type(uint256).max when the result does not fit 256 bits
    ///      (`mulDiv` reverts exactly when the high word of x·y is ≥ d).
    function _mulDivSaturating(uint256 x, uint256 y, uint256 d) private pure returns (uint256) {
        (uint256 high,) = Math.mul512(x, y);
        if (high >= d) return type(uint256).max;
        return Math.mulDiv(x, y, d);
    }
}
