import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import type { Hex } from "viem";

const repoRoot = resolve(import.meta.dirname, "../../../..");

/** Deployed code of a contract built by forge (contracts/out), for tests. */
export function forgeRuntimeCode(contract: string): Hex {
  const path = join(repoRoot, "contracts/out", `${contract}.sol`, `${contract}.json`);
  const artifact = JSON.parse(readFileSync(path, "utf8")) as { deployedBytecode: { object: string } };
  return withPrefix(artifact.deployedBytecode.object);
}

/** Deployed code of a Uniswap V2 npm artifact (solc 0.5.16 / 0.6.6 builds), for tests. */
export function uniswapRuntimeCode(name: "UniswapV2Pair" | "UniswapV2Router02" | "WETH9"): Hex {
  const pkg = name === "UniswapV2Pair" ? "@uniswap/v2-core" : "@uniswap/v2-periphery";
  const path = createRequire(join(repoRoot, "package.json")).resolve(`${pkg}/build/${name}.json`);
  const artifact = JSON.parse(readFileSync(path, "utf8")) as {
    evm?: { deployedBytecode?: { object?: string } };
    deployedBytecode?: string;
  };
  return withPrefix(artifact.evm?.deployedBytecode?.object ?? artifact.deployedBytecode ?? "");
}

const withPrefix = (hex: string): Hex => (hex.startsWith("0x") ? hex : `0x${hex}`) as Hex;
