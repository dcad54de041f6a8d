import type { Deployment } from "@palisade/sdk";
import { accounts, type NamedAccounts } from "./accounts.ts";
import { type Anvil, startAnvil } from "./anvil.ts";
import { type Clients, createClients } from "./clients.ts";
import { type DeployCoreOptions, deployCore } from "./deployCore.ts";
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
