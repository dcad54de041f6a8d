/**
 * What the monitor watches: contracts (with their large-outflow thresholds and owner slots), oracles
 * (with their deviation thresholds), labels for suspects, and the approval-drain settings. Read from a
 * watch file (JSON, validated here), extended by `--watch <address>` and the deployment's contracts.
 */
import { readFile } from "node:fs/promises";
import { type Address, type Hex, isAddress } from "viem";
import { z } from "zod";
import { WatchFileError } from "./errors.ts";

/** `--watch` and watch-file contracts without a `minPercent`: a net outflow of this share alerts. */
export const DEFAULT_MIN_OUTFLOW_PERCENT = 20;
/** Distinct owners one spender must pull from (in a transaction or a block) for an approval-drain alert. */
export const DEFAULT_MIN_OWNERS = 3;
/** An externally owned spender with at most this nonce counts as fresh. */
export const DEFAULT_FRESH_MAX_NONCE = 10;
/** How far back the approval-to-EOA pattern looks for the Approval logs behind a pull. */
export const DEFAULT_APPROVAL_LOOKBACK_BLOCKS = 1_000;

/**
 * OpenZeppelin's ERC-7201 Ownable slot (OwnableUpgradeable, and the devnet's demo box):
 * keccak256(abi.encode(uint256(keccak256("openzeppelin.storage.Ownable")) - 1)) & ~0xff.
 */
export const OZ_OWNABLE_SLOT: Hex = "0x9016d09d72d40fdae2fd8ceac6b6234c7706214fd39c1cd1e609a0528c199300";

const address = z
  .string()
  .refine((value) => isAddress(value, { strict: false }), { message: "not a 20-byte hex address" })
  .transform((value) => value.toLowerCase() as Address);
const word = z
  .string()
  .regex(/^0x[0-9a-fA-F]{1,64}$/, { message: "a storage slot: 0x and up to 64 hex digits" })
  .transform((value) => `0x${value.slice(2).toLowerCase().padStart(64, "0")}` as Hex);
const units = z
  .string()
  .regex(/^(0|[1-9][0-9]*)$/, { message: "an amount in the asset's smallest unit, as a decimal string" })
  .transform(BigInt);
const assetKey = z.union([z.literal("native"), address]);
const label = z.string().min(1).max(100);
const percent = z.number().positive().max(10_000);
/**
 * The marketplace service (a uint32 ServiceId) that sells checks of this contract or oracle: an attested
 * alert about it names the service, and the threat-response contract pauses its purchases (decision 0008).
 */
const serviceId = z
  .number()
  .int()
  .min(1)
  .max(2 ** 32 - 1);

const contractSchema = z.strictObject({
  address,
  label: label.optional(),
  /** Large-outflow thresholds; `null` turns the detector off for this contract. */
  outflow: z
    .strictObject({
      minPercent: z.number().min(0).max(100).optional(),
      minAmount: z.record(z.string(), units).optional(),
    })
    .nullable()
    .optional(),
  /** Storage slots holding the owner, besides OpenZeppelin's ERC-7201 Ownable slot. */
  ownerSlots: z.array(word).optional(),
  serviceId: serviceId.optional(),
});

const oracleSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("uniswap-v2-pair"),
    address,
    label: label.optional(),
    /** The token priced: token1 per token0 (default) or token0 per token1. */
    base: z.enum(["token0", "token1"]).optional(),
    maxDeviationPercent: percent,
    serviceId: serviceId.optional(),
  }),
  z.strictObject({
    kind: z.literal("chainlink"),
    address,
    label: label.optional(),
    maxDeviationPercent: percent,
    serviceId: serviceId.optional(),
  }),
]);

export const watchFileSchema = z.strictObject({
  version: z.literal(1),
  contracts: z.array(contractSchema).optional(),
  oracles: z.array(oracleSchema).optional(),
  /** Addresses to name in alerts (and to treat as known-bad spenders in approval drains). */
  labels: z.record(z.string(), label).optional(),
  approvalDrain: z
    .strictObject({
      minOwners: z.number().int().min(2).max(1_000).optional(),
      freshMaxNonce: z.number().int().min(0).optional(),
      lookbackBlocks: z.number().int().min(0).max(1_000_000).optional(),
    })
    .optional(),
});
export type WatchFile = z.input<typeof watchFileSchema>;

export interface OutflowThresholds {
  minPercent: number;
  /** Per asset ("native" or a token), in its smallest unit. */
  minAmount: ReadonlyMap<Address | "native", bigint>;
}

export interface WatchedContract {
  address: Address;
  label: string | null;
  /** null: large outflow is not checked for this contract. */
  outflow: OutflowThresholds | null;
  /** 32-byte slots that hold the owner. */
  ownerSlots: readonly Hex[];
  /** The marketplace service of this contract (attested alerts name it); null: none. */
  serviceId: number | null;
}

export type WatchedOracle =
  | {
      kind: "uniswap-v2-pair";
      address: Address;
      label: string | null;
      base: "token0" | "token1";
      thresholdBps: number;
      serviceId: number | null;
    }
  | {
      kind: "chainlink";
      address: Address;
      label: string | null;
      thresholdBps: number;
      serviceId: number | null;
    };

export interface ApprovalDrainSettings {
  minOwners: number;
  freshMaxNonce: number;
  lookbackBlocks: number;
}

/** The resolved watch list (lower-case addresses). */
export interface WatchConfig {
  contracts: ReadonlyMap<Address, WatchedContract>;
  oracles: ReadonlyMap<Address, WatchedOracle>;
  labels: ReadonlyMap<Address, string>;
  approvalDrain: ApprovalDrainSettings;
}

/** A contract added by `--watch` or by the deployment: a name, and whether outflows are checked. */
export interface ExtraContract {
  address: Address;
  label?: string;
  /** Default true (`--watch`); the deployment's contracts are watched for ownership and upgrades only. */
  outflow?: boolean;
}

/** Validates a watch-file object; `source` names it in errors. */
export function parseWatchFile(value: unknown, source = "watch file"): z.output<typeof watchFileSchema> {
  const parsed = watchFileSchema.safeParse(value);
  if (!parsed.success) throw new WatchFileError(source, z.prettifyError(parsed.error));
  for (const key of Object.keys(parsed.data.labels ?? {}))
    if (!isAddress(key, { strict: false }))
      throw new WatchFileError(source, `labels: ${key} is not an address`);
  for (const contract of parsed.data.contracts ?? [])
    for (const key of Object.keys(contract.outflow?.minAmount ?? {}))
      if (!assetKey.safeParse(key).success)
        throw new WatchFileError(
          source,
          `contracts[${contract.address}].outflow.minAmount: ${key} is not "native" or an address`,
        );
  return parsed.data;
}

export async function loadWatchFile(path: string): Promise<z.output<typeof watchFileSchema>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new WatchFileError(
      path,
      (error as NodeJS.ErrnoException).code === "ENOENT" ? "not found" : "unreadable",
      error,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new WatchFileError(path, "is not valid JSON", error);
  }
  return parseWatchFile(json, path);
}

/**
 * Merges the watch file (which wins for an address it names) with extra contracts, in that order of
 * precedence: file, then `--watch`, then the deployment's.
 */
export function resolveWatch(
  file: z.output<typeof watchFileSchema> | undefined,
  extra: readonly ExtraContract[] = [],
): WatchConfig {
  const contracts = new Map<Address, WatchedContract>();
  for (const entry of file?.contracts ?? []) {
    const outflow =
      entry.outflow === null
        ? null
        : {
            minPercent: entry.outflow?.minPercent ?? DEFAULT_MIN_OUTFLOW_PERCENT,
            minAmount: new Map(
              Object.entries(entry.outflow?.minAmount ?? {}).map(
                ([key, value]) => [key.toLowerCase() as Address | "native", value] as const,
              ),
            ),
          };
    contracts.set(entry.address, {
      address: entry.address,
      label: entry.label ?? null,
      outflow,
      ownerSlots: [...new Set([OZ_OWNABLE_SLOT, ...(entry.ownerSlots ?? [])])],
      serviceId: entry.serviceId ?? null,
    });
  }
  for (const entry of extra) {
    const key = entry.address.toLowerCase() as Address;
    if (contracts.has(key)) continue;
    contracts.set(key, {
      address: key,
      label: entry.label ?? null,
      outflow:
        entry.outflow === false ? null : { minPercent: DEFAULT_MIN_OUTFLOW_PERCENT, minAmount: new Map() },
      ownerSlots: [OZ_OWNABLE_SLOT],
      serviceId: null,
    });
  }
  const oracles = new Map<Address, WatchedOracle>();
  for (const entry of file?.oracles ?? []) {
    const thresholdBps = Math.round(entry.maxDeviationPercent * 100);
    oracles.set(
      entry.address,
      entry.kind === "uniswap-v2-pair"
        ? {
            kind: entry.kind,
            address: entry.address,
            label: entry.label ?? null,
            base: entry.base ?? "token0",
            thresholdBps,
            serviceId: entry.serviceId ?? null,
          }
        : {
            kind: entry.kind,
            address: entry.address,
            label: entry.label ?? null,
            thresholdBps,
            serviceId: entry.serviceId ?? null,
          },
    );
  }
  const labels = new Map<Address, string>();
  for (const [key, value] of Object.entries(file?.labels ?? {}))
    labels.set(key.toLowerCase() as Address, value);
  return {
    contracts,
    oracles,
    labels,
    approvalDrain: {
      minOwners: file?.approvalDrain?.minOwners ?? DEFAULT_MIN_OWNERS,
      freshMaxNonce: file?.approvalDrain?.freshMaxNonce ?? DEFAULT_FRESH_MAX_NONCE,
      lookbackBlocks: file?.approvalDrain?.lookbackBlocks ?? DEFAULT_APPROVAL_LOOKBACK_BLOCKS,
    },
  };
}

/** Every watched address (contracts and oracles): a transaction touching one is traced. */
export function watchedAddresses(watch: WatchConfig): Set<Address> {
  return new Set([...watch.contracts.keys(), ...watch.oracles.keys()]);
}

/** The marketplace service the watch entry of `address` (a contract, else an oracle) names; 0: none. */
export function serviceIdOf(watch: WatchConfig, address: Address): number {
  return watch.contracts.get(address)?.serviceId ?? watch.oracles.get(address)?.serviceId ?? 0;
}

/** A contract's or oracle's label, else a label from the list, else null. */
export function labelOf(watch: WatchConfig, address: Address): string | null {
  return (
    watch.contracts.get(address)?.label ??
    watch.oracles.get(address)?.label ??
    watch.labels.get(address) ??
    null
  );
}
