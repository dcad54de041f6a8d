// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title Per-block histories of the operator registry, readable in O(1) with a hint
/// @notice Model. A history is an array of checkpoints in block order. Checkpoint `i` holds the value
///         that was in force at the END of every block in `[fromBlock, toBlock)`: `toBlock` is the
///         `fromBlock` of checkpoint `i + 1`, or 0 while `i` is the last one (open-ended). Several
///         changes in one block overwrite that block's checkpoint, so a reader at block `b` sees the
///         state after block `b`'s last transaction — what an aggregator reads with `eth_call` at `b`.
///         Keeping `toBlock` inside the checkpoint (written when the next one is pushed) lets a reader
///         check a caller-supplied index ("hint") with the single storage read it needs anyway; a
///         wrong or out-of-range hint is not an error, it only costs a binary search.
///         Two histories exist: per operator key (registered flag and stake, one slot) and the
///         registry's (aggregate public key and total stake, four slots).
library RegistryHistory {
    /// @notice One operator key's state from `fromBlock` (inclusive) to `toBlock` (exclusive, 0 = open).
    /// @dev one storage slot: 4 + 4 + 1 + 16 bytes
    struct OperatorCheckpoint {
        uint32 fromBlock;
        uint32 toBlock;
        bool registered;
        uint128 stake;
    }

    /// @notice The registry's aggregate key (EIP-2537 coordinates split in a high 16-byte and a low
    ///         32-byte part: field elements are 48 bytes) and total stake over `[fromBlock, toBlock)`.
    /// @dev four storage slots: (from, to, xHi) (xLo) (yHi, totalStake) (yLo)
    struct ApkCheckpoint {
        uint32 fromBlock;
        uint32 toBlock;
        uint128 xHi;
        bytes32 xLo;
        uint128 yHi;
        uint128 totalStake;
        bytes32 yLo;
    }

    /// @notice The current block number as a checkpoint key.
    function currentBlock() internal view returns (uint32) {
        return SafeCast.toUint32(block.number);
    }

    // ───────────── operator histories ─────────────

    /// @notice Records the operator state in force from the current block on.
    function push(OperatorCheckpoint[] storage history, bool registered, uint128 stake) internal {
        uint32 nowBlock = currentBlock();
        uint256 length = history.length;
        if (length != 0) {
            OperatorCheckpoint storage last = history[length - 1];
            if (last.fromBlock == nowBlock) {
                (last.registered, last.stake) = (registered, stake);
                return;
            }
            last.toBlock = nowBlock;
        }
        history.push(
            OperatorCheckpoint({fromBlock: nowBlock, toBlock: 0, registered: registered, stake: stake})
        );
    }

    /// @notice The last checkpoint, or an empty one (not registered, no stake) for an empty history.
    function latest(OperatorCheckpoint[] storage history)
        internal
        view
        returns (OperatorCheckpoint memory cp)
    {
        uint256 length = history.length;
        if (length != 0) cp = history[length - 1];
    }

    /// @notice The checkpoint in force at `blockNumber`, trying `hint` first.
    /// @return cp the checkpoint (all zeros when `found` is false)
    /// @return found false when `blockNumber` precedes the whole history
    function at(OperatorCheckpoint[] storage history, uint32 blockNumber, uint256 hint)
        internal
        view
        returns (OperatorCheckpoint memory cp, bool found)
    {
        cp = _unchecked(history, hint);
        if (_covers(cp.fromBlock, cp.toBlock, blockNumber)) return (cp, true);
        uint256 index;
        (index, found) = search(history, blockNumber);
        if (found) cp = history[index];
        else delete cp;
    }

    /// @notice Binary search: the index of the last checkpoint with `fromBlock <= blockNumber`.
    function search(OperatorCheckpoint[] storage history, uint32 blockNumber)
        internal
        view
        returns (uint256 index, bool found)
    {
        uint256 low;
        uint256 high = history.length;
        // invariant: every index < low starts at or before blockNumber, every index >= high after it
        while (low < high) {
            uint256 mid = (low + high) / 2;
            if (history[mid].fromBlock <= blockNumber) low = mid + 1;
            else high = mid;
        }
        if (low == 0) return (0, false);
        return (low - 1, true);
    }

    // ───────────── the registry's history ─────────────

    /// @notice Records the aggregate key and total stake in force from the current block on.
    function push(
        ApkCheckpoint[] storage history,
        uint128 xHi,
        bytes32 xLo,
        uint128 yHi,
        bytes32 yLo,
        uint128 total
    ) internal {
        uint32 nowBlock = currentBlock();
        uint256 length = history.length;
        if (length != 0) {
            ApkCheckpoint storage last = history[length - 1];
            if (last.fromBlock == nowBlock) {
                (last.xHi, last.xLo, last.yHi, last.yLo, last.totalStake) = (xHi, xLo, yHi, yLo, total);
                return;
            }
            last.toBlock = nowBlock;
        }
        history.push(
            ApkCheckpoint({
                fromBlock: nowBlock, toBlock: 0, xHi: xHi, xLo: xLo, yHi: yHi, totalStake: total, yLo: yLo
            })
        );
    }

    /// @notice The last checkpoint, or an empty one (the point at infinity, no stake).
    function latest(ApkCheckpoint[] storage history) internal view returns (ApkCheckpoint memory cp) {
        uint256 length = history.length;
        if (length != 0) cp = history[length - 1];
    }

    /// @notice The checkpoint in force at `blockNumber`, trying `hint` first (see the operator variant).
    function at(ApkCheckpoint[] storage history, uint32 blockNumber, uint256 hint)
        internal
        view
        returns (ApkCheckpoint memory cp, bool found)
    {
        cp = _unchecked(history, hint);
        if (_covers(cp.fromBlock, cp.toBlock, blockNumber)) return (cp, true);
        uint256 index;
        (index, found) = search(history, blockNumber);
        if (found) cp = history[index];
        else delete cp;
    }

    /// @notice Binary search: the index of the last checkpoint with `fromBlock <= blockNumber`.
    function search(ApkCheckpoint[] storage history, uint32 blockNumber)
        internal
        view
        returns (uint256 index, bool found)
    {
        uint256 low;
        uint256 high = history.length;
        // invariant: every index < low starts at or before blockNumber, every index >= high after it
        while (low < high) {
            uint256 mid = (low + high) / 2;
            if (history[mid].fromBlock <= blockNumber) low = mid + 1;
            else high = mid;
        }
        if (low == 0) return (0, false);
        return (low - 1, true);
    }

    // ───────────── hint reads ─────────────

    /// @dev Whether a checkpoint read at a hint is the one in force at `blockNumber`. A slot past the
    ///      end of the array reads as all zeros (histories only grow, nothing is ever deleted), and
    ///      fromBlock = 0 marks it as no checkpoint: no checkpoint is written in the genesis block.
    function _covers(uint32 fromBlock, uint32 toBlock, uint32 blockNumber) private pure returns (bool) {
        return fromBlock != 0 && fromBlock <= blockNumber && (toBlock == 0 || blockNumber < toBlock);
    }

    /// @dev `history[hint]` without the bounds check, which would cost a cold read of the length
    ///      (2,100 gas per non-signer); `_covers` rejects what lies past the end.
    function _unchecked(OperatorCheckpoint[] storage history, uint256 hint)
        private
        pure
        returns (OperatorCheckpoint storage cp)
    {
        assembly ("memory-safe") {
            mstore(0x00, history.slot)
            // one slot per element; a hint ≥ 2^32 is never a real index: read slot 0 of the array instead
            // (rejected or searched like any wrong hint), so the addition cannot wrap
            cp.slot := add(keccak256(0x00, 0x20), mul(hint, lt(hint, 0x100000000)))
        }
    }

    /// @dev `history[hint]` without the bounds check (four slots per element).
    function _unchecked(ApkCheckpoint[] storage history, uint256 hint)
        private
        pure
        returns (ApkCheckpoint storage cp)
    {
        assembly ("memory-safe") {
            mstore(0x00, history.slot)
            // four slots per element; a hint ≥ 2^32 reads element 0 instead, so 4 · hint cannot wrap
            cp.slot := add(keccak256(0x00, 0x20), mul(mul(hint, lt(hint, 0x100000000)), 4))
        }
    }
}
