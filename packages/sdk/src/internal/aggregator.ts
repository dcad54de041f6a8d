import type { Address, Hex } from "viem";
import { z } from "zod";
import {
  AggregatorHttpError,
  AggregatorResponseError,
  AggregatorUnreachableError,
} from "../errors/attestation.ts";

const hex32 = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/)
  .transform((value) => value as Hex);
const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/)
  .transform((value) => value as Address);
const bigintString = z
  .string()
  .regex(/^\d+$/)
  .transform((value) => BigInt(value));

/** The task view of `GET /v1/tasks/:id` (apps/aggregator/README.md), stakes as bigint. */
export const attestationTaskSchema = z.object({
  id: hex32,
  engine: z.string(),
  engineVersion: hex32,
  request: z.unknown(),
  referenceBlock: z.number().int().nonnegative(),
  status: z.enum(["open", "final", "batched", "submitted", "failed"]),
  createdAt: z.number(),
  deadline: z.number(),
  responses: z.array(z.object({ responseHash: hex32, response: z.unknown() })),
  signers: z.record(
    z.string(),
    z.array(z.object({ pubkeyHash: hex32, operator: address.nullable(), stake: bigintString })),
  ),
  verdict: z
    .object({
      responseHash: hex32,
      signedStake: bigintString,
      totalStake: bigintString,
      finalAt: z.number(),
    })
    .nullable(),
  batch: z
    .object({
      batchRoot: hex32,
      referenceBlock: z.number().int().nonnegative(),
      status: z.enum(["signing", "sent", "submitted", "failed"]),
      txHash: hex32.nullable(),
      submittedBlock: z.number().int().nullable(),
      gasUsed: bigintString.nullable(),
      verdictCount: z.number().int().positive(),
      leafIndex: z.number().int().nonnegative(),
      proof: z.array(hex32),
      signers: z.array(address),
      nonSigners: z.array(address),
    })
    .nullable(),
  error: z.string().nullable(),
});

/** A task as the aggregator reports it: status `open` → `final` → `batched` → `submitted` (or `failed`). */
export type AttestationTask = z.output<typeof attestationTaskSchema>;

const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/**
 * One JSON request to the aggregator. Network failures become AggregatorUnreachableError, non-2xx
 * answers AggregatorHttpError with the server's code and message, a body that is not a task
 * AggregatorResponseError.
 */
export async function requestTask(
  aggregatorUrl: string,
  path: string,
  init: { method: "GET" | "POST"; body?: unknown; signal?: AbortSignal | undefined },
): Promise<AttestationTask> {
  const url = `${aggregatorUrl.replace(/\/+$/, "")}${path}`;
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: init.method,
      headers: init.body === undefined ? {} : { "content-type": "application/json" },
      body: init.body === undefined ? null : JSON.stringify(init.body),
      signal: init.signal ?? null,
    });
    text = await response.text();
  } catch (error) {
    throw new AggregatorUnreachableError(url, error);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(json);
    throw parsed.success
      ? new AggregatorHttpError(url, response.status, parsed.data.error.code, parsed.data.error.message, json)
      : new AggregatorHttpError(url, response.status, "HttpError", response.statusText, text);
  }
  const task = attestationTaskSchema.safeParse(json);
  if (!task.success) throw new AggregatorResponseError(url, z.prettifyError(task.error));
  return task.data;
}
