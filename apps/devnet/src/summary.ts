import {
  type Deployment,
  getAllocatedStake,
  getOperatorPool,
  getOperatorSetMembers,
  type ReadClient,
} from "@palisade/sdk";
import { formatEther } from "viem";

/** The lines printed once the devnet is ready: where to connect and what is deployed and staked. */
export async function formatSummary(
  client: ReadClient,
  deployment: Deployment,
  info: { deploymentFile: string; anvilPid: number; resumed: boolean },
): Promise<string[]> {
  const lines = [
    "",
    `Palisade devnet ${info.resumed ? "resumed from saved state" : "deployed and seeded"}`,
    `  RPC URL          ${deployment.rpcUrl}`,
    `  chain id         ${deployment.chainId}`,
    `  deployment file  ${info.deploymentFile}`,
    `  anvil pid        ${info.anvilPid}`,
    `  delays (blocks)  withdrawal ${deployment.delays.withdrawalBlocks}, allocation ${deployment.delays.allocationBlocks}, deallocation ${deployment.delays.deallocationBlocks}; 1 block per second`,
    "",
    "Contracts",
    ...Object.entries(deployment.contracts).map(([name, address]) => `  ${name.padEnd(20)} ${address}`),
    "",
    "Strategies",
    ...Object.entries(deployment.strategies).map(
      ([symbol, entry]) => `  ${symbol.padEnd(8)} token ${entry.token}  strategy ${entry.strategy}`,
    ),
  ];
  const operatorSet = deployment.operatorSet;
  if (operatorSet) {
    const contracts = deployment.contracts;
    const symbols = Object.keys(deployment.strategies);
    const strategies = Object.values(deployment.strategies).map((entry) => entry.strategy);
    const operators = await getOperatorSetMembers(client, { contracts, operatorSet });
    const allocated = await getAllocatedStake(client, { contracts, operatorSet, operators, strategies });
    lines.push(
      "",
      `Operators in operator set ${operatorSet.id} of ${operatorSet.avs} (shares: delegated / allocated)`,
    );
    for (const [i, operator] of operators.entries()) {
      const cells = await Promise.all(
        strategies.map(async (strategy, j) => {
          const pool = await getOperatorPool(client, { contracts, operator, strategy });
          return `${symbols[j]} ${formatEther(pool.activeShares)} / ${formatEther(allocated[i]?.[j] ?? 0n)}`;
        }),
      );
      lines.push(`  ${operator}  ${cells.join("   ")}`);
    }
  }
  lines.push("", "Ctrl-C to stop (the chain state is saved and resumed on the next start).", "");
  return lines;
}
