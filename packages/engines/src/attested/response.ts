/**
 * The one response shape of the attested security engines (decision 0005):
 * `abi.encode(bytes32 subject, uint8 verdict, uint256 flags, uint256 unknowns, bytes32 reportHash)`.
 */
import { decodeAbiParameters, encodeAbiParameters, type Hex, keccak256, size, stringToBytes } from "viem";
import type { EngineResult } from "../engine.ts";
import { InvalidInputError } from "../errors.ts";
import type { FieldValue } from "../security/report.ts";

export const securityResponseAbi = [
  { name: "subject", type: "bytes32" },
  { name: "verdict", type: "uint8" },
  { name: "flags", type: "uint256" },
  { name: "unknowns", type: "uint256" },
  { name: "reportHash", type: "bytes32" },
] as const;

/** Verdict codes: 0 safe / allow, 1 suspicious / warn, 2 malicious / block. */
export type SecurityVerdictCode = 0 | 1 | 2;

const verdictCodes: Readonly<Record<string, SecurityVerdictCode>> = {
  safe: 0,
  allow: 0,
  suspicious: 1,
  warn: 1,
  malicious: 2,
  block: 2,
};

/** A decoded response. */
export interface SecurityResponse {
  /** What was judged (see decision 0005): the address left-padded, keccak256(host), or the transaction's hash. */
  subject: Hex;
  verdict: SecurityVerdictCode;
  /** Bit i: field i of the engine's field order is among the report's flags (see flagBit). */
  flags: bigint;
  /** Bit i: field i is null in the report (the engine could not tell). */
  unknowns: bigint;
  /** keccak256 of the report's JSON (UTF-8). */
  reportHash: Hex;
}

/** The report fields the response is built from: the shared SecurityReport's, any engine. */
export interface AttestableReport {
  verdict: string;
  fields: Readonly<Record<string, FieldValue>>;
  flags: readonly string[];
}

/** `abi.encode(subject, verdict, flags, unknowns, reportHash)`: the bytes responseHash hashes. */
export function encodeSecurityResponse(response: SecurityResponse): Hex {
  return encodeAbiParameters(securityResponseAbi, [
    response.subject,
    response.verdict,
    response.flags,
    response.unknowns,
    response.reportHash,
  ]);
}

/**
 * Decodes an attested security response (the `response` of the adapter's JSON view, or the bytes a
 * contract received). Errors: InvalidInputError (not 160 bytes of that encoding, or a verdict above 2).
 *
 * @example
 * const { verdict, flags } = decodeSecurityResponse(task.responses[0].response.response);
 * verdict === 2 && (flags & flagMask("address-risk@1", ["sanctioned"])) !== 0n; // a sanctioned address
 */
export function decodeSecurityResponse(encoded: Hex): SecurityResponse {
  if (!/^0x[0-9a-fA-F]*$/.test(encoded) || size(encoded) !== 160)
    throw new InvalidInputError("not an attested security response", [
      {
        path: "(root)",
        message: "expected 160 bytes: abi.encode(bytes32, uint8, uint256, uint256, bytes32)",
      },
    ]);
  let decoded: readonly [Hex, number, bigint, bigint, Hex];
  try {
    decoded = decodeAbiParameters(securityResponseAbi, encoded);
  } catch (error) {
    throw new InvalidInputError("not an attested security response", [
      {
        path: "(root)",
        message: error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error),
      },
    ]);
  }
  const [subject, verdict, flags, unknowns, reportHash] = decoded;
  if (verdict > 2)
    throw new InvalidInputError("not an attested security response", [
      { path: "verdict", message: `${verdict} is not 0, 1 or 2` },
    ]);
  return { subject, verdict: verdict as SecurityVerdictCode, flags, unknowns, reportHash };
}

/**
 * The adapter's result for a report: the response built over `order` (flags and unknowns bits),
 * its hash, and the JSON view `{ report, response }`.
 */
export function securityResult(
  report: AttestableReport,
  subject: Hex,
  order: readonly string[],
): EngineResult {
  const verdict = verdictCodes[report.verdict];
  // Unreachable with the four engines: their verdict types are the six words above.
  if (verdict === undefined) throw new Error(`unknown verdict ${JSON.stringify(report.verdict)}`);
  const flagged = new Set(report.flags);
  let flags = 0n;
  let unknowns = 0n;
  order.forEach((field, bit) => {
    if (flagged.has(field)) flags |= 1n << BigInt(bit);
    if (report.fields[field] === null) unknowns |= 1n << BigInt(bit);
  });
  const encoded = encodeSecurityResponse({
    // Lower case: viem copies a bytes32's hex as given, and the bytes should read the same everywhere.
    subject: subject.toLowerCase() as Hex,
    verdict,
    flags,
    unknowns,
    reportHash: keccak256(stringToBytes(JSON.stringify(report))),
  });
  return { encoded, responseHash: keccak256(encoded), json: { report, response: encoded } };
}
