import { NodeRequestError } from "./errors.ts";

/** POSTs JSON to an operator node; resolves with the parsed 2xx body, else NodeRequestError. */
export async function postToNode(
  url: string,
  path: string,
  body: unknown,
  timeoutMs: number,
): Promise<unknown> {
  const target = `${url.replace(/\/+$/, "")}${path}`;
  let response: Response;
  try {
    response = await fetch(target, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(Math.max(1, timeoutMs)),
    });
  } catch (error) {
    throw new NodeRequestError(target, undefined, { cause: error });
  }
  const text = await response.text().catch(() => "");
  if (!response.ok) throw new NodeRequestError(target, response.status, { details: text.slice(0, 500) });
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new NodeRequestError(target, response.status, { details: "the body is not JSON", cause: error });
  }
}
