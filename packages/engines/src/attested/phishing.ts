import { encodeAbiParameters, type Hex, keccak256, type PublicClient, stringToHex } from "viem";
import { z } from "zod";
import { type Engine, type EngineRequest, type EngineResult, engineVersionOf } from "../engine.ts";
import type { PhishingEngine } from "../phishing/createPhishingEngine.ts";
import { parseTarget } from "../phishing/parseTarget.ts";
import { PHISHING_ENGINE_ID } from "../phishing/phishingReport.ts";
import { PHISHING_FIELD_ORDER } from "./fieldOrders.ts";
import { bytes32Schema, parseWith, referenceBlockSchema, sameAsNode } from "./requestSchemas.ts";
import { securityResult } from "./response.ts";

const id = PHISHING_ENGINE_ID;
const engineVersion = engineVersionOf(id);

const requestSchema = z.strictObject({
  /** A URL or host name (see parseTarget). */
  target: z.string(),
  listsVersion: bytes32Schema.optional(),
  referenceBlock: referenceBlockSchema,
});

/** A phishing@1 request after parsing: the host the report is about and the lists it is judged by. */
export interface PhishingAttestedRequest {
  /** The normalised ASCII host (the report's `target`): what the request hash encodes. */
  host: string;
  listsVersion: Hex;
  referenceBlock: number;
}

const requestAbi = [
  { type: "bytes32" },
  { type: "string" },
  { type: "bytes32" },
  { type: "uint32" },
] as const;

/** `keccak256(abi.encode(engineVersion, string host, bytes32 listsVersion, uint32 referenceBlock))`. */
export function phishingRequestHash(request: PhishingAttestedRequest): Hex {
  return keccak256(
    encodeAbiParameters(requestAbi, [
      engineVersion,
      request.host,
      request.listsVersion,
      request.referenceBlock,
    ]),
  );
}

/**
 * `phishing@1` in attested mode over `phishing` (its lists' digest is the listsVersion). Request:
 * `{ target, listsVersion?, referenceBlock }`; the target is reduced to its host first, so URLs with
 * the same host are the same question. The engine reads no chain: the reference block only pins when
 * the question was asked.
 *
 * @example
 * const engine = createPhishingAttestedEngine({ phishing: createPhishingEngine() });
 * const request = engine.parseRequest({ target: "https://metamask.io/download", referenceBlock: 100 });
 * const { encoded } = await engine.run(client, request); // decodeSecurityResponse(encoded).verdict === 0
 */
export function createPhishingAttestedEngine(options: { phishing: PhishingEngine }): Engine {
  const { phishing } = options;
  const listsVersion = `0x${phishing.digest}` as Hex;
  return {
    id,
    engineVersion,
    description:
      "Phishing verdict for a URL or host name (block/allow lists and brand look-alikes), attested",
    parseRequest(input: unknown): EngineRequest {
      const parsed = parseWith(requestSchema, input, `${id} request`);
      const value: PhishingAttestedRequest = {
        host: parseTarget(parsed.target).host,
        listsVersion: sameAsNode(id, "listsVersion", "lists version", parsed.listsVersion, listsVersion),
        referenceBlock: parsed.referenceBlock,
      };
      return { requestHash: phishingRequestHash(value), referenceBlock: value.referenceBlock, value };
    },
    async run(_client: PublicClient, request: EngineRequest): Promise<EngineResult> {
      const { host } = request.value as PhishingAttestedRequest;
      const report = phishing.check(host);
      return securityResult(report, keccak256(stringToHex(report.target)), PHISHING_FIELD_ORDER);
    },
  };
}
