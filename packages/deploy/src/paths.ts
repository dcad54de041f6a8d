import { resolve } from "node:path";

/** The repository root (this file is packages/deploy/src/paths.ts). */
export const repoRoot = resolve(import.meta.dirname, "../../..");

/** Forge's build output, read for deployment bytecode. */
export const forgeOutDir = resolve(repoRoot, "contracts/out");
