import { decodeSecurityResponse, engineVersionOf } from "@palisade/engines";
import {
  AggregatorHttpError,
  AggregatorUnreachableError,
  submitTask,
  TaskFailedError,
  TaskTimeoutError,
  waitForCertificate,
} from "@palisade/sdk";
import type { Address, Hex } from "viem";
import { AttestationFailedError, AttestationTimeoutError } from "./errors.ts";

/**
 * An operator-attested verdict, with everything a contract needs to check it on-chain
 * (`PalisadeGuard`'s `Attestation {batchRoot, requestHash, referenceBlock, response, proof}`, decision
 * 0005): the leaf is `(requestHash, keccak256(response), engineVersion, referenceBlock)` and `proof`
 * its Merkle proof under `batchRoot`, certified by the operators' quorum in `txHash`.
 */
export interface AttestedVerdict {
  engine: string;
  engineVersion: Hex;
  /** The task id: keccak256 of the engine's canonical request at `referenceBlock`. */
  requestHash: Hex;
  referenceBlock: number;
  /** `abi.encode(bytes32 subject, uint8 verdict, uint256 flags, uint256 unknowns, bytes32 reportHash)`. */
  response: Hex;
  responseHash: Hex;
  /** The response's fields, decoded (flags and unknowns as 0x bitmasks of the engine's field order). */
  decoded: { subject: Hex; verdict: number; flags: Hex; unknowns: Hex; reportHash: Hex };
  batchRoot: Hex;
  proof: Hex[];
  leafIndex: number;
  /** The `submitBatch` transaction that put the certificate on-chain, and its block. */
  txHash: Hex;
  submittedBlock: number | null;
  /** Stake that signed vs the operator set's total at the reference block (decimal strings). */
  signedStake: string;
  totalStake: string;
  signers: Address[];
  nonSigners: Address[];
  /** The ServiceManager whose `verifyVerdict` proves it. */
  serviceManager: Address;
}

/** Asks the operators for a verdict and waits until its certificate is on-chain. */
export interface Attestor {
  /** The aggregator's report (the engine's SecurityReport) and the attestation. */
  attest(
    engine: string,
    request: Record<string, unknown>,
  ): Promise<{ report: unknown; attestation: AttestedVerdict }>;
}

export interface CreateAttestorParameters {
  aggregatorUrl: string;
  serviceManager: Address;
  /** Give up waiting for the certificate after this long (the task goes on at the aggregator). */
  timeoutMs: number;
  /** Between two reads of the task (default 200 ms). */
  pollMs?: number;
}

const toHex = (value: bigint): Hex => `0x${value.toString(16)}`;

/**
 * An attestor over an aggregator (`POST /v1/tasks`, then `GET /v1/tasks/:id` until `submitted`).
 * The report answered is the one the certified response commits to (its `reportHash`), taken from the
 * task's responses. Errors: AttestationFailedError (the aggregator refused or the task failed, 502),
 * AttestationTimeoutError (504).
 */
export function createAttestor(parameters: CreateAttestorParameters): Attestor {
  const { aggregatorUrl, serviceManager, timeoutMs } = parameters;
  const pollMs = parameters.pollMs ?? 200;
  return {
    async attest(engine, request) {
      let task: Awaited<ReturnType<typeof submitTask>>;
      try {
        task = await submitTask(aggregatorUrl, { engine, request });
      } catch (error) {
        if (error instanceof AggregatorHttpError)
          throw new AttestationFailedError(`the aggregator refused the task (${error.code})`, error);
        if (error instanceof AggregatorUnreachableError)
          throw new AttestationFailedError("the aggregator is unreachable", error);
        throw error;
      }
      let done: Awaited<ReturnType<typeof waitForCertificate>>;
      try {
        done = await waitForCertificate(aggregatorUrl, task.id, { timeoutMs, pollMs });
      } catch (error) {
        if (error instanceof TaskTimeoutError) throw new AttestationTimeoutError(task.id, timeoutMs, error);
        if (error instanceof TaskFailedError) throw new AttestationFailedError(error.shortMessage, error);
        if (error instanceof AggregatorHttpError || error instanceof AggregatorUnreachableError)
          throw new AttestationFailedError("the aggregator stopped answering", error);
        throw error;
      }
      const certified = done.responses.find((entry) => entry.responseHash === done.verdict.responseHash);
      const body = certified?.response as { report?: unknown; response?: Hex } | undefined;
      if (body?.response === undefined || body.report === undefined)
        throw new AttestationFailedError(`task ${task.id}: the certified response is not in the task`);
      const decoded = decodeSecurityResponse(body.response);
      return {
        report: body.report,
        attestation: {
          engine,
          engineVersion: engineVersionOf(engine),
          requestHash: done.id,
          referenceBlock: done.referenceBlock,
          response: body.response,
          responseHash: done.verdict.responseHash,
          decoded: {
            subject: decoded.subject,
            verdict: decoded.verdict,
            flags: toHex(decoded.flags),
            unknowns: toHex(decoded.unknowns),
            reportHash: decoded.reportHash,
          },
          batchRoot: done.batch.batchRoot,
          proof: done.batch.proof,
          leafIndex: done.batch.leafIndex,
          txHash: done.batch.txHash,
          submittedBlock: done.batch.submittedBlock,
          signedStake: done.verdict.signedStake.toString(),
          totalStake: done.verdict.totalStake.toString(),
          signers: done.batch.signers,
          nonSigners: done.batch.nonSigners,
          serviceManager,
        },
      };
    },
  };
}
