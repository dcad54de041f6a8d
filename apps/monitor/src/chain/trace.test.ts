import assert from "node:assert/strict";
import { test } from "node:test";
import type { Hex } from "viem";
import { type CallFrame, parseCallTrace, parseStorageDiff } from "./trace.ts";

const A = "0x00000000000000000000000000000000000000Aa" as const;
const B = "0x00000000000000000000000000000000000000bb" as const;
const C = "0x00000000000000000000000000000000000000cc" as const;
const log = (n: number, position?: number) => ({
  address: B,
  topics: [`0x${n.toString(16).padStart(64, "0")}` as Hex],
  data: "0x" as Hex,
  ...(position === undefined ? {} : { position: `0x${position.toString(16)}` as Hex }),
});

test("frames depth-first; value first, then logs interleaved with sub-calls by position; reverted frames drop out", () => {
  const root: CallFrame = {
    type: "CALL",
    from: A,
    to: B,
    value: "0x5",
    input: "0x12345678aa",
    logs: [log(1, 0), log(2, 1), log(3, 2)],
    calls: [
      { type: "CALL", from: B, to: C, value: "0x2", input: "0x", logs: [log(10)] },
      {
        type: "DELEGATECALL",
        from: B,
        to: C,
        input: "0xabcdef01",
        error: "execution reverted",
        logs: [log(20)],
        calls: [{ type: "CALL", from: B, to: A, value: "0x1" }],
      },
    ],
  };
  const parsed = parseCallTrace(root);
  assert.equal(parsed.reverted, false);
  assert.deepEqual(
    parsed.calls.map((c) => [c.id, c.parent, c.depth, c.type, c.from, c.to, c.selector, c.reverted]),
    [
      [0, null, 0, "CALL", A.toLowerCase(), B, "0x12345678", false],
      [1, 0, 1, "CALL", B, C, null, false],
      [2, 0, 1, "DELEGATECALL", B, C, "0xabcdef01", true],
      [3, 2, 2, "CALL", B, A.toLowerCase(), null, true],
    ],
  );
  // Execution order: root value, log 1, [call 1: value, log 10], log 2, [call 2 reverted], log 3.
  const events = [
    ...parsed.nativeTransfers.map((t) => ({ seq: t.seq, what: `value ${t.value}` })),
    ...parsed.logs.map((l) => ({ seq: l.seq, what: `log ${Number(BigInt(l.topics[0] as Hex))}` })),
  ].sort((x, y) => x.seq - y.seq);
  assert.deepEqual(
    events.map((e) => e.what),
    ["value 5", "log 1", "value 2", "log 10", "log 2", "log 3"],
  );
  const [top, first, second] = parsed.calls;
  assert.ok(top && first && second);
  for (const e of events) assert.ok(e.seq > top.enter && e.seq < top.exit);
  assert.ok(first.enter > (parsed.logs[0]?.seq ?? 0) && first.exit < (parsed.logs[2]?.seq ?? 0));
  assert.equal(parsed.logs.find((l) => l.topics[0]?.endsWith("0a"))?.frame, 1);
  assert.ok(second.exit < (parsed.logs[3]?.seq ?? 0));
});

test("a reverted top frame is reported, with nothing in it", () => {
  const parsed = parseCallTrace({
    type: "CALL",
    from: A,
    to: B,
    value: "0x1",
    error: "execution reverted",
    logs: [log(1)],
  });
  assert.equal(parsed.reverted, true);
  assert.deepEqual(parsed.logs, []);
  assert.deepEqual(parsed.nativeTransfers, []);
});

test("storage diff: changed, new and cleared slots, normalised to 32 bytes", () => {
  const word = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hex;
  const writes = parseStorageDiff({
    pre: { [A]: { storage: { "0x1": word(1), "0x2": word(2) } } },
    post: { [A.toLowerCase()]: { storage: { "0x01": word(5), "0x3": word(3) } } },
  });
  assert.deepEqual(writes, [
    { address: A.toLowerCase(), slot: word(1), before: word(1), after: word(5) },
    { address: A.toLowerCase(), slot: word(2), before: word(2), after: word(0) },
    { address: A.toLowerCase(), slot: word(3), before: word(0), after: word(3) },
  ]);
});
