// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Hooks an AVS receives when operators join or leave its operator sets
/// @notice `registerOperator` may revert to refuse an operator. `deregisterOperator` is called with
///         a gas cap and its failure is recorded, never propagated, with one exception: a revert with
///         exactly `OperatorFrozen(operator, until)`, naming the leaving operator and a time still in the
///         future, refuses the exit (the AVS holds the operator for an investigation; Palisade's
///         ThreatResponse freezes for at most 30 days per certified alert, decision 0008). A bug, an
///         out-of-gas or any other revert cannot trap an operator.
interface IAVSRegistrar {
    /// @notice The AVS refuses `operator`'s exit until `until` (unix seconds, exclusive).
    error OperatorFrozen(address operator, uint64 until);

    function registerOperator(
        address operator,
        address avs,
        uint32[] calldata operatorSetIds,
        bytes calldata data
    ) external;

    function deregisterOperator(address operator, address avs, uint32[] calldata operatorSetIds) external;
}
