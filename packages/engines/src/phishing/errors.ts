import { EngineError } from "../errors.ts";

/** A phishing list could not be read or holds an entry that is not a host name. */
export class PhishingListError extends EngineError {
  override name = "PhishingListError";
  constructor(
    readonly list: string,
    shortMessage: string,
    options: { details?: string; cause?: unknown } = {},
  ) {
    super(`phishing list ${list}: ${shortMessage}`, options);
  }
}
