import { palisadeGovernorAbi } from "@palisade/abis";
import { keccak256, toBytes } from "viem";
import type { GovernanceDeployment } from "../../deployment.ts";
import type { ProposalContent } from "../../governanceTypes.ts";
import { eventArgs } from "../../internal/events.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface QueueProposalParameters {
  governance: Pick<GovernanceDeployment, "governor">;
  /** Its calls and description, as proposed (`getProposal` returns them). */
  proposal: ProposalContent;
}

export interface QueueProposalReturnType extends TransactionResult {
  proposalId: bigint;
  /** Unix seconds from which anyone can execute it (now + the Timelock's delay). */
  eta: bigint;
}

/**
 * Queues a succeeded proposal in the Timelock (anyone may). Disciplinary proposals can be vetoed by
 * the veto committee until the ETA.
 *
 * @example
 * const proposal = await getProposal(publicClient, { governance, proposalId });
 * const { eta } = await queueProposal(wallet, { governance, proposal });
 */
export async function queueProposal(
  client: WriteClient,
  parameters: QueueProposalParameters,
): Promise<QueueProposalReturnType> {
  const address = parameters.governance.governor;
  const { calls, description } = parameters.proposal;
  const { hash, receipt } = await execute(client, {
    address,
    abi: palisadeGovernorAbi,
    functionName: "queue",
    args: [
      calls.map((call) => call.target),
      calls.map((call) => call.value),
      calls.map((call) => call.data),
      keccak256(toBytes(description)),
    ],
  });
  const queued = eventArgs<{ proposalId: bigint; etaSeconds: bigint }>(receipt, {
    abi: palisadeGovernorAbi,
    eventName: "ProposalQueued",
    address,
  });
  return { hash, receipt, proposalId: queued.proposalId, eta: queued.etaSeconds };
}
