// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice An operator set: a group of operators an AVS can task and slash, named by the AVS and a
///         32-bit id the AVS chooses. Same shape as EigenLayer's `OperatorSet`.
struct OperatorSet {
    address avs;
    uint32 id;
}

/// @notice Storage key of an operator set: `avs` in the high 160 bits, `id` in the low 32.
type OperatorSetKey is bytes32;

using OperatorSetLib for OperatorSet global;

library OperatorSetLib {
    /// @notice Packs an operator set into its storage key.
    function key(OperatorSet memory operatorSet) internal pure returns (OperatorSetKey) {
        return OperatorSetKey.wrap(bytes32(uint256(uint160(operatorSet.avs)) << 96 | uint256(operatorSet.id)));
    }

    /// @notice Unpacks a storage key into the operator set it names.
    function decode(OperatorSetKey k) internal pure returns (OperatorSet memory) {
        uint256 raw = uint256(OperatorSetKey.unwrap(k));
        // forge-lint: disable-next-line(unsafe-typecast) the low 32 bits hold the id by construction
        return OperatorSet({avs: address(uint160(raw >> 96)), id: uint32(raw)});
    }
}
