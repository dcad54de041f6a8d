import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { type Address, getAddress, type Hex, isAddress } from "viem";
import { z } from "zod";
import { type AvsSettings, avsBounds, avsDefaults } from "./avsSettings.ts";
import { type CoreDelays, mainnetDelays, maxDelayBlocks } from "./delays.ts";
import {
  DeployConfigError,
  InvalidDeployerKeyError,
  InvalidRpcUrlError,
  MissingDeployerKeyError,
} from "./errors.ts";

export interface StrategyArgument {
  token: Address;
  /** Cap in whole tokens as typed ("100000", "2.5"); undefined: no cap. Scaled by `decimals()` later. */
  cap: string | undefined;
}

export interface DeployConfig {
  rpcUrl: string;
  /** From PALISADE_DEPLOYER_KEY; never printed. */
  privateKey: Hex;
  strategies: readonly StrategyArgument[];
  /** Undefined: the deployer. */
  owner: Address | undefined;
  /** Undefined: the owner. */
  pauser: Address | undefined;
  delays: CoreDelays;
  /** Absolute path; undefined: deployments/<chainId>.json under the working directory. */
  out: string | undefined;
  /** When given, the RPC must serve this chain. */
  chainId: number | undefined;
  /** Check and print the plan, send nothing. */
  dryRun: boolean;
  /** `--avs`: the AVS settings (requester and committee default to the owner); undefined: core only. */
  avs: AvsConfig | undefined;
  /**
   * `--marketplace`: deploy the utility token and the marketplace with production settings
   * (`marketplaceDefaults`); the treasury (`--treasury`, default the owner) receives the token supply.
   * The resolver, slash requester and veto committee are the AVS's (or the owner) until governance.
   */
  marketplace: { treasury: Address | undefined } | undefined;
}

/** The AVS settings as given; an undefined address means the final owner. */
export interface AvsConfig extends Omit<AvsSettings, "vetoCommittee" | "slashRequester"> {
  vetoCommittee: Address | undefined;
  slashRequester: Address | undefined;
}

export const usage = `Usage: npm run deploy -- --rpc-url <url> --strategy <token>[:<cap>] … [options]

  --rpc-url <url>                     JSON-RPC endpoint, http(s)://
  --strategy <token>[:<cap>]          add a strategy for this ERC-20; cap in whole tokens
                                      (e.g. 0x…:100000 or 0x…:2.5); no cap when omitted; repeatable
  --owner <address>                   final owner of the core (default: the deployer); another
                                      address must call acceptOwnership() on each contract
  --pauser <address>                  pauser of the core (default: the owner)
  --withdrawal-delay-blocks <n>       default ${mainnetDelays.withdrawalDelayBlocks} (14 days of 12 s blocks)
  --allocation-delay-blocks <n>       default ${mainnetDelays.allocationDelayBlocks} (1 day)
  --deallocation-delay-blocks <n>     default ${mainnetDelays.deallocationDelayBlocks} (14 days)
  --chain-id <id>                     refuse to deploy unless the RPC serves this chain
  --out <file>                        deployment file to write (default deployments/<chainId>.json);
                                      an existing file is never overwritten
  --avs                               also deploy the Palisade AVS (ServiceManager, OperatorRegistry)
                                      with operator set 0 over every strategy above
  --quorum-threshold-bps <n>          with --avs: stake a certificate needs, ${avsBounds.minQuorumThresholdBps}–${avsBounds.maxQuorumThresholdBps}
                                      (default ${avsDefaults.quorumThresholdBps}: ≥ 2/3)
  --veto-window-blocks <n>            with --avs: blocks to veto a slash request, at least 1 and
                                      below the deallocation delay (default: half of it, 7 days)
  --veto-committee <address>          with --avs: may veto slash requests (default: the owner)
  --slash-requester <address>         with --avs: may request slashes (default: the owner)
  --marketplace                       also deploy the marketplace: the PAL utility token (whole supply to
                                      the treasury), Marketplace, ReviewBoard, ProviderSlashing with
                                      production settings (7-day release at score 0, 14-day unstake)
  --treasury <address>                with --marketplace: receives the supply, protocol fees and slash
                                      remainders (default: the owner)
  --dry-run                           check and print the plan, send nothing
  --help                              this text

The deployer's private key is read from the environment variable PALISADE_DEPLOYER_KEY.`;

const address = z
  .string()
  .refine((value) => isAddress(value, { strict: false }), { message: "not a 20-byte hex address" })
  .transform((value): Address => getAddress(value));

const delay = z.coerce
  .number()
  .int()
  .min(0)
  .max(maxDelayBlocks, { message: `at most ${maxDelayBlocks} blocks (the contracts' limit)` });

const strategy = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}(:\d+(\.\d+)?)?$/, { message: "expected <token address>[:<cap in tokens>]" })
  .transform((value): StrategyArgument => {
    const [token = "", cap] = value.split(":");
    return { token: getAddress(token), cap };
  });

const schema = z.object({
  strategies: z
    .array(strategy)
    .min(1, { message: "give at least one --strategy" })
    .refine((list) => new Set(list.map((entry) => entry.token)).size === list.length, {
      message: "a token is given twice",
    }),
  owner: address.optional(),
  pauser: address.optional(),
  treasury: address.optional(),
  withdrawalDelayBlocks: delay.default(mainnetDelays.withdrawalDelayBlocks),
  allocationDelayBlocks: delay.default(mainnetDelays.allocationDelayBlocks),
  deallocationDelayBlocks: delay.default(mainnetDelays.deallocationDelayBlocks),
  chainId: z.coerce.number().int().positive().optional(),
  out: z.string().min(1).optional(),
  quorumThresholdBps: z.coerce
    .number()
    .int()
    .min(avsBounds.minQuorumThresholdBps)
    .max(avsBounds.maxQuorumThresholdBps)
    .default(avsDefaults.quorumThresholdBps),
  vetoWindowBlocks: z.coerce
    .number()
    .int()
    .min(avsBounds.minVetoWindowBlocks)
    .max(avsBounds.maxVetoWindowBlocks)
    .optional(),
  vetoCommittee: address.optional(),
  slashRequester: address.optional(),
});

const avsOnlyFlags = [
  "quorum-threshold-bps",
  "veto-window-blocks",
  "veto-committee",
  "slash-requester",
] as const;

const rpcUrlSchema = z.url({ protocol: /^https?$/ });
const privateKeySchema = z.string().regex(/^0x[0-9a-fA-F]{64}$/);

/**
 * Parses the command line and the environment. Throws DeployConfigError (or a named subclass:
 * InvalidRpcUrlError, MissingDeployerKeyError, InvalidDeployerKeyError); `help` set for `--help`.
 * Relative paths resolve from `cwd`.
 */
export function parseConfig(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): DeployConfig {
  let values: ReturnType<typeof parse>["values"];
  try {
    ({ values } = parse(argv));
  } catch (error) {
    throw new DeployConfigError(`${(error as Error).message}\n\n${usage}`);
  }
  if (values.help) throw new DeployConfigError(usage, true);

  const rpcUrl = values["rpc-url"];
  if (rpcUrl === undefined) throw new DeployConfigError(`--rpc-url is required\n\n${usage}`);
  if (!rpcUrlSchema.safeParse(rpcUrl).success) throw new InvalidRpcUrlError(rpcUrl);

  const key = env.PALISADE_DEPLOYER_KEY;
  if (key === undefined || key.trim() === "") throw new MissingDeployerKeyError();
  // Only success is looked at: a zod issue would quote the key.
  if (!privateKeySchema.safeParse(key.trim()).success) throw new InvalidDeployerKeyError();

  const withAvs = values.avs ?? false;
  const withMarketplace = values.marketplace ?? false;
  if (!withMarketplace && values.treasury !== undefined)
    throw new DeployConfigError(`--treasury needs --marketplace\n\n${usage}`);
  const stray = avsOnlyFlags.find((flag) => values[flag] !== undefined);
  if (!withAvs && stray) throw new DeployConfigError(`--${stray} needs --avs\n\n${usage}`);

  const parsed = schema.safeParse({
    strategies: values.strategy ?? [],
    owner: values.owner,
    pauser: values.pauser,
    treasury: values.treasury,
    withdrawalDelayBlocks: values["withdrawal-delay-blocks"],
    allocationDelayBlocks: values["allocation-delay-blocks"],
    deallocationDelayBlocks: values["deallocation-delay-blocks"],
    chainId: values["chain-id"],
    out: values.out,
    quorumThresholdBps: values["quorum-threshold-bps"],
    vetoWindowBlocks: values["veto-window-blocks"],
    vetoCommittee: values["veto-committee"],
    slashRequester: values["slash-requester"],
  });
  if (!parsed.success) {
    throw new DeployConfigError(`invalid arguments:\n${z.prettifyError(parsed.error)}\n\n${usage}`);
  }
  const config = parsed.data;
  const deallocation = config.deallocationDelayBlocks;
  if (withAvs && config.vetoWindowBlocks !== undefined && config.vetoWindowBlocks >= deallocation) {
    throw new DeployConfigError(
      `invalid arguments: --veto-window-blocks ${config.vetoWindowBlocks} must be below the deallocation delay (${deallocation} blocks): a request must become executable while an exiting operator is still slashable\n\n${usage}`,
    );
  }
  if (withAvs && config.vetoWindowBlocks === undefined && avsDefaults.vetoWindowBlocks(deallocation) < 1) {
    throw new DeployConfigError(
      `invalid arguments: a deallocation delay of ${deallocation} blocks leaves no room for a veto window (the AVS needs at least 2)\n\n${usage}`,
    );
  }
  return {
    rpcUrl,
    privateKey: key.trim() as Hex,
    strategies: config.strategies,
    owner: config.owner,
    pauser: config.pauser,
    delays: {
      withdrawalDelayBlocks: config.withdrawalDelayBlocks,
      allocationDelayBlocks: config.allocationDelayBlocks,
      deallocationDelayBlocks: config.deallocationDelayBlocks,
    },
    out: config.out === undefined ? undefined : resolve(cwd, config.out),
    chainId: config.chainId,
    dryRun: values["dry-run"] ?? false,
    avs: withAvs
      ? {
          quorumThresholdBps: config.quorumThresholdBps,
          vetoWindowBlocks: config.vetoWindowBlocks,
          vetoCommittee: config.vetoCommittee,
          slashRequester: config.slashRequester,
        }
      : undefined,
    marketplace: withMarketplace ? { treasury: config.treasury } : undefined,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      "rpc-url": { type: "string" },
      strategy: { type: "string", multiple: true },
      owner: { type: "string" },
      pauser: { type: "string" },
      "withdrawal-delay-blocks": { type: "string" },
      "allocation-delay-blocks": { type: "string" },
      "deallocation-delay-blocks": { type: "string" },
      "chain-id": { type: "string" },
      out: { type: "string" },
      avs: { type: "boolean" },
      marketplace: { type: "boolean" },
      treasury: { type: "string" },
      "quorum-threshold-bps": { type: "string" },
      "veto-window-blocks": { type: "string" },
      "veto-committee": { type: "string" },
      "slash-requester": { type: "string" },
      "dry-run": { type: "boolean" },
      help: { type: "boolean" },
    },
    strict: true,
    allowPositionals: false,
  });
}
