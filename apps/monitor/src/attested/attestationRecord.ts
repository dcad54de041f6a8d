/**
 * The record the monitor writes when the operators certified an alert (`schema:
 * "palisade.attestation/1"`, `kind: "attestation"`): beside the alerts in the JSONL log, told apart by
 * `schema`. `attestation` is the ThreatResponse's (and IPalisadeGuard's) `Attestation` argument as is.
 */
import { z } from "zod";
import { alertTypes, severities } from "../alert.ts";
import { MONITOR_ALERT_ENGINE_ID } from "./alertVerdict.ts";

export const ATTESTATION_SCHEMA = "palisade.attestation/1";

const hash = z.string().regex(/^0x[0-9a-fA-F]{64}$/, { message: "a 32-byte hex hash" });
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, { message: "a 20-byte hex address" });
const hex = z.string().regex(/^0x([0-9a-fA-F]{2})*$/, { message: "hex bytes" });
const decimal = z.string().regex(/^(0|[1-9][0-9]*)$/, { message: "a decimal integer" });
const blockNumber = z.number().int().nonnegative();

export const attestationRecordSchema = z.strictObject({
  schema: z.literal(ATTESTATION_SCHEMA),
  kind: z.literal("attestation"),
  /** The alert certified (its `id`), its chain, transaction and the detection that was attested. */
  alertId: hash,
  chainId: z.number().int().positive(),
  tx: hash,
  source: z.enum(["block", "mempool"]),
  engine: z.literal(MONITOR_ALERT_ENGINE_ID),
  engineVersion: hash,
  watchDigest: hash,
  /** The operators' answer, decoded (`response` below is the bytes they signed). */
  verdict: z.strictObject({
    alertId: hash,
    chainId: z.number().int().positive(),
    reproduced: z.boolean(),
    alertType: z.enum(alertTypes).nullable(),
    severity: z.enum(severities).nullable(),
    protocol: address,
    serviceId: decimal,
    implicatedOperators: z.array(address),
  }),
  /** `ThreatResponse.respond(attestation)` / `ServiceManager.verifyVerdict` inputs. */
  attestation: z.strictObject({
    batchRoot: hash,
    requestHash: hash,
    referenceBlock: blockNumber,
    response: hex,
    proof: z.array(hash),
  }),
  responseHash: hash,
  /** The submitBatch transaction and its block. */
  submitTx: hash,
  submittedBlock: blockNumber.nullable(),
  signedStake: decimal,
  totalStake: decimal,
  /** Unix ms: when the alert was emitted, and when its certificate was known to be on-chain. */
  detectedAt: z.number().int().nonnegative(),
  certifiedAt: z.number().int().nonnegative(),
  /** certifiedAt − detectedAt. */
  latencyMs: z.number().int(),
  /**
   * The monitor's own `ThreatResponse.respond` (`--respond-key`), when it sent one: its transaction,
   * block, status, `AlertHandled.actions` (1 protocol paused, 2 service paused, 4 operators frozen,
   * 8 threshold raised), the protocol's pause end (unix s), and the ms from the alert to its receipt.
   */
  threatResponse: z
    .strictObject({
      tx: hash,
      block: blockNumber,
      status: z.enum(["success", "reverted"]),
      actions: z.number().int().nonnegative(),
      pausedUntil: z.number().int().nonnegative().optional(),
      latencyMs: z.number().int(),
    })
    .optional(),
});

export type AttestationRecord = z.output<typeof attestationRecordSchema>;

/** Validates a record (a reader of the log: lines with this `schema`). */
export function parseAttestationRecord(value: unknown): AttestationRecord {
  return attestationRecordSchema.parse(value);
}
