import { EngineError } from "../errors.ts";

/**
 * The loaded lists use a label the address-risk engine has no field for. Refused when the engine is
 * created, so a new list cannot be silently ignored: map the label in labelFields.ts (or rename it).
 */
export class UnknownLabelError extends EngineError {
  override name = "UnknownLabelError";
  constructor(readonly labels: readonly string[]) {
    super(`the label lists use ${labels.length === 1 ? "a label" : "labels"} with no address-risk field`, {
      details: `unknown: ${labels.join(", ")} (see labelFields.ts for the known ones)`,
    });
  }
}
