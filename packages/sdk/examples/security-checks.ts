/**
 * The security engines through a running devnet (`npm start`), as a consumer and as a wallet user:
 *
 * 1. calls each route of the reference provider's gateway with the purchases the devnet seeded for
 *    consumer 0 (1: address, 2: token, 3: phishing, 4: transaction), one access token per call;
 * 2. asks for an operator-attested verdict (`attest=true`) and proves it on-chain with the
 *    ServiceManager's `verifyVerdict`;
 * 3. points a wallet at the gateway's JSON-RPC firewall (`/rpc`): a draining approval is refused with
 *    the reason, an ordinary transfer goes through.
 *
 *   npx tsx packages/sdk/examples/security-checks.ts [stateDir]
 *
 * stateDir defaults to .palisade/devnet. It signs as the devnet's consumer 0 (anvil mnemonic index 14)
 * and, for the wallet, consumer 1 (index 15): PUBLIC test keys.
 */
import { join } from "node:path";
import {
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  erc20Abi,
  http,
  maxUint256,
  parseEther,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import {
  avsOf,
  callService,
  getProvider,
  getPurchase,
  listServices,
  loadDeployment,
  marketplaceOf,
  mintAccessToken,
  verifyVerdictOnChain,
} from "../src/index.ts";

const MNEMONIC = "test test test test test test test test test test test junk";
/** On the OFAC list for every chain (ofac/USDC, ofac/USDT rows of the bundled lists). */
const SANCTIONED = "0x983a81ca6fb1e441266d2fbcb7d8e530ac2e05a2";
/** The devnet's labelled drainer (testkit's attacker account, index 16; apps/devnet/src/labels.ts). */
const DRAINER = mnemonicToAccount(MNEMONIC, { addressIndex: 16 }).address;

interface Report {
  engine: string;
  verdict: string;
  block: number | null;
  flags: string[];
}

async function main(): Promise<void> {
  const stateDir = process.argv[2] ?? ".palisade/devnet";
  const deployment = await loadDeployment(join(stateDir, "deployment.json"));
  const contracts = marketplaceOf(deployment);
  const consumer = createWalletClient({
    account: mnemonicToAccount(MNEMONIC, { addressIndex: 14 }),
    transport: http(deployment.rpcUrl),
  });
  const { services } = await listServices(consumer, { contracts });
  const pathOf = new Map(services.map((service) => [service.serviceId, service.endpointPath]));

  // 1. Each route with its purchase: the nonce is the next call number (the gateway meters per call).
  const honeypot = deployment.dex?.tokens.honeypot?.address;
  const clean = deployment.dex?.tokens.clean?.address;
  if (!honeypot || !clean) throw new Error("the deployment has no demo DEX: is this the devnet?");
  const questions: Record<string, { query?: string; body?: unknown }> = {
    "/v1/address": { query: `address=${SANCTIONED}` },
    "/v1/token": { query: `token=${honeypot}` },
    "/v1/phishing": { query: `url=${encodeURIComponent("https://xn--mtamask-7gg.io/connect")}` },
    "/v1/transaction": {
      body: {
        from: consumer.account.address,
        to: clean,
        data: encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [DRAINER, maxUint256] }),
      },
    },
  };
  let endpoint = "";
  for (const purchaseId of [1n, 2n, 3n, 4n]) {
    const purchase = await getPurchase(consumer, { contracts, purchaseId });
    const path = pathOf.get(purchase.serviceId) ?? "?";
    const question = questions[path];
    if (!question) throw new Error(`purchase ${purchaseId} is for ${path}: not one of the seeded routes`);
    const provider = await getProvider(consumer, { contracts, providerId: purchase.providerId });
    endpoint = provider.endpoint;
    const usage = (await (await fetch(`${endpoint}/v1/usage/${purchaseId}`)).json()) as {
      highestNonce: string;
    };
    const { authorization } = await mintAccessToken(consumer, {
      contracts,
      purchaseId,
      providerId: purchase.providerId,
      nonce: BigInt(usage.highestNonce) + 1n,
    });
    const { body } = await callService({
      url: `${endpoint}${path}${question.query ? `?${question.query}` : ""}`,
      authorization,
      ...(question.body === undefined ? {} : { body: question.body }),
    });
    const { report } = body as { report: Report };
    console.log(`${path}: ${report.engine} ${report.verdict} [${report.flags.join(", ")}]`);
  }

  // 2. The same address question, attested by the operators, proven on-chain.
  const usage = (await (await fetch(`${endpoint}/v1/usage/1`)).json()) as { highestNonce: string };
  const { authorization } = await mintAccessToken(consumer, {
    contracts,
    purchaseId: 1n,
    providerId: (await getPurchase(consumer, { contracts, purchaseId: 1n })).providerId,
    nonce: BigInt(usage.highestNonce) + 1n,
  });
  const attested = await callService({
    url: `${endpoint}/v1/address?address=${SANCTIONED}&attest=true`,
    authorization,
  });
  const { report, attestation } = attested.body as {
    report: Report;
    attestation: {
      requestHash: `0x${string}`;
      responseHash: `0x${string}`;
      engineVersion: `0x${string}`;
      referenceBlock: number;
      batchRoot: `0x${string}`;
      proof: `0x${string}`[];
      signedStake: string;
      totalStake: string;
    };
  };
  const publicClient = createPublicClient({ transport: http(deployment.rpcUrl) });
  const proven = await verifyVerdictOnChain(publicClient, {
    serviceManager: avsOf(deployment).serviceManager,
    batchRoot: attestation.batchRoot,
    verdict: {
      requestHash: attestation.requestHash,
      responseHash: attestation.responseHash,
      engineVersion: attestation.engineVersion,
      referenceBlock: attestation.referenceBlock,
    },
    proof: attestation.proof,
  });
  console.log(
    `attested: ${report.engine} ${report.verdict} [${report.flags.join(", ")}] at block ${attestation.referenceBlock}, verified on-chain: ${proven}`,
  );

  // 3. A wallet pointed at the firewall: the node behind it never sees the draining approval.
  const wallet = createWalletClient({
    account: mnemonicToAccount(MNEMONIC, { addressIndex: 15 }),
    transport: http(`${endpoint}/rpc`, { retryCount: 0 }),
  });
  try {
    await wallet.writeContract({
      chain: null,
      address: clean,
      abi: erc20Abi,
      functionName: "approve",
      args: [DRAINER, maxUint256],
    });
    console.log("firewall: the draining approval went through (it should not have)");
  } catch (error) {
    const reason = (error as { details?: string; shortMessage?: string }).details ?? String(error);
    console.log(`firewall blocked: ${reason}`);
  }
  const hash = await wallet.sendTransaction({
    chain: null,
    to: consumer.account.address,
    value: parseEther("0.01"),
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  console.log(`firewall passed: a 0.01 ETH transfer, ${receipt.status} in block ${receipt.blockNumber}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
