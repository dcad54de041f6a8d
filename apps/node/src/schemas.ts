import { issuesOf } from "@palisade/engines";
import { z } from "zod";
import { InvalidInputError } from "./errors.ts";

const hash32 = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, { message: "expected a 0x-prefixed 32-byte hex string" })
  .transform((value) => value.toLowerCase() as `0x${string}`);

/** uint32: verdicts and attestations carry the reference block as uint32 on-chain. */
const uint32 = z
  .number()
  .int()
  .min(0)
  .max(2 ** 32 - 1);

/** POST /tasks: the aggregator asks the node to run an engine and sign its verdict. */
export const taskSchema = z.strictObject({
  engine: z.string().min(1).max(64),
  requestHash: hash32,
  referenceBlock: uint32,
  /** Engine-specific; validated by the engine. */
  request: z.unknown(),
});

/** The most verdicts one POST /batches may carry (bounds the work one request can cause). */
export const MAX_BATCH_VERDICTS = 10_000;

/** POST /batches: sign the attestation over `batchRoot` if every verdict is this node's. */
export const batchSchema = z.strictObject({
  batchRoot: hash32,
  /** The attestation's reference block (whose stakes weigh it). */
  referenceBlock: uint32,
  verdicts: z
    .array(
      z.strictObject({
        engine: z.string().min(1).max(64),
        request: z.unknown(),
        responseHash: hash32,
        requestHash: hash32.optional(),
      }),
    )
    .min(1)
    .max(MAX_BATCH_VERDICTS),
});

export type TaskInput = z.output<typeof taskSchema>;
export type BatchInput = z.output<typeof batchSchema>;

/** Validates an untrusted body against `schema` or throws InvalidInputError with every issue. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidInputError(`invalid ${what}`, issuesOf(parsed.error));
  return parsed.data;
}
