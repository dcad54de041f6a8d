/**
 * One line for the page from any error: the SDK's and viem's errors carry a `shortMessage` (a
 * contract revert names its custom error and arguments); the dashboard API answers
 * `{ error: { message, details } }`, turned into ApiError by `fetchJson`.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const short = (error as { shortMessage?: unknown }).shortMessage;
    const details = (error as { details?: unknown }).details;
    const base = typeof short === "string" && short ? short : error.message;
    return typeof details === "string" && details && !base.includes(details) && details.length < 300
      ? `${base} — ${details}`
      : base;
  }
  return String(error);
}

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: string,
    readonly body?: unknown,
  ) {
    super(details ? `${message} — ${details}` : message);
  }
}

/** GETs or POSTs same-origin JSON; a non-2xx answer throws ApiError with the body's code and message. */
export async function fetchJson<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // a non-JSON answer stays text
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string; details?: string } } | undefined)
      ?.error;
    throw new ApiError(
      response.status,
      error?.code ?? `http_${response.status}`,
      error?.message ?? (typeof body === "string" && body ? body.slice(0, 200) : response.statusText),
      error?.details,
      body,
    );
  }
  return body as T;
}
