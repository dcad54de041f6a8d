import { InvalidInputError, type PhishingEngine, type PhishingReport, parseTarget } from "@palisade/engines";
import { z } from "zod";
import { InvalidRequestError } from "../errors.ts";
import { phishingReportSchema } from "../openapi/reports.ts";
import { type EngineRoute, parseInput } from "./route.ts";

/** Longest `url` accepted: a browser's address bar and request lines stay far below (8 KiB is common). */
const MAX_URL_LENGTH = 8_192;

const query = z.strictObject({
  url: z
    .string()
    .min(1)
    .max(MAX_URL_LENGTH)
    .describe(
      "A URL or host name (`https://app.uniswap.org/swap`, `xn--mtamask-7gg.io`, an IDN in Unicode …); at most 8,192 characters.",
    ),
});

export interface PhishingRouteParameters {
  /** The URL or host as given. */
  url: string;
}

/**
 * `GET /v1/phishing?url=…` → phishing@1. The engine is pure (no chain): the report's `block` is null.
 *
 * @example
 * const route = phishingRoute(createPhishingEngine());
 */
export function phishingRoute(engine: PhishingEngine): EngineRoute<PhishingRouteParameters, PhishingReport> {
  return {
    method: "GET",
    path: "/v1/phishing",
    servicePath: "/v1/phishing",
    engine: engine.id,
    input: query,
    async parse(request) {
      const { url } = parseInput(query, request.query, "phishing query");
      // The engine's own parsing, so a URL without a valid host is refused before the call is spent.
      try {
        parseTarget(url);
      } catch (error) {
        if (error instanceof InvalidInputError)
          throw new InvalidRequestError(
            error.shortMessage,
            error.issues.map((issue) => ({ path: "url", message: issue.message })),
          );
        throw error;
      }
      return { url };
    },
    async run(parameters) {
      return { report: engine.check(parameters.url), parameters };
    },
    attestedRequest(parameters) {
      return { target: parameters.url };
    },
    docs: {
      summary: "Phishing",
      description:
        "Judges a URL or host: eth-phishing-detect's block and allow lists (plus the gateway's own lists), matched by the most specific entry along the Public Suffix List, and look-alikes of protected brands (homoglyphs, IDN script spoofing, edit distance, brand words in subdomains or the domain).",
      reportName: "PhishingReport",
      report: phishingReportSchema,
      errors: {},
    },
  };
}
