import { marketplaceAbi } from "@palisade/abis";
import {
  type Deployment,
  type DexDeployment,
  getProvider,
  getPurchase,
  listServices,
  type MarketplaceDeployment,
  marketplaceOf,
  type ReadClient,
} from "@palisade/sdk";
import { type Address, formatEther } from "viem";
import { readContract } from "viem/actions";

export interface MarketplaceProviderView {
  providerId: number;
  owner: Address;
  endpoint: string;
  stake: bigint;
  inFlight: bigint;
  score: bigint;
  services: { serviceId: number; category: string; pricePerCall: bigint; endpointPath: string }[];
}

export interface MarketplaceView {
  contracts: MarketplaceDeployment;
  providers: MarketplaceProviderView[];
  /** The first purchases (at most eight), with their service's path. */
  purchases: {
    purchaseId: bigint;
    consumer: Address;
    providerId: number;
    serviceId: number;
    endpointPath: string;
    calls: number;
    served: number;
  }[];
  purchaseCount: bigint;
}

/** Reads the marketplace section of the summary (undefined when the deployment has none). */
export async function readMarketplace(
  client: ReadClient,
  deployment: Deployment,
): Promise<MarketplaceView | undefined> {
  if (!deployment.marketplace) return undefined;
  const contracts = marketplaceOf(deployment);
  const { services } = await listServices(client, { contracts, includeInactive: true });
  const providerIds = [...new Set(services.map((service) => service.providerId))].sort((a, b) => a - b);
  const providers = await Promise.all(
    providerIds.map(async (providerId) => {
      const provider = await getProvider(client, { contracts, providerId });
      return {
        providerId,
        owner: provider.owner,
        endpoint: provider.endpoint,
        stake: provider.stake,
        inFlight: provider.inFlight,
        score: provider.score,
        services: services
          .filter((service) => service.providerId === providerId)
          .map(({ serviceId, category, pricePerCall, endpointPath }) => ({
            serviceId,
            category,
            pricePerCall,
            endpointPath,
          })),
      };
    }),
  );
  const purchaseCount = await readContract(client, {
    address: contracts.marketplace,
    abi: marketplaceAbi,
    functionName: "purchaseCount",
  });
  const pathOf = new Map(services.map((service) => [service.serviceId, service.endpointPath]));
  const ids = Array.from({ length: Math.min(Number(purchaseCount), 8) }, (_, index) => BigInt(index + 1));
  const purchases = await Promise.all(
    ids.map(async (purchaseId) => {
      const purchase = await getPurchase(client, { contracts, purchaseId });
      return {
        purchaseId,
        consumer: purchase.consumer,
        providerId: purchase.providerId,
        serviceId: purchase.serviceId,
        endpointPath: pathOf.get(purchase.serviceId) ?? "?",
        calls: purchase.calls,
        served: purchase.served,
      };
    }),
  );
  return { contracts, providers, purchases, purchaseCount: BigInt(purchaseCount) };
}

const pal = (value: bigint) => `${formatEther(value)} PAL`;

/** The "Marketplace" section: contracts, providers with stake, in-flight value, score and services, purchases. */
export function renderMarketplace(
  view: MarketplaceView,
  named: (address: Address) => string,
  dex?: DexDeployment,
): string[] {
  const { contracts } = view;
  const lines = [
    "Marketplace (delays of minutes on the devnet; walk-through: README.md, Consumer and Provider)",
    `  utility token (PAL) ${contracts.utilityToken}`,
    `  Marketplace         ${contracts.marketplace}`,
    `  ReviewBoard         ${contracts.reviewBoard}`,
    `  ProviderSlashing    ${contracts.providerSlashing}`,
    ...(contracts.faucet
      ? [`  devnet faucet       ${contracts.faucet}  (seeded accounts: dripFaucet in the SDK)`]
      : []),
  ];
  for (const provider of view.providers) {
    lines.push(
      `  provider ${provider.providerId}  ${named(provider.owner)}`,
      `    endpoint ${provider.endpoint}   stake ${pal(provider.stake)}   in flight ${pal(provider.inFlight)}   score ${provider.score}`,
      ...provider.services.map(
        (service) =>
          `    service ${service.serviceId}  ${service.category.padEnd(14)} ${pal(service.pricePerCall)}/call  ${service.endpointPath}`,
      ),
    );
  }
  lines.push(`  purchases           ${view.purchaseCount}`);
  for (const purchase of view.purchases) {
    lines.push(
      `    #${purchase.purchaseId}  ${named(purchase.consumer)} → provider ${purchase.providerId} ${purchase.endpointPath}: ${purchase.calls} calls, ${purchase.served} claimed`,
    );
  }
  const reference = view.providers[0];
  if (reference)
    lines.push(
      `  wallet RPC          ${reference.endpoint.replace(/\/+$/, "")}/rpc  (the JSON-RPC firewall of provider ${reference.providerId}'s gateway: point a wallet at it; draining transactions are refused)`,
    );
  const tries = tryItLines(view, named, dex);
  tries.forEach((line, index) => {
    lines.push(`  ${index === 0 ? "try it" : "".padEnd(6)}              ${line}`);
  });
  return lines;
}

/** A draining approval: `approve(spender, 2^256 − 1)` to an EOA, what the firewall blocks. */
function unlimitedApproval(spender: Address): string {
  return `0x095ea7b3${spender.slice(2).toLowerCase().padStart(64, "0")}${"f".repeat(64)}`;
}

/**
 * One command per route the seeded consumer holds a purchase for (its first purchase of that path):
 * each asks the question its engine answers with a risky answer on the devnet.
 */
function tryItLines(
  view: MarketplaceView,
  named: (address: Address) => string,
  dex?: DexDeployment,
): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  const honeypot =
    dex && Object.values(dex.tokens).find((token) => token.symbol.toLowerCase().includes("honey"));
  const clean =
    dex && Object.values(dex.tokens).find((token) => token.symbol.toLowerCase().includes("clean"));
  for (const purchase of view.purchases) {
    // named() gives "0x…  (consumer0)" for a seeded account.
    const account = /\((consumer\d+)\)$/.exec(named(purchase.consumer))?.[1];
    if (account === undefined || seen.has(purchase.endpointPath)) continue;
    const call = `npx palisade consumer call --purchase ${purchase.purchaseId} --account ${account}`;
    let args: string | undefined;
    if (purchase.endpointPath === "/v1/address")
      args = "--query address=0x983a81ca6fb1e441266d2fbcb7d8e530ac2e05a2";
    else if (purchase.endpointPath === "/v1/token" && honeypot) args = `--query token=${honeypot.address}`;
    else if (purchase.endpointPath === "/v1/phishing")
      args = "--query url=https://xn--mtamask-7gg.io/connect";
    else if (purchase.endpointPath === "/v1/transaction" && clean)
      args = `--body '${JSON.stringify({
        from: purchase.consumer,
        to: clean.address,
        data: unlimitedApproval("0x000000000000000000000000000000000000dEaD"),
      })}'`;
    if (args === undefined) continue;
    seen.add(purchase.endpointPath);
    lines.push(`${call} ${args}`);
  }
  return lines;
}

/** The "DEX" section: the demo Uniswap V2 and its tokens, each with what it does. */
export function renderDex(dex: DexDeployment): string[] {
  const lines = [
    "DEX (Uniswap V2 from the npm artifacts; demo tokens paired with WETH, for the token risk engine)",
    `  factory ${dex.factory}   router ${dex.router}   WETH ${dex.weth}`,
  ];
  for (const token of Object.values(dex.tokens)) {
    lines.push(`  ${token.symbol.padEnd(8)} ${token.address}  ${token.behaviour}`);
  }
  const honeypot = Object.values(dex.tokens).find((token) => token.symbol.toLowerCase().includes("honey"));
  if (honeypot) lines.push(`  try it   npx palisade check token ${honeypot.address}`);
  return lines;
}
