import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { type CallServiceReturnType, callService, mintAccessToken, ServiceCallError } from "@palisade/sdk";
import { z } from "zod";
import { NonceRetriesExhaustedError, ProviderUnreachableError, UsageError } from "../../errors.ts";
import { bigIdSchema } from "../../options.ts";
import { toJson } from "../../output/json.ts";
import { defineCommand } from "../types.ts";
import { accessOptions, prepareAccess } from "./access.ts";

/** Nonces tried after the first one the provider reports as replayed (another client used them). */
const MAX_REPLAY_RETRIES = 5;

async function parseBody(text: string | undefined, cwd: string): Promise<unknown> {
  if (text === undefined) return undefined;
  let source = text;
  if (text.startsWith("@")) {
    try {
      source = await readFile(resolve(cwd, text.slice(1)), "utf8");
    } catch (error) {
      throw new UsageError(`--body ${text}: ${(error as Error).message}`, "consumer call");
    }
  }
  try {
    return JSON.parse(source);
  } catch {
    throw new UsageError("--body is not JSON (give JSON, or @file)", "consumer call");
  }
}

function serviceUrl(endpoint: string, path: string, query: readonly string[]): string {
  const url = new URL(`${endpoint.replace(/\/+$/, "")}${path}`);
  for (const pair of query) {
    const index = pair.indexOf("=");
    url.searchParams.append(pair.slice(0, index), pair.slice(index + 1));
  }
  return url.toString();
}

export const consumerCall = defineCommand({
  summary:
    "call a purchased service: sign a token with the next nonce, call the provider, print its JSON answer",
  description:
    "Looks up the purchase's service (its path) and provider (its endpoint). GET, or POST with --body.\n" +
    "When the provider answers 409 token_replayed (the nonce was used elsewhere) the CLI records it and\n" +
    `tries the next nonce, up to ${MAX_REPLAY_RETRIES} more times; an explicit --nonce is not moved.`,
  example:
    "npx palisade consumer call --account consumer0 --purchase 1 --query address=0x000000000000000000000000000000000000dEaD",
  options: {
    purchase: {
      type: "string",
      placeholder: "id",
      description: "the purchase",
      schema: bigIdSchema("--purchase"),
      required: true,
    },
    path: {
      type: "string",
      placeholder: "/v1/…",
      description: "path under the provider's endpoint (default: the service's)",
      schema: z.string().regex(/^\//, { message: "--path must start with /" }).optional(),
    },
    query: {
      type: "string",
      multiple: true,
      placeholder: "k=v",
      description: "a query parameter (repeat the option for more)",
      schema: z.array(z.string().regex(/^[^=]+=/, { message: "--query takes key=value" })).optional(),
    },
    body: {
      type: "string",
      placeholder: "json",
      description: "JSON body (or @file): the call becomes a POST",
      schema: z.string().optional(),
    },
    ...accessOptions,
  },
  async run(context, args) {
    const body = await parseBody(args.body, context.io.cwd);
    const access = await prepareAccess(context, {
      purchaseId: args.purchase,
      nonce: args.nonce,
      expirySeconds: args.expiry,
      stateDir: args.stateDir,
    });
    const { purchase } = access;
    const url = serviceUrl(
      access.provider.endpoint,
      args.path ?? access.service.endpointPath,
      args.query ?? [],
    );
    const first = access.nonce;
    let nonce = first;
    let result: CallServiceReturnType | undefined;
    while (result === undefined) {
      const { authorization } = await mintAccessToken(access.wallet, {
        contracts: access.contracts,
        purchaseId: purchase.purchaseId,
        providerId: purchase.providerId,
        consumer: access.consumer,
        nonce,
        expiry: access.expiry,
      });
      try {
        result = await callService({ url, authorization, ...(body === undefined ? {} : { body }) });
      } catch (error) {
        if (error instanceof ServiceCallError) {
          const replayed = error.status === 409 && error.code === "token_replayed";
          // A replayed nonce is spent: never present it again.
          if (replayed) await access.store.record(access.nonceKey, nonce);
          if (!replayed || args.nonce !== undefined) throw error;
          if (nonce - first >= MAX_REPLAY_RETRIES || nonce >= BigInt(purchase.calls))
            throw new NonceRetriesExhaustedError(purchase.purchaseId, first, nonce);
          context.progress(`nonce ${nonce} was already used; trying ${nonce + 1n}`);
          nonce += 1n;
          continue;
        }
        // fetch rejects with a TypeError when nothing answers; the SDK's errors pass through.
        if (error instanceof TypeError) throw new ProviderUnreachableError(url, error);
        throw error;
      }
    }
    await access.store.record(access.nonceKey, nonce);
    const remaining = result.callsRemaining ?? purchase.calls - Number(nonce);
    context.progress(
      `call ${nonce} of ${purchase.calls} of purchase ${purchase.purchaseId} (${remaining} left)`,
    );
    return {
      data: {
        purchaseId: purchase.purchaseId,
        nonce,
        url,
        status: result.status,
        callsRemaining: remaining,
        body: result.body,
      },
      text: typeof result.body === "string" ? result.body : toJson(result.body),
    };
  },
});
