import { alertSchema } from "@palisade/monitor";
import { z } from "zod";
import { listQuerySchema, streamQuerySchema } from "../alerts/routes.ts";
import { DECIMAL, errorAnswer, queryParameters, retryAfter } from "./common.ts";
import type { JsonSchema } from "./reports.ts";

const rateLimited = () => errorAnswer("Over the rate limit of this address.", ["rate_limited"], retryAfter);
const invalidQuery = () =>
  errorAnswer("An unknown, repeated or malformed query parameter.", ["invalid_request"]);
const json = (schema: JsonSchema) => ({ "application/json": { schema } });

/** The alerts routes: `POST /v1/alerts` (a monitor, Bearer secret), `GET /v1/alerts`, the live stream. */
export function alertsPaths(): Record<string, JsonSchema> {
  return {
    "/v1/alerts": {
      get: {
        operationId: "listAlerts",
        summary: "Attack-monitor alerts, newest first",
        description:
          "Public: the alerts this gateway received from attack monitors (on-chain facts anyone can re-derive). Paged by `before` (the previous page's `nextBefore`); `severity` and `type` take comma-separated values.",
        tags: ["alerts"],
        security: [],
        parameters: queryParameters(listQuerySchema),
        responses: {
          "200": {
            description: "A page of alerts and the cursor of the next (null on the last page).",
            content: json({
              type: "object",
              required: ["alerts", "nextBefore"],
              additionalProperties: false,
              properties: {
                alerts: { type: "array", items: { $ref: "#/components/schemas/AlertEntry" } },
                nextBefore: { type: ["integer", "null"], minimum: 1 },
              },
            }),
          },
          "400": invalidQuery(),
          "429": rateLimited(),
        },
      },
      post: {
        operationId: "postAlert",
        summary: "Receive a monitor's alert",
        description:
          "The monitor's gateway sink (`--gateway-url`, `--gateway-token-file`) posts each alert (palisade.alert/1) here. Stored durably before the answer; an id is stored once: the pending alert and the mined one share their id, so the first is kept and the mined repeat records its block (`minedNow`). A repeat answers 200, a new alert 201.",
        tags: ["alerts"],
        security: [{ alertsToken: [] }],
        requestBody: { required: true, content: json({ $ref: "#/components/schemas/Alert" }) },
        responses: {
          "200": {
            description: "Stored before: nothing changed, or (minedNow) the pending alert is now mined.",
            content: json({ $ref: "#/components/schemas/AlertReceipt" }),
          },
          "201": {
            description: "A new alert, stored and streamed.",
            content: json({ $ref: "#/components/schemas/AlertReceipt" }),
          },
          "400": errorAnswer("The body is not a palisade.alert/1 alert (issues name the fields).", [
            "invalid_request",
          ]),
          "401": errorAnswer("No Bearer secret, or not this gateway's (nothing read or stored).", [
            "invalid_alerts_token",
          ]),
          "403": errorAnswer("This gateway runs without --alerts-token-file: it accepts no alerts.", [
            "alerts_not_accepted",
          ]),
          "413": errorAnswer("The body is too large.", ["payload_too_large"]),
          "415": errorAnswer("The body is not application/json.", ["unsupported_media_type"]),
          "429": rateLimited(),
          "500": errorAnswer("The alert could not be stored (logged): retry.", ["internal_error"]),
        },
      },
    },
    "/v1/alerts/stream": {
      get: {
        operationId: "streamAlerts",
        summary: "Alerts as they arrive (Server-Sent Events)",
        description:
          "`event: alert` (id: the alert's seq, data: an AlertEntry) for each new alert, `event: mined` (data: the updated AlertEntry, no id) when a pending alert is seen mined, a comment every 15 s. A reconnecting browser sends Last-Event-ID and gets the alerts it missed first (up to 1,000; or give `after`).",
        tags: ["alerts"],
        security: [],
        parameters: queryParameters(streamQuerySchema),
        responses: {
          "200": {
            description: "The event stream (stays open).",
            content: { "text/event-stream": { schema: { type: "string" } } },
          },
          "400": invalidQuery(),
          "429": rateLimited(),
        },
      },
    },
  };
}

/** `GET /v1/purchases/{purchaseId}/usage-proof`. */
export function usageProofPath(): Record<string, JsonSchema> {
  return {
    "/v1/purchases/{purchaseId}/usage-proof": {
      get: {
        operationId: "usageProof",
        summary: "The token to claim a purchase's served calls with",
        description:
          "Public: of the access tokens recorded for the purchase's calls, the one with the highest nonce — what `Marketplace.claim(purchaseId, proof)` takes to pay this provider for calls 1 … nonce. Anyone may send the claim: it only ever pays this provider, for calls the consumer signed for. `callsClaimed` is the chain's, read now.",
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
            description: "The proof (null while no call is recorded) and the counts.",
            content: json({ $ref: "#/components/schemas/UsageProof" }),
          },
          "404": errorAnswer("No such purchase, or another provider's.", ["purchase_not_found"]),
          "429": rateLimited(),
          "502": errorAnswer("The chain RPC failed.", ["upstream_error"]),
        },
      },
    },
  };
}

/** The alert schema as JSON Schema, generated from the monitor's zod schema (one definition). */
function alertJsonSchema(): JsonSchema {
  const { $schema: _, ...schema } = z.toJSONSchema(alertSchema, {
    io: "input",
    target: "draft-2020-12",
  }) as JsonSchema;
  return { description: "An attack-monitor alert (palisade.alert/1, apps/monitor/README.md).", ...schema };
}

export function alertsSchemas(): Record<string, JsonSchema> {
  return {
    Alert: alertJsonSchema(),
    AlertEntry: {
      type: "object",
      description:
        "An alert as this gateway keeps it: the first received under its id, and whether it was seen mined.",
      required: ["seq", "id", "status", "block", "receivedAt", "minedAt", "alert"],
      additionalProperties: false,
      properties: {
        seq: {
          type: "integer",
          minimum: 1,
          description: "Order of arrival (the paging cursor, the stream's event id).",
        },
        id: { type: "string", pattern: "^0x[0-9a-f]{64}$" },
        status: { enum: ["pending", "mined"] },
        block: {
          type: ["integer", "null"],
          minimum: 0,
          description: "The including block; null while pending.",
        },
        receivedAt: { type: "integer", description: "Unix ms, this gateway's clock." },
        minedAt: { type: ["integer", "null"], description: "When the mined alert arrived (Unix ms)." },
        alert: { $ref: "#/components/schemas/Alert" },
      },
    },
    AlertReceipt: {
      type: "object",
      required: ["created", "minedNow", "entry"],
      additionalProperties: false,
      properties: {
        created: { type: "boolean", description: "A new id." },
        minedNow: { type: "boolean", description: "This alert recorded that a pending alert was mined." },
        entry: { $ref: "#/components/schemas/AlertEntry" },
      },
    },
  };
}

export function usageProofSchemas(): Record<string, JsonSchema> {
  return {
    UsageProof: {
      type: "object",
      required: [
        "purchaseId",
        "providerId",
        "calls",
        "callsServed",
        "callsClaimed",
        "claimable",
        "refunded",
        "proof",
      ],
      additionalProperties: false,
      properties: {
        purchaseId: { type: "string", pattern: DECIMAL },
        providerId: { type: "integer" },
        calls: { type: "integer", minimum: 0, description: "Calls bought." },
        callsServed: { type: "integer", minimum: 0, description: "Calls this gateway recorded (served)." },
        callsClaimed: {
          type: "integer",
          minimum: 0,
          description: "Calls claimed on-chain (the purchase's `served`).",
        },
        claimable: {
          type: "string",
          pattern: DECIMAL,
          description: "Calls a claim with `proof` adds (in token nonces, as the contract counts).",
        },
        refunded: { type: "boolean", description: "A refunded purchase cannot be claimed." },
        proof: {
          oneOf: [
            {
              type: "object",
              required: ["nonce", "expiry", "signature"],
              additionalProperties: false,
              properties: {
                nonce: { type: "string", pattern: DECIMAL },
                expiry: { type: "string", pattern: DECIMAL },
                signature: { type: "string", pattern: "^0x[0-9a-f]{130}$" },
              },
            },
            { type: "null" },
          ],
        },
      },
    },
  };
}
