import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeDeployment } from "@palisade/sdk";
import { type GovernanceFixture, governanceFixture } from "@palisade/testkit";
import { main } from "../main.ts";
import { captureIo } from "./captureIo.ts";
import type { CliRun } from "./cliFixture.ts";

export interface GovCliFixture extends GovernanceFixture {
  /** The working directory the CLI runs in; it holds .palisade/devnet/deployment.json. */
  dir: string;
  /** Runs `palisade <argv…>` in-process against the fixture's chain. */
  run(argv: readonly string[], env?: Record<string, string>): Promise<CliRun>;
}

/**
 * The devnet's state under governance (testkit governanceFixture: the seeded core, the AVS, the seeded
 * marketplace, the Timelock owning them, gPAL minted to the stakers) with the deployment file where
 * `npm start` writes it, under a fresh working directory. The chain's clock runs ahead of wall time
 * (the hand-over passed the Timelock's delay).
 */
export async function govCliFixture(): Promise<GovCliFixture> {
  const base = await governanceFixture();
  try {
    const dir = mkdtempSync(join(tmpdir(), "palisade-cli-gov-"));
    await writeDeployment(join(dir, ".palisade/devnet/deployment.json"), base.deployment);
    return {
      ...base,
      dir,
      async run(argv, env = {}) {
        const io = captureIo({ cwd: dir, env });
        const code = await main(argv, io);
        return { code, out: io.out(), err: io.err(), json: <T>() => JSON.parse(io.out()) as T };
      },
    };
  } catch (error) {
    await base.stop();
    throw error;
  }
}
