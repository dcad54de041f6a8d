import { governanceTokenAbi, marketplaceAbi, palisadeGovernorAbi, timelockAbi } from "@palisade/abis";
import {
  type Deployment,
  type GovernanceDeployment,
  listProposals,
  type ProposalState,
  type ReadClient,
} from "@palisade/sdk";
import { type Address, formatEther } from "viem";
import { readContract } from "viem/actions";

export interface GovernanceView {
  contracts: GovernanceDeployment;
  /** gPAL in circulation. */
  supply: bigint;
  votingDelay: number;
  votingPeriod: number;
  quorumBps: number;
  proposalThresholdBps: number;
  /** Votes a proposal made now needs (for + abstain): quorumBps of 2 × the supply. */
  quorumVotes: bigint;
  timelockDelay: number;
  /** Whether the Marketplace's treasury is the RevenueDistributor. */
  distributorIsTreasury: boolean;
  /** gPAL of the accounts asked about that hold some. */
  holders: { address: Address; balance: bigint }[];
  /** How many proposals are in each state. */
  proposals: Partial<Record<ProposalState, number>>;
}

/** Reads the governance section of the summary (undefined when the deployment has none). */
export async function readGovernance(
  client: ReadClient,
  deployment: Deployment,
  accounts: readonly Address[],
): Promise<GovernanceView | undefined> {
  const contracts = deployment.governance;
  if (!contracts) return undefined;
  const token = { address: contracts.governanceToken, abi: governanceTokenAbi } as const;
  const [supply, params, timelockDelay, treasury, balances, proposals] = await Promise.all([
    readContract(client, { ...token, functionName: "totalSupply" }),
    readContract(client, { address: contracts.governor, abi: palisadeGovernorAbi, functionName: "params" }),
    readContract(client, { address: contracts.timelock, abi: timelockAbi, functionName: "getMinDelay" }),
    deployment.marketplace
      ? readContract(client, {
          address: deployment.marketplace.marketplace,
          abi: marketplaceAbi,
          functionName: "treasury",
        })
      : undefined,
    Promise.all(
      accounts.map((address) =>
        readContract(client, { ...token, functionName: "balanceOf", args: [address] }),
      ),
    ),
    listProposals(client, { governance: contracts }),
  ]);
  const counts: Partial<Record<ProposalState, number>> = {};
  for (const proposal of proposals) counts[proposal.state] = (counts[proposal.state] ?? 0) + 1;
  return {
    contracts,
    supply,
    votingDelay: Number(params.votingDelay),
    votingPeriod: Number(params.votingPeriod),
    quorumBps: params.quorumBps,
    proposalThresholdBps: params.proposalThresholdBps,
    // The governor's rule (decision 0006 §3): a share of the largest weight the supply can have.
    quorumVotes: (supply * 2n * BigInt(params.quorumBps)) / 10_000n,
    timelockDelay: Number(timelockDelay),
    distributorIsTreasury: treasury?.toLowerCase() === contracts.revenueDistributor.toLowerCase(),
    holders: accounts
      .map((address, index) => ({ address, balance: balances[index] ?? 0n }))
      .filter((holder) => holder.balance > 0n),
    proposals: counts,
  };
}

/** `30 s`, `1 h`, `2 d`: the governance delays are whole units. */
function span(seconds: number): string {
  if (seconds % 86_400 === 0 && seconds > 0) return `${seconds / 86_400} d`;
  if (seconds % 3_600 === 0 && seconds > 0) return `${seconds / 3_600} h`;
  if (seconds % 60 === 0 && seconds > 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

const gpal = (value: bigint) => `${formatEther(value)} gPAL`;
const percent = (bps: number) => `${bps / 100} %`;

/**
 * The "Governance" section: the contracts and their settings, gPAL's supply and holders, the veto
 * committee, the proposals by state, and the commands that walk a proposal through on the devnet.
 * `name` turns an address into its role ("staker 2"), `cliName` into its `--account` name ("staker2").
 */
export function renderGovernance(
  view: GovernanceView,
  named: (address: Address) => string,
  cliName: (address: Address) => string | undefined,
): string[] {
  const { contracts } = view;
  const proposals = Object.entries(view.proposals)
    .map(([state, count]) => `${count} ${state.toLowerCase()}`)
    .join(", ");
  // The largest staker proposes in the example (any holder above the threshold could).
  const names = [...view.holders]
    .sort((a, b) => (b.balance > a.balance ? 1 : b.balance < a.balance ? -1 : 0))
    .map((holder) => cliName(holder.address));
  const proposer = names.find((name) => name?.startsWith("staker")) ?? names[0] ?? "<holder>";
  const warp = `npx palisade dev warp --seconds ${view.votingPeriod}`;
  return [
    "Governance (the Timelock owns the core, the AVS and the marketplace; decision 0006)",
    `  gPAL                ${contracts.governanceToken}  ${gpal(view.supply)} (1 per value unit allocated to set 0)`,
    `  governor            ${contracts.governor}`,
    `    voting            opens ${span(view.votingDelay)} after a proposal, lasts ${span(view.votingPeriod)}`,
    `    quorum            ${percent(view.quorumBps)} of 2 × supply: ${formatEther(view.quorumVotes)} votes; threshold ${percent(view.proposalThresholdBps)}`,
    `  timelock            ${contracts.timelock}  delay ${span(view.timelockDelay)}`,
    `  veto committee      ${named(contracts.vetoCommittee)}`,
    `  revenue distributor ${contracts.revenueDistributor}${view.distributorIsTreasury ? "  (the marketplace's treasury)" : ""}`,
    ...(contracts.threatResponse === undefined
      ? []
      : [`  threat response     ${contracts.threatResponse}  (acts on certified alerts; decision 0008)`]),
    ...(view.holders.length === 0
      ? ["  holders             none (npx palisade gov sync --account <staker>)"]
      : view.holders.map(
          (holder, index) =>
            `  ${(index === 0 ? "holders" : "").padEnd(20)}${named(holder.address)}  ${gpal(holder.balance)}`,
        )),
    `  proposals           ${proposals || "none yet"}`,
    "  walk one through    (voting weighs gPAL held at the snapshot; see apps/cli/README.md)",
    `    npx palisade gov propose --account ${proposer} --param marketplace.protocolFeeBps --value 300 --description "fee 3 %"`,
    `    npx palisade gov vote --account ${proposer} --proposal <id> --support for`,
    `    ${warp} && npx palisade gov queue --proposal <id>`,
    `    npx palisade dev warp --seconds ${view.timelockDelay} && npx palisade gov execute --proposal <id>`,
  ];
}
