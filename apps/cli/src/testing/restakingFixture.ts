import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Deployment, writeDeployment } from "@palisade/sdk";
import {
  type AvsFixture,
  avsFixture,
  deployTestGovernance,
  deployTestMarketplace,
  mine,
  type SeedMarketplaceResult,
  seedMarketplace,
} from "@palisade/testkit";
import { main } from "../main.ts";
import { captureIo } from "./captureIo.ts";
import type { CliRun } from "./cliFixture.ts";

export interface RestakingCliFixture extends Omit<AvsFixture, "deployment"> {
  /** The deployment as written to the file: the AVS, and the marketplace with `marketplace: true`. */
  deployment: Deployment & { avs: NonNullable<Deployment["avs"]> };
  /** The working directory the CLI runs in; it holds .palisade/devnet/deployment.json. */
  dir: string;
  /** The seeded marketplace, with `marketplace: true`. */
  market: SeedMarketplaceResult | undefined;
  /** Runs `palisade <argv…>` in-process against the fixture's chain. */
  run(argv: readonly string[], env?: Record<string, string>): Promise<CliRun>;
  /** Mines `blocks` empty blocks. */
  mine(blocks: number): Promise<void>;
  /** Rewrites the deployment file (e.g. with a governance section a test deployed). */
  writeDeployment(deployment: Deployment): Promise<void>;
}

/**
 * The devnet's restaking state for the operator, stake and status commands: the seeded core (three
 * operators with a staker each, the seeded set 0, a stETH rewards stream), Palisade's AVS with the four
 * operators registered with BLS keys, with `marketplace` the seeded marketplace, with `governance` also
 * governance (testkit's deployTestGovernance); the deployment file where `npm start` writes it, under
 * a fresh working directory.
 */
export async function restakingCliFixture(
  options: { marketplace?: boolean; governance?: boolean } = {},
): Promise<RestakingCliFixture> {
  const base = await avsFixture();
  try {
    let deployment: Deployment = base.deployment;
    let market: SeedMarketplaceResult | undefined;
    if (options.marketplace || options.governance) {
      const withMarketplace = await deployTestMarketplace(base.clients, deployment);
      market = await seedMarketplace(base.clients, withMarketplace);
      deployment = withMarketplace;
    }
    // Governance as the devnet has it: the Timelock owns everything, gPAL is the withdrawal gate and
    // the RevenueDistributor the marketplace's treasury; gPAL minted to every allocated staker.
    if (options.governance) deployment = (await deployTestGovernance(base.clients, deployment)).deployment;
    const dir = mkdtempSync(join(tmpdir(), "palisade-cli-restaking-"));
    const file = join(dir, ".palisade/devnet/deployment.json");
    await writeDeployment(file, deployment);
    return {
      ...base,
      deployment: { ...deployment, avs: base.deployment.avs },
      dir,
      market,
      async run(argv, env = {}) {
        const io = captureIo({ cwd: dir, env });
        const code = await main(argv, io);
        return { code, out: io.out(), err: io.err(), json: <T>() => JSON.parse(io.out()) as T };
      },
      mine: (blocks) => mine(base.clients, blocks),
      async writeDeployment(next) {
        await writeDeployment(file, next);
      },
    };
  } catch (error) {
    await base.stop();
    throw error;
  }
}
