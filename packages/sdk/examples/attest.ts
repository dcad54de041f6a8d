/**
 * An attested security check end to end against a running devnet (`npm start`): submit a task to
 * the aggregator, wait until the operators' quorum certificate lands on-chain, then prove the
 * verdict with the ServiceManager's `verifyVerdict`.
 *
 *   npx tsx packages/sdk/examples/attest.ts [stateDir] [address]
 *
 * stateDir defaults to .palisade/devnet (it holds deployment.json and services.json); address
 * defaults to the devnet's staker 0.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { serviceManagerAbi } from "@palisade/abis";
import { createPublicClient, formatEther, http } from "viem";
import { readContract } from "viem/actions";
import { avsOf, loadDeployment, submitTask, verifyVerdictOnChain, waitForCertificate } from "../src/index.ts";

async function main(): Promise<void> {
  const stateDir = process.argv[2] ?? ".palisade/devnet";
  const address = process.argv[3] ?? "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955";
  const deployment = await loadDeployment(join(stateDir, "deployment.json"));
  const { services } = JSON.parse(await readFile(join(stateDir, "services.json"), "utf8")) as {
    services: { name: string; url: string }[];
  };
  const aggregator = services.find((service) => service.name === "aggregator");
  if (!aggregator)
    throw new Error(`no aggregator in ${join(stateDir, "services.json")}: is the devnet running?`);

  const opened = await submitTask(aggregator.url, { engine: "address-basics@1", request: { address } });
  console.log(`task ${opened.id} at block ${opened.referenceBlock}`);
  const task = await waitForCertificate(aggregator.url, opened.id, { timeoutMs: 60_000 });
  // What the chain certified for the batch (after quorum the aggregator waits briefly for late
  // signers, so this can exceed the stake that made the verdict final).
  const client = createPublicClient({ transport: http(deployment.rpcUrl) });
  const batch = await readContract(client, {
    address: avsOf(deployment).serviceManager,
    abi: serviceManagerAbi,
    functionName: "getBatch",
    args: [task.batch.batchRoot],
  });
  const signed = `${formatEther(batch.signedStake)} of ${formatEther(batch.totalStake)}`;
  console.log(`certificate in ${task.batch.txHash}: signed stake ${signed}`);
  const nonSigners = task.batch.nonSigners;
  console.log(`non-signers: ${nonSigners.length === 0 ? "none" : nonSigners.join(", ")}`);

  const verified = await verifyVerdictOnChain(client, {
    serviceManager: avsOf(deployment).serviceManager,
    batchRoot: task.batch.batchRoot,
    verdict: {
      requestHash: task.id,
      responseHash: task.verdict.responseHash,
      engineVersion: task.engineVersion,
      referenceBlock: task.referenceBlock,
    },
    proof: task.batch.proof,
  });
  console.log(`verdict ${task.verdict.responseHash} verified on-chain: ${verified}`);
  if (!verified) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
