import type { GovernanceDeployment } from "../../deployment.ts";
import type { Proposal } from "../../governanceTypes.ts";
import { createdProposals, readProposal } from "../../internal/proposals.ts";
import type { ReadClient } from "../../internal/types.ts";

export interface ListProposalsParameters {
  governance: Pick<GovernanceDeployment, "governor" | "deployedAtBlock">;
}

/** Oldest first. */
export type ListProposalsReturnType = Proposal[];

/**
 * Every proposal of the governor (from its `ProposalCreated` events since the governance deployment)
 * with its state, votes, quorum and timing now.
 *
 * @example
 * const proposals = await listProposals(publicClient, { governance: governanceOf(deployment) });
 * proposals.filter((p) => p.state === "Active");
 */
export async function listProposals(
  client: ReadClient,
  parameters: ListProposalsParameters,
): Promise<ListProposalsReturnType> {
  const created = await createdProposals(client, parameters.governance);
  return Promise.all(created.map((entry) => readProposal(client, parameters.governance, entry)));
}
