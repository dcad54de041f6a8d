import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, test } from "node:test";
import {
  allocationManagerAbi,
  delegationManagerAbi,
  governanceTokenAbi,
  marketplaceAbi,
  revenueDistributorAbi,
  strategyAbi,
  strategyManagerAbi,
} from "@palisade/abis";
import { avsOf, type Deployment, governanceOf, loadDeployment, marketplaceOf } from "@palisade/sdk";
import {
  accounts,
  createClients,
  freePort,
  repoRoot,
  sendAndWait,
  verifyGovernance,
} from "@palisade/testkit";
import { type Address, encodeFunctionData, parseEther } from "viem";
import { getBlock, readContract } from "viem/actions";

// One devnet (`npm start`'s main.ts) on a free port and its own state dir, started twice: fresh, then resumed.
const main = resolve(import.meta.dirname, "main.ts");
const stateDir = mkdtempSync(join(tmpdir(), "palisade-devnet-gov-"));
after(() => rmSync(stateDir, { recursive: true, force: true }));

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function spawnDevnet(args: string[]): Run {
  const child = spawn(process.execPath, ["--import", "tsx", main, ...args], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString("utf8");
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  return { child, output: () => output, exited };
}

async function ready(run: Run, timeoutMs = 240_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!/^ready: /m.test(run.output())) {
    if (run.child.exitCode !== null) assert.fail(`the devnet exited early:\n${run.output()}`);
    if (Date.now() > deadline) assert.fail(`the devnet did not become ready:\n${run.output()}`);
    await new Promise((wait) => setTimeout(wait, 100));
  }
}

async function stop(run: Run): Promise<void> {
  if (run.child.exitCode !== null) return;
  run.child.kill("SIGINT");
  assert.equal(await run.exited, 0, run.output());
}

const WAD = 10n ** 18n;

/**
 * The stake a staker has allocated to Palisade's set as GovernanceToken.backedStake defines it,
 * recomputed from the core's views (decision 0006 §1): for each strategy of the set, the staker's
 * fraction of its operator's pool applied to the operator's allocated stake, in underlying tokens,
 * times the set's value weight, rounded down at every step.
 */
async function allocatedValue(
  client: ReturnType<typeof createClients>["public"],
  deployment: Deployment,
  staker: Address,
): Promise<bigint> {
  const { delegationManager, allocationManager } = deployment.contracts;
  const avs = avsOf(deployment);
  const operatorSet = { avs: avs.serviceManager, id: avs.operatorSetId };
  const operator = await readContract(client, {
    address: delegationManager,
    abi: delegationManagerAbi,
    functionName: "delegatedTo",
    args: [staker],
  });
  const strategies = await readContract(client, {
    address: allocationManager,
    abi: allocationManagerAbi,
    functionName: "getStrategiesInOperatorSet",
    args: [operatorSet],
  });
  const [allocated] = await readContract(client, {
    address: allocationManager,
    abi: allocationManagerAbi,
    functionName: "getAllocatedStake",
    args: [operatorSet, [operator], strategies],
  });
  let value = 0n;
  for (const [index, strategy] of strategies.entries()) {
    const mine = await readContract(client, {
      address: delegationManager,
      abi: delegationManagerAbi,
      functionName: "withdrawableShares",
      args: [staker, strategy],
    });
    const pool = await readContract(client, {
      address: delegationManager,
      abi: delegationManagerAbi,
      functionName: "operatorShares",
      args: [operator, strategy],
    });
    if (mine === 0n || pool === 0n) continue;
    const shares = (mine * (allocated?.[index] ?? 0n)) / pool;
    const underlying = await readContract(client, {
      address: strategy,
      abi: strategyAbi,
      functionName: "sharesToUnderlyingView",
      args: [shares],
    });
    const weight = await readContract(client, {
      address: allocationManager,
      abi: allocationManagerAbi,
      functionName: "getStrategyValueWeight",
      args: [operatorSet, strategy],
    });
    value += (underlying * weight) / WAD;
  }
  return value;
}

test("the devnet deploys governance, seeds gPAL, hands every contract to the Timelock, and resumes without redeploying", async () => {
  const port = await freePort();
  const args = ["--port", String(port), "--state-dir", stateDir];
  const deploymentFile = join(stateDir, "deployment.json");
  const named = accounts();
  // The seeded stakers and the fourth AVS operator, which restaked its own stake: every account with
  // stake allocated to Palisade's set.
  const stakers = [...named.stakers.map((account) => account.address), named.avsOperators[3].address];

  const first = spawnDevnet(args);
  let deployment: Deployment;
  let lastTimestamp: bigint;
  try {
    await ready(first);
    const output = first.output();
    assert.match(output, /^\[gov\] deployed PalisadeGovernor at 0x\w{4}…\w{4} … \d+\.\d s$/m);
    assert.match(
      output,
      /^\[gov\] governance wiring verified: the Timelock owns the core, the AVS and the marketplace … /m,
    );
    assert.match(output, /^\[gov\] gPAL supply 150 gPAL, held by 4 stakers … /m);
    assert.match(output, /^\[gov\] wrote the governance section to /m);

    // The section is written.
    deployment = await loadDeployment(deploymentFile);
    const governance = governanceOf(deployment);
    assert.equal(governance.vetoCommittee, named.vetoCommittee.address);
    const clients = createClients(deployment.rpcUrl, { pollingIntervalMs: 100 });
    const token = { address: governance.governanceToken, abi: governanceTokenAbi } as const;

    // gPAL's supply is exactly the seeded stakers' allocated stake, as the token defines it.
    let expected = 0n;
    for (const staker of stakers) {
      const value = await allocatedValue(clients.public, deployment, staker);
      assert.ok(value > 0n, `${staker} has stake allocated to Palisade's set`);
      const balance = await readContract(clients.public, {
        ...token,
        functionName: "balanceOf",
        args: [staker],
      });
      assert.equal(balance, value);
      expected += value;
    }
    assert.equal(await readContract(clients.public, { ...token, functionName: "totalSupply" }), expected);

    // gPAL is the withdrawal gate; the RevenueDistributor is the marketplace's treasury.
    const gate = await readContract(clients.public, {
      address: deployment.contracts.delegationManager,
      abi: delegationManagerAbi,
      functionName: "withdrawalGate",
    });
    assert.equal(gate, governance.governanceToken);
    const market = marketplaceOf(deployment);
    const treasury = await readContract(clients.public, {
      address: market.marketplace,
      abi: marketplaceAbi,
      functionName: "treasury",
    });
    assert.equal(treasury, governance.revenueDistributor);

    // The ThreatResponse (decision 0008) is every hook's, and the Timelock's.
    assert.ok(governance.threatResponse, "the section names the ThreatResponse");
    await verifyGovernance(clients.public, {
      deployment: {
        contracts: deployment.contracts,
        avs: avsOf(deployment),
        marketplace: marketplaceOf(deployment),
      },
      governance,
    });

    // The Timelock owns the core, the AVS, the marketplace, gPAL and the distributor.
    const avs = avsOf(deployment);
    const owned = {
      ...deployment.contracts,
      serviceManager: avs.serviceManager,
      operatorRegistry: avs.operatorRegistry,
      marketplace: market.marketplace,
      reviewBoard: market.reviewBoard,
      providerSlashing: market.providerSlashing,
      governanceToken: governance.governanceToken,
    };
    for (const [name, address] of Object.entries(owned)) {
      // Every one of them is Ownable2Step: one ABI reads the owner of all.
      const owner = await readContract(clients.public, {
        address,
        abi: strategyManagerAbi,
        functionName: "owner",
      });
      assert.equal(owner, governance.timelock, `${name}'s owner`);
    }
    const distributorOwner = await readContract(clients.public, {
      address: governance.revenueDistributor,
      abi: revenueDistributorAbi,
      functionName: "owner",
    });
    assert.equal(distributorOwner, governance.timelock);

    // The summary shows the section and how to walk a proposal through.
    assert.match(output, /^Governance \(the Timelock owns the core, the AVS and the marketplace/m);
    assert.match(output, /^ {2}gPAL +0x[0-9a-fA-F]{40} {2}150 gPAL /m);
    assert.match(
      output,
      /^ {4}npx palisade gov propose --account staker2 --param marketplace\.protocolFeeBps /m,
    );
    lastTimestamp = (await getBlock(clients.public, { blockTag: "latest" })).timestamp;
  } finally {
    await stop(first);
  }

  const second = spawnDevnet(args);
  try {
    await ready(second);
    const output = second.output();
    assert.match(output, /^Palisade devnet: resumed from saved state$/m);
    assert.doesNotMatch(output, /^\[gov\]/m, "nothing of governance deployed or synced again");
    const resumed = await loadDeployment(deploymentFile);
    assert.deepEqual(resumed.governance, deployment.governance);

    // The hand-over moved the chain's clock an hour ahead; the resumed chain goes on from there, so a
    // gPAL transfer (it checkpoints balances by timestamp) still works.
    const clients = createClients(resumed.rpcUrl, { pollingIntervalMs: 100 });
    const now = (await getBlock(clients.public, { blockTag: "latest" })).timestamp;
    assert.ok(now >= lastTimestamp, `block time ${now} is not before ${lastTimestamp}`);
    const [staker0, staker1] = named.stakers;
    await sendAndWait(
      clients.wallet(staker0),
      {
        to: governanceOf(resumed).governanceToken,
        data: encodeFunctionData({
          abi: governanceTokenAbi,
          functionName: "transfer",
          args: [staker1.address, parseEther("1")],
        }),
      },
      "gPAL transfer",
    );
  } finally {
    await stop(second);
  }
});
