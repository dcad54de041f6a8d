import type { IncomingMessage, ServerResponse } from "node:http";
import { alertSchema, alertTypes, severities } from "@palisade/monitor";
import type { AlertStore, Hash32 } from "@palisade/store";
import type { Logger } from "pino";
import { z } from "zod";
import { sendJson } from "../errorResponse.ts";
import { InvalidRequestError } from "../errors.ts";
import { readJsonBody } from "../readJsonBody.ts";
import { parseInput } from "../routes/route.ts";
import { type AlertEntry, type AlertEvent, type AlertHub, alertEntry, createAlertHub } from "./entry.ts";
import { checkAlertsToken } from "./token.ts";

export const ALERTS_PATH = "/v1/alerts";
export const ALERTS_STREAM_PATH = "/v1/alerts/stream";

/** Page size of `GET /v1/alerts` (default, and at most). */
const DEFAULT_PAGE = 20;
const MAX_PAGE = 100;
/** At most this many missed alerts are replayed to a stream that reconnects (older: page the list). */
const MAX_REPLAY = 1_000;
/**
 * A comment line this often keeps an idle stream open through proxies that close quiet connections
 * (nginx's default read timeout is 60 s).
 */
const HEARTBEAT_MS = 15_000;
/** Alerts arrive in the first block after their transaction: a browser reconnects within 2 s. */
const RETRY_MS = 2_000;

/** `high,critical` → ["high", "critical"], each one of `values`. */
const list = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((text) => [...new Set(text.split(",").map((value) => value.trim()))])
    .pipe(z.array(z.enum(values)).min(1).max(values.length));
const seq = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,14})$/, { message: "an alert's seq (a whole number)" })
  .transform(Number);

const filters = {
  severity: list(severities).optional(),
  type: list(alertTypes).optional(),
};
export const listQuerySchema = z.strictObject({
  ...filters,
  since: z
    .string()
    .regex(/^(0|[1-9][0-9]{0,14})$/, { message: "Unix milliseconds" })
    .transform(Number)
    .optional()
    .describe("Only alerts this gateway received at or after this time (Unix ms)."),
  before: seq
    .optional()
    .describe("Only alerts received before this one: the `nextBefore` of the previous page."),
  limit: z
    .string()
    .regex(/^[1-9][0-9]{0,2}$/, { message: `a whole number in [1, ${MAX_PAGE}]` })
    .transform(Number)
    .pipe(z.number().max(MAX_PAGE))
    .optional()
    .describe(`Alerts per page (default ${DEFAULT_PAGE}, at most ${MAX_PAGE}).`),
});
export const streamQuerySchema = z.strictObject({
  ...filters,
  after: seq
    .optional()
    .describe(
      "Replay the alerts received after this one first (as the Last-Event-ID header does when a browser reconnects).",
    ),
});

export interface AlertRoutesParameters {
  store: AlertStore;
  /** The secret senders present (`--alerts-token-file`); undefined: POST /v1/alerts answers 403. */
  token: string | undefined;
  logger: Logger;
  /** The receiving clock, Unix ms (default `Date.now`). */
  now?: () => number;
  /** Between heartbeat comments on an open stream (default 15 s). */
  heartbeatMs?: number;
}

export interface AlertRoutes {
  /** `POST /v1/alerts`: a monitor's alert, authenticated, validated, stored, then streamed. */
  post(request: IncomingMessage, response: ServerResponse): Promise<void>;
  /** `GET /v1/alerts`: newest first, paged by `before`. */
  list(query: Record<string, string>, response: ServerResponse): Promise<void>;
  /** `GET /v1/alerts/stream`: Server-Sent Events, from now (or from `after` / Last-Event-ID). */
  stream(request: IncomingMessage, query: Record<string, string>, response: ServerResponse): Promise<void>;
  /** Ends every open stream (the server cannot close while they are open). */
  closeStreams(): void;
  /** Streams open now. */
  openStreams(): number;
}

/** What matches a stream's or a list's type and severity filters. */
function matcher(query: { severity?: string[] | undefined; type?: string[] | undefined }) {
  return (entry: AlertEntry) =>
    (query.severity === undefined || query.severity.includes(entry.alert.severity)) &&
    (query.type === undefined || query.type.includes(entry.alert.type));
}

/**
 * The gateway's alert routes over an AlertStore. An alert id is stored once; the pending alert and
 * the mined one share their id (palisade.alert/1), so the first is kept and the mined repeat only
 * records the block — a retry or a second monitor's copy is a 200 no-op.
 */
export function createAlertRoutes(parameters: AlertRoutesParameters): AlertRoutes {
  const { store, token, logger } = parameters;
  const now = parameters.now ?? Date.now;
  const heartbeatMs = parameters.heartbeatMs ?? HEARTBEAT_MS;
  const hub: AlertHub = createAlertHub();
  const streams = new Set<ServerResponse>();

  async function post(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // The secret first: an unauthenticated sender gets nothing read.
    checkAlertsToken(request.headers.authorization, token);
    const body = await readJsonBody(request);
    const alert = parseInput(alertSchema, body, "alert (palisade.alert/1)");
    if ((alert.source === "block") !== (alert.block !== null))
      throw new InvalidRequestError("invalid alert (palisade.alert/1)", [
        { path: "block", message: "a block number when source is block, null when mempool" },
      ]);
    const {
      alert: stored,
      created,
      minedNow,
    } = await store.putAlert({
      id: alert.id as Hash32,
      chainId: alert.chainId,
      type: alert.type,
      severity: alert.severity,
      tx: alert.tx as Hash32,
      source: alert.source,
      block: alert.block,
      detectedAt: alert.detectedAt,
      receivedAt: now(),
      json: JSON.stringify(alert),
    });
    const entry = alertEntry(stored);
    logger.info(
      {
        alert: alert.id,
        type: alert.type,
        severity: alert.severity,
        source: alert.source,
        created,
        minedNow,
      },
      created ? "alert received" : minedNow ? "alert seen mined" : "alert repeated",
    );
    if (created) hub.publish({ kind: "alert", entry });
    else if (minedNow) hub.publish({ kind: "mined", entry });
    sendJson(response, created ? 201 : 200, { created, minedNow, entry });
  }

  async function listAlerts(query: Record<string, string>, response: ServerResponse): Promise<void> {
    const parsed = parseInput(listQuerySchema, query, "query");
    const limit = parsed.limit ?? DEFAULT_PAGE;
    // One more than the page: whether a next page exists without a count.
    const rows = await store.listAlerts({
      limit: limit + 1,
      ...(parsed.before === undefined ? {} : { before: parsed.before }),
      ...(parsed.since === undefined ? {} : { since: parsed.since }),
      ...(parsed.severity === undefined ? {} : { severities: parsed.severity }),
      ...(parsed.type === undefined ? {} : { types: parsed.type }),
    });
    const page = rows.slice(0, limit).map(alertEntry);
    sendJson(response, 200, {
      alerts: page,
      nextBefore: rows.length > limit ? (page.at(-1)?.seq ?? null) : null,
    });
  }

  async function stream(
    request: IncomingMessage,
    query: Record<string, string>,
    response: ServerResponse,
  ): Promise<void> {
    const parsed = parseInput(streamQuerySchema, query, "query");
    const lastEventId = request.headers["last-event-id"];
    const after =
      parsed.after ??
      (typeof lastEventId === "string" && /^(0|[1-9][0-9]{0,14})$/.test(lastEventId)
        ? Number(lastEventId)
        : undefined);
    const matches = matcher(parsed);
    let lastSeq = 0;
    const write = (event: AlertEvent) => {
      if (response.writableEnded || !matches(event.entry)) return;
      if (event.kind === "alert") {
        // Sent already (by the replay): the stream never repeats an alert.
        if (event.entry.seq <= lastSeq) return;
        lastSeq = event.entry.seq;
        response.write(`id: ${event.entry.seq}\nevent: alert\ndata: ${JSON.stringify(event.entry)}\n\n`);
      } else {
        // No id: a mined update must not move the reader's Last-Event-ID back.
        response.write(`event: mined\ndata: ${JSON.stringify(event.entry)}\n\n`);
      }
    };
    // Subscribed before the replay is read, holding live events until it is written: an alert stored
    // in between is in one or the other (or both: the seq check drops the copy), never in neither.
    const held: AlertEvent[] = [];
    let replaying = true;
    const unsubscribe = hub.subscribe((event) => (replaying ? held.push(event) : write(event)));
    const heartbeat = setInterval(() => response.write(": keep-alive\n\n"), heartbeatMs);
    heartbeat.unref();
    const close = () => {
      unsubscribe();
      clearInterval(heartbeat);
      streams.delete(response);
    };
    response.once("close", close);
    streams.add(response);
    response.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
      // Reverse proxies (nginx) must not buffer the stream.
      "x-accel-buffering": "no",
    });
    response.write(`retry: ${RETRY_MS}\n\n`);
    try {
      if (after !== undefined) {
        const missed = await store.listAlerts({
          after,
          limit: MAX_REPLAY,
          ...(parsed.severity === undefined ? {} : { severities: parsed.severity }),
          ...(parsed.type === undefined ? {} : { types: parsed.type }),
        });
        for (const stored of missed) write({ kind: "alert", entry: alertEntry(stored) });
      }
    } catch (error) {
      // The headers are sent: end the stream (the browser reconnects) rather than answer an error.
      logger.error({ err: error }, "alert stream replay failed");
      response.end();
      return;
    } finally {
      replaying = false;
      for (const event of held.splice(0)) write(event);
    }
  }

  return {
    post,
    list: listAlerts,
    stream,
    closeStreams() {
      for (const response of streams) response.end();
      streams.clear();
    },
    openStreams: () => streams.size,
  };
}
