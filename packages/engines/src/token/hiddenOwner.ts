import {
  type AbiParameter,
  type Address,
  encodeFunctionData,
  type Hex,
  type PublicClient,
  parseAbiItem,
} from "viem";
import { EngineRpcError } from "../errors.ts";
import { isNodeRefusal, isRevert, orNull, TOKEN_RISK_ENGINE_ID } from "./rpc.ts";
import type { KnownFunction } from "./signatures.ts";

/** The caller of the control probe: keccak256("palisade.token-probe.caller"), keyless. */
export const PROBE_CALLER: Address = "0x067d395c67be9da4d94cca87f16e9d89b951efd4";
/** The address argument of probes (mint to, blacklist …): keccak256("palisade.token-probe.account"). */
export const PROBE_ACCOUNT: Address = "0x91c6e4399e915b0fe5ec94bb53566d550e5482d4";
/** Storage slots read for stored addresses: the first 32, where hand-written and template tokens keep roles. */
export const PROBED_STORAGE_SLOTS = 32;
/** At most this many privileged functions and candidate accounts are probed (bounded RPC cost). */
export const MAX_PROBED_FUNCTIONS = 6;
export const MAX_CANDIDATES = 8;

export interface HiddenOwnerParameters {
  token: Address;
  blockNumber: bigint;
  /** Known privileged functions the token answers (signatures.ts, actions only are probed). */
  functions: readonly KnownFunction[];
  /** The visible owner: not hidden, never a candidate. */
  owner: Address | null;
  /** Hard-coded addresses in the code (PUSH20). */
  constants: readonly string[];
  /** Addresses that are not owners whatever they hold (the pair, WETH, the factory …). */
  exclude: readonly string[];
}

export interface HiddenOwnerFinding {
  value: boolean | null;
  detail: string;
  /** The hidden privileged account found, if any. */
  account: Address | null;
}

/**
 * Looks for a privileged account other than owner(): each known privileged function (mint,
 * setBalance, pause, blacklist, setTaxes …) is called by eth_call at the block, first from a keyless
 * control address — if that succeeds the function is not gated and proves nothing — then from every
 * candidate: the addresses held in the first storage slots (the low 20 bytes of each word) and the
 * addresses hard-coded in the code. A candidate the gate lets through, while owner() is someone else
 * (or zero), is a hidden owner. Calls are simulations: nothing is sent.
 *
 * Limits: a role kept in a mapping (e.g. `isAdmin[account]`), or in a slot beyond the first 32, is not
 * a candidate; a gated function outside signatures.ts is not probed; dummy arguments (PROBE_ACCOUNT,
 * 1, true) may trip a check the real call would pass. A miss is "not found", not "absent".
 */
export async function probeHiddenOwner(
  client: PublicClient,
  parameters: HiddenOwnerParameters,
): Promise<HiddenOwnerFinding> {
  const functions = parameters.functions.filter((fn) => fn.action).slice(0, MAX_PROBED_FUNCTIONS);
  if (functions.length === 0)
    return { value: false, detail: "no known privileged function to probe", account: null };
  const { token, blockNumber } = parameters;

  const words = await Promise.all(
    Array.from({ length: PROBED_STORAGE_SLOTS }, (_, slot) =>
      orNull(client.getStorageAt({ address: token, slot: `0x${slot.toString(16)}`, blockNumber })).then(
        (word) => ({ slot, word: word ?? undefined }),
      ),
    ),
  );
  const excluded = new Set(
    [...parameters.exclude, token, parameters.owner ?? "", PROBE_CALLER, PROBE_ACCOUNT].map((a) =>
      a.toLowerCase(),
    ),
  );
  const where = new Map<string, string>();
  for (const { slot, word } of words) {
    const candidate = lowAddress(word);
    if (candidate && !where.has(candidate)) where.set(candidate, `storage slot ${slot}`);
  }
  for (const constant of parameters.constants)
    if (!where.has(constant)) where.set(constant, "a constant in the code");
  // In slot order, then the constants: deterministic, and roles declared early come first.
  const candidates = [...where.keys()]
    .filter((candidate) => !excluded.has(candidate))
    .slice(0, MAX_CANDIDATES);

  const attempt = (fn: KnownFunction, from: Address) =>
    allowed(client, token, calldataFor(fn.signature), from, blockNumber);
  const controls = await Promise.all(functions.map((fn) => attempt(fn, PROBE_CALLER)));
  const gated = functions.filter((_, i) => controls[i] === false);
  if (gated.length === 0)
    return {
      value: controls.includes(null) ? null : false,
      detail: controls.includes(null)
        ? "the node refused the probe calls"
        : `the known privileged functions (${functions.map((fn) => fn.signature).join(", ")}) accept any caller: no owner to hide`,
      account: null,
    };
  if (candidates.length === 0)
    return {
      value: false,
      detail: "no address in the first storage slots or the code other than the owner",
      account: null,
    };

  const outcomes = await Promise.all(
    gated.flatMap((fn) =>
      candidates.map(async (candidate) => ({ fn, candidate, ok: await attempt(fn, candidate as Address) })),
    ),
  );
  const hit = outcomes.find((outcome) => outcome.ok === true);
  if (hit) {
    const owner = parameters.owner === null ? "there is no owner()" : `owner() is ${parameters.owner}`;
    return {
      value: true,
      detail: `${hit.candidate} (${where.get(hit.candidate)}) may call ${hit.fn.signature}, which an arbitrary caller may not; ${owner}`,
      account: hit.candidate as Address,
    };
  }
  return {
    value: false,
    detail: `${candidates.length} stored or hard-coded address(es) were refused by ${gated.map((fn) => fn.signature).join(", ")}`,
    account: null,
  };
}

/** Whether `from` may call: true (the call succeeds), false (it reverts), null (the node refused). */
async function allowed(
  client: PublicClient,
  to: Address,
  data: Hex,
  from: Address,
  blockNumber: bigint,
): Promise<boolean | null> {
  try {
    await client.call({ account: from, to, data, blockNumber });
    return true;
  } catch (error) {
    if (isRevert(error)) return false;
    if (isNodeRefusal(error)) return null;
    throw new EngineRpcError(TOKEN_RISK_ENGINE_ID, error);
  }
}

/** Calldata for `signature` with dummy arguments: PROBE_ACCOUNT, 1, true, one-element arrays. */
export function calldataFor(signature: string): Hex {
  const item = parseAbiItem(`function ${signature}`);
  if (item.type !== "function") throw new Error(`not a function signature: ${signature}`);
  return encodeFunctionData({ abi: [item], functionName: item.name, args: item.inputs.map(dummy) } as never);
}

function dummy(parameter: AbiParameter): unknown {
  const type = parameter.type;
  if (type.endsWith("[]")) return [dummy({ ...parameter, type: type.slice(0, -2) })];
  if (type === "address") return PROBE_ACCOUNT;
  if (type === "bool") return true;
  if (type.startsWith("uint") || type.startsWith("int")) return 1n;
  if (type === "string") return "";
  if (type.startsWith("bytes")) return type === "bytes" ? "0x" : `0x${"00".repeat(Number(type.slice(5)))}`;
  throw new Error(`no dummy value for ${type}`);
}

/**
 * The low 20 bytes of a storage word as an address, when they look like one: at least 2^64 (not a
 * small number), and the 12 bytes above hold at most a few packed flags (< 2^32), which rules out
 * short strings and hashes.
 */
function lowAddress(word: Hex | undefined): string | null {
  if (!word) return null;
  const whole = BigInt(word);
  const value = whole & ((1n << 160n) - 1n);
  if (value < 1n << 64n || whole >> 160n >= 1n << 32n) return null;
  return `0x${value.toString(16).padStart(40, "0")}`;
}
