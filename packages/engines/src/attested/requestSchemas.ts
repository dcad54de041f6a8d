/** Zod pieces shared by the attested adapters' request schemas, and their "must match this node" checks. */
import { type Address, getAddress, type Hex, isAddress } from "viem";
import { z } from "zod";
import { issuesOf } from "../engine.ts";
import { InvalidInputError } from "../errors.ts";

/** uint32: the on-chain type of a verdict's reference block. */
export const MAX_UINT32 = 2 ** 32 - 1;
/** uint64: chain ids and gas in request hashes. */
export const MAX_UINT64 = 2n ** 64n - 1n;

export const referenceBlockSchema = z.number().int().min(0).max(MAX_UINT32);

/** Any letter case in, checksummed out (request hashes encode the 20 bytes: case never matters there). */
export const addressSchema = z
  .string()
  .refine((value) => isAddress(value, { strict: false }), { message: "not a 20-byte hex address" })
  .transform((value): Address => getAddress(value));

export const bytes32Schema = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, { message: "expected a 0x-prefixed 32-byte hex string" })
  .transform((value) => value.toLowerCase() as Hex);

/** A chain id (uint64 in request hashes; JSON numbers are exact up to 2^53, every real chain id fits). */
export const chainIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** Parses `input` or throws InvalidInputError ("invalid <what>") with every issue. */
export function parseWith<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new InvalidInputError(`invalid ${what}`, issuesOf(parsed.error));
  return parsed.data;
}

/**
 * A value the request may name but only as this node has it (lists version, chain, policy, DEX):
 * the node cannot answer for lists it did not load, and answering for another DEX or chain would let a
 * requester pick the evidence. Absent: the node's own.
 */
export function sameAsNode<T>(
  engineId: string,
  path: string,
  what: string,
  requested: T | undefined,
  own: T,
  show: (value: T) => string = String,
): T {
  if (requested === undefined || show(requested) === show(own)) return own;
  throw new InvalidInputError(
    `${engineId}: ${what} ${show(requested)} differs from this node's ${show(own)}`,
    [{ path, message: `this node answers only for ${show(own)}; omit ${path} to use it` }],
  );
}
