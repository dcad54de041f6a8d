import {
  attestationDigest,
  buildMerkleTree,
  encodeG1,
  encodeG2,
  pubkeyHash,
  type SecretKey,
  sign,
  verdictLeaf,
} from "@palisade/crypto";
import type { Engine, EngineRegistry, EngineRequest, EngineResult } from "@palisade/engines";
import { ConflictingSignatureError, type SlashingProtectionStore } from "@palisade/store";
import type { Logger } from "pino";
import { type Address, bytesToHex, type Hex, type PublicClient } from "viem";
import {
  BatchRootMismatchError,
  EngineError,
  EngineRpcError,
  InvalidInputError,
  NodeError,
  ReferenceBlockNotReachedError,
  RequestHashMismatchError,
  VerdictMismatchError,
} from "./errors.ts";
import type { NodeMetrics, RefusalReason } from "./metrics.ts";
import type { BatchInput, TaskInput } from "./schemas.ts";

/** Where attestations are valid: the chain and the ServiceManager that checks certificates. */
export interface AttestationDomain {
  chainId: number;
  serviceManager: Address;
}

export interface Signer {
  /** The node's BLS public key: 128 EIP-2537 bytes (G1) and its on-chain id. */
  readonly publicKey: Hex;
  readonly pubkeyHash: Hex;
  signTask(task: TaskInput): Promise<TaskSignature>;
  signBatch(batch: BatchInput): Promise<BatchSignature>;
}

export interface SignerDependencies {
  client: PublicClient;
  store: SlashingProtectionStore;
  engines: EngineRegistry;
  secretKey: SecretKey;
  domain: AttestationDomain;
  metrics: NodeMetrics;
  logger: Logger;
  now?: () => number;
}

export interface Attestation {
  batchRoot: Hex;
  /** The block whose stakes weigh the attestation. */
  referenceBlock: number;
  /** attestationDigest(chainId, serviceManager, batchRoot, referenceBlock): the signed 32 bytes. */
  digest: Hex;
  /** BLS signature over `digest`: 256 bytes, the EIP-2537 G2 encoding the contracts take. */
  signature: Hex;
  /** Signer's G1 public key, 128 EIP-2537 bytes. */
  publicKey: Hex;
  pubkeyHash: Hex;
}

export interface TaskSignature extends Attestation {
  engine: string;
  engineVersion: Hex;
  requestHash: Hex;
  responseHash: Hex;
  response: Record<string, unknown>;
  /** True when this exact response was already recorded (a repeated task): same signature again. */
  alreadySigned: boolean;
}

export interface BatchSignature extends Attestation {
  verdicts: number;
}

interface CheckedVerdict {
  engine: Engine;
  request: EngineRequest;
  result: EngineResult;
}

/**
 * The signing path. Order matters for slashing protection: compute → record in the store (durable,
 * atomic, refuses a different response for a recorded request) → only then sign and release.
 */
export function createSigner(dependencies: SignerDependencies): Signer {
  const { client, store, engines, secretKey, domain, metrics, logger } = dependencies;
  const now = dependencies.now ?? Date.now;
  const publicKeyBytes = encodeG1(secretKey.toPublicKey());
  const publicKey = bytesToHex(publicKeyBytes);
  const keyId = pubkeyHash(publicKeyBytes);

  async function compute(engineId: string, requestInput: unknown): Promise<CheckedVerdict> {
    const engine = engines.get(engineId);
    const request = engine.parseRequest(requestInput);
    // A block not yet mined has no deterministic answer; viem caches the head unless told not to.
    const head = await client.getBlockNumber({ cacheTime: 0 });
    if (BigInt(request.referenceBlock) > head)
      throw new ReferenceBlockNotReachedError(request.referenceBlock, head);
    return { engine, request, result: await engine.run(client, request) };
  }

  async function record(verdict: CheckedVerdict): Promise<boolean> {
    const { created } = await store.recordSignature({
      requestHash: verdict.request.requestHash,
      responseHash: verdict.result.responseHash,
      referenceBlock: verdict.request.referenceBlock,
      signedAt: now(),
    });
    return !created;
  }

  function attest(batchRoot: Hex, referenceBlock: number): Attestation {
    const digest = attestationDigest({
      chainId: domain.chainId,
      serviceManager: domain.serviceManager,
      batchRoot,
      referenceBlock,
    });
    return {
      batchRoot,
      referenceBlock,
      digest,
      signature: bytesToHex(encodeG2(sign(secretKey, digest))),
      publicKey,
      pubkeyHash: keyId,
    };
  }

  /** Counts and logs a refusal, then rethrows it. */
  function refuse(kind: "task" | "batch", error: unknown): never {
    const reason = refusalReason(error);
    metrics.tasksRefused.inc({ reason });
    const log = {
      kind,
      reason,
      err:
        error instanceof NodeError || error instanceof ConflictingSignatureError ? error.shortMessage : error,
    };
    if (reason === "error") logger.error(log, "refused to sign");
    else logger.warn(log, "refused to sign");
    throw error;
  }

  return {
    publicKey,
    pubkeyHash: keyId,

    async signTask(task) {
      const stopTimer = metrics.signingLatency.startTimer({ kind: "task" });
      try {
        const verdict = await compute(task.engine, task.request);
        if (verdict.request.requestHash !== task.requestHash.toLowerCase())
          throw new RequestHashMismatchError(task.requestHash, verdict.request.requestHash);
        if (verdict.request.referenceBlock !== task.referenceBlock)
          throw new InvalidInputError("referenceBlock differs from the request's", [
            {
              path: "referenceBlock",
              message: `task says ${task.referenceBlock}, request says ${verdict.request.referenceBlock}`,
            },
          ]);
        const alreadySigned = await record(verdict);
        // A batch of one: its root is its leaf (ADR 0003), so the signature is a valid attestation.
        const leaf = verdictLeaf({
          requestHash: verdict.request.requestHash,
          responseHash: verdict.result.responseHash,
          engineVersion: verdict.engine.engineVersion,
          referenceBlock: verdict.request.referenceBlock,
        });
        const attestation = attest(leaf, verdict.request.referenceBlock);
        metrics.tasksSigned.inc({ engine: verdict.engine.id, kind: "task" });
        stopTimer();
        logger.info(
          {
            requestHash: verdict.request.requestHash,
            responseHash: verdict.result.responseHash,
            alreadySigned,
          },
          "signed task",
        );
        return {
          ...attestation,
          engine: verdict.engine.id,
          engineVersion: verdict.engine.engineVersion,
          requestHash: verdict.request.requestHash,
          responseHash: verdict.result.responseHash,
          response: verdict.result.json,
          alreadySigned,
        };
      } catch (error) {
        refuse("task", error);
      }
    },

    async signBatch(batch) {
      const stopTimer = metrics.signingLatency.startTimer({ kind: "batch" });
      try {
        const leaves: Hex[] = [];
        const engineIds = new Set<string>();
        for (const item of batch.verdicts) {
          const engine = engines.get(item.engine);
          const request = engine.parseRequest(item.request);
          if (item.requestHash !== undefined && item.requestHash.toLowerCase() !== request.requestHash)
            throw new RequestHashMismatchError(item.requestHash, request.requestHash);
          const recorded = await store.getSignature(request.requestHash);
          let ours = recorded?.responseHash;
          if (ours === undefined) {
            const verdict = await compute(item.engine, item.request);
            ours = verdict.result.responseHash;
            // Refuse before recording: the node commits only to responses it would sign.
            if (ours !== item.responseHash.toLowerCase())
              throw new VerdictMismatchError(request.requestHash, item.responseHash, ours);
            await record(verdict);
          } else if (ours !== item.responseHash.toLowerCase()) {
            throw new VerdictMismatchError(request.requestHash, item.responseHash, ours);
          }
          engineIds.add(engine.id);
          leaves.push(
            verdictLeaf({
              requestHash: request.requestHash,
              responseHash: ours,
              engineVersion: engine.engineVersion,
              referenceBlock: request.referenceBlock,
            }),
          );
        }
        const root = buildMerkleTree(leaves).root;
        if (root !== batch.batchRoot.toLowerCase()) throw new BatchRootMismatchError(batch.batchRoot, root);
        const attestation = attest(root, batch.referenceBlock);
        for (const engine of engineIds) metrics.tasksSigned.inc({ engine, kind: "batch" });
        stopTimer();
        logger.info({ batchRoot: root, verdicts: leaves.length }, "signed batch");
        return { ...attestation, verdicts: leaves.length };
      } catch (error) {
        refuse("batch", error);
      }
    },
  };
}

/** The metrics label for a refusal. */
export function refusalReason(error: unknown): RefusalReason {
  if (error instanceof ConflictingSignatureError) return "conflict";
  if (error instanceof VerdictMismatchError || error instanceof BatchRootMismatchError) return "mismatch";
  if (error instanceof ReferenceBlockNotReachedError) return "unavailable";
  if ((error instanceof NodeError || error instanceof EngineError) && !(error instanceof EngineRpcError))
    return "invalid";
  return "error";
}
