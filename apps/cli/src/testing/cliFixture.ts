import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeDeployment } from "@palisade/sdk";
import { type MarketplaceFixture, marketplaceFixture, seedMarketplace } from "@palisade/testkit";
import { main } from "../main.ts";
import { captureIo } from "./captureIo.ts";

export interface CliRun {
  code: number;
  out: string;
  err: string;
  /** stdout parsed as JSON (for runs with --json). */
  json<T = Record<string, unknown>>(): T;
}

export interface CliFixture extends MarketplaceFixture {
  /** The working directory the CLI runs in; it holds .palisade/devnet/deployment.json. */
  dir: string;
  /** Runs `palisade <argv…>` in-process against the fixture's chain. */
  run(argv: readonly string[], env?: Record<string, string>): Promise<CliRun>;
  /** Moves the chain's clock forward and mines a block. */
  advance(seconds: number): Promise<void>;
}

/**
 * A marketplace fixture whose deployment file sits where `npm start` writes it, under a fresh
 * working directory, and a runner for main() with captured output. `endpoints` gives the seeded
 * providers' endpoints once the marketplace is deployed (default: the testkit's, where nothing listens).
 */
export async function cliFixture(
  options: { endpoints?: (base: MarketplaceFixture) => Promise<readonly [string, string]> } = {},
): Promise<CliFixture> {
  const base = await marketplaceFixture({ seedMarketplace: false });
  try {
    const endpoints = options.endpoints ? await options.endpoints(base) : undefined;
    const market = await seedMarketplace(base.clients, base.deployment, endpoints ? { endpoints } : {});
    const dir = mkdtempSync(join(tmpdir(), "palisade-cli-"));
    await writeDeployment(join(dir, ".palisade/devnet/deployment.json"), base.deployment);
    return {
      ...base,
      market,
      dir,
      async run(argv, env = {}) {
        const io = captureIo({ cwd: dir, env });
        const code = await main(argv, io);
        return { code, out: io.out(), err: io.err(), json: <T>() => JSON.parse(io.out()) as T };
      },
      async advance(seconds) {
        await base.clients.test.increaseTime({ seconds });
        await base.clients.test.mine({ blocks: 1 });
      },
    };
  } catch (error) {
    await base.stop();
    throw error;
  }
}
