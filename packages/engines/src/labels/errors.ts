import { EngineError } from "../errors.ts";

/**
 * A label list could not be read or does not follow the `address,chain_id,label,source` format.
 * `file` is the path as given; `line` is 1-based (the header is line 1), undefined for whole-file
 * failures (missing, unreadable, empty).
 */
export class LabelFileError extends EngineError {
  override name = "LabelFileError";
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    reason: string,
    cause?: unknown,
  ) {
    super(`label list ${file}${line === undefined ? "" : `:${line}`}: ${reason}`, {
      cause,
      details: cause === undefined ? reason : undefined,
    });
  }
}
