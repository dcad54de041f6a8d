export interface BaseErrorParameters {
  /** Longer explanation, e.g. the underlying message. Defaults to the cause's short message. */
  details?: string | undefined;
  cause?: unknown;
}

/**
 * The root of every Palisade error (SDK, crypto, deploy, node, aggregator — one hierarchy).
 * `shortMessage` is one line for a UI or a log; `message` adds the details; `cause` keeps the
 * original error (viem's, a file system error …). No subclass puts secrets into these fields.
 */
export class BaseError extends Error {
  override name = "PalisadeError";
  readonly shortMessage: string;
  readonly details: string | undefined;

  constructor(shortMessage: string, parameters: BaseErrorParameters = {}) {
    const details = parameters.details ?? describeCause(parameters.cause);
    super(details ? `${shortMessage}\n\nDetails: ${details}` : shortMessage, { cause: parameters.cause });
    this.shortMessage = shortMessage;
    this.details = details;
  }
}

function describeCause(cause: unknown): string | undefined {
  if (cause === undefined) return undefined;
  if (cause instanceof Error) {
    const short = (cause as { shortMessage?: unknown }).shortMessage;
    return typeof short === "string" ? short : cause.message;
  }
  return String(cause);
}
