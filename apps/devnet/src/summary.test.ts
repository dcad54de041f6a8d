import assert from "node:assert/strict";
import { test } from "node:test";
import { parseEther } from "viem";
import type { MonitorServiceView } from "./avsSummary.ts";
import { type DevnetSnapshot, namedAccounts } from "./snapshot.ts";
import { formatAmount, formatPercent, renderSummary } from "./summary.ts";

const accounts = namedAccounts();
const address = (role: string) => {
  const found = accounts.find((account) => account.role === role);
  assert.ok(found, role);
  return found.address;
};
const [op0, op1] = [address("operator 0"), address("operator 1")];
const stETH = { symbol: "stETH", decimals: 18 } as const;

/** A fixed snapshot: two strategies, two operators (one with a pending decrease), one stream. */
const fixedSnapshot: DevnetSnapshot = {
  rpcUrl: "http://127.0.0.1:8545",
  chainId: 31_337,
  block: 57n,
  blockTime: 1_750_000_000,
  anvilPid: 4242,
  stateDir: "/repo/.palisade/devnet",
  deploymentFile: "/repo/.palisade/devnet/deployment.json",
  resumed: true,
  delays: { withdrawalBlocks: 5, allocationBlocks: 2, deallocationBlocks: 5 },
  contracts: {
    strategyManager: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    allocationManager: "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0",
  },
  strategies: [
    {
      ...stETH,
      token: "0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9",
      strategy: "0xa16E02E87b7454126E5E10d957A927A7F5B5d2be",
      totalShares: parseEther("30"),
      underlying: parseEther("30"),
    },
    {
      symbol: "rETH",
      decimals: 18,
      token: "0x0165878A594ca255338adfa4d48449f69242Eb8F",
      strategy: "0xB7A5bd0345EF1Cc5E66bf61BdeC17D2461fBd968",
      totalShares: parseEther("30"),
      underlying: parseEther("31.5"),
    },
  ],
  operators: [
    {
      address: op0,
      strategies: [
        {
          symbol: "stETH",
          delegated: parseEther("10"),
          allocatedShareWad: parseEther("0.5"),
          allocated: parseEther("5"),
        },
        {
          symbol: "rETH",
          delegated: parseEther("10.5"),
          allocatedShareWad: parseEther("0.5"),
          allocated: parseEther("5.25"),
          pending: { diffWad: -parseEther("0.1"), effectBlock: 62 },
        },
      ],
    },
    {
      address: op1,
      strategies: [
        {
          symbol: "stETH",
          delegated: parseEther("20"),
          allocatedShareWad: parseEther("0.3"),
          allocated: parseEther("6"),
        },
        {
          symbol: "rETH",
          delegated: parseEther("21"),
          allocatedShareWad: parseEther("0.3"),
          allocated: parseEther("6.3"),
        },
      ],
    },
  ],
  operatorSet: {
    id: 0,
    avs: address("avs"),
    slasher: address("slasher"),
    members: [op0, op1],
    config: {
      profitFromCorruption: parseEther("8"),
      corruptionThresholdWad: parseEther("1") / 3n,
      gammaWad: parseEther("0.2"),
      enforceOnDeallocation: false,
    },
    security: {
      allocatedValue: parseEther("22.55"),
      // 1/3 of 22.55 rounded down in WAD, as the contract computes it
      costOfCorruption: (parseEther("22.55") * (parseEther("1") / 3n)) / parseEther("1"),
      requiredCost: parseEther("9.6"),
      secure: true,
    },
    critical: [op1],
  },
  rewards: [
    {
      operatorSetId: 0,
      avs: address("avs"),
      strategy: "0xa16E02E87b7454126E5E10d957A927A7F5B5d2be",
      strategySymbol: "stETH",
      token: "0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9",
      tokenSymbol: "stETH",
      tokenDecimals: 18,
      // 100 stETH over 30 days, × 1e18 as the contract stores it
      ratePerSecond: (parseEther("100") * 10n ** 18n) / 2_592_000n,
      finish: 1_750_000_000 + 2_592_000,
    },
  ],
  accounts,
};

const lines = renderSummary(fixedSnapshot);
const text = lines.join("\n");
const lineWith = (needle: string): string => {
  const found = lines.find((line) => line.includes(needle));
  assert.ok(found, `a line contains ${JSON.stringify(needle)}:\n${text}`);
  return found;
};

test("amounts in human units with at least one decimal; percentages rounded to one decimal", () => {
  assert.equal(formatAmount(parseEther("30"), 18), "30.0");
  assert.equal(formatAmount(parseEther("3.33333333"), 18), "3.3333");
  assert.equal(formatAmount(parseEther("16.99999999999999998"), 18), "17.0");
  assert.equal(formatAmount(1_500_000n, 6), "1.5");
  assert.equal(formatPercent(parseEther("1") / 3n), "33.3 %");
  assert.equal(formatPercent(-parseEther("0.1")), "-10.0 %");
});

test("the header says where to connect and whether the chain was resumed", () => {
  assert.match(text, /^Palisade devnet: resumed from saved state$/m);
  assert.match(lineWith("RPC URL"), /http:\/\/127\.0\.0\.1:8545$/);
  assert.match(lineWith("chain id"), /31337$/);
  assert.match(lineWith("block "), /\b57\b/);
  assert.match(lineWith("deployment file"), /\/repo\/\.palisade\/devnet\/deployment\.json$/);
  assert.match(lineWith("state dir"), /\/repo\/\.palisade\/devnet$/);
  assert.match(lineWith("anvil pid"), /4242$/);
  const fresh = renderSummary({ ...fixedSnapshot, resumed: false }).join("\n");
  assert.match(fresh, /^Palisade devnet: freshly deployed and seeded$/m);
});

test("strategies and operator stakes are in underlying tokens, aligned", () => {
  assert.match(
    lineWith("0xB7A5bd0345EF1Cc5E66bf61BdeC17D2461fBd968"),
    /rETH\s+strategy 0x\S+\s+30\.0\s+31\.5 rETH$/,
  );
  assert.match(lineWith("token    0xDc64"), /^\s+token {4}0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9$/);
  const header = lineWith("total shares");
  // Column headers end over the last digit of their numbers.
  assert.equal(header.indexOf("underlying") + "underlying".length, lineWith("31.5 rETH").indexOf("31.5") + 4);
  assert.match(text, new RegExp(`${op0}  \\(operator 0\\)`));
  const [stakeLine = "", pendingLine = ""] = lines.filter((line) => /^ {4}(stETH|rETH) /.test(line));
  assert.match(stakeLine, /stETH\s+10\.0 stETH\s+50\.0 %\s+5\.0 stETH\s+none$/);
  assert.match(pendingLine, /rETH\s+10\.5 rETH\s+50\.0 %\s+5\.25 rETH\s+-10\.0 % at block 62$/);
  // Decimal points line up down a column whatever the symbol's length; headers end over the digits.
  assert.equal(stakeLine.indexOf("10.0"), pendingLine.indexOf("10.5"));
  const operatorHeader = lineWith("pending change");
  assert.equal(operatorHeader.indexOf("delegated") + "delegated".length, stakeLine.indexOf("10.0") + 4);
  assert.equal(operatorHeader.indexOf("magnitude") + "magnitude".length, stakeLine.indexOf("%") + 1);
  assert.equal(operatorHeader.indexOf("pending change"), pendingLine.indexOf("-10.0 %"));
});

test("operator set 0: slasher, members, config and the economic-security figures", () => {
  assert.match(lineWith("slasher  "), new RegExp(`${address("slasher")}  \\(slasher\\)$`));
  assert.match(lineWith("members"), /operator 0, operator 1$/);
  assert.match(
    lineWith("security config"),
    /π = 8\.0, α = 33\.3 %, γ = 20\.0 %, enforced on deallocation: no$/,
  );
  assert.match(
    lineWith("economic security"),
    /U = 22\.55\s+α·U = 7\.5167\s+\(1\+γ\)·π = 9\.6\s+secure: yes$/,
  );
  assert.match(lineWith("critical"), /critical\s+operator 1$/);
  const insecure = renderSummary({
    ...fixedSnapshot,
    operatorSet: {
      ...(fixedSnapshot.operatorSet as NonNullable<DevnetSnapshot["operatorSet"]>),
      config: {
        profitFromCorruption: 0n,
        corruptionThresholdWad: 0n,
        gammaWad: 0n,
        enforceOnDeallocation: false,
      },
      security: { allocatedValue: 1n, costOfCorruption: 0n, requiredCost: 1n, secure: false },
      critical: [],
    },
  }).join("\n");
  assert.match(insecure, /security config\s+none declared/);
  assert.match(insecure, /secure: NO$/m);
  assert.match(insecure, /critical\s+none/);
});

test("reward streams with their rate per second and finish time", () => {
  assert.match(text, /stETH to the stETH stakers of operator set 0/);
  assert.match(lineWith("rate "), /0\.00003858 stETH\/s \(3\.333 stETH\/day\)$/);
  assert.match(lineWith("finish"), /2025-07-15 15:06 UTC \(in 30\.0 d;/);
});

test("named accounts with key indices, the public-key warning, stop and reset; 100 columns", () => {
  assert.match(text, /PUBLIC test keys/);
  assert.match(lineWith("mnemonic  "), /test test test test test test test test test test test junk$/);
  assert.match(lineWith("deployer"), /0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 {2}index 0$/);
  assert.match(lineWith("staker 2"), /index 9$/);
  assert.match(text, /Ctrl-C/);
  assert.match(text, /rm -rf \/repo\/\.palisade\/devnet$/m);
  for (const line of lines) assert.ok([...line].length <= 100, `wider than 100 columns: ${line}`);
});

test("the AVS section lists addresses, settings and each operator's key hash, node URL and stake; services with pids", () => {
  const withAvs: DevnetSnapshot = {
    ...fixedSnapshot,
    avs: {
      serviceManager: "0x59b670e9fA9D0A427751Af201D676719a970857b",
      operatorRegistry: "0xc6e7DF5E7b4f2A278906862b61205850344D4e7d",
      operatorSetId: 0,
      quorumThresholdBps: 6_667,
      vetoWindowBlocks: 2,
      slashRequester: address("slasher"),
      vetoCommittee: address("avs"),
      totalStake: parseEther("45"),
      operators: [
        {
          index: 0,
          address: op0,
          registered: true,
          pubkeyHash: `0x${"ab".repeat(32)}`,
          nodeUrl: "http://127.0.0.1:9010",
          stake: parseEther("15"),
        },
        {
          index: 1,
          address: op1,
          registered: false,
          pubkeyHash: `0x${"cd".repeat(32)}`,
          nodeUrl: "http://127.0.0.1:9011",
          stake: 0n,
        },
      ],
      keysDir: "/repo/.palisade/devnet/keys",
      passwordFile: "/repo/.palisade/devnet/keys/password.txt",
    },
    services: [
      { name: "aggregator", pid: 100, url: "http://127.0.0.1:9000" },
      { name: "node-0", pid: 101, url: "http://127.0.0.1:9010" },
    ],
  };
  const text = renderSummary(withAvs).join("\n");
  assert.match(text, /^AVS \(Palisade: operator set 0 of the ServiceManager, its registrar and slasher\)$/m);
  assert.match(
    text,
    /^ {2}ServiceManager {5}0x59b670e9fA9D0A427751Af201D676719a970857b {2}\(also the SlashingCoordinator\)$/m,
  );
  assert.match(text, /^ {2}quorum threshold {3}6667 bps \(66\.67 % of the registered stake\)$/m);
  assert.match(text, /^ {2}slash requester {4}0x\w{40} {2}\(slasher\)$/m);
  assert.match(text, /^ {2}total stake {8}45\.0 \(value units, at block 57\)$/m);
  assert.match(
    text,
    new RegExp(
      `^ {4}${op0} {2}\\(operator 0\\) {2}stake 15\\.0\\n {6}pubkeyHash 0x(ab){32}\\n {6}node {7}http://127\\.0\\.0\\.1:9010$`,
      "m",
    ),
  );
  assert.match(text, /\(operator 1\) {2}stake not registered$/m);
  assert.match(text, /DEVNET ONLY/);
  assert.match(text, /^ {2}node-0 +http:\/\/127\.0\.0\.1:9010 +pid 101$/m);
  assert.match(text, /^ {2}aggregator +http:\/\/127\.0\.0\.1:9000 +pid 100$/m);
  for (const line of renderSummary(withAvs)) assert.ok(line.length <= 100, `fits 100 columns: ${line}`);
  // Without an AVS (an old deployment) there is no AVS section.
  assert.doesNotMatch(lines.join("\n"), /^AVS /m);
});

test("the monitor's service lines say where its alerts go and how to raise one", () => {
  const monitor: MonitorServiceView = {
    name: "monitor",
    pid: 102,
    url: "http://127.0.0.1:9464",
    alerts: {
      log: "/repo/.palisade/devnet/monitor/alerts.jsonl",
      url: "http://127.0.0.1:8700/v1/alerts",
    },
  };
  const lines = renderSummary({ ...fixedSnapshot, services: [monitor] });
  const text = lines.join("\n");
  assert.match(text, /^ {2}monitor +http:\/\/127\.0\.0\.1:9464 +pid 102$/m);
  assert.match(text, /^ {15}watch alerts: tail -f \/repo\/\.palisade\/devnet\/monitor\/alerts\.jsonl$/m);
  assert.match(text, /^ {15}alerts API: {3}http:\/\/127\.0\.0\.1:8700\/v1\/alerts \(live: …\/stream\)$/m);
  assert.match(text, /^ {15}demo attack: {2}npm run attack -w apps\/devnet$/m);
  for (const line of lines) assert.ok([...line].length <= 100, `fits 100 columns: ${line}`);
  // Another service has none of these lines.
  const plain = renderSummary({ ...fixedSnapshot, services: [{ name: "node-0", pid: 1, url: "http://x" }] });
  assert.doesNotMatch(plain.join("\n"), /watch alerts/);
});
