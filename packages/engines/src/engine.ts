import { type Hex, keccak256, type PublicClient, stringToHex } from "viem";
import type { z } from "zod";

/** A request parsed and validated by its engine, with the values every verdict carries. */
export interface EngineRequest {
  /** keccak256 of the engine's canonical request encoding (it includes engineVersion and the block). */
  requestHash: Hex;
  /** The pinned block the engine reads the chain at (uint32 on-chain). */
  referenceBlock: number;
  /** The validated request, in the engine's own shape. */
  value: unknown;
}

/** What an engine answers: the canonical bytes, their hash, and a JSON view for the API. */
export interface EngineResult {
  /** The canonical ABI encoding of the response: what responseHash hashes. */
  encoded: Hex;
  responseHash: Hex;
  /** JSON-safe view (bigints as decimal strings). */
  json: Record<string, unknown>;
}

/**
 * A deterministic security engine: the same request at the same pinned block gives the same bytes on
 * every honest node, so operators' signatures aggregate.
 */
export interface Engine {
  /** "name@version", e.g. "address-basics@1". */
  readonly id: string;
  /** keccak256 of `id`. */
  readonly engineVersion: Hex;
  readonly description: string;
  /** Validates an untrusted request (throws InvalidInputError) and derives its requestHash. */
  parseRequest(input: unknown): EngineRequest;
  /**
   * For an engine whose question names its own block (an alert's `evidence.stateBlock`): that block,
   * from a request without `referenceBlock` (throws InvalidInputError). The aggregator then pins it
   * instead of `latest − confirmations`; engines without it take the block they are given.
   */
  referenceBlockOf?(input: unknown): number;
  /** Runs the engine at the request's reference block. */
  run(client: PublicClient, request: EngineRequest): Promise<EngineResult>;
}

/** An engine's id hashed: the engineVersion in request hashes and verdict leaves. */
export function engineVersionOf(id: string): Hex {
  return keccak256(stringToHex(id));
}

/** Zod issues as `{ path, message }` for error bodies. */
export function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.join(".") || "(root)", message: issue.message }));
}
