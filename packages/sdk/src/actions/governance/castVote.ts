import { palisadeGovernorAbi } from "@palisade/abis";
import type { GovernanceDeployment } from "../../deployment.ts";
import { type VoteSupport, voteSupport } from "../../governanceTypes.ts";
import { eventArgs } from "../../internal/events.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface CastVoteParameters {
  governance: Pick<GovernanceDeployment, "governor">;
  proposalId: bigint;
  support: VoteSupport;
  /** Published with the vote (`castVoteWithReason`). */
  reason?: string;
}

export interface CastVoteReturnType extends TransactionResult {
  /** The votes counted: the voter's gPAL lots weighed at the proposal's snapshot. */
  weight: bigint;
}

/**
 * Votes on an active proposal with the weight of the voter's own gPAL at the proposal's snapshot
 * (no delegation: decision 0006). One vote per account (`GovernorAlreadyCastVote`).
 *
 * @example
 * const { weight } = await castVote(holderWallet, { governance, proposalId, support: "for", reason: "needed" });
 */
export async function castVote(
  client: WriteClient,
  parameters: CastVoteParameters,
): Promise<CastVoteReturnType> {
  const address = parameters.governance.governor;
  const support = voteSupport[parameters.support];
  const { hash, receipt } = await execute(
    client,
    parameters.reason === undefined
      ? {
          address,
          abi: palisadeGovernorAbi,
          functionName: "castVote",
          args: [parameters.proposalId, support],
        }
      : {
          address,
          abi: palisadeGovernorAbi,
          functionName: "castVoteWithReason",
          args: [parameters.proposalId, support, parameters.reason],
        },
  );
  const { weight } = eventArgs<{ weight: bigint }>(receipt, {
    abi: palisadeGovernorAbi,
    eventName: "VoteCast",
    address,
  });
  return { hash, receipt, weight };
}
