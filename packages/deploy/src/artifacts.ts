import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Hex } from "viem";
import { ArtifactNotFoundError } from "./errors.ts";
import { forgeOutDir } from "./paths.ts";

/** Creation bytecode of `contract` from contracts/out/<file>/<contract>.json (file defaults to `<contract>.sol`). */
export function bytecodeOf(contract: string, file = `${contract}.sol`): Hex {
  const path = join(forgeOutDir, file, `${contract}.json`);
  if (!existsSync(path)) throw new ArtifactNotFoundError(path);
  const artifact = JSON.parse(readFileSync(path, "utf8")) as { bytecode?: { object?: string } };
  const object = artifact.bytecode?.object;
  if (!object || object === "0x") throw new ArtifactNotFoundError(path);
  return (object.startsWith("0x") ? object : `0x${object}`) as Hex;
}
