import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { type Address, getAddress, isAddress } from "viem";
import { z } from "zod";
import {
  AvsNotDeployedError,
  DeploymentFileError,
  GovernanceNotDeployedError,
  MarketplaceNotDeployedError,
  UnknownStrategyError,
} from "./errors/deploymentFile.ts";

const address = z
  .string()
  .refine((value) => isAddress(value, { strict: false }), { message: "not a 20-byte hex address" })
  .transform((value): Address => getAddress(value));

const blocks = z.number().int().nonnegative();

/**
 * The AVS section of a deployment file. `quorumVerifier` and `slashingCoordinator` name where the
 * QuorumVerifier and SlashingCoordinator ABIs are served: today the OperatorRegistry inherits the
 * QuorumVerifier and the ServiceManager the SlashingCoordinator, so they repeat those two addresses;
 * clients pick the address by the ABI they use and keep working if the contracts are ever split.
 */
export const avsDeploymentSchema = z.object({
  serviceManager: address,
  operatorRegistry: address,
  quorumVerifier: address,
  slashingCoordinator: address,
  /** Palisade's operator set in the core: (serviceManager, operatorSetId). */
  operatorSetId: z.number().int().nonnegative(),
  /** Block of the first AVS deployment transaction: where AVS indexers start. */
  deployedAtBlock: blocks,
});

/** The marketplace section of a deployment file: the utility token and the marketplace contracts. */
export const marketplaceDeploymentSchema = z.object({
  utilityToken: address,
  marketplace: address,
  reviewBoard: address,
  providerSlashing: address,
  /** The devnet faucet of utility tokens (seeded accounts only); absent on real chains. */
  faucet: address.optional(),
  /** Block of the first marketplace deployment transaction: where marketplace indexers start. */
  deployedAtBlock: blocks,
});

/**
 * A Uniswap V2 deployment (the devnet's demo DEX, or a real chain's) whose WETH pairs the token risk
 * engine simulates trades through; `tokens` lists tokens deployed with it (the devnet's demo tokens).
 */
export const dexDeploymentSchema = z.object({
  factory: address,
  router: address,
  weth: address,
  tokens: z.record(
    z.string().min(1),
    z.object({ symbol: z.string(), address, pair: address, behaviour: z.string() }),
  ),
});

/**
 * Governance (decision 0006) and the revenue split (decision 0007): the governance token gPAL (also the
 * DelegationManager's withdrawal gate), the governor and the timelock that owns the marketplace, core
 * and AVS admin roles, the veto committee, the RevenueDistributor (the marketplace's treasury) and the
 * ThreatResponse (decision 0008) once deployed.
 */
export const governanceDeploymentSchema = z.object({
  governanceToken: address,
  governor: address,
  timelock: address,
  /** The account (a multisig on a real chain) that may cancel disciplinary slashing proposals before their ETA. */
  vetoCommittee: address,
  revenueDistributor: address,
  /** The threat-response contract acting on attested alerts (decision 0008); absent until deployed. */
  threatResponse: address.optional(),
  /** Block of the first governance deployment transaction: where governance indexers start. */
  deployedAtBlock: blocks,
});

/** Schema of the deployment file written by the devnet (or a deploy script) and read by every client. */
export const deploymentSchema = z.object({
  /** Format version of this file. */
  version: z.literal(1),
  chainId: z.number().int().positive(),
  rpcUrl: z.url({ protocol: /^(https?|wss?)$/ }),
  deployer: address,
  /** Block of the first deployment transaction: where indexers start. */
  deployedAtBlock: blocks,
  contracts: z.object({
    strategyManager: address,
    delegationManager: address,
    allocationManager: address,
    rewardsCoordinator: address,
  }),
  /** Strategies by token symbol. */
  strategies: z.record(z.string().min(1), z.object({ token: address, strategy: address })),
  delays: z.object({ withdrawalBlocks: blocks, allocationBlocks: blocks, deallocationBlocks: blocks }),
  /** The operator set the devnet seeds (Palisade's), when there is one. */
  operatorSet: z.object({ avs: address, id: z.number().int().nonnegative() }).optional(),
  /** The Palisade AVS, when it is deployed (`npm run deploy -- --avs`, the devnet); older files have none. */
  avs: avsDeploymentSchema.optional(),
  /** The marketplace, when it is deployed (`npm run deploy -- --marketplace`, the devnet). */
  marketplace: marketplaceDeploymentSchema.optional(),
  /** A Uniswap V2 with demo tokens (the devnet deploys one), for the token risk engine. */
  dex: dexDeploymentSchema.optional(),
  /** Governance, the revenue distributor and the threat response, when deployed (the devnet does). */
  governance: governanceDeploymentSchema.optional(),
});

export type Deployment = z.output<typeof deploymentSchema>;
export type DeploymentInput = z.input<typeof deploymentSchema>;
export type CoreContracts = Deployment["contracts"];
export type AvsDeployment = z.output<typeof avsDeploymentSchema>;
export type MarketplaceDeployment = z.output<typeof marketplaceDeploymentSchema>;
export type DexDeployment = z.output<typeof dexDeploymentSchema>;
export type GovernanceDeployment = z.output<typeof governanceDeploymentSchema>;

/** Validates a deployment object; `source` names it in errors (a path, "input" …). */
export function parseDeployment(value: unknown, source = "input"): Deployment {
  const parsed = deploymentSchema.safeParse(value);
  if (!parsed.success) {
    throw new DeploymentFileError(source, "does not match the deployment schema", {
      details: z.prettifyError(parsed.error),
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/**
 * Reads and validates a deployment file.
 *
 * @example
 * const deployment = await loadDeployment(".palisade/devnet/deployment.json");
 * deployment.contracts.delegationManager; // checksummed Address
 */
export async function loadDeployment(path: string): Promise<Deployment> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    throw new DeploymentFileError(
      path,
      missing ? "not found (is the devnet running? `npm start`)" : "unreadable",
      {
        cause: error,
      },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DeploymentFileError(path, "is not valid JSON", { cause: error });
  }
  return parseDeployment(json, path);
}

/** Validates and writes a deployment file atomically (temporary file, then rename). */
export async function writeDeployment(path: string, deployment: DeploymentInput): Promise<Deployment> {
  const valid = parseDeployment(deployment, path);
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(valid, null, 2)}\n`);
  await rename(temporary, path);
  return valid;
}

/** The strategy and token of `symbol` (e.g. "stETH"), or UnknownStrategyError. */
export function strategyOf(deployment: Deployment, symbol: string): { token: Address; strategy: Address } {
  const entry = deployment.strategies[symbol];
  if (!entry) throw new UnknownStrategyError(symbol, Object.keys(deployment.strategies));
  return entry;
}

/** The deployment's AVS section, or AvsNotDeployedError when the AVS is not deployed there. */
export function avsOf(deployment: Deployment): AvsDeployment {
  if (!deployment.avs) throw new AvsNotDeployedError();
  return deployment.avs;
}

/** The deployment's marketplace section, or MarketplaceNotDeployedError when it has none. */
export function marketplaceOf(deployment: Deployment): MarketplaceDeployment {
  if (!deployment.marketplace) throw new MarketplaceNotDeployedError();
  return deployment.marketplace;
}

/** The deployment's governance section, or GovernanceNotDeployedError when it has none. */
export function governanceOf(deployment: Deployment): GovernanceDeployment {
  if (!deployment.governance) throw new GovernanceNotDeployedError();
  return deployment.governance;
}
