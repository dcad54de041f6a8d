// Transaction firewall: latency of one simulate() per transaction on anvil, per backend, against the
// latency of eth_sendRawTransaction itself (which the JSON-RPC firewall runs it in front of).
// Not part of the test suite. Run: node_modules/.bin/tsx packages/engines/bench/tx.bench.ts
// Needs the forge artifacts (npm run build:contracts). Bounded: each cell stops after RUNS runs or
// CELL_MS, whichever first; about 40 s in all on 2 cores.
import { cpus, loadavg } from "node:os";
import { accounts } from "@palisade/testkit";
import { encodeFunctionData, type Hex, maxUint256, parseEther, parseGwei } from "viem";
import { bundledLabelsDir, loadLabels } from "../src/labels/loadLabels.ts";
import { createTxFirewall, type TxFirewallParameters } from "../src/tx/createTxFirewall.ts";
import {
  boxAbi,
  erc20Abi,
  FRIEND_EOA,
  nftAbi,
  STRANGER_EOA,
  startFirewallFixture,
  USER_LST,
} from "../src/tx/testFixture.ts";
import { buildTxFirewallReport } from "../src/tx/txReport.ts";

const RUNS = 300;
const WARMUP = 10;
const CELL_MS = 3_000;

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

async function measure(run: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await run();
  const times: number[] = [];
  const deadline = performance.now() + CELL_MS;
  while (times.length < RUNS && performance.now() < deadline) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

const row = (name: string, times: readonly number[]) =>
  `| ${name} | ${times.length} | ${percentile(times, 50).toFixed(2)} | ${percentile(times, 99).toFixed(2)} |`;

async function main(): Promise<void> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const f = await startFirewallFixture();
  try {
    const labels = await loadLabels(bundledLabelsDir);
    const from = f.user.address;
    const txs: [string, Omit<TxFirewallParameters, "from">][] = [
      ["ETH transfer", { to: FRIEND_EOA, value: parseEther("1") }],
      [
        "ERC20 transfer",
        {
          to: f.lst,
          data: encodeFunctionData({
            abi: erc20Abi,
            functionName: "transfer",
            args: [FRIEND_EOA, USER_LST / 10n],
          }),
        },
      ],
      [
        "unlimited approval to an EOA (block)",
        {
          to: f.lst,
          data: encodeFunctionData({
            abi: erc20Abi,
            functionName: "approve",
            args: [STRANGER_EOA, maxUint256],
          }),
        },
      ],
      [
        "setApprovalForAll to an EOA (block)",
        {
          to: f.nft,
          data: encodeFunctionData({
            abi: nftAbi,
            functionName: "setApprovalForAll",
            args: [STRANGER_EOA, true],
          }),
        },
      ],
      [
        "proxy upgrade (warn)",
        {
          to: f.proxy,
          data: encodeFunctionData({ abi: boxAbi, functionName: "upgradeToAndCall", args: [f.boxV2, "0x"] }),
        },
      ],
      [
        "revert (warn)",
        {
          to: f.lst,
          data: encodeFunctionData({
            abi: erc20Abi,
            functionName: "transfer",
            args: [FRIEND_EOA, USER_LST + 1n],
          }),
        },
      ],
    ];
    const backends = [
      ["debug_traceCall + prestate diff (default)", createTxFirewall({ labels })],
      ["debug_traceCall, no storage diff", createTxFirewall({ labels, storageDiff: false })],
      ["eth_simulateV1", createTxFirewall({ labels, backends: ["eth_simulateV1"] })],
    ] as const;

    out(
      `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "?"}, load average ${loadavg()[0]?.toFixed(2)}`,
    );
    out("");
    out("| simulate() at a pinned block | runs | p50 ms | p99 ms |");
    out("|---|---:|---:|---:|");
    const block = Number(await f.client.getBlockNumber({ cacheTime: 0 }));
    for (const [backendName, firewall] of backends) {
      const all: number[] = [];
      for (const [txName, tx] of txs) {
        const times = await measure(() => firewall.simulate(f.client, { from, block, ...tx }));
        all.push(...times);
        out(row(`${backendName}: ${txName}`, times));
      }
      out(
        row(
          `**${backendName}: all**`,
          all.sort((a, b) => a - b),
        ),
      );
    }
    const [, defaultFirewall] = backends[0];
    const eth = txs[0]?.[1] ?? {};
    out(
      row(
        "default, block unpinned (+ eth_blockNumber): ETH transfer",
        await measure(() => defaultFirewall.simulate(f.client, { from, ...eth })),
      ),
    );

    // The pure part: the policy and the report from stored changes, no RPC.
    const approve = await defaultFirewall.simulate(f.client, { from, block, ...(txs[2]?.[1] ?? {}) });
    const pureRuns = 20_000;
    const start = performance.now();
    for (let i = 0; i < pureRuns; i++) buildTxFirewallReport(approve.changes);
    const pureUs = ((performance.now() - start) * 1000) / pureRuns;
    out("");
    out(
      `buildTxFirewallReport (policy + fields, no RPC): ${pureUs.toFixed(1)} µs per call over ${pureRuns} calls`,
    );

    // The baseline: eth_sendRawTransaction of pre-signed ETH transfers (anvil automines each one).
    const sender = accounts().stakers[1];
    const nonce = await f.client.getTransactionCount({ address: sender.address, blockTag: "pending" });
    const signed: Hex[] = [];
    for (let i = 0; i < WARMUP + RUNS; i++)
      signed.push(
        await sender.signTransaction({
          chainId: f.clients.chain.id,
          type: "eip1559",
          nonce: nonce + i,
          to: FRIEND_EOA,
          value: 1n,
          gas: 21_000n,
          maxFeePerGas: parseGwei("100"),
          maxPriorityFeePerGas: parseGwei("1"),
        }),
      );
    let next = 0;
    const raw = await measure(() =>
      f.client.request({ method: "eth_sendRawTransaction", params: [signed[next++] as Hex] }),
    );
    out("");
    out("| baseline | runs | p50 ms | p99 ms |");
    out("|---|---:|---:|---:|");
    out(row("eth_sendRawTransaction on anvil (automine), ETH transfer", raw));
  } finally {
    await f.anvil.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
