// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IThreatResponse} from "../interfaces/IThreatResponse.sol";

/// @title The response of the `monitor-alert@1` engine, as decision 0008 defines it
/// @notice Model. The operators certify `keccak256` of `abi.encode(AlertVerdict)` (the leaf's
///         `responseHash`), so the bytes a contract acts on must have exactly one meaning. This library
///         accepts only the canonical encoding, word by word (offsets from the start of the response):
///
///           0x000  0x20                         offset of the tuple
///           0x020  alertId
///           0x040  chainId                      < 2^64
///           0x060  reproduced                   0 or 1
///           0x080  alertType                    ≤ 5 (the alert types of version 1)
///           0x0a0  severity                     ≤ 4 (critical)
///           0x0c0  protocol                     < 2^160
///           0x0e0  serviceId                    < 2^64
///           0x100  0x100                        offset of implicatedOperators in the tuple
///           0x120  n                            the number of implicated operators
///           0x140  operator[0] … operator[n−1]  < 2^160 each, strictly ascending (no duplicates)
///
///         and nothing after them: length = 0x140 + 32·n. Anything else reverts
///         `MalformedAlertVerdict(offset of the first wrong word)` (the length itself when it is wrong),
///         where `abi.decode` would revert without a reason or accept non-canonical bytes.
library AlertVerdicts {
    /// @dev keccak256("monitor-alert@1")
    bytes32 internal constant MONITOR_ALERT_V1 = keccak256("monitor-alert@1");

    uint8 internal constant SEVERITY_CRITICAL = 4;
    /// @dev the last alert type of version 1 (approval-drain)
    uint8 internal constant MAX_ALERT_TYPE = 5;

    /// @dev the offset word, eight head words and the array's length word
    uint256 internal constant FIXED_LENGTH = 0x140;
    /// @dev the array's offset inside the tuple: right after the eight head words
    uint256 internal constant OPERATORS_OFFSET = 0x100;

    /// @notice Decodes a certified `monitor-alert@1` response, rejecting anything but the canonical
    ///         encoding described in the library notice.
    function decode(bytes calldata response) internal pure returns (IThreatResponse.AlertVerdict memory v) {
        uint256 length = response.length;
        require(length >= FIXED_LENGTH, IThreatResponse.MalformedAlertVerdict(length));
        require(_word(response, 0x000) == 0x20, IThreatResponse.MalformedAlertVerdict(0x000));
        v.alertId = bytes32(response[0x20:0x40]);
        // each cast below follows a check that the word fits the type
        // forge-lint: disable-next-line(unsafe-typecast)
        v.chainId = uint64(_bounded(response, 0x040, type(uint64).max));
        v.reproduced = _bounded(response, 0x060, 1) == 1;
        // forge-lint: disable-next-line(unsafe-typecast)
        v.alertType = uint8(_bounded(response, 0x080, MAX_ALERT_TYPE));
        // forge-lint: disable-next-line(unsafe-typecast)
        v.severity = uint8(_bounded(response, 0x0a0, SEVERITY_CRITICAL));
        v.protocol = address(uint160(_bounded(response, 0x0c0, type(uint160).max)));
        // forge-lint: disable-next-line(unsafe-typecast)
        v.serviceId = uint64(_bounded(response, 0x0e0, type(uint64).max));
        require(_word(response, 0x100) == OPERATORS_OFFSET, IThreatResponse.MalformedAlertVerdict(0x100));
        uint256 n = _word(response, 0x120);
        // n is compared with what the length allows before any arithmetic on it (no overflow)
        require(
            (length - FIXED_LENGTH) % 32 == 0 && n == (length - FIXED_LENGTH) / 32,
            IThreatResponse.MalformedAlertVerdict(length)
        );
        v.implicatedOperators = new address[](n);
        uint256 previous;
        for (uint256 i; i < n; ++i) {
            uint256 offset = FIXED_LENGTH + 32 * i;
            uint256 operator = _word(response, offset);
            require(
                operator > previous && operator <= type(uint160).max,
                IThreatResponse.MalformedAlertVerdict(offset)
            );
            // forge-lint: disable-next-line(unsafe-typecast) checked < 2^160 above
            v.implicatedOperators[i] = address(uint160(operator));
            previous = operator;
        }
    }

    /// @notice The canonical response bytes of `v` (what an operator node certifies).
    function encode(IThreatResponse.AlertVerdict memory v) internal pure returns (bytes memory) {
        return abi.encode(v);
    }

    /// @dev The 32-byte word at `offset` (the caller checked `offset + 32 ≤ length`).
    function _word(bytes calldata data, uint256 offset) private pure returns (uint256 w) {
        assembly ("memory-safe") {
            w := calldataload(add(data.offset, offset))
        }
    }

    /// @dev The word at `offset`, reverting `MalformedAlertVerdict(offset)` when it exceeds `max`.
    function _bounded(bytes calldata data, uint256 offset, uint256 max) private pure returns (uint256 w) {
        w = _word(data, offset);
        require(w <= max, IThreatResponse.MalformedAlertVerdict(offset));
    }
}
