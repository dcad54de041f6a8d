import type { Deployment } from "@palisade/sdk";
import { formatEther } from "viem";
import { avsDefaults } from "./avsSettings.ts";
import type { DeploymentPlan } from "./checkDeployment.ts";

/**
 * The RPC URL without its path and query, which often hold a provider's API key: what is printed.
 * The deployment file keeps the full URL for its readers.
 */
export function redactRpcUrl(rpcUrl: string): string {
  const url = new URL(rpcUrl);
  const hidden = url.pathname !== "/" || url.search !== "" || url.username !== "";
  return `${url.protocol}//${url.host}${hidden ? "/…" : ""}`;
}

const days = (blocks: number): string =>
  `${blocks} blocks (~${((blocks * 12) / 86_400).toFixed(1)} days at 12 s)`;

/** The lines printed before anything is sent. */
export function renderPlan(plan: DeploymentPlan, rpcUrl: string): string[] {
  const lines = [
    `chain        ${plan.chainId} via ${redactRpcUrl(rpcUrl)}`,
    `deployer     ${plan.deployer} (nonce ${plan.nonce}, balance ${formatEther(plan.balance)} native)`,
    `est. cost    at most ${formatEther(plan.estimatedCost)} native at current fees (L1 data fees of rollups not included)`,
    `owner        ${plan.owner}${plan.owner === plan.deployer ? " (the deployer)" : " (two-step: must acceptOwnership)"}`,
    `pauser       ${plan.pauser}`,
    `delays       withdrawal ${days(plan.delays.withdrawalDelayBlocks)}`,
    `             allocation ${days(plan.delays.allocationDelayBlocks)}`,
    `             deallocation ${days(plan.delays.deallocationDelayBlocks)}`,
  ];
  for (const [index, strategy] of plan.strategies.entries()) {
    const cap = strategy.capTokens === undefined ? "no cap" : `cap ${strategy.capTokens} ${strategy.symbol}`;
    lines.push(
      `${index === 0 ? "strategies" : "          "}   ${strategy.symbol} ${strategy.token} (${strategy.decimals} decimals, ${cap})`,
    );
  }
  if (plan.avs) {
    const { quorumThresholdBps, vetoCommittee, slashRequester } = plan.avs;
    const window =
      plan.avs.vetoWindowBlocks ?? avsDefaults.vetoWindowBlocks(plan.delays.deallocationDelayBlocks);
    lines.push(
      `avs          ServiceManager + OperatorRegistry, operator set 0 over every strategy above`,
      `             quorum ${quorumThresholdBps} bps (${(quorumThresholdBps / 100).toFixed(2)} % of stake), veto window ${days(window)}`,
      `             veto committee ${vetoCommittee}`,
      `             slash requester ${slashRequester}`,
    );
  }
  lines.push(`output       ${plan.out}`);
  return lines;
}

/** The lines printed after the deployment file is written. */
export function renderSummary(deployment: Deployment, plan: DeploymentPlan): string[] {
  const lines = [
    `deployed on chain ${deployment.chainId} from block ${deployment.deployedAtBlock}`,
    ...Object.entries(deployment.contracts).map(([name, address]) => `  ${name.padEnd(19)} ${address}`),
    ...Object.entries(deployment.strategies).map(
      ([symbol, { strategy }]) => `  ${`${symbol} strategy`.padEnd(19)} ${strategy}`,
    ),
  ];
  if (deployment.avs) {
    const { serviceManager, operatorRegistry, operatorSetId } = deployment.avs;
    lines.push(
      `  ${"serviceManager".padEnd(19)} ${serviceManager} (AVS; operator set ${operatorSetId}, also the SlashingCoordinator)`,
      `  ${"operatorRegistry".padEnd(19)} ${operatorRegistry} (also the QuorumVerifier)`,
    );
  }
  lines.push(`wrote ${plan.out}`);
  if (plan.owner !== plan.deployer) {
    lines.push(
      `next: ${plan.owner} must call acceptOwnership() on each of the ${deployment.avs ? "six" : "four"} contracts; until then the deployer owns them`,
    );
  }
  return lines;
}
