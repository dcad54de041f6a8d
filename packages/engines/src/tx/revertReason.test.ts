import assert from "node:assert/strict";
import { test } from "node:test";
import { encodeErrorResult, parseAbi } from "viem";
import { decodeRevertReason } from "./revertReason.ts";

test("revert data becomes a readable reason", () => {
  const abi = parseAbi(["error Error(string)", "error Panic(uint256)", "error Mystery(uint256)"]);
  assert.equal(
    decodeRevertReason(encodeErrorResult({ abi, errorName: "Error", args: ["nope"] })),
    'Error("nope")',
  );
  assert.equal(
    decodeRevertReason(encodeErrorResult({ abi, errorName: "Panic", args: [0x11n] })),
    "Panic(0x11): arithmetic overflow or underflow",
  );
  assert.match(
    decodeRevertReason(encodeErrorResult({ abi, errorName: "Mystery", args: [1n] })),
    /^custom error 0x[0-9a-f]{8} \(36 bytes\)$/,
  );
  assert.equal(decodeRevertReason("0x"), "reverted without a reason");
  assert.equal(decodeRevertReason("0x12"), "malformed revert data 0x12");
  const oz = parseAbi(["error OwnableUnauthorizedAccount(address account)"]);
  assert.equal(
    decodeRevertReason(
      encodeErrorResult({
        abi: oz,
        errorName: "OwnableUnauthorizedAccount",
        args: ["0x00000000000000000000000000000000000000AA"],
      }),
    ),
    "OwnableUnauthorizedAccount(0x00000000000000000000000000000000000000aa)",
  );
});
