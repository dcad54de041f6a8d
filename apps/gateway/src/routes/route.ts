import type { PublicClient } from "viem";
import { getBlockNumber } from "viem/actions";
import { z } from "zod";
import { BlockAheadError, InvalidRequestError, UpstreamError } from "../errors.ts";

/** What a route reads from a request: its query (each parameter given once) and its JSON body. */
export interface RouteRequest {
  query: Readonly<Record<string, string>>;
  /** The parsed JSON body of a POST route; undefined for GET. */
  body: unknown;
}

/** What routes share: the chain the engines read. */
export interface RouteContext {
  client: PublicClient;
}

/** What `run` answers: the engine's report and the parameters it ran with (the block pinned). */
export interface RouteResult<TParameters, TReport> {
  report: TReport;
  /**
   * The engine's parameters as run, with the block the report was computed at (and the chain id the
   * lists were matched for, where the engine takes one): enough to derive the attested request
   * (decision 0005) for the same answer.
   */
  parameters: TParameters;
}

/** The minimum every engine report has (SecurityReport). */
export interface RouteReport {
  engine: string;
  target: string;
  block: number | null;
  verdict: string;
}

/** HTTP statuses a route may answer besides the ones every paid route shares (see openapi/document.ts). */
export type RouteErrorStatus = 409 | 413 | 415 | 422 | 502;

/** How the OpenAPI document describes a route. */
export interface RouteDocs {
  summary: string;
  description: string;
  /** The component name of the report schema, e.g. `AddressRiskReport`. */
  reportName: string;
  /** JSON Schema (2020-12) of the engine's report. */
  report: Record<string, unknown>;
  /**
   * The codes this route answers beyond the ones every paid route shares (400, 401, 402, 403, 404,
   * 409 token_replayed, 410, 429, 500, 503), by status.
   */
  errors: Partial<Record<RouteErrorStatus, readonly string[]>>;
}

/**
 * One paid engine route. The server runs every route the same way: rate limit → `parse` (invalid
 * input costs no call) → `guard.authorize` with the services whose on-chain `endpointPath` is
 * `servicePath` → `run` → `{ engine, report, call }`.
 *
 * `parse` and `run` are methods (not function-valued properties) so a route of any parameter type
 * fits the table's `EngineRoute`.
 */
export interface EngineRoute<TParameters = unknown, TReport extends RouteReport = RouteReport> {
  method: "GET" | "POST";
  /** The HTTP path, e.g. `/v1/token`. */
  path: string;
  /** The on-chain `endpointPath` of the services whose purchases this route accepts (today: `path`). */
  servicePath: string;
  /** The engine's id, e.g. `token-risk@1`: the answer's `engine`. */
  engine: string;
  /**
   * The input's schema: the query's (GET) or the body's (POST). `parse` validates with it; the
   * OpenAPI document is generated from it (its input side).
   */
  input: z.ZodType;
  /**
   * Validates the request and refuses what the engine would refuse (a block ahead of the chain, a
   * token without code), reading the chain if needed: all before the access token, so a refusal costs
   * no call. Throws InvalidRequestError (400) or another GatewayError.
   */
  parse(request: RouteRequest, context: RouteContext): Promise<TParameters>;
  /** Runs the engine on parsed parameters. Engine errors propagate (errorResponse.ts maps them). */
  run(parameters: TParameters, context: RouteContext): Promise<RouteResult<TParameters, TReport>>;
  /**
   * The attested engine's request for the same question (`attest=true`, decision 0005), without the
   * reference block: the aggregator pins it, and the operators answer for their own lists and chain,
   * so a request naming `block` or `chainId` is refused here (InvalidRequestError, before the call is
   * spent).
   */
  attestedRequest(parameters: TParameters): Record<string, unknown>;
  docs: RouteDocs;
}

/** `schema.safeParse(value)`, or InvalidRequestError with zod's issues (path, message). */
export function parseInput<TSchema extends z.ZodType>(
  schema: TSchema,
  value: unknown,
  what: string,
): z.output<TSchema> {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new InvalidRequestError(
      `invalid ${what}`,
      parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join(".") || "(root)",
        message: issue.message,
      })),
    );
  return parsed.data;
}

/** A 20-byte hex address, any letter case (checksums are not enforced, as the engines do not). */
export const addressSchema = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, { message: "not a 0x-prefixed 20-byte hex address" });

/** A block number in a query: decimal, no sign or leading zero, a safe integer. */
export const blockQuerySchema = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,14})$/, { message: "not a decimal block number" })
  .transform(Number)
  .describe("The block to read the chain at (decimal; default: the latest block). Reported back as `block`.");

/** A chain id in a query: decimal, positive, a safe integer. */
export const chainIdQuerySchema = z
  .string()
  .regex(/^[1-9][0-9]{0,14}$/, { message: "not a decimal chain id" })
  .transform(Number);

/**
 * Refuses a block beyond the chain's head (409 block_ahead_of_chain) before the call is spent; the
 * head only grows, so the engine will find the block. An RPC failure is a 502 (nothing recorded).
 */
export async function ensureBlockReached(client: PublicClient, block: number | undefined): Promise<void> {
  if (block === undefined) return;
  const head = Number(
    await getBlockNumber(client, { cacheTime: 0 }).catch((error: unknown) => {
      throw new UpstreamError(error);
    }),
  );
  if (block > head) throw new BlockAheadError(block, head);
}

/** Refuses the parameters an attested request cannot take (the aggregator pins the block, the nodes their chain). */
export function refuseUnattestable(parameters: { block?: number; chainId?: number }): void {
  const issues = [
    ...(parameters.block === undefined
      ? []
      : [{ path: "block", message: "attested verdicts are read at the block the aggregator pins: omit it" }]),
    ...(parameters.chainId === undefined
      ? []
      : [{ path: "chainId", message: "the operators judge for their own chain: omit it" }]),
  ];
  if (issues.length > 0) throw new InvalidRequestError("not available with attest=true", issues);
}
