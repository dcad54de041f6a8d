import { BaseError } from "./base.ts";

/** The governor has no proposal with this id (none was created, or on another governor). */
export class ProposalNotFoundError extends BaseError {
  override name = "ProposalNotFoundError";
  constructor(readonly proposalId: bigint) {
    super(`no proposal ${proposalId} on this governor`);
  }
}
