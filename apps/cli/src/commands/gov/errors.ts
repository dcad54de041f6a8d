import { BaseError } from "@palisade/errors";

/**
 * A governance step that cannot happen now, explained: what state the proposal (or the caller) is in
 * and what to do, worked out from the chain when the governor refused (or would refuse) the call.
 * The CLI prints `fix` as its FIX line.
 */
export class GovernanceStepError extends BaseError {
  override name = "GovernanceStepError";
  constructor(
    message: string,
    readonly fix: string,
    options: { details?: string; cause?: unknown } = {},
  ) {
    super(message, options);
  }
}

/** `--proposal` matches no proposal of the governor, or more than one by prefix. */
export class UnknownProposalError extends BaseError {
  override name = "UnknownProposalError";
  constructor(
    readonly given: string,
    readonly matches: number,
  ) {
    super(
      matches === 0
        ? `no proposal ${given} on this governor`
        : `${matches} proposals start with ${given}: give more digits`,
    );
  }
}
