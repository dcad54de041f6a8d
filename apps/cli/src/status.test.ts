import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { governanceTokenAbi, marketplaceAbi, operatorRegistryAbi } from "@palisade/abis";
import { getEconomicSecurity, setEconomicSecurityConfig } from "@palisade/sdk";
import { parseEther } from "viem";
import { readContract } from "viem/actions";
import { type RestakingCliFixture, restakingCliFixture } from "./testing/restakingFixture.ts";

let f: RestakingCliFixture;
before(async () => {
  f = await restakingCliFixture({ governance: true });
  // The devnet declares π, α, γ for the seeded set: the margin then means something.
  await setEconomicSecurityConfig(f.clients.wallet(f.accounts.avs), {
    contracts: f.deployment.contracts,
    operatorSetId: 0,
    config: {
      profitFromCorruption: parseEther("8"),
      corruptionThresholdWad: parseEther("1") / 3n,
      gammaWad: parseEther("0.2"),
      enforceOnDeallocation: false,
    },
  });
});
after(() => f?.stop());

interface StatusJson {
  chainId: number;
  block: string;
  contracts: { governance: { governanceToken: string } | null; avs: unknown; marketplace: unknown };
  operators: {
    address: string;
    stake: { symbol: string; delegated: string }[];
    palisade: Record<string, unknown>;
  }[];
  operatorSets: {
    label: string;
    members: string[];
    security: Record<string, unknown>;
    margin: { margin: string } | null;
  }[];
  avs: { quorumThresholdBps: number; totalStake: string } | null;
  marketplace: { providers: number; services: number; purchases: string } | null;
  governance: { supply: string; proposals: number; revenue: { epochs: number } } | null;
  alerts: unknown;
  services: unknown;
}

test("status --json: operators with stake and registration, both operator sets with security and margin, counts", async () => {
  const run = await f.run(["status", "--json"]);
  assert.equal(run.code, 0, run.err);
  const data = run.json<StatusJson>();
  assert.equal(data.chainId, 31_337);
  // The four AVS operators (the seeded three, the self-staked fourth), from the DelegationManager's registrations.
  assert.deepEqual(
    data.operators.map((operator) => operator.address),
    f.operators.map((operator) => operator.address),
  );
  const [op0] = data.operators;
  assert.deepEqual(
    op0?.stake.map((entry) => [entry.symbol, entry.delegated]),
    [
      ["stETH", parseEther("10").toString()],
      ["rETH", parseEther("10").toString()],
      ["cbETH", parseEther("10").toString()],
    ],
  );
  const registryStake = await readContract(f.clients.public, {
    address: f.deployment.avs.operatorRegistry,
    abi: operatorRegistryAbi,
    functionName: "stakeOf",
    args: [f.operators[0]?.address ?? "0x"],
  });
  assert.deepEqual(op0?.palisade, {
    member: true,
    registered: true,
    registryStake: registryStake.toString(),
    allocatedValue: registryStake.toString(),
  });
  assert.deepEqual(
    data.operatorSets.map((set) => [set.label, set.members.length]),
    [
      ["Palisade", 4],
      ["seeded", 3],
    ],
  );
  const seeded = await getEconomicSecurity(f.clients.public, {
    contracts: f.deployment.contracts,
    operatorSet: { avs: f.accounts.avs.address, id: 0 },
  });
  assert.equal(
    data.operatorSets[1]?.margin?.margin,
    (seeded.costOfCorruption - seeded.requiredCost).toString(),
  );
  assert.equal(data.operatorSets[1]?.security.requiredCost, parseEther("9.6").toString());
  // No config declared for Palisade's set: no margin to show.
  assert.equal(data.operatorSets[0]?.margin, null);
  assert.equal(data.avs?.quorumThresholdBps, 6_667);
  const purchases = await readContract(f.clients.public, {
    address: f.deployment.marketplace?.marketplace ?? "0x",
    abi: marketplaceAbi,
    functionName: "purchaseCount",
  });
  assert.deepEqual(data.marketplace, { providers: 2, services: 6, purchases: purchases.toString() });
  const supply = await readContract(f.clients.public, {
    address: data.contracts.governance?.governanceToken as `0x${string}`,
    abi: governanceTokenAbi,
    functionName: "totalSupply",
  });
  assert.ok(supply > 0n);
  assert.equal(data.governance?.supply, supply.toString());
  assert.equal(data.governance?.proposals, 0);
  // The threat response (decision 0008) comes with governance once deployed there: nothing handled yet.
  const threatResponse = f.deployment.governance?.threatResponse;
  if (threatResponse)
    assert.deepEqual(data.alerts, {
      threatResponse,
      handled: 0,
      last: null,
      frozenOperators: [],
      pausedServices: [],
      pausedProtocols: [],
      thresholdFloor: null,
    });
  else assert.equal(data.alerts, null);
  assert.equal(data.services, null);
});

test("status: one screen of at most 100 columns naming the devnet's accounts; services.json when present", async () => {
  writeFileSync(
    join(f.dir, ".palisade/devnet/services.json"),
    JSON.stringify({ services: [{ name: "node-0", pid: 1, url: "http://127.0.0.1:9010" }] }),
  );
  const run = await f.run(["status"]);
  assert.equal(run.code, 0, run.err);
  const lines = run.out.trimEnd().split("\n");
  for (const line of lines) assert.ok([...line].length <= 100, `wider than 100 columns: ${line}`);
  assert.ok(lines.length <= 60, `one screen, not ${lines.length} lines`);
  assert.match(lines[0] ?? "", /^Palisade on chain 31337 \(devnet\) at block \d+, \d{4}-\d\d-\d\dT/);
  assert.match(
    run.out,
    /^Operators \(4\): delegated stake in tokens; Palisade: registry stake \(value units\)$/m,
  );
  assert.match(
    run.out,
    new RegExp(`^ {2}${f.operators[0]?.address} +10\\.0 +10\\.0 +10\\.0 +stake 15\\.0 {2}operator0$`, "m"),
  );
  assert.match(
    run.out,
    /^ {2}security +U = 51\.0 {2}α·U = 17\.0 {2}\(1\+γ\)·π = 9\.6 {2}secure: yes {2}margin \+7\.4 \(α·U is 177\.1 % of it\)$/m,
  );
  assert.match(run.out, /^seeded operator set 0 \(AVS 0x\w{40} \(avs\)\)$/m);
  assert.match(
    run.out,
    /^ {2}attestation {2}quorum 6667 bps of 150\.0 registry stake; veto window 2 blocks$/m,
  );
  assert.match(run.out, /^Marketplace {4}2 providers, 6 services, 1 purchase$/m);
  assert.match(run.out, /^Governance {5}gPAL supply 150\.0 \(backed 150\.0, debt 0\.0\); 0 proposals;$/m);
  // The hand-over moved the clock past the first epoch: it can be settled.
  assert.match(run.out, /an epoch can be settled now \(RevenueDistributor\.distribute, anyone\)$/m);
  assert.match(
    run.out,
    f.deployment.governance?.threatResponse
      ? /^Alerts {9}no certified alert handled; nothing in force$/m
      : /^Alerts {9}no threat response deployed$/m,
  );
  assert.match(run.out, /^Services {7}node-0 http:\/\/127\.0\.0\.1:9010$/m);
});

test("status on a core-only deployment says what is not deployed; stray words are a usage error", async () => {
  const file = join(f.dir, ".palisade/devnet/deployment.json");
  const {
    avs: _avs,
    marketplace: _marketplace,
    governance: _governance,
    dex: _dex,
    ...core
  } = JSON.parse(readFileSync(file, "utf8"));
  writeFileSync(join(f.dir, "core.json"), JSON.stringify(core));
  const run = await f.run(["status", "--deployment", "core.json", "--json"]);
  assert.equal(run.code, 0, run.err);
  const data = run.json<StatusJson>();
  assert.equal(data.contracts.avs, null);
  assert.equal(data.marketplace, null);
  assert.equal(data.governance, null);
  // Without the AVS only the seeded set is shown, and the operators' stake against it.
  assert.deepEqual(
    data.operatorSets.map((set) => set.label),
    ["seeded"],
  );
  const text = await f.run(["status", "--deployment", "core.json"]);
  assert.match(text.out, /^ {2}AVS {10}not deployed$/m);
  assert.match(text.out, /^Governance {5}not deployed/m);

  const stray = await f.run(["status", "now"]);
  assert.equal(stray.code, 2);
  assert.match(stray.err, /^error: unexpected argument "now"\nFIX: see `npx palisade status --help`$/m);
});
