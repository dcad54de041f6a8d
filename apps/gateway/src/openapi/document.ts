import type { EngineRoute, RouteErrorStatus } from "../routes/route.ts";
import { alertsPaths, alertsSchemas, usageProofPath, usageProofSchemas } from "./alerts.ts";
import { ADDRESS, DECIMAL, errorAnswer, HEX32, inputJsonSchema, retryAfter } from "./common.ts";
import { flagSourceSchema, type JsonSchema } from "./reports.ts";

/** Where the document is served (public: no token). */
export const OPENAPI_PATH = "/v1/openapi.json";

export interface OpenApiDocumentParameters {
  /** The gateway's version (the document's `info.version`). */
  version: string;
  /** This provider's id, shown in the description. */
  providerId: number;
}

const wwwAuthenticate = {
  "WWW-Authenticate": { description: 'Palisade error="<code>"', schema: { type: "string" } },
};

/** Descriptions of the statuses a route adds (its codes come from the route's docs). */
const routeStatusDescriptions: Record<RouteErrorStatus, string> = {
  409: "The call number was already served or claimed (token_replayed), or `block` is ahead of the chain (block_ahead_of_chain: retry when the chain has reached it; checked before the token, no call spent).",
  413: "The body is too large.",
  415: "The body is not application/json.",
  422: "The request names something the engine cannot judge (not_a_contract: the token address has no code at the block; checked before the token, no call spent).",
  502: "The chain RPC failed or cannot answer, or (attest=true) the operators did not certify a verdict (attestation_failed). Before the token is checked nothing is spent; after it the call was recorded.",
};

/** What a paid route may answer besides 200, by status: the shared refusals and the route's own. */
function paidErrors(route: EngineRoute): Record<string, JsonSchema> {
  const answers: Record<string, JsonSchema> = {
    "400": errorAnswer("Invalid input (checked before the token: no call is spent).", ["invalid_request"]),
    "401": errorAnswer(
      "No or malformed token, bad call number, expired or too long-lived token, bad signature.",
      ["invalid_token", "token_expired", "token_lifetime_too_long", "invalid_signature"],
      wwwAuthenticate,
    ),
    "402": errorAnswer("The token's nonce is beyond the calls bought.", ["quota_exhausted"]),
    "403": errorAnswer(
      "The token or purchase is another provider's (wrong_provider), or the purchase is for a service of this provider that another route serves (wrong_service).",
      ["wrong_provider", "wrong_service"],
    ),
    "404": errorAnswer("No such purchase (yet).", ["purchase_not_found"]),
    "409": errorAnswer("The call number was already served or claimed.", ["token_replayed"]),
    "410": errorAnswer("The purchase was refunded or has expired.", [
      "purchase_refunded",
      "purchase_expired",
    ]),
    "429": errorAnswer(
      "Over the rate limit of this consumer (or address): nothing was checked or recorded.",
      ["rate_limited"],
      retryAfter,
    ),
    "500": errorAnswer("Internal error (logged by the gateway).", ["internal_error", "engine_misconfigured"]),
    "503": errorAnswer(
      "The purchase could not be checked or the call not recorded: nothing was served; retry. Or attest=true on a gateway without an aggregator (attestation_unavailable, before the token: no call spent).",
      ["purchase_source_unavailable", "metering_unavailable", "attestation_unavailable"],
      retryAfter,
    ),
    "504": errorAnswer(
      "attest=true: no certificate on-chain within the gateway's timeout (the call was recorded).",
      ["attestation_timeout"],
    ),
  };
  const errors: Partial<Record<RouteErrorStatus, readonly string[]>> = {
    ...route.docs.errors,
    502: [...(route.docs.errors[502] ?? []), "attestation_failed"],
  };
  for (const [status, codes] of Object.entries(errors) as [string, readonly string[]][]) {
    const shared = status === "409" ? ["token_replayed"] : [];
    answers[status] = errorAnswer(routeStatusDescriptions[Number(status) as RouteErrorStatus], [
      ...shared,
      ...codes,
    ]);
  }
  return answers;
}

function operation(route: EngineRoute): JsonSchema {
  const input = inputJsonSchema(route.input);
  const properties = input.properties ?? {};
  const required = new Set((input.required as string[] | undefined) ?? []);
  const attest = {
    name: "attest",
    in: "query",
    required: false,
    description:
      "`true`: an operator-attested verdict instead of this provider's own answer — the operators run the engine at a block the aggregator pins, sign it with BLS, and the answer carries the report the certificate commits to and `attestation` (decision 0005) for `PalisadeGuard` to verify on-chain. `block` and `chainId` cannot be given. Slower (a certificate on-chain); 503 on a gateway without an aggregator.",
    schema: { type: "string", enum: ["true", "false", "1", "0"] },
  };
  const request =
    route.method === "GET"
      ? {
          parameters: [
            ...Object.entries(properties).map(([name, schema]) => {
              const { description, ...rest } = schema as { description?: string };
              return {
                name,
                in: "query",
                required: required.has(name),
                ...(description === undefined ? {} : { description }),
                schema: rest,
              };
            }),
            attest,
          ],
        }
      : {
          parameters: [attest],
          requestBody: {
            required: true,
            content: { "application/json": { schema: input } },
          },
        };
  return {
    operationId: route.engine.replace(/@.*/, "").replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase()),
    summary: route.docs.summary,
    description: `${route.docs.description}\n\nEngine \`${route.engine}\`. Accepts access tokens for this provider's services whose on-chain \`endpointPath\` is \`${route.servicePath}\`.`,
    tags: ["engines"],
    security: [{ accessToken: [], callNumber: [] }, { accessToken: [] }],
    ...request,
    responses: {
      "200": {
        description: "The engine's report and the call it was served under.",
        headers: {
          "X-Palisade-Calls-Remaining": {
            description: "Calls of the purchase left after this one.",
            schema: { type: "string", pattern: DECIMAL },
          },
        },
        content: {
          "application/json": {
            schema: {
              type: "object",
              required: ["engine", "report", "call"],
              additionalProperties: false,
              properties: {
                engine: { const: route.engine },
                report: { $ref: `#/components/schemas/${route.docs.reportName}` },
                attestation: { $ref: "#/components/schemas/Attestation" },
                call: { $ref: "#/components/schemas/CallReceipt" },
              },
            },
          },
        },
      },
      ...paidErrors(route),
    },
  };
}

/**
 * The OpenAPI 3.1 document of a gateway serving `routes`: every engine route (query parameters or
 * body generated from its zod schema, the report's schema, every error status with its codes), the
 * public routes, and the access-token security scheme.
 *
 * @example
 * const text = JSON.stringify(openApiDocument(routes, { version: "0.1.0", providerId: 1 }));
 */
export function openApiDocument(
  routes: readonly EngineRoute[],
  parameters: OpenApiDocumentParameters,
): JsonSchema {
  const paths: Record<string, JsonSchema> = {};
  const schemas: Record<string, JsonSchema> = {};
  for (const route of routes) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation(route) };
    schemas[route.docs.reportName] = route.docs.report;
  }
  const publicError = (description: string, codes: readonly string[]) => errorAnswer(description, codes);
  paths["/health"] = {
    get: {
      operationId: "health",
      summary: "Liveness and the chain head",
      tags: ["public"],
      security: [],
      responses: {
        "200": {
          description: "The gateway is up and its node answers.",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Health" } } },
        },
        "502": publicError("The node does not answer.", ["upstream_error"]),
      },
    },
  };
  paths["/v1/usage/{purchaseId}"] = {
    get: {
      operationId: "usage",
      summary: "Calls recorded for a purchase",
      description: "Public, as purchases are: the calls this gateway recorded and what was claimed on-chain.",
      tags: ["public"],
      security: [],
      parameters: [
        {
          name: "purchaseId",
          in: "path",
          required: true,
          schema: { type: "string", pattern: "^[0-9]{1,20}$" },
        },
      ],
      responses: {
        "200": {
          description: "The purchase's metering.",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Usage" } } },
        },
        "429": errorAnswer("Over the rate limit of this address.", ["rate_limited"], retryAfter),
      },
    },
  };
  Object.assign(paths, usageProofPath(), alertsPaths());
  paths[OPENAPI_PATH] = {
    get: {
      operationId: "openapi",
      summary: "This document",
      tags: ["public"],
      security: [],
      responses: {
        "200": { description: "The OpenAPI 3.1 document.", content: { "application/json": { schema: {} } } },
        "429": errorAnswer("Over the rate limit of this address.", ["rate_limited"], retryAfter),
      },
    },
  };

  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Palisade gateway",
      version: parameters.version,
      description:
        `Provider ${parameters.providerId}'s security engines behind the Palisade marketplace's access guard. ` +
        "Every engine call needs an access token for a purchase of this provider's service at that route " +
        "(decision 0004): `Authorization: Palisade <token>`, and for a token covering calls 1 … k, the call's " +
        "number in `X-Palisade-Call`. Each call is recorded durably before it is answered. Invalid input, " +
        "a block ahead of the chain and a token address without code are refused before the token is " +
        "checked and cost no call. Errors are `{ error: { code, message, details?, issues? } }`. Rate " +
        "limits: a token bucket per consumer (or per address without a token); over it, 429 with Retry-After.",
    },
    tags: [
      { name: "engines", description: "Paid: an access token per call." },
      { name: "public", description: "No token." },
      {
        name: "alerts",
        description:
          "Attack-monitor alerts (palisade.alert/1): monitors post them with the gateway's Bearer secret; anyone reads them.",
      },
    ],
    paths,
    components: {
      securitySchemes: {
        accessToken: {
          type: "http",
          scheme: "Palisade",
          description:
            "`Authorization: Palisade <token>`: the EIP-712 AccessToken(purchaseId, providerId, consumer, expiry, nonce) signed by the purchase's consumer or its session key, base64url (SDK `mintAccessToken`). A token with nonce k covers calls 1 … k.",
        },
        alertsToken: {
          type: "http",
          scheme: "bearer",
          description:
            "`Authorization: Bearer <secret>`: the secret of the gateway's `--alerts-token-file` (the monitor's `--gateway-token-file`).",
        },
        callNumber: {
          type: "apiKey",
          in: "header",
          name: "X-Palisade-Call",
          description:
            "The call's number n (1 ≤ n ≤ the token's nonce) when the token covers a batch; without it n is the token's nonce (a token per call).",
        },
      },
      schemas: {
        ErrorDetail: {
          type: "object",
          required: ["code", "message"],
          additionalProperties: false,
          properties: {
            code: { type: "string", description: "Stable, machine-readable." },
            message: { type: "string" },
            details: { type: "string" },
            issues: {
              type: "array",
              description: "invalid_request only: each field and what is wrong with it.",
              items: {
                type: "object",
                required: ["path", "message"],
                additionalProperties: false,
                properties: { path: { type: "string" }, message: { type: "string" } },
              },
            },
          },
        },
        CallReceipt: {
          type: "object",
          description: "The call this answer was served under (ids as decimal strings).",
          required: ["purchaseId", "call", "nonce", "callsRemaining"],
          additionalProperties: false,
          properties: {
            purchaseId: { type: "string", pattern: DECIMAL },
            call: {
              type: "string",
              pattern: DECIMAL,
              description: "This call's number within the purchase.",
            },
            nonce: {
              type: "string",
              pattern: DECIMAL,
              description: "The token's nonce: it covers calls 1 … nonce.",
            },
            callsRemaining: { type: "integer", minimum: 0 },
          },
        },
        Attestation: {
          type: "object",
          description:
            "An operator-attested verdict (decision 0005): the leaf (requestHash, keccak256(response), engineVersion, referenceBlock) is proven under batchRoot by proof, and the batch's BLS quorum certificate was accepted on-chain in txHash. PalisadeGuard takes {batchRoot, requestHash, referenceBlock, response, proof}.",
          required: [
            "engine",
            "engineVersion",
            "requestHash",
            "referenceBlock",
            "response",
            "responseHash",
            "decoded",
            "batchRoot",
            "proof",
            "leafIndex",
            "txHash",
            "submittedBlock",
            "signedStake",
            "totalStake",
            "signers",
            "nonSigners",
            "serviceManager",
          ],
          additionalProperties: false,
          properties: {
            engine: { type: "string" },
            engineVersion: HEX32,
            requestHash: HEX32,
            referenceBlock: { type: "integer", minimum: 0 },
            response: {
              type: "string",
              pattern: "^0x[0-9a-f]{320}$",
              description:
                "abi.encode(bytes32 subject, uint8 verdict, uint256 flags, uint256 unknowns, bytes32 reportHash)",
            },
            responseHash: HEX32,
            decoded: {
              type: "object",
              required: ["subject", "verdict", "flags", "unknowns", "reportHash"],
              additionalProperties: false,
              properties: {
                subject: HEX32,
                verdict: {
                  type: "integer",
                  enum: [0, 1, 2],
                  description: "0 safe/allow, 1 suspicious/warn, 2 malicious/block",
                },
                flags: {
                  type: "string",
                  pattern: "^0x[0-9a-f]+$",
                  description: "bit i: field i of the engine's field order is a flag",
                },
                unknowns: { type: "string", pattern: "^0x[0-9a-f]+$", description: "bit i: field i is null" },
                reportHash: HEX32,
              },
            },
            batchRoot: HEX32,
            proof: { type: "array", items: HEX32 },
            leafIndex: { type: "integer", minimum: 0 },
            txHash: HEX32,
            submittedBlock: { type: ["integer", "null"] },
            signedStake: { type: "string", pattern: DECIMAL },
            totalStake: { type: "string", pattern: DECIMAL },
            signers: { type: "array", items: ADDRESS },
            nonSigners: { type: "array", items: ADDRESS },
            serviceManager: ADDRESS,
          },
        },
        FlagSource: flagSourceSchema,
        Health: {
          type: "object",
          required: ["status", "providerId", "block"],
          additionalProperties: false,
          properties: {
            status: { const: "ok" },
            providerId: { type: "integer" },
            block: { type: "string", pattern: DECIMAL, description: "The node's latest block." },
          },
        },
        Usage: {
          type: "object",
          required: ["purchaseId", "callsRecorded", "highestNonce", "claimedUpTo"],
          additionalProperties: false,
          properties: {
            purchaseId: { type: "string", pattern: DECIMAL },
            callsRecorded: { type: "integer", minimum: 0 },
            highestNonce: {
              type: "string",
              pattern: DECIMAL,
              description: "The highest recorded token nonce: the calls a claim proves.",
            },
            claimedUpTo: { type: "string", pattern: DECIMAL },
          },
        },
        ...alertsSchemas(),
        ...usageProofSchemas(),
        ...schemas,
      },
    },
  };
}
