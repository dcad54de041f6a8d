// The flash-loan detector on hand-built traces (no chain): a Uniswap V2 flash swap repaid in the pair's
// other token and an Aave-style loan, which the demo contracts do not exercise on anvil.
import assert from "node:assert/strict";
import { test } from "node:test";
import { type Address, type Hex, numberToHex, pad, toFunctionSelector } from "viem";
import { topics } from "../chain/decode.ts";
import type { TxObservation } from "../chain/observation.ts";
import { type CallFrame, parseCallTrace } from "../chain/trace.ts";
import { parseWatchFile, resolveWatch } from "../watch.ts";
import { flashLoan } from "./flashLoan.ts";

const attacker = "0x00000000000000000000000000000000000000a1" as Address;
const receiver = "0x00000000000000000000000000000000000000b2" as Address;
const lender = "0x00000000000000000000000000000000000000c3" as Address;
const victim = "0x00000000000000000000000000000000000000d4" as Address;
const otherPair = "0x00000000000000000000000000000000000000e5" as Address;
const tokenA = "0x00000000000000000000000000000000000000f6" as Address;
const tokenB = "0x0000000000000000000000000000000000000017" as Address;

const transfer = (token: Address, from: Address, to: Address, amount: bigint): CallFrame => ({
  type: "CALL",
  // Each owner moves its own tokens here (transfer, not transferFrom): the caller is the owner.
  from,
  to: token,
  input: "0xa9059cbb",
  logs: [
    {
      address: token,
      topics: [topics.transfer, pad(from), pad(to)],
      data: numberToHex(amount, { size: 32 }),
    },
  ],
});
const swapThrough = (pair: Address): CallFrame => ({
  type: "CALL",
  from: receiver,
  to: pair,
  input: "0x022c0d9f",
  logs: [
    {
      address: pair,
      topics: [topics.sync],
      data: `0x${numberToHex(10n, { size: 32 }).slice(2)}${numberToHex(90n, { size: 32 }).slice(2)}` as Hex,
    },
    {
      address: pair,
      topics: [topics.swap, pad(receiver), pad(receiver)],
      data: `0x${"00".repeat(128)}` as Hex,
      position: "0x0",
    },
  ],
});

function observation(root: CallFrame): TxObservation {
  const parsed = parseCallTrace(root);
  return {
    source: "mempool",
    chainId: 31_337,
    block: null,
    index: null,
    stateBlock: 7,
    tx: {
      hash: `0x${"01".repeat(32)}`,
      from: attacker,
      to: receiver,
      value: 0n,
      input: "0x",
      gas: 1_000_000n,
      nonce: 0,
    },
    traced: true,
    calls: parsed.calls,
    logs: parsed.logs,
    nativeTransfers: parsed.nativeTransfers,
    storageWrites: [],
  };
}

const ctx = {
  chainId: 31_337,
  watch: resolveWatch(parseWatchFile({ version: 1, contracts: [{ address: victim }] })),
};

/** borrow from the lender → callback: swap elsewhere, drain the victim, repay (inside or after). */
function loan(callback: string, repay: CallFrame, repayInside: boolean): CallFrame {
  const inside: CallFrame[] = [
    swapThrough(otherPair),
    {
      type: "CALL",
      from: receiver,
      to: victim,
      input: "0x12345678",
      calls: [transfer(tokenB, victim, receiver, 50n)],
    },
  ];
  if (repayInside) inside.push(repay);
  return {
    type: "CALL",
    from: attacker,
    to: receiver,
    input: "0xdeadbeef",
    calls: [
      {
        type: "CALL",
        from: receiver,
        to: lender,
        input: "0x5cffe9de",
        calls: [
          transfer(tokenA, lender, receiver, 100n),
          { type: "CALL", from: lender, to: receiver, input: toFunctionSelector(callback), calls: inside },
          ...(repayInside ? [] : [repay]),
        ],
      },
    ],
  };
}

test("a Uniswap V2 flash swap repaid in the pair's other token: critical, repaidAsset names it", () => {
  const obs = observation(
    loan("uniswapV2Call(address,uint256,uint256,bytes)", transfer(tokenB, receiver, lender, 3n), true),
  );
  const [alert, ...rest] = flashLoan.evaluate(ctx, obs, new Map([[otherPair, [10n, 100n] as const]]));
  assert.equal(rest.length, 0);
  assert.ok(alert?.type === "flash-loan-exploit");
  assert.equal(alert.severity, "critical");
  assert.deepEqual(alert.evidence.loan, {
    kind: "uniswap-v2",
    lender,
    receiver,
    asset: tokenA,
    amount: "100",
    repaid: "3",
    repaidAsset: tokenB,
    callback: toFunctionSelector("uniswapV2Call(address,uint256,uint256,bytes)"),
  });
  assert.deepEqual(alert.evidence.manipulations, [
    { pair: otherPair, reservesBefore: ["10", "100"], reservesAfter: ["10", "90"], priceMoveBps: -1_000 },
  ]);
  assert.deepEqual(alert.evidence.outflows, [
    { contract: victim, asset: tokenB, amount: "50", to: receiver },
  ]);
});

test("an Aave-style loan pulled back after the callback, with no swap: high", () => {
  const root = loan(
    "executeOperation(address,uint256,uint256,address,bytes)",
    transfer(tokenA, receiver, lender, 101n),
    false,
  );
  // Drop the swap: value still leaves the victim inside the callback.
  const callback = root.calls?.[0]?.calls?.[1];
  callback?.calls?.shift();
  const [alert] = flashLoan.evaluate(ctx, observation(root), new Map());
  assert.ok(alert?.type === "flash-loan-exploit");
  assert.equal(alert.severity, "high");
  assert.equal(alert.evidence.loan.kind, "aave");
  assert.equal(alert.evidence.loan.repaid, "101");
  assert.deepEqual(alert.evidence.manipulations, []);
});

test("negative: borrowed and repaid with a swap but nothing leaving a watched contract (arbitrage); never repaid", () => {
  const unwatched = { chainId: 31_337, watch: resolveWatch(undefined) };
  const obs = observation(
    loan(
      "onFlashLoan(address,address,uint256,uint256,bytes)",
      transfer(tokenA, receiver, lender, 100n),
      false,
    ),
  );
  assert.deepEqual(flashLoan.evaluate(unwatched, obs, new Map()), []);
  const root = loan(
    "onFlashLoan(address,address,uint256,uint256,bytes)",
    transfer(tokenA, receiver, attacker, 100n),
    false,
  );
  assert.deepEqual(
    flashLoan.evaluate(ctx, observation(root), new Map()),
    [],
    "no repayment: not a flash loan",
  );
});
