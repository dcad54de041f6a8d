/**
 * Monitor → certificate (decision 0008): each alert at or above `--attest-min-severity` becomes an urgent
 * `monitor-alert@1` task at the aggregator; once the operators' certificate is on-chain the monitor emits
 * an attestation record (the alert id, the decoded verdict and the `Attestation` a ThreatResponse call
 * takes). An attack is usually alerted twice (pending, then mined, one id): the pending detection is
 * attested; the mined one only when the pending attestation failed or did not reproduce (the nodes may
 * not have seen the transaction pending).
 *
 * With a responder (`--respond-key`), the certified verdict is also presented to the ThreatResponse
 * as soon as its submitBatch is sent (see respond.ts), and the record carries the response's outcome.
 */
import {
  AggregatorHttpError,
  submitTask,
  type WaitForBatchSentReturnType,
  type WaitForCertificateReturnType,
  waitForBatchSent,
  waitForCertificate,
} from "@palisade/sdk";
import type { Logger } from "pino";
import { type Hash, type Hex, isHex, keccak256 } from "viem";
import { type Alert, type Severity, severities } from "../alert.ts";
import type { MonitorMetrics } from "../metrics.ts";
import { alertVerdictJson, decodeAlertVerdict, MONITOR_ALERT_ENGINE_ID } from "./alertVerdict.ts";
import { ATTESTATION_SCHEMA, type AttestationRecord } from "./attestationRecord.ts";
import type { ThreatResponder } from "./respond.ts";

export interface AlertAttesterOptions {
  aggregatorUrl: string;
  /** This monitor's watch digest: the nodes refuse a request naming another. */
  watchDigest: Hex;
  /** Alerts below this severity are not attested. */
  minSeverity: Severity;
  logger: Logger;
  metrics?: MonitorMetrics | undefined;
  /** Each certified alert's record (the sinks). */
  onRecord(record: AttestationRecord): void;
  /** Presents each certified, actionable verdict to the ThreatResponse (`--respond-key`). */
  responder?: ThreatResponder | undefined;
  /** Give up on a certificate after this long (default 60 s). */
  timeoutMs?: number;
  /** How often the task is read while waiting (default 20 ms: the certificate is wanted within a block). */
  pollMs?: number;
  now?: () => number;
}

export interface AlertAttester {
  /** Attests `alert` in the background when its severity is high enough (never throws). */
  attest(alert: Alert): void;
  /** Stops taking alerts and waits for those in flight, at most `timeoutMs` (default 5 s). */
  close(timeoutMs?: number): Promise<void>;
}

type Outcome = "reproduced" | "not_reproduced" | "failed";

interface AlertState {
  running: boolean;
  /** Certified as reproduced: nothing more to attest for this id. */
  done: boolean;
  /** A later detection of the same id, attested if the running one does not reproduce. */
  fallback?: Alert | undefined;
}

/** Why an attempt failed, for the log line (the aggregator's refusal names its code and reason). */
function reasonOf(error: unknown): string {
  if (error instanceof AggregatorHttpError) return error.shortMessage;
  return (
    (error as { shortMessage?: string }).shortMessage ??
    (error instanceof Error ? error.message : String(error))
  );
}

/**
 * @example
 * const attester = createAlertAttester({ aggregatorUrl, watchDigest, minSeverity: "high", logger, onRecord });
 * createEmitter({ …, onAlert: (alert) => attester.attest(alert) });
 */
export function createAlertAttester(options: AlertAttesterOptions): AlertAttester {
  const { logger, metrics } = options;
  const now = options.now ?? Date.now;
  const minRank = severities.indexOf(options.minSeverity);
  const states = new Map<string, AlertState>();
  const inFlight = new Set<Promise<void>>();
  let closed = false;

  /** The bytes the operators signed: their hash is the certified responseHash, or they are not these. */
  function responseOf(task: WaitForBatchSentReturnType): Hex {
    const answer = task.responses.find((r) => r.responseHash === task.verdict.responseHash)?.response as
      | { response?: unknown }
      | undefined;
    const response = answer?.response;
    if (typeof response !== "string" || !isHex(response) || keccak256(response) !== task.verdict.responseHash)
      throw new Error(`task ${task.id}: the aggregator did not return the certified response bytes`);
    return response;
  }

  function recordOf(alert: Alert, task: WaitForCertificateReturnType): AttestationRecord {
    const response = responseOf(task);
    const certifiedAt = now();
    return {
      schema: ATTESTATION_SCHEMA,
      kind: "attestation",
      alertId: alert.id,
      chainId: alert.chainId,
      tx: alert.tx,
      source: alert.source,
      engine: MONITOR_ALERT_ENGINE_ID,
      engineVersion: task.engineVersion,
      watchDigest: options.watchDigest,
      verdict: alertVerdictJson(decodeAlertVerdict(response)),
      attestation: {
        batchRoot: task.batch.batchRoot,
        requestHash: task.id,
        referenceBlock: task.referenceBlock,
        response,
        proof: task.batch.proof,
      },
      responseHash: task.verdict.responseHash,
      submitTx: task.batch.txHash,
      submittedBlock: task.batch.submittedBlock,
      signedStake: task.verdict.signedStake.toString(),
      totalStake: task.verdict.totalStake.toString(),
      detectedAt: alert.detectedAt,
      certifiedAt,
      latencyMs: certifiedAt - alert.detectedAt,
    };
  }

  async function attempt(alert: Alert): Promise<Outcome> {
    const log = { alert: alert.id, source: alert.source, type: alert.type, severity: alert.severity };
    try {
      const task = await submitTask(options.aggregatorUrl, {
        engine: MONITOR_ALERT_ENGINE_ID,
        request: { alert, watchDigest: options.watchDigest },
        urgent: true,
      });
      logger.info({ ...log, task: task.id, referenceBlock: task.referenceBlock }, "alert task opened");
      const wait = { timeoutMs: options.timeoutMs ?? 60_000, pollMs: options.pollMs ?? 20 };
      const responseTx = options.responder
        ? await respondEarly(options.responder, await waitForBatchSent(options.aggregatorUrl, task.id, wait))
        : undefined;
      const done = await waitForCertificate(options.aggregatorUrl, task.id, wait);
      const record = recordOf(alert, done);
      if (options.responder && responseTx) {
        const outcome = await options.responder.outcome(responseTx);
        record.threatResponse = { ...outcome, latencyMs: now() - alert.detectedAt };
        (outcome.status === "success" ? logger.warn : logger.error).call(
          logger,
          {
            ...log,
            responseTx,
            block: outcome.block,
            actions: outcome.actions,
            pausedUntil: outcome.pausedUntil,
          },
          outcome.status === "success" ? "threat response in force" : "threat response reverted",
        );
      }
      const outcome: Outcome = record.verdict.reproduced ? "reproduced" : "not_reproduced";
      metrics?.attestations.inc({ result: outcome });
      metrics?.attestationSeconds.observe(Math.max(0, record.latencyMs) / 1000);
      (outcome === "reproduced" ? logger.warn : logger.info).call(
        logger,
        {
          ...log,
          task: done.id,
          reproduced: record.verdict.reproduced,
          implicatedOperators: record.verdict.implicatedOperators,
          submitTx: record.submitTx,
          latencyMs: record.latencyMs,
        },
        outcome === "reproduced"
          ? "alert certified by the operators"
          : "alert certified as not reproduced by the operators",
      );
      options.onRecord(record);
      return outcome;
    } catch (error) {
      metrics?.attestations.inc({ result: "failed" });
      logger.error({ ...log, reason: reasonOf(error) }, "alert not certified");
      return "failed";
    }
  }

  /** Sends the response once the certificate is on its way; a refusal to send is logged, not thrown. */
  async function respondEarly(
    responder: ThreatResponder,
    sent: WaitForBatchSentReturnType,
  ): Promise<Hash | undefined> {
    const verdict = decodeAlertVerdict(responseOf(sent));
    try {
      if (!(await responder.wants(verdict))) return undefined;
      const tx = await responder.send(
        {
          batchRoot: sent.batch.batchRoot,
          requestHash: sent.id,
          referenceBlock: sent.referenceBlock,
          response: responseOf(sent),
          proof: sent.batch.proof,
        },
        verdict,
      );
      logger.info(
        { alert: verdict.alertId, responseTx: tx, submitTx: sent.batch.txHash },
        "threat response sent",
      );
      return tx;
    } catch (error) {
      logger.error({ alert: verdict.alertId, reason: reasonOf(error) }, "threat response not sent");
      return undefined;
    }
  }

  function start(alert: Alert, state: AlertState): void {
    state.running = true;
    const job = attempt(alert).then((outcome) => {
      state.running = false;
      if (outcome === "reproduced") state.done = true;
      const next = state.fallback;
      state.fallback = undefined;
      if (!state.done && next && !closed) start(next, state);
    });
    inFlight.add(job);
    void job.finally(() => inFlight.delete(job));
  }

  return {
    attest(alert) {
      if (closed || severities.indexOf(alert.severity) < minRank) return;
      let state = states.get(alert.id);
      if (!state) {
        state = { running: false, done: false };
        states.set(alert.id, state);
      }
      if (state.done) return;
      if (state.running) {
        state.fallback = alert;
        return;
      }
      start(alert, state);
    },
    async close(timeoutMs = 5_000) {
      closed = true;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...inFlight]),
        new Promise((resolve) => {
          timer = setTimeout(resolve, timeoutMs);
        }),
      ]);
      clearTimeout(timer);
    },
  };
}
