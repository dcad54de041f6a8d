// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title The response of an attested security engine, as decision 0005 defines it
/// @notice Model. Every attested engine (PHISHING_V1, ADDRESS_RISK_V1, TOKEN_RISK_V1, TX_FIREWALL_V1
///         below) answers with the same 160 bytes,
///
///           abi.encode(bytes32 subject, uint8 verdict, uint256 flags, uint256 unknowns, bytes32 reportHash)
///
///         and the operators certify `keccak256` of exactly those bytes (the leaf's `responseHash`).
///         `subject` says what was judged, so a contract can compare it with what it is about to trust:
///
///           address and token risk   bytes32(uint256(uint160(address)))
///           phishing                 keccak256(bytes(host))
///           transaction firewall     keccak256(abi.encode(from, to, value, keccak256(data)))
///
///         `verdict` is 0 safe / allow, 1 suspicious / warn, 2 malicious / block. Bit `i` of `flags` is
///         set when field `i` of the engine version's field order was flagged, bit `i` of `unknowns`
///         when that field is null (the engine could not tell): a clear bit in `flags` means "not
///         flagged" only if the same bit of `unknowns` is clear too. `reportHash` is keccak256 of the
///         report's JSON, which binds the typed values, the flag sources and the block.
///
///         An engine version is `keccak256(bytes(id))`; the field order (so the meaning of each bit)
///         is fixed per version, which is why the version is part of the certified leaf.
library SecurityVerdicts {
    /// @notice One decoded engine response.
    struct SecurityVerdict {
        /// @dev what was judged (see the library notice for each engine)
        bytes32 subject;
        /// @dev SAFE, SUSPICIOUS or MALICIOUS
        uint8 verdict;
        /// @dev bit i: field i of the engine's field order is among the report's flags
        uint256 flags;
        /// @dev bit i: field i is null in the report (the engine could not tell)
        uint256 unknowns;
        /// @dev keccak256 of the report's JSON
        bytes32 reportHash;
    }

    /// @notice The response is not the 160 bytes of `abi.encode` of the five fields.
    error InvalidResponseLength(uint256 length, uint256 expected);
    /// @notice The response's verdict word is not 0, 1 or 2.
    error InvalidVerdict(uint256 verdict);

    uint8 internal constant SAFE = 0;
    uint8 internal constant SUSPICIOUS = 1;
    uint8 internal constant MALICIOUS = 2;

    /// @dev five static ABI words
    uint256 internal constant RESPONSE_LENGTH = 160;

    bytes32 internal constant PHISHING_V1 = keccak256("phishing@1");
    bytes32 internal constant ADDRESS_RISK_V1 = keccak256("address-risk@1");
    bytes32 internal constant TOKEN_RISK_V1 = keccak256("token-risk@1");
    bytes32 internal constant TX_FIREWALL_V1 = keccak256("tx-firewall@1");

    /// @notice Decodes a response, rejecting anything but the canonical 160-byte encoding of a verdict
    ///         in {0, 1, 2}.
    /// @dev Read word by word rather than with `abi.decode`, which would revert without a reason on a
    ///      verdict word above 255 and accept trailing bytes.
    function decode(bytes calldata response) internal pure returns (SecurityVerdict memory v) {
        require(response.length == RESPONSE_LENGTH, InvalidResponseLength(response.length, RESPONSE_LENGTH));
        uint256 verdict = uint256(bytes32(response[32:64]));
        require(verdict <= MALICIOUS, InvalidVerdict(verdict));
        v.subject = bytes32(response[0:32]);
        // forge-lint: disable-next-line(unsafe-typecast) checked ≤ 2 above
        v.verdict = uint8(verdict);
        v.flags = uint256(bytes32(response[64:96]));
        v.unknowns = uint256(bytes32(response[96:128]));
        v.reportHash = bytes32(response[128:160]);
    }

    /// @notice The canonical response bytes of `v` (what an engine adapter produces).
    function encode(SecurityVerdict memory v) internal pure returns (bytes memory) {
        return abi.encode(v.subject, v.verdict, v.flags, v.unknowns, v.reportHash);
    }

    /// @notice The subject of an `address-risk@1` or `token-risk@1` verdict about `account`.
    function addressSubject(address account) internal pure returns (bytes32) {
        return bytes32(uint256(uint160(account)));
    }

    /// @notice The subject of a `phishing@1` verdict about `host`, the report's normalised `target`:
    ///         the ASCII (punycode) host, lower case, without scheme, port, path or trailing dot
    ///         (`xn--mtamask-5fg.io`). No normalisation happens here: pass the host in that form.
    function hostSubject(string memory host) internal pure returns (bytes32) {
        return keccak256(bytes(host));
    }

    /// @notice The subject of a `tx-firewall@1` verdict about the call `from` → `to` (zero: creation)
    ///         with `value` and `data`.
    function txSubject(address from, address to, uint256 value, bytes memory data)
        internal
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(from, to, value, keccak256(data)));
    }
}
