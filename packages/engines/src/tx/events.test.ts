import assert from "node:assert/strict";
import { test } from "node:test";
import { encodeAbiParameters, type Hex, maxUint256, numberToHex, pad, toEventSelector } from "viem";
import { aggregateAssetChanges } from "./assetChanges.ts";
import { decodeLogs } from "./events.ts";
import { type ExecutionLog, nativeTransferLog } from "./execution.ts";

const A = "0x00000000000000000000000000000000000000aa";
const B = "0x00000000000000000000000000000000000000bb";
const C = "0x00000000000000000000000000000000000000cc";
const TOKEN = "0x00000000000000000000000000000000000000dd";
const PERMIT2 = "0x000000000022d473030f116ddee9f6b43ac78ba3";
const word = (value: bigint) => numberToHex(value, { size: 32 });
const log = (address: string, signature: string, topics: Hex[], data: Hex = "0x"): ExecutionLog => ({
  address: address as Hex,
  topics: [toEventSelector(signature), ...topics].map((t) => t.toLowerCase() as Hex),
  data,
});

test("Permit2 Approval and Permit: the token from the topics, unlimited from 2^159, the expiration", () => {
  const { approvals } = decodeLogs([
    log(
      PERMIT2,
      "Approval(address,address,address,uint160,uint48)",
      [pad(A), pad(TOKEN), pad(B)],
      encodeAbiParameters([{ type: "uint160" }, { type: "uint48" }], [(1n << 160n) - 1n, 1_900_000_000]),
    ),
    log(
      PERMIT2,
      "Permit(address,address,address,uint160,uint48,uint48)",
      [pad(A), pad(TOKEN), pad(C)],
      encodeAbiParameters([{ type: "uint160" }, { type: "uint48" }, { type: "uint48" }], [1000n, 5, 0]),
    ),
  ]);
  assert.deepEqual(
    approvals.map((a) => [a.kind, a.contract, a.token, a.spender, a.unlimited, a.expiration, a.amount]),
    [
      ["permit2", PERMIT2, TOKEN, B, true, 1_900_000_000, ((1n << 160n) - 1n).toString()],
      ["permit2", PERMIT2, TOKEN, C, false, 5, "1000"],
    ],
  );
});

test("ERC20 and ERC721 Approval are told apart by their shape; revocations are not grants", () => {
  const { approvals } = decodeLogs([
    log(TOKEN, "Approval(address,address,uint256)", [pad(A), pad(B)], word(maxUint256)),
    log(TOKEN, "Approval(address,address,uint256)", [pad(A), pad(B)], word(0n)),
    log(TOKEN, "Approval(address,address,uint256)", [pad(A), pad(C), word(42n)]),
    log(TOKEN, "ApprovalForAll(address,address,bool)", [pad(A), pad(B)], word(0n)),
  ]);
  assert.deepEqual(
    approvals.map((a) => [a.kind, a.granted, a.unlimited, a.tokenId]),
    [
      ["erc20", true, true, null],
      ["erc20", false, false, null],
      ["erc721", true, false, "42"],
      ["approval-for-all", false, false, null],
    ],
  );
});

test("proxy and ownership events; logs of an unknown shape are ignored", () => {
  const decoded = decodeLogs([
    log(A, "Upgraded(address)", [pad(B)]),
    log(A, "BeaconUpgraded(address)", [pad(C)]),
    log(
      A,
      "AdminChanged(address,address)",
      [],
      encodeAbiParameters([{ type: "address" }, { type: "address" }], [B, C]),
    ),
    log(A, "OwnershipTransferStarted(address,address)", [pad(B), pad(C)]),
    log(TOKEN, "Transfer(address,address,uint256)", [pad(A)], word(1n)), // too few topics
    log(
      TOKEN,
      "TransferBatch(address,address,address,uint256[],uint256[])",
      [pad(A), pad(A), pad(B)],
      "0x1234",
    ),
  ]);
  assert.deepEqual(decoded.proxyEvents, [
    { proxy: A, kind: "implementation", value: B },
    { proxy: A, kind: "beacon", value: C },
    { proxy: A, kind: "admin", value: C },
  ]);
  assert.deepEqual(decoded.ownershipChanges, [
    { contract: A, kind: "transfer-started", previousOwner: B, newOwner: C },
  ]);
  assert.deepEqual(decoded.transfers, []);
});

test("asset changes net per address and asset, sorted; a round trip keeps in and out", () => {
  const { transfers } = decodeLogs([
    nativeTransferLog(A, B, 10n),
    nativeTransferLog(B, A, 4n),
    log(TOKEN, "Transfer(address,address,uint256)", [pad(B), pad(A)], word(7n)),
    log(TOKEN, "Transfer(address,address,uint256)", [pad(A), pad(B)], word(7n)),
    log(
      TOKEN,
      "TransferBatch(address,address,address,uint256[],uint256[])",
      [pad(C), pad(A), pad(C)],
      encodeAbiParameters(
        [{ type: "uint256[]" }, { type: "uint256[]" }],
        [
          [10n, 9n],
          [1n, 2n],
        ],
      ),
    ),
  ]);
  const changes = aggregateAssetChanges(transfers).filter((change) => change.address === A);
  assert.deepEqual(
    changes.map((c) => [c.kind, c.token, c.tokenId, c.in, c.out, c.net]),
    [
      ["native", null, null, "4", "10", "-6"],
      ["erc20", TOKEN, null, "7", "7", "0"],
      ["erc1155", TOKEN, "9", "0", "2", "-2"],
      ["erc1155", TOKEN, "10", "0", "1", "-1"],
    ],
  );
});
