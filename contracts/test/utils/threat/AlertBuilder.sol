// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IThreatResponse} from "../../../src/interfaces/IThreatResponse.sol";
import {AlertVerdicts} from "../../../src/libraries/AlertVerdicts.sol";

/// @notice `monitor-alert@1` verdicts as an operator node builds them (decision 0008): the verdict and
///         the canonical request hash it answers. Certifying them is the suite's business.
abstract contract AlertBuilder {
    bytes32 internal constant WATCH_DIGEST = keccak256("test watch configuration");
    uint8 internal constant FLASH_LOAN_EXPLOIT = 1;
    uint8 internal constant MEDIUM = 2;
    uint8 internal constant HIGH = 3;
    uint8 internal constant CRITICAL = 4;

    /// @dev makes alert ids unique
    uint256 internal alertNonce;

    function _newAlertId() internal returns (bytes32) {
        return keccak256(abi.encode("alert", ++alertNonce));
    }

    /// @dev A reproduced flash-loan-exploit verdict about this chain.
    function _alert(uint8 severity, address protocol, uint64 serviceId, address[] memory operators)
        internal
        returns (IThreatResponse.AlertVerdict memory v)
    {
        v = IThreatResponse.AlertVerdict({
            alertId: _newAlertId(),
            // forge-lint: disable-next-line(unsafe-typecast) chain ids fit 64 bits
            chainId: uint64(block.chainid),
            reproduced: true,
            alertType: FLASH_LOAN_EXPLOIT,
            severity: severity,
            protocol: protocol,
            serviceId: serviceId,
            implicatedOperators: operators
        });
    }

    /// @dev decision 0008: keccak256(abi.encode(engineVersion, chainId, alertId, txHash, source, stateBlock,
    ///      block, watchDigest)) for a pending (mempool) alert judged at `referenceBlock`.
    function _alertRequest(bytes32 alertId, uint32 referenceBlock) internal view returns (bytes32) {
        return keccak256(
            abi.encode(
                AlertVerdicts.MONITOR_ALERT_V1,
                // forge-lint: disable-next-line(unsafe-typecast) chain ids fit 64 bits
                uint64(block.chainid),
                alertId,
                keccak256(abi.encode("exploit tx", alertId)),
                uint8(1),
                uint64(referenceBlock),
                uint64(0),
                WATCH_DIGEST
            )
        );
    }

    function _none() internal pure returns (address[] memory) {
        return new address[](0);
    }

    function _list(address a) internal pure returns (address[] memory list) {
        list = new address[](1);
        list[0] = a;
    }

    /// @dev The two operators in ascending order (as a verdict lists them).
    function _list(address a, address b) internal pure returns (address[] memory list) {
        list = new address[](2);
        (list[0], list[1]) = a < b ? (a, b) : (b, a);
    }
}
