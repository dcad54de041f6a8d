import type { Deployment, MarketplaceDeployment } from "@palisade/sdk";
import { accounts, type NamedAccounts } from "./accounts.ts";
import { type Anvil, startAnvil } from "./anvil.ts";
import { type AvsOperator, deployTestAvs, registerAvsOperators } from "./avs.ts";
import { type Clients, createClients } from "./clients.ts";
import { type DeployCoreOptions, deployCore } from "./deployCore.ts";
import { deployTestMarketplace, type SeedMarketplaceResult, seedMarketplace } from "./marketplace.ts";
import { type SeedResult, seedDevnet } from "./seed.ts";

/** Delays (blocks) used by tests and the devnet: short, so flows finish quickly. */
export const testDelays = {
  withdrawalDelayBlocks: 5,
  allocationDelayBlocks: 2,
  deallocationDelayBlocks: 5,
} as const;

export interface Fixture {
  anvil: Anvil;
  clients: Clients;
  accounts: NamedAccounts;
  deployment: Deployment;
  /** Undefined when started with `seed: false`. */
  seed: SeedResult | undefined;
  stop(): Promise<void>;
}

export interface FixtureOptions {
  /** Run seedDevnet after deploying (default true). */
  seed?: boolean;
  delays?: Pick<
    DeployCoreOptions,
    "withdrawalDelayBlocks" | "allocationDelayBlocks" | "deallocationDelayBlocks"
  >;
}

/**
 * A fresh anvil with the core deployed (and seeded unless `seed: false`). Call `stop()` in `after`.
 *
 * @example
 * const f = await fixture();
 * after(() => f.stop());
 */
export async function fixture(options: FixtureOptions = {}): Promise<Fixture> {
  const anvil = await startAnvil();
  try {
    const clients = createClients(anvil.rpcUrl);
    const deployed = await deployCore(clients, options.delays ?? testDelays);
    const seed = options.seed === false ? undefined : await seedDevnet(clients, deployed);
    const deployment = seed?.deployment ?? deployed;
    return { anvil, clients, accounts: accounts(), deployment, seed, stop: () => anvil.stop() };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}

export interface AvsFixture extends Fixture {
  /** The deployment with its `avs` section. */
  deployment: Deployment & { avs: NonNullable<Deployment["avs"]> };
  /** The registered operators, in accounts().avsOperators order, with their BLS keys and stakes. */
  operators: AvsOperator[];
}

export interface AvsFixtureOptions {
  /** One node URL per operator to register (default four: http://127.0.0.1:9010 … 9013, nothing listens). */
  nodeUrls?: readonly string[];
}

/**
 * The seeded fixture plus Palisade's AVS (deployTestAvs) with accounts().avsOperators registered
 * (registerAvsOperators: BLS keys operatorBlsKey(i), PoPs, node URLs, allocations, updateStakes).
 * A separate fixture so the core tests stay as fast as they were. Call `stop()` in `after`.
 *
 * @example
 * const f = await avsFixture({ nodeUrls: ports.map((port) => `http://127.0.0.1:${port}`) });
 * f.deployment.avs.serviceManager; f.operators[0].secretKey;
 */
export async function avsFixture(options: AvsFixtureOptions = {}): Promise<AvsFixture> {
  const base = await fixture();
  try {
    const deployment = await deployTestAvs(base.clients, base.deployment);
    const nodeUrls = options.nodeUrls ?? [0, 1, 2, 3].map((i) => `http://127.0.0.1:${9010 + i}`);
    const operators = await registerAvsOperators(base.clients, deployment, { nodeUrls });
    const avs = deployment.avs;
    if (!avs) throw new Error("unreachable: deployTestAvs sets the avs section");
    return { ...base, deployment: { ...deployment, avs }, operators };
  } catch (error) {
    await base.stop();
    throw error;
  }
}

export interface MarketplaceFixture extends Fixture {
  /** The deployment with its `marketplace` section. */
  deployment: Deployment & { marketplace: MarketplaceDeployment };
  /** The seeded providers, services and purchase (undefined with `seedMarketplace: false`). */
  market: SeedMarketplaceResult | undefined;
}

/**
 * The core (unseeded: the marketplace does not use it) plus the marketplace with the devnet
 * settings, its accounts funded, and (by default) two providers with a service each and a
 * purchase of 100 calls by the first consumer. Call `stop()` in `after`.
 *
 * @example
 * const f = await marketplaceFixture();
 * f.deployment.marketplace.marketplace; f.market?.purchaseId;
 */
export async function marketplaceFixture(
  options: { seedMarketplace?: boolean } = {},
): Promise<MarketplaceFixture> {
  const base = await fixture({ seed: false });
  try {
    const deployment = await deployTestMarketplace(base.clients, base.deployment);
    const market =
      options.seedMarketplace === false ? undefined : await seedMarketplace(base.clients, deployment);
    return { ...base, deployment, market };
  } catch (error) {
    await base.stop();
    throw error;
  }
}
