import { palisadeGovernorAbi } from "@palisade/abis";
import { keccak256, toBytes } from "viem";
import type { GovernanceDeployment } from "../../deployment.ts";
import type { ProposalContent } from "../../governanceTypes.ts";
import { eventArgs } from "../../internal/events.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface ExecuteProposalParameters {
  governance: Pick<GovernanceDeployment, "governor">;
  /** Its calls and description, as proposed (`getProposal` returns them). */
  proposal: ProposalContent;
}

export interface ExecuteProposalReturnType extends TransactionResult {
  proposalId: bigint;
}

/**
 * Executes a queued proposal once its Timelock ETA has passed (anyone may): the Timelock makes its
 * calls. A call that reverts reverts the whole execution with the target's error.
 *
 * @example
 * await executeProposal(wallet, { governance, proposal: await getProposal(publicClient, { governance, proposalId }) });
 */
export async function executeProposal(
  client: WriteClient,
  parameters: ExecuteProposalParameters,
): Promise<ExecuteProposalReturnType> {
  const address = parameters.governance.governor;
  const { calls, description } = parameters.proposal;
  const { hash, receipt } = await execute(client, {
    address,
    abi: palisadeGovernorAbi,
    functionName: "execute",
    args: [
      calls.map((call) => call.target),
      calls.map((call) => call.value),
      calls.map((call) => call.data),
      keccak256(toBytes(description)),
    ],
  });
  const { proposalId } = eventArgs<{ proposalId: bigint }>(receipt, {
    abi: palisadeGovernorAbi,
    eventName: "ProposalExecuted",
    address,
  });
  return { hash, receipt, proposalId };
}
