import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { addressBasics } from "@palisade/engines";
import type { AccessGuard } from "@palisade/provider";
import type { MeteringStore } from "@palisade/store";
import type { Logger } from "pino";
import type { PublicClient } from "viem";
import { getBlockNumber } from "viem/actions";
import { sendError, sendJson } from "./errorResponse.ts";
import { InvalidRequestError, RouteNotFoundError, UpstreamError } from "./errors.ts";

export interface GatewayServerParameters {
  providerId: number;
  guard: AccessGuard;
  metering: MeteringStore;
  client: PublicClient;
  logger: Logger;
}

const USAGE_PATH = /^\/v1\/usage\/(\d{1,20})$/;

/**
 * The provider's HTTP API:
 * - `GET /health` — liveness and the chain head;
 * - `GET /v1/address?address=0x…` — the address-basics engine at the latest block, behind the access
 *   guard: the input is validated first (a bad address costs no call), then the token is checked and
 *   the call recorded durably, then the engine runs;
 * - `GET /v1/usage/:purchaseId` — calls recorded and claimed for a purchase (public: purchases are).
 * Every error is JSON `{error: {code, message}}` (errorResponse.ts).
 */
export function createGatewayServer(parameters: GatewayServerParameters): Server {
  const { guard, metering, client, logger, providerId } = parameters;

  async function address(request: IncomingMessage, url: URL, response: ServerResponse): Promise<void> {
    const raw = url.searchParams.get("address");
    if (raw === null) throw new InvalidRequestError("query parameter `address` is required");
    const referenceBlock = Number(
      await getBlockNumber(client, { cacheTime: 0 }).catch((e) => {
        throw new UpstreamError(e);
      }),
    );
    const engineRequest = addressBasics.parseRequest({ address: raw, referenceBlock });
    // A token may cover calls 1 … k; the call's number comes in X-Palisade-Call (decision 0004).
    const call = await guard.authorize(request.headers.authorization, request.headers["x-palisade-call"]);
    response.setHeader("x-palisade-calls-remaining", String(call.callsRemaining));
    const result = await addressBasics.run(client, engineRequest);
    sendJson(response, 200, {
      engine: addressBasics.id,
      referenceBlock,
      requestHash: engineRequest.requestHash,
      responseHash: result.responseHash,
      result: result.json,
      call: {
        purchaseId: call.purchaseId,
        call: call.call,
        nonce: call.nonce,
        callsRemaining: call.callsRemaining,
      },
    });
  }

  async function usage(purchaseId: bigint, response: ServerResponse): Promise<void> {
    const [recorded, highest, claimedUpTo] = await Promise.all([
      metering.countCalls(purchaseId),
      metering.highestCall(purchaseId),
      metering.claimedUpTo(purchaseId),
    ]);
    sendJson(response, 200, {
      purchaseId,
      callsRecorded: recorded,
      highestNonce: highest?.nonce ?? 0n,
      claimedUpTo,
    });
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://gateway");
    const method = request.method ?? "GET";
    if (method === "GET" && url.pathname === "/health") {
      const block = await getBlockNumber(client, { cacheTime: 0 }).catch((e) => {
        throw new UpstreamError(e);
      });
      return sendJson(response, 200, { status: "ok", providerId, block });
    }
    if (method === "GET" && url.pathname === "/v1/address") return address(request, url, response);
    const usageMatch = USAGE_PATH.exec(url.pathname);
    if (method === "GET" && usageMatch?.[1] !== undefined) return usage(BigInt(usageMatch[1]), response);
    throw new RouteNotFoundError(method, url.pathname);
  }

  return createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      const mapped = sendError(response, error);
      if (mapped.internal) logger.error({ err: error, url: request.url }, "request failed");
    });
  });
}
