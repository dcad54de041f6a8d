// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Hooks an AVS receives when operators join or leave its operator sets
/// @notice `registerOperator` may revert to refuse an operator. `deregisterOperator` is called with
///         a gas cap and its failure is recorded, never propagated: an AVS cannot trap an operator.
interface IAVSRegistrar {
    function registerOperator(
        address operator,
        address avs,
        uint32[] calldata operatorSetIds,
        bytes calldata data
    ) external;

    function deregisterOperator(address operator, address avs, uint32[] calldata operatorSetIds) external;
}
