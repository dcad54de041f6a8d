import http from "node:http";
import https from "node:https";
import { UpstreamUnreachableError } from "./errors.ts";

export interface UpstreamAnswer {
  status: number;
  contentType: string | undefined;
  body: Buffer;
}

export interface HttpUpstream {
  /** POSTs a JSON body. Errors: UpstreamUnreachableError (no connection, reset, timeout). */
  post(body: string | Buffer): Promise<UpstreamAnswer>;
  /** Closes the pooled connections. */
  close(): void;
}

/** The upstream node over HTTP(S), with pooled keep-alive connections. */
export function createHttpUpstream(url: string, timeoutMs: number): HttpUpstream {
  const target = new URL(url);
  const transport = target.protocol === "https:" ? https : http;
  const agent = new transport.Agent({ keepAlive: true });

  function once(body: string | Buffer): Promise<UpstreamAnswer> {
    return new Promise((resolveAnswer, reject) => {
      const request = transport.request(
        target,
        {
          method: "POST",
          agent,
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("error", reject);
          response.on("end", () =>
            resolveAnswer({
              status: response.statusCode ?? 502,
              contentType: response.headers["content-type"],
              body: Buffer.concat(chunks),
            }),
          );
        },
      );
      request.setTimeout(timeoutMs, () =>
        request.destroy(new Error(`the upstream did not answer within ${timeoutMs} ms`)),
      );
      request.on("error", (error) => reject(Object.assign(error, { reusedSocket: request.reusedSocket })));
      request.end(body);
    });
  }

  return {
    async post(body) {
      try {
        return await once(body);
      } catch (error) {
        // A pooled connection the node closed while idle fails at once with ECONNRESET, almost always
        // before the request reached the node (Node's documented retry pattern): retried once on a new
        // connection. At worst a transaction arrives twice and the node answers "already known".
        const { code, reusedSocket } = error as { code?: string; reusedSocket?: boolean };
        if (reusedSocket && code === "ECONNRESET")
          return once(body).catch((retryError: unknown) => {
            throw new UpstreamUnreachableError(retryError);
          });
        throw new UpstreamUnreachableError(error);
      }
    },
    close() {
      agent.destroy();
    },
  };
}
