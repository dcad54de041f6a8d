import type { GovernanceDeployment } from "../../deployment.ts";
import { ProposalNotFoundError } from "../../errors/governance.ts";
import type { Proposal } from "../../governanceTypes.ts";
import { createdProposals, readProposal } from "../../internal/proposals.ts";
import type { ReadClient } from "../../internal/types.ts";

export interface GetProposalParameters {
  governance: Pick<GovernanceDeployment, "governor" | "deployedAtBlock">;
  proposalId: bigint;
}

export type GetProposalReturnType = Proposal;

/**
 * A proposal's calls and description (from its `ProposalCreated` event), state, votes, quorum and
 * timing; ProposalNotFoundError when the governor has none with this id.
 *
 * @example
 * const proposal = await getProposal(publicClient, { governance, proposalId });
 * proposal.state; // "Active"
 */
export async function getProposal(
  client: ReadClient,
  parameters: GetProposalParameters,
): Promise<GetProposalReturnType> {
  const created = (await createdProposals(client, parameters.governance)).find(
    (entry) => entry.proposalId === parameters.proposalId,
  );
  if (!created) throw new ProposalNotFoundError(parameters.proposalId);
  return readProposal(client, parameters.governance, created);
}
