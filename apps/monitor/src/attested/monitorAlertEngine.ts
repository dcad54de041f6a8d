/**
 * `monitor-alert@1` (decision 0008): an operator node re-runs the monitor's detectors on what an alert
 * names and signs what *it* found — never what the alert claims. The response is the `AlertVerdict` the
 * ThreatResponse contract acts on.
 */
import {
  type Engine,
  type EngineRequest,
  type EngineResult,
  EngineRpcError,
  engineVersionOf,
  InvalidInputError,
  issuesOf,
} from "@palisade/engines";
import { type Address, getAddress, type Hex, keccak256, type PublicClient } from "viem";
import { z } from "zod";
import { type Alert, type AlertDraft, alertSchema, alertTypes, severities } from "../alert.ts";
import { pendingTransaction, toObservedTransaction } from "../chain/observe.ts";
import { createRpcStateReader } from "../chain/stateReader.ts";
import { reproduceDrafts, reproductionKey } from "../reproduce.ts";
import { serviceIdOf, type WatchConfig } from "../watch.ts";
import {
  type AlertVerdict,
  alertVerdictJson,
  encodeAlertVerdict,
  MONITOR_ALERT_ENGINE_ID,
  monitorAlertRequestHash,
  notReproduced,
} from "./alertVerdict.ts";
import { WatchDigestMismatchError } from "./errors.ts";
import { registeredOperatorsAt, suspectsOf } from "./implicated.ts";
import { watchDigest } from "./watchDigest.ts";

const id = MONITOR_ALERT_ENGINE_ID;
const engineVersion = engineVersionOf(id);
/** uint32: a verdict's reference block on-chain. */
const MAX_UINT32 = 2 ** 32 - 1;

const requestSchema = z.strictObject({
  /** A `palisade.alert/1` alert, as the monitor emitted it (validated with alertSchema below). */
  alert: z.unknown(),
  watchDigest: z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/, { message: "expected a 0x-prefixed 32-byte hex string" })
    .transform((value) => value.toLowerCase() as Hex),
  /** Added by the aggregator; must be the alert's own block (below). */
  referenceBlock: z.number().int().min(0).max(MAX_UINT32).optional(),
});

/** A `monitor-alert@1` request after parsing. */
export interface MonitorAlertRequest {
  alert: Alert;
  watchDigest: Hex;
  /** `evidence.stateBlock` for a pending alert, `block` for a mined one. */
  referenceBlock: number;
}

export interface MonitorAlertEngineOptions {
  /** The resolved watch (the operators' watch file plus the deployment's contracts). */
  watch: WatchConfig;
  /** The chain this node judges (the deployment's). */
  chainId: number;
  /** The deployment's OperatorRegistry: implicated operators are the suspects registered there. */
  operatorRegistry: Address;
}

/** The running engine, with the digest it answers for (logged at start-up). */
export interface MonitorAlertEngine extends Engine {
  readonly watchDigest: Hex;
}

function invalid(message: string, path: string, detail: string): InvalidInputError {
  return new InvalidInputError(`${id}: ${message}`, [{ path, message: detail }]);
}

/** Whether the node knows transaction `hash` (pending or mined) exactly as the alert's evidence has it. */
async function matchesChain(client: PublicClient, alert: Alert): Promise<boolean> {
  const raw = await pendingTransaction(client, alert.tx as Hex);
  if (raw === null) return false;
  const tx = toObservedTransaction(raw);
  const evidence = alert.evidence.transaction;
  return (
    tx.hash === alert.tx &&
    tx.from === evidence.from &&
    tx.to === evidence.to &&
    tx.value.toString() === evidence.value &&
    tx.input === evidence.input &&
    tx.gas.toString() === evidence.gas &&
    tx.nonce === evidence.nonce
  );
}

/**
 * The `monitor-alert@1` engine. Request: `{ alert, watchDigest }` (the aggregator adds `referenceBlock`,
 * which must be the alert's: `evidence.stateBlock` pending, `block` mined). `run` re-runs the detectors
 * (`reproduceAlert`) and answers `abi.encode(AlertVerdict)`; an alert they do not find — or a pending
 * alert whose transaction this node's RPC does not know with the evidence's fields — is
 * `reproduced = false` with zeros.
 *
 * @example
 * const engine = createMonitorAlertEngine({ watch, chainId: 31337, operatorRegistry });
 * const request = engine.parseRequest({ alert, watchDigest: engine.watchDigest });
 * decodeAlertVerdict((await engine.run(client, request)).encoded).reproduced; // true
 */
/** Analyses kept for the alerts that share them (a few attacks' worth). */
const ANALYSIS_CACHE = 32;

export function createMonitorAlertEngine(options: MonitorAlertEngineOptions): MonitorAlertEngine {
  const { watch, chainId } = options;
  const own = watchDigest(watch);
  const operatorRegistry = getAddress(options.operatorRegistry);

  function parse(input: unknown): MonitorAlertRequest {
    const parsed = requestSchema.safeParse(input);
    if (!parsed.success) throw new InvalidInputError(`invalid ${id} request`, issuesOf(parsed.error));
    const checked = alertSchema.safeParse(parsed.data.alert);
    if (!checked.success)
      throw new InvalidInputError(
        `invalid ${id} request: the alert is not a palisade.alert/1 alert`,
        issuesOf(checked.error).map((issue) => ({ ...issue, path: `alert.${issue.path}` })),
      );
    const alert = checked.data;
    if (alert.chainId !== chainId)
      throw invalid(
        `the alert is about chain ${alert.chainId}`,
        "alert.chainId",
        `this node judges chain ${chainId}`,
      );
    if (alert.source === "block" && alert.block === null)
      throw invalid("a block alert without a block", "alert.block", "a mined alert names its block");
    if (alert.source === "mempool" && alert.block !== null)
      throw invalid("a pending alert with a block", "alert.block", "null while pending");
    if (parsed.data.watchDigest !== own) throw new WatchDigestMismatchError(parsed.data.watchDigest, own);
    const referenceBlock = alert.source === "mempool" ? alert.evidence.stateBlock : (alert.block as number);
    if (referenceBlock > MAX_UINT32)
      throw invalid(`block ${referenceBlock} does not fit uint32`, "alert.block", "at most 2^32 − 1");
    const requested = parsed.data.referenceBlock;
    if (requested !== undefined && requested !== referenceBlock)
      throw invalid(
        `referenceBlock ${requested} is not the alert's block ${referenceBlock}`,
        "referenceBlock",
        "the verdict is pinned where the alert's detector read the chain: evidence.stateBlock pending, block mined",
      );
    return { alert, watchDigest: own, referenceBlock };
  }

  // One attack raises several alerts (flash loan, outflow, moved price) from one analysis, and each is
  // a task of its own: the analysis runs once per transaction (or block) and the others reuse it.
  const analyses = new Map<string, Promise<AlertDraft[]>>();
  function analysisOf(client: PublicClient, alert: Alert): Promise<AlertDraft[]> {
    const key = reproductionKey(alert);
    let analysis = analyses.get(key);
    if (analysis === undefined) {
      analysis = reproduceDrafts(client, { chainId, watch }, alert, createRpcStateReader(client));
      analyses.set(key, analysis);
      analysis.catch(() => analyses.delete(key));
      if (analyses.size > ANALYSIS_CACHE) {
        const oldest = analyses.keys().next().value;
        if (oldest !== undefined) analyses.delete(oldest);
      }
    }
    return analysis;
  }

  async function verdictOf(client: PublicClient, request: MonitorAlertRequest): Promise<AlertVerdict> {
    const { alert, referenceBlock } = request;
    // A pending alert names its transaction's fields: the node simulates those, so they must be the
    // transaction the hash names (else anyone could have any simulated "pending" attack certified).
    if (alert.source === "mempool" && !(await matchesChain(client, alert)))
      return notReproduced(alert.id as Hex, chainId);
    const draft: AlertDraft | undefined = (await analysisOf(client, alert)).find((d) => d.id === alert.id);
    if (draft === undefined) return notReproduced(alert.id as Hex, chainId);
    const protocol = draft.addresses[0] as Address;
    return {
      alertId: draft.id as Hex,
      chainId: BigInt(chainId),
      reproduced: true,
      alertType: alertTypes.indexOf(draft.type),
      severity: severities.indexOf(draft.severity),
      protocol: getAddress(protocol),
      serviceId: BigInt(serviceIdOf(watch, protocol)),
      implicatedOperators: await registeredOperatorsAt(
        client,
        operatorRegistry,
        suspectsOf(draft),
        referenceBlock,
      ),
    };
  }

  return {
    id,
    engineVersion,
    watchDigest: own,
    description: "An alert of the monitor, reproduced by re-running its detectors at the alert's block",
    parseRequest(input: unknown): EngineRequest {
      const value = parse(input);
      const { alert } = value;
      const requestHash = monitorAlertRequestHash({
        engineVersion,
        chainId,
        alertId: alert.id as Hex,
        txHash: alert.tx as Hex,
        source: alert.source,
        stateBlock: alert.evidence.stateBlock,
        block: alert.block ?? 0,
        watchDigest: own,
      });
      return { requestHash, referenceBlock: value.referenceBlock, value };
    },
    referenceBlockOf: (input: unknown) => parse(input).referenceBlock,
    async run(client: PublicClient, request: EngineRequest): Promise<EngineResult> {
      let verdict: AlertVerdict;
      try {
        verdict = await verdictOf(client, request.value as MonitorAlertRequest);
      } catch (error) {
        // An RPC that failed is no answer: signing "not reproduced" for it would split honest nodes.
        throw new EngineRpcError(id, error);
      }
      const encoded = encodeAlertVerdict(verdict);
      return {
        encoded,
        responseHash: keccak256(encoded),
        json: { verdict: alertVerdictJson(verdict), response: encoded },
      };
    },
  };
}
