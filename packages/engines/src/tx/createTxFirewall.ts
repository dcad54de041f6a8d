import { type Address, type Hex, hexToNumber, isAddress, type PublicClient } from "viem";
import { z } from "zod";
import { issuesOf } from "../engine.ts";
import { EngineRpcError, InvalidInputError } from "../errors.ts";
import { createChainReader } from "./chainReads.ts";
import { collectChanges } from "./collectChanges.ts";
import { TX_FIREWALL_ENGINE_ID } from "./constants.ts";
import { BackendUnsupportedError, SimulationUnavailableError } from "./errors.ts";
import type { Execution } from "./execution.ts";
import type { TxLabels } from "./flagged.ts";
import { resolveTxFirewallPolicy, type TxFirewallPolicy, type TxFirewallPolicyInput } from "./policy.ts";
import { rpcRequest } from "./rpc.ts";
import { simulateWithSimulateV1 } from "./simulateV1.ts";
import { simulateWithTraceCall } from "./traceCall.ts";
import { buildTxFirewallReport, type TxFirewallReport } from "./txReport.ts";
import type { SimulatedTx, SimulationBackend } from "./types.ts";

export interface TxFirewallOptions {
  /** Label lists (a LabelIndex from loadLabels / createLabelIndex). Without them no address is flagged and list fields are null. */
  labels?: TxLabels;
  /** The verdict policy (see policy.ts); default defaultTxFirewallPolicy. */
  policy?: TxFirewallPolicyInput;
  /**
   * Simulation methods to try, in order; the first the node offers is used (and remembered per
   * client). Default: debug_traceCall (sees every call frame and storage writes), then eth_simulateV1.
   */
  backends?: readonly SimulationBackend[];
  /** With debug_traceCall, also run the prestate diff tracer to see EIP-1967 slot writes. Default true. */
  storageDiff?: boolean;
}

export interface TxFirewallParameters {
  from: string;
  /** Omitted or null: a contract creation. */
  to?: string | null;
  /** Wei: a bigint, a safe integer, or a decimal or 0x string. Default 0. */
  value?: bigint | number | string;
  /** Calldata (or init code), 0x-hex. Default 0x. */
  data?: string;
  /** Gas limit; default the node's call gas cap. */
  gas?: bigint | number | string;
  /** The block whose resulting state the transaction runs on; default the node's latest at call time. */
  block?: number;
  /** The chain the lists are matched for; default the node's eth_chainId. */
  chainId?: number;
}

export interface TxFirewall {
  /** "tx-firewall@1". */
  readonly id: string;
  /** The resolved policy this firewall judges by. */
  readonly policy: TxFirewallPolicy;
  /**
   * Simulates a transaction at a pinned block and judges it. A transaction that would revert or that
   * the node refuses is reported (status, failure), not thrown. Errors: InvalidInputError (parameters),
   * SimulationUnavailableError (the node offers no configured method), EngineRpcError (the node did not
   * answer, or not about the transaction: unknown block, pruned state …).
   */
  simulate(client: PublicClient, parameters: TxFirewallParameters): Promise<TxFirewallReport>;
}

const quantity = z
  .union([
    z.bigint().nonnegative(),
    z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    z.string().regex(/^(0x[0-9a-fA-F]{1,64}|[0-9]{1,78})$/, { message: "not a decimal or 0x quantity" }),
  ])
  .transform((value) => BigInt(value))
  .refine((value) => value < 1n << 256n, { message: "above 2^256 - 1" });
const address = z
  .string()
  .refine((value) => isAddress(value, { strict: false }), { message: "not a 20-byte hex address" })
  .transform((value) => value.toLowerCase() as Address);
const parametersSchema = z.strictObject({
  from: address,
  to: address.nullable().optional(),
  value: quantity.optional(),
  data: z
    .string()
    .regex(/^0x([0-9a-fA-F]{2})*$/, { message: "not 0x-hex bytes" })
    .transform((value) => value.toLowerCase() as Hex)
    .optional(),
  gas: quantity.optional(),
  block: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  chainId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});
const backendsSchema = z.array(z.enum(["debug_traceCall", "eth_simulateV1"])).min(1);

/**
 * The transaction firewall: simulates a transaction and reports its asset changes, approvals,
 * flagged counterparties, ownership and proxy changes and failure, with a verdict by the policy.
 * Deterministic: the same transaction, block, lists and policy give the same report (for one backend).
 *
 * @example
 * const firewall = createTxFirewall({ labels: await loadLabels(bundledLabelsDir) });
 * const report = await firewall.simulate(publicClient, { from, to: token, data: approveCalldata });
 * report.verdict; // "block"
 * report.rules[0]; // { rule: "unlimited-approval-to-eoa", action: "block", source: "policy:unlimited-approval-to-eoa", … }
 */
export function createTxFirewall(options: TxFirewallOptions = {}): TxFirewall {
  const policy = resolveTxFirewallPolicy(options.policy);
  const parsedBackends = backendsSchema.safeParse(options.backends ?? ["debug_traceCall", "eth_simulateV1"]);
  if (!parsedBackends.success)
    throw new InvalidInputError("invalid transaction firewall backends", issuesOf(parsedBackends.error));
  const backends = [...new Set(parsedBackends.data)];
  const storageDiff = options.storageDiff ?? true;
  const { labels } = options;
  // Per node (client): the methods it turned out not to offer, and its chain id.
  const unsupported = new WeakMap<PublicClient, Set<SimulationBackend>>();
  const chainIds = new WeakMap<PublicClient, number>();

  async function execute(client: PublicClient, tx: SimulatedTx, block: number): Promise<Execution> {
    let missing = unsupported.get(client);
    if (!missing) {
      missing = new Set();
      unsupported.set(client, missing);
    }
    let lastCause: unknown;
    for (const backend of backends) {
      if (missing.has(backend)) continue;
      try {
        return backend === "debug_traceCall"
          ? await simulateWithTraceCall(client, tx, block, storageDiff)
          : await simulateWithSimulateV1(client, tx, block);
      } catch (error) {
        if (!(error instanceof BackendUnsupportedError)) throw error;
        missing.add(backend);
        lastCause = error;
      }
    }
    throw new SimulationUnavailableError(backends, lastCause);
  }

  async function chainIdOf(client: PublicClient): Promise<number> {
    const known = chainIds.get(client);
    if (known !== undefined) return known;
    const chainId = hexToNumber(await must(rpcRequest<Hex>(client, "eth_chainId", [])));
    chainIds.set(client, chainId);
    return chainId;
  }

  async function simulate(client: PublicClient, parameters: TxFirewallParameters): Promise<TxFirewallReport> {
    const parsed = parametersSchema.safeParse(parameters);
    if (!parsed.success)
      throw new InvalidInputError(`invalid ${TX_FIREWALL_ENGINE_ID} parameters`, issuesOf(parsed.error));
    const input = parsed.data;
    const tx: SimulatedTx = {
      from: input.from,
      to: input.to ?? null,
      value: (input.value ?? 0n).toString(),
      data: input.data ?? "0x",
      gas: input.gas === undefined ? null : input.gas.toString(),
    };
    const [block, chainId] = await Promise.all([
      input.block ?? must(rpcRequest<Hex>(client, "eth_blockNumber", [])).then(hexToNumber),
      input.chainId ?? chainIdOf(client),
    ]);
    const execution = await execute(client, tx, block);
    const changes = await collectChanges({
      execution,
      tx,
      chainId,
      block,
      labels,
      reader: createChainReader(client, block),
    });
    return buildTxFirewallReport(changes, policy);
  }

  return { id: TX_FIREWALL_ENGINE_ID, policy, simulate };
}

async function must<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    throw new EngineRpcError(TX_FIREWALL_ENGINE_ID, error);
  }
}
