import { palisadeGovernorAbi } from "@palisade/abis";
import { type Address, type Hash, keccak256, toBytes } from "viem";
import type { GovernanceDeployment } from "../../deployment.ts";
import type { ProposalCall } from "../../governanceTypes.ts";
import { eventArgs } from "../../internal/events.ts";
import { execute } from "../../internal/execute.ts";
import type { TransactionResult, WriteClient } from "../../internal/types.ts";

export interface CreateProposalParameters {
  governance: Pick<GovernanceDeployment, "governor">;
  /** Executed in order by the Timelock if the proposal passes. */
  calls: readonly ProposalCall[];
  /** Shown to voters; with the calls it identifies the proposal (the same pair cannot be proposed twice). */
  description: string;
}

export interface CreateProposalReturnType extends TransactionResult {
  proposalId: bigint;
  proposer: Address;
  /** Unix seconds: votes are weighed at this time; voting opens the second after. */
  snapshot: bigint;
  /** Unix seconds: the last second of voting. */
  deadline: bigint;
  descriptionHash: Hash;
}

/**
 * Proposes calls to the governor (`propose`). The proposer needs the proposal threshold in votes a
 * second ago (`GovernorInsufficientProposerVotes` otherwise); a proposal with a disciplinary slashing
 * call may contain only such calls (`MixedDisciplinaryProposal`).
 *
 * @example
 * const data = encodeFunctionData({ abi: marketplaceAbi, functionName: "setServiceActive", args: [2, false] });
 * const { proposalId } = await createProposal(holderWallet, {
 *   governance, calls: [{ target: marketplace, value: 0n, data }], description: "Delist service 2",
 * });
 */
export async function createProposal(
  client: WriteClient,
  parameters: CreateProposalParameters,
): Promise<CreateProposalReturnType> {
  const address = parameters.governance.governor;
  const { hash, receipt } = await execute(client, {
    address,
    abi: palisadeGovernorAbi,
    functionName: "propose",
    args: [
      parameters.calls.map((call) => call.target),
      parameters.calls.map((call) => call.value),
      parameters.calls.map((call) => call.data),
      parameters.description,
    ],
  });
  const created = eventArgs<{ proposalId: bigint; proposer: Address; voteStart: bigint; voteEnd: bigint }>(
    receipt,
    { abi: palisadeGovernorAbi, eventName: "ProposalCreated", address },
  );
  return {
    hash,
    receipt,
    proposalId: created.proposalId,
    proposer: created.proposer,
    snapshot: created.voteStart,
    deadline: created.voteEnd,
    descriptionHash: keccak256(toBytes(parameters.description)),
  };
}
