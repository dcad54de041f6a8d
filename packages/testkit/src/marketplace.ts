import { devnetFaucetAbi, utilityTokenAbi } from "@palisade/abis";
import {
  bytecodeOf,
  deployContract,
  deployMarketplace,
  type MarketplaceSettings,
  marketplaceDevnetSettings,
  sendAndWait,
} from "@palisade/deploy";
import {
  type Deployment,
  type MarketplaceDeployment,
  marketplaceOf,
  purchaseCalls,
  registerProvider,
  registerService,
  type ServiceCategory,
} from "@palisade/sdk";
import { type Address, concat, encodeAbiParameters, encodeFunctionData, parseEther } from "viem";
import type { HDAccount } from "viem/accounts";
import { waitForTransactionReceipt } from "viem/actions";
import { accounts } from "./accounts.ts";
import type { Clients } from "./clients.ts";

/** Utility tokens each seeded provider and consumer receives from the treasury. */
export const seededUtilityTokens = parseEther("100000");
/** What the devnet faucet gives per drip, how often, and what it starts with. */
export const faucetDrip = parseEther("1000");
const faucetCooldownSeconds = 3_600n;
const faucetFunding = parseEther("10000000");

/** ETH each marketplace account gets (they lie beyond anvil's ten funded accounts). */
const seededEth = parseEther("1000");

/**
 * The roles of the test marketplace: the deployer is owner and treasury, the avs account resolves
 * review challenges and vetoes provider slashes (governance's stand-ins), the slasher files them.
 */
export function testMarketplaceRoles() {
  const named = accounts();
  return {
    owner: named.deployer.address,
    pauser: named.pauser.address,
    treasury: named.deployer.address,
    resolver: named.avs.address,
    vetoCommittee: named.avs.address,
    slashRequester: named.slasher.address,
  };
}

/**
 * Deploys the marketplace with the devnet settings (delays of minutes) on a deployment (using its
 * AVS ServiceManager for certificate-settled challenges when there is one) and funds the marketplace
 * accounts (providers, consumers) with ETH and utility tokens.
 *
 * @example
 * const deployment = await deployTestMarketplace(clients, base.deployment);
 * marketplaceOf(deployment).marketplace;
 */
export async function deployTestMarketplace(
  clients: Clients,
  deployment: Deployment,
  options: { settings?: MarketplaceSettings; onStep?: (message: string) => void } = {},
): Promise<Deployment & { marketplace: MarketplaceDeployment }> {
  const named = accounts();
  const deployer = clients.wallet(named.deployer);
  const marketplace = await deployMarketplace(deployer, {
    settings: options.settings ?? marketplaceDevnetSettings,
    ...testMarketplaceRoles(),
    serviceManager: deployment.avs?.serviceManager,
    onStep: options.onStep,
  });
  const funded: HDAccount[] = [...named.providers, ...named.consumers];
  for (const account of funded) {
    await clients.test.setBalance({ address: account.address, value: seededEth });
    await transferUtilityTokens(clients, marketplace.utilityToken, account.address, seededUtilityTokens);
  }
  const faucet = await deployFaucet(clients, marketplace.utilityToken);
  options.onStep?.(
    `devnet faucet at ${faucet}: ${faucetDrip / 10n ** 18n} PAL per hour to the seeded accounts`,
  );
  return { ...deployment, marketplace: { ...marketplace, faucet } };
}

/** Deploys the devnet faucet, funds it from the treasury and allowlists every seeded account. */
async function deployFaucet(clients: Clients, token: Address): Promise<Address> {
  const named = accounts();
  const deployer = clients.wallet(named.deployer);
  const faucet = await deployContract(
    deployer,
    "DevnetFaucet",
    concat([
      bytecodeOf("DevnetFaucet"),
      encodeAbiParameters(
        [{ type: "address" }, { type: "address" }, { type: "uint256" }, { type: "uint256" }],
        [token, named.deployer.address, faucetDrip, faucetCooldownSeconds],
      ),
    ]),
  );
  await transferUtilityTokens(clients, token, faucet, faucetFunding);
  const seeded = [
    named.deployer,
    named.pauser,
    named.avs,
    named.slasher,
    ...named.operators,
    ...named.stakers,
    ...named.providers,
    ...named.consumers,
  ].map((account) => account.address);
  await sendAndWait(
    deployer,
    {
      to: faucet,
      data: encodeFunctionData({ abi: devnetFaucetAbi, functionName: "setAllowed", args: [seeded, true] }),
    },
    "DevnetFaucet.setAllowed",
  );
  return faucet;
}

/** Sends utility tokens from the deployer (the test treasury). */
export async function transferUtilityTokens(
  clients: Clients,
  token: Address,
  to: Address,
  amount: bigint,
): Promise<void> {
  const deployer = clients.wallet(accounts().deployer);
  const hash = await deployer.sendTransaction({
    to: token,
    data: encodeFunctionData({ abi: utilityTokenAbi, functionName: "transfer", args: [to, amount] }),
  });
  await waitForTransactionReceipt(clients.public, { hash });
}

/** One seeded service: who offers it, what it checks, at what fee. */
export interface SeededService {
  providerIndex: 0 | 1;
  category: ServiceCategory;
  pricePerCall: bigint;
  endpointPath: string;
}

/** The providers `seedMarketplace` registers (endpoints are given at seeding: the devnet picks free ports). */
export const seededProviders = [
  { name: "Palisade Labs", stake: parseEther("10000") },
  { name: "Sentinel Security", stake: parseEther("5000") },
] as const;

/**
 * Their services, one per security engine route of the gateway (apps/gateway): the first provider is
 * the reference provider and sells every engine; the second competes on address risk and phishing at
 * lower fees, so a consumer has a choice. Service ids follow this order (1 and 2 are the two address
 * risk services).
 */
export const seededServices: readonly SeededService[] = [
  {
    providerIndex: 0,
    category: "address-risk",
    pricePerCall: parseEther("0.01"),
    endpointPath: "/v1/address",
  },
  {
    providerIndex: 1,
    category: "address-risk",
    pricePerCall: parseEther("0.008"),
    endpointPath: "/v1/address",
  },
  { providerIndex: 0, category: "token-risk", pricePerCall: parseEther("0.02"), endpointPath: "/v1/token" },
  { providerIndex: 0, category: "phishing", pricePerCall: parseEther("0.002"), endpointPath: "/v1/phishing" },
  {
    providerIndex: 0,
    category: "transaction",
    pricePerCall: parseEther("0.03"),
    endpointPath: "/v1/transaction",
  },
  {
    providerIndex: 1,
    category: "phishing",
    pricePerCall: parseEther("0.0015"),
    endpointPath: "/v1/phishing",
  },
];

/** Default endpoints of the seeded providers (the devnet passes its own free ports). */
export const defaultProviderEndpoints = ["http://127.0.0.1:8700", "http://127.0.0.1:8701"] as const;

export interface SeedMarketplaceResult {
  providerIds: [number, number];
  serviceIds: number[];
  /** The first consumer's purchase of 100 calls of the first service. */
  purchaseId: bigint;
}

/**
 * Seeds the marketplace: both providers register with stake and their services (seededServices), and
 * the first consumer buys 100 calls of the first service (purchase 1).
 */
export async function seedMarketplace(
  clients: Clients,
  deployment: Deployment,
  options: { endpoints?: readonly [string, string]; onStep?: (message: string) => void } = {},
): Promise<SeedMarketplaceResult> {
  const endpoints = options.endpoints ?? defaultProviderEndpoints;
  const named = accounts();
  const contracts = marketplaceOf(deployment);
  const step = options.onStep ?? (() => {});
  const providerIds: number[] = [];
  for (const [index, spec] of seededProviders.entries()) {
    const owner = named.providers[index as 0 | 1];
    const { providerId } = await registerProvider(clients.wallet(owner), {
      contracts,
      stake: spec.stake,
      metadataURI: `data:application/json,${encodeURIComponent(JSON.stringify({ name: spec.name }))}`,
      endpoint: endpoints[index as 0 | 1],
    });
    providerIds.push(providerId);
    step(`provider ${providerId} "${spec.name}" registered by ${owner.address}`);
  }
  const serviceIds: number[] = [];
  for (const service of seededServices) {
    const providerId = providerIds[service.providerIndex] as number;
    const { serviceId } = await registerService(clients.wallet(named.providers[service.providerIndex]), {
      contracts,
      providerId,
      category: service.category,
      pricePerCall: service.pricePerCall,
      endpointPath: service.endpointPath,
      schemaRef: `${endpoints[service.providerIndex]}/v1/openapi.json#${service.endpointPath}`,
    });
    serviceIds.push(serviceId);
    step(`service ${serviceId} (${service.category}) of provider ${providerId}`);
  }
  const { purchase } = await purchaseCalls(clients.wallet(named.consumers[0]), {
    contracts,
    serviceId: serviceIds[0] as number,
    calls: 100,
  });
  step(`consumer ${named.consumers[0].address} bought 100 calls (purchase ${purchase.purchaseId})`);
  return { providerIds: providerIds as [number, number], serviceIds, purchaseId: purchase.purchaseId };
}
