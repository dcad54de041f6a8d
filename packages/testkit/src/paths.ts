import { join, resolve } from "node:path";

/** The repository root (this file is packages/testkit/src/paths.ts). */
export const repoRoot = resolve(import.meta.dirname, "../../..");

/** The pinned anvil binary installed by `npm ci` (@foundry-rs/anvil-linux-amd64). */
export const anvilBinary = join(repoRoot, "node_modules/.bin/anvil");
