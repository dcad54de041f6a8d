/**
 * A consumer's first calls against a running devnet (`npm start`): pick the cheapest address-risk
 * service, buy 10 calls, sign an access token per call and call the provider's gateway, which
 * answers the address-risk@1 engine's report (GoPlus-style fields, verdict, flags and their sources).
 *
 *   npx tsx packages/sdk/examples/buy-and-call.ts [stateDir] [address]
 *
 * stateDir defaults to .palisade/devnet; address (what to check) defaults to the zero address. It
 * signs as the devnet's consumer 1 (anvil mnemonic index 15: a PUBLIC test key).
 */
import { join } from "node:path";
import { createWalletClient, formatEther, http } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import {
  callService,
  getProvider,
  listServices,
  loadDeployment,
  marketplaceOf,
  mintAccessToken,
  purchaseCalls,
} from "../src/index.ts";

async function main(): Promise<void> {
  const stateDir = process.argv[2] ?? ".palisade/devnet";
  const address = process.argv[3] ?? "0x0000000000000000000000000000000000000000";
  const deployment = await loadDeployment(join(stateDir, "deployment.json"));
  const contracts = marketplaceOf(deployment);
  const account = mnemonicToAccount("test test test test test test test test test test test junk", {
    addressIndex: 15,
  });
  const wallet = createWalletClient({ account, transport: http(deployment.rpcUrl) });

  // The catalogue, filtered: address-risk services, cheapest first.
  const { services } = await listServices(wallet, { contracts, category: "address-risk" });
  const [service] = services.sort((a, b) => (a.pricePerCall < b.pricePerCall ? -1 : 1));
  if (!service) throw new Error("no address-risk service is listed: is the devnet seeded?");
  const provider = await getProvider(wallet, { contracts, providerId: service.providerId });
  console.log(
    `service ${service.serviceId} of provider ${provider.providerId} at ${formatEther(service.pricePerCall)} PAL/call`,
  );

  // Buy 10 calls (approves the marketplace for exactly their price first).
  const { purchase } = await purchaseCalls(wallet, { contracts, serviceId: service.serviceId, calls: 10 });
  console.log(
    `purchase ${purchase.purchaseId}: ${purchase.calls} calls until ${new Date(purchase.expiry * 1000).toISOString()}`,
  );

  // Two calls: each with its own token, nonce 1 then 2.
  for (const nonce of [1n, 2n]) {
    const { authorization } = await mintAccessToken(wallet, {
      contracts,
      purchaseId: purchase.purchaseId,
      providerId: provider.providerId,
      nonce,
    });
    const { body, callsRemaining } = await callService({
      url: `${provider.endpoint}${service.endpointPath}?address=${address}`,
      authorization,
    });
    const { report } = body as {
      report: { engine: string; verdict: string; block: number; flags: string[] };
    };
    console.log(
      `call ${nonce}: ${report.engine} verdict ${report.verdict} at block ${report.block}, flags [${report.flags.join(", ")}]; ${callsRemaining} calls left`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
