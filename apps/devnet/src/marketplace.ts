import { marketplaceAbi } from "@palisade/abis";
import { type Deployment, getProvider, marketplaceOf, purchaseCalls } from "@palisade/sdk";
import {
  accounts,
  type Clients,
  deployDemoDex,
  deployTestMarketplace,
  isPortBusy,
  seededServices,
  seedMarketplace,
  sendAndWait,
} from "@palisade/testkit";
import { encodeFunctionData } from "viem";
import { freePorts } from "./avs.ts";
import type { Progress } from "./progress.ts";

/** The seeded providers (accounts().providers), one gateway process each. */
export const seededProviderCount = 2;

/**
 * Deploys the marketplace on the devnet when the deployment has none (a fresh chain, or a state dir
 * from before the marketplace existed): the utility token, Marketplace, ReviewBoard and
 * ProviderSlashing with the devnet settings (delays of minutes), the devnet faucet, funds the
 * provider and consumer accounts, registers the two providers and their services (testkit
 * seededServices: the reference provider sells every engine route) and, as the first consumer, buys
 * 100 calls of each of the reference provider's services (purchases 1–4: address, token, phishing,
 * transaction), so every route of its gateway answers at once. A deployment with a marketplace is
 * returned as it is.
 */
export async function ensureMarketplace(
  clients: Clients,
  deployment: Deployment,
  progress: Progress,
): Promise<Deployment> {
  if (deployment.marketplace) return deployment;
  progress.note(
    "market",
    "deploying the marketplace (utility token, Marketplace, ReviewBoard, ProviderSlashing)",
  );
  const withMarketplace = await deployTestMarketplace(clients, deployment, {
    onStep: (line) => progress.step("market", line),
  });
  const seeded = await seedMarketplace(clients, withMarketplace, {
    onStep: (line) => progress.step("market", line),
  });
  const consumer = accounts().consumers[0];
  const contracts = marketplaceOf(withMarketplace);
  for (const [index, service] of seededServices.entries()) {
    // Service 1 is the seeded purchase 1; the reference provider's other routes get one each.
    if (service.providerIndex !== 0 || index === 0) continue;
    const serviceId = seeded.serviceIds[index] as number;
    const { purchase } = await purchaseCalls(clients.wallet(consumer), { contracts, serviceId, calls: 100 });
    progress.step(
      "market",
      `consumer ${consumer.address} bought 100 calls of ${service.endpointPath} (purchase ${purchase.purchaseId})`,
    );
  }
  return withMarketplace;
}

export interface GatewayEndpoint {
  providerId: number;
  port: number;
  url: string;
}

/**
 * Where each seeded provider's gateway listens: the port of the endpoint registered on-chain. When
 * that port is taken (by a node, or by something else on this machine), the provider moves to a free
 * port with `updateProvider`, so the endpoint consumers read stays true.
 */
export async function gatewayEndpoints(
  clients: Clients,
  deployment: Deployment,
  progress: Progress,
  taken: ReadonlySet<number>,
): Promise<GatewayEndpoint[]> {
  const contracts = marketplaceOf(deployment);
  const endpoints: GatewayEndpoint[] = [];
  for (const [index, owner] of accounts().providers.slice(0, seededProviderCount).entries()) {
    const providerId = index + 1;
    const provider = await getProvider(clients.public, { contracts, providerId });
    const url = new URL(provider.endpoint);
    let port = Number(url.port);
    const used = new Set([...taken, ...endpoints.map((endpoint) => endpoint.port)]);
    if (url.hostname !== "127.0.0.1" || !port || used.has(port) || (await isPortBusy(port))) {
      [port = 0] = await freePorts(1, used);
      const endpoint = `http://127.0.0.1:${port}`;
      const data = encodeFunctionData({
        abi: marketplaceAbi,
        functionName: "updateProvider",
        args: [providerId, provider.metadataURI, endpoint],
      });
      await sendAndWait(clients.wallet(owner), { to: contracts.marketplace, data }, "updateProvider");
      progress.step(
        "market",
        `provider ${providerId}: port ${url.port || "?"} is taken, endpoint moved to ${endpoint}`,
      );
    }
    endpoints.push({ providerId, port, url: `http://127.0.0.1:${port}` });
  }
  return endpoints;
}

/**
 * Deploys the demo Uniswap V2 (factory, WETH, router from the npm artifacts) with six demo tokens,
 * clean and risky, each with a WETH pair holding liquidity, when the deployment has none; the token
 * risk engine simulates trades through it (`npx palisade check token <address>`).
 */
export async function ensureDex(
  clients: Clients,
  deployment: Deployment,
  progress: Progress,
): Promise<Deployment> {
  if (deployment.dex) return deployment;
  progress.note(
    "dex",
    "deploying Uniswap V2 with demo tokens (clean, tax, honeypot, privileged, cooldown, reclaimable)",
  );
  const dex = await deployDemoDex(clients);
  for (const token of Object.values(dex.tokens)) {
    progress.step("dex", `${token.symbol} ${token.address}: ${token.behaviour}`);
  }
  return {
    ...deployment,
    dex: {
      factory: dex.factory,
      router: dex.router,
      weth: dex.weth,
      tokens: Object.fromEntries(
        Object.entries(dex.tokens).map(([name, token]) => [
          name,
          { symbol: token.symbol, address: token.address, pair: token.pair, behaviour: token.behaviour },
        ]),
      ),
    },
  };
}
