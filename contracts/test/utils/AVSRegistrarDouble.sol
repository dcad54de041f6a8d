// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAVSRegistrar} from "../../src/interfaces/IAVSRegistrar.sol";

/// @notice Configurable AVS registrar for AllocationManager unit tests: accepts, refuses
///         registrations, or on deregistration reverts, burns all its gas, reverts with a huge
///         payload (a return bomb) or refuses with `OperatorFrozen(named, until)` (the one refusal the core
///         honours when it names the leaving operator and a time to come). Records the calls it accepted
///         and the gas it was given.
contract AVSRegistrarDouble is IAVSRegistrar {
    enum DeregisterMode {
        Accept,
        Revert,
        BurnGas,
        ReturnBomb,
        Freeze
    }

    error Refused(address operator);
    error DeregistrationRefused(address operator);

    /// @dev 200 kB of return data: ~100k gas for the hook to produce, far more for a caller that
    ///      copied it into memory
    uint256 internal constant BOMB_SIZE = 200_000;

    bool public refuseRegistration;
    DeregisterMode public deregisterMode;
    uint256 public registerCount;
    uint256 public deregisterCount;
    uint256 public gasAtDeregisterEntry;
    address public lastOperator;
    uint32[] internal _lastIds;
    bytes public lastData;
    /// @dev the operator and end the Freeze mode's refusal names (operator 0: the leaving operator)
    address public freezeNamed;
    uint64 public freezeUntil;

    function setRefuseRegistration(bool refuse) external {
        refuseRegistration = refuse;
    }

    function setDeregisterMode(DeregisterMode mode) external {
        deregisterMode = mode;
    }

    function setFreeze(address named, uint64 until) external {
        deregisterMode = DeregisterMode.Freeze;
        (freezeNamed, freezeUntil) = (named, until);
    }

    function registerOperator(
        address operator,
        address,
        uint32[] calldata operatorSetIds,
        bytes calldata data
    ) external {
        require(!refuseRegistration, Refused(operator));
        ++registerCount;
        lastOperator = operator;
        _lastIds = operatorSetIds;
        lastData = data;
    }

    function deregisterOperator(address operator, address, uint32[] calldata operatorSetIds) external {
        uint256 gasAtEntry = gasleft();
        DeregisterMode mode = deregisterMode;
        if (mode == DeregisterMode.Revert) revert DeregistrationRefused(operator);
        if (mode == DeregisterMode.Freeze) {
            revert OperatorFrozen(freezeNamed == address(0) ? operator : freezeNamed, freezeUntil);
        }
        if (mode == DeregisterMode.BurnGas) {
            // spin until the gas cap is gone (the condition only fails by running out of gas)
            uint256 spins;
            while (gasleft() > 0) {
                ++spins;
            }
        }
        if (mode == DeregisterMode.ReturnBomb) {
            assembly ("memory-safe") {
                revert(0, BOMB_SIZE)
            }
        }
        ++deregisterCount;
        gasAtDeregisterEntry = gasAtEntry;
        lastOperator = operator;
        _lastIds = operatorSetIds;
    }

    function lastIds() external view returns (uint32[] memory) {
        return _lastIds;
    }
}
