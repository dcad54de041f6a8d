import { decodeG2, verify } from "@palisade/crypto";
import { type Hex, hexToBytes } from "viem";
import { z } from "zod";
import type { OperatorSnapshot, RegisteredOperator } from "./chain/operators.ts";
import { SignatureRejectedError } from "./errors.ts";

const hash32 = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, { message: "expected a 0x-prefixed 32-byte hex string" })
  .transform((value) => value.toLowerCase() as Hex);

/**
 * What a node answers to POST /tasks or /batches (and what POST /v1/tasks/:id/signatures accepts):
 * extra fields are ignored, the claimed `publicKey` never trusted (the registered key is used).
 */
const signedSchema = z.object({
  signature: z
    .string()
    .regex(/^0x[0-9a-fA-F]{512}$/, { message: "expected the 256-byte EIP-2537 G2 encoding" })
    .transform((value) => value.toLowerCase() as Hex),
  pubkeyHash: hash32,
  requestHash: hash32.optional(),
  responseHash: hash32.optional(),
  response: z.unknown().optional(),
});

export type SignedBody = z.output<typeof signedSchema>;

/** Parses a signed body or throws SignatureRejectedError("bad_encoding"). */
export function parseSigned(body: unknown): SignedBody {
  const parsed = signedSchema.safeParse(body);
  if (!parsed.success)
    throw new SignatureRejectedError(
      "bad_encoding",
      parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`).join("; "),
    );
  return parsed.data;
}

/**
 * Checks `signed` over `digest` against the key registered at the snapshot's block for the claimed
 * pubkeyHash (and, when the aggregator asked a known operator, that it is that operator's key).
 */
export function verifySigned(
  signed: SignedBody,
  digest: Hex,
  snapshot: OperatorSnapshot,
  expectedPubkeyHash: Hex | undefined,
): RegisteredOperator {
  if (expectedPubkeyHash !== undefined && signed.pubkeyHash !== expectedPubkeyHash)
    throw new SignatureRejectedError(
      "wrong_key",
      `the node at this operator's URL signed with ${signed.pubkeyHash}, the operator registered ${expectedPubkeyHash}`,
    );
  const operator = snapshot.byPubkeyHash.get(signed.pubkeyHash);
  if (!operator)
    throw new SignatureRejectedError(
      "unknown_signer",
      `${signed.pubkeyHash} is not registered at block ${snapshot.block}`,
    );
  let ok: boolean;
  try {
    ok = verify(digest, operator.publicKey, decodeG2(hexToBytes(signed.signature)));
  } catch (error) {
    throw new SignatureRejectedError("bad_encoding", error instanceof Error ? error.message : String(error));
  }
  if (!ok)
    throw new SignatureRejectedError(
      "invalid_signature",
      `not ${operator.operator}'s signature over ${digest} (registered key ${operator.pubkeyHash})`,
    );
  return operator;
}
