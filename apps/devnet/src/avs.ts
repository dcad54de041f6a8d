import { existsSync } from "node:fs";
import { join } from "node:path";
import { operatorRegistryAbi } from "@palisade/abis";
import { avsOf, type Deployment } from "@palisade/sdk";
import {
  accounts,
  type Clients,
  deployTestAvs,
  freePort,
  isPortBusy,
  type OperatorKeystoreFiles,
  registerAvsOperators,
  sendAndWait,
  writeOperatorKeystores,
} from "@palisade/testkit";
import { encodeFunctionData, parseEther } from "viem";
import { readContract, waitForTransactionReceipt } from "viem/actions";
import type { Progress } from "./progress.ts";

/** Operators the devnet registers with the AVS (accounts().avsOperators), one node process each. */
export const avsOperatorCount = 4;

/** Four free, distinct ports on 127.0.0.1 (the OS may hand one out twice in a row). */
export async function freePorts(count: number, taken: ReadonlySet<number> = new Set()): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < count) {
    const port = await freePort();
    if (!ports.includes(port) && !taken.has(port)) ports.push(port);
  }
  return ports;
}

/**
 * The operators' BLS keystores in `<stateDir>/keys`: EIP-2335 files of the public test keys
 * operatorBlsKey(i), encrypted with a test password that sits next to them in `password.txt`, with a
 * cheap KDF. DEVNET ONLY: the keys are derived from public IKMs and the password is on disk.
 * Rewritten when missing (the keys are deterministic).
 */
export async function ensureKeystores(stateDir: string): Promise<OperatorKeystoreFiles> {
  const dir = join(stateDir, "keys");
  const keystores = Array.from({ length: avsOperatorCount }, (_, i) =>
    join(dir, `operator-${i}.keystore.json`),
  );
  const passwordFile = join(dir, "password.txt");
  if ([...keystores, passwordFile].every((path) => existsSync(path))) return { keystores, passwordFile };
  return writeOperatorKeystores(dir, avsOperatorCount);
}

/**
 * Deploys Palisade's AVS on the devnet when the deployment has none (a fresh chain, or a state dir
 * from before the AVS existed), registers the four operators with their BLS keys and node URLs on
 * free ports, and returns the deployment with its `avs` section. A deployment with one is returned
 * as it is: nothing is redeployed on resume.
 */
export async function ensureAvs(
  clients: Clients,
  deployment: Deployment,
  progress: Progress,
): Promise<Deployment> {
  if (deployment.avs) return deployment;
  progress.note(
    "avs",
    "deploying the Palisade AVS (ServiceManager, OperatorRegistry) and registering operators",
  );
  const withAvs = await deployTestAvs(clients, deployment, { onStep: (line) => progress.step("avs", line) });
  const named = accounts();
  // The aggregator's submitter pays for submitBatch; it is beyond anvil's ten funded accounts.
  const hash = await clients.wallet(named.deployer).sendTransaction({
    to: named.submitter.address,
    value: parseEther("100"),
  });
  await waitForTransactionReceipt(clients.public, { hash });
  const ports = await freePorts(avsOperatorCount);
  await registerAvsOperators(clients, withAvs, {
    nodeUrls: ports.map((port) => `http://127.0.0.1:${port}`),
    onStep: (line) => progress.step("avs", line),
  });
  return withAvs;
}

export interface NodeEndpoint {
  index: number;
  operator: `0x${string}`;
  port: number;
  url: string;
}

/**
 * Where each operator's node listens: the port of the node URL registered on-chain. When that port
 * is taken now (the devnet resumed and something else holds it), the operator moves to a free port
 * with `OperatorRegistry.updateNodeUrl`, so the published URL stays true.
 */
export async function nodeEndpoints(
  clients: Clients,
  deployment: Deployment,
  progress: Progress,
): Promise<NodeEndpoint[]> {
  const avs = avsOf(deployment);
  const registry = { address: avs.operatorRegistry, abi: operatorRegistryAbi } as const;
  const operators = accounts().avsOperators.slice(0, avsOperatorCount);
  const endpoints: NodeEndpoint[] = [];
  for (const [index, account] of operators.entries()) {
    const registered = await readContract(clients.public, {
      ...registry,
      functionName: "nodeUrlOf",
      args: [account.address],
    });
    const url = new URL(registered);
    let port = Number(url.port);
    const taken = new Set(endpoints.map((endpoint) => endpoint.port));
    if (url.hostname !== "127.0.0.1" || !port || taken.has(port) || (await isPortBusy(port))) {
      [port = 0] = await freePorts(1, taken);
      const nodeUrl = `http://127.0.0.1:${port}`;
      const data = encodeFunctionData({ ...registry, functionName: "updateNodeUrl", args: [nodeUrl] });
      await sendAndWait(clients.wallet(account), { to: avs.operatorRegistry, data }, "updateNodeUrl");
      progress.step(
        "avs",
        `operator ${index}: port ${url.port || "?"} is taken, node URL moved to ${nodeUrl}`,
      );
    }
    endpoints.push({ index, operator: account.address, port, url: `http://127.0.0.1:${port}` });
  }
  return endpoints;
}
