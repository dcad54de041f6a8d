import type { IncomingMessage } from "node:http";
import { InvalidRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from "./errors.ts";

/** Largest body accepted: init code is at most 49,152 bytes (EIP-3860), 98,304 hex digits, well under. */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * Reads a request's JSON body: `application/json` (415 otherwise), at most `limit` bytes (413, as soon
 * as the declared or received length passes it), valid JSON (400 invalid_request).
 */
export async function readJsonBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const type = request.headers["content-type"];
  const mediaType = type?.split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") throw new UnsupportedMediaTypeError(type);
  const declared = Number(request.headers["content-length"] ?? 0);
  if (declared > limit) throw new PayloadTooLargeError(limit);
  // Events rather than `for await`: leaving an async iterator early destroys the socket, and the 413
  // could not be sent. The rest of an oversized body is left unread (the server answers with
  // `connection: close`).
  const chunks = await new Promise<Buffer[]>((resolveBody, rejectBody) => {
    const received: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        request.pause();
        rejectBody(new PayloadTooLargeError(limit));
        return;
      }
      received.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolveBody(received);
    };
    const onError = (error: Error) => {
      cleanup();
      rejectBody(error);
    };
    const cleanup = () => {
      request.off("data", onData);
      request.off("end", onEnd);
      request.off("error", onError);
    };
    request.on("data", onData);
    request.on("end", onEnd);
    request.on("error", onError);
  });
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidRequestError("the body is not valid JSON", [
      { path: "(root)", message: (error as Error).message },
    ]);
  }
}
