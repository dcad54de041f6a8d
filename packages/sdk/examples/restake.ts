/**
 * A staker's first steps against a running devnet (`npm start`): take test stETH from the devnet
 * deployer, deposit it, read the position, queue a withdrawal.
 *
 *   npx tsx packages/sdk/examples/restake.ts [path/to/deployment.json]
 *
 * Uses anvil's public test keys (index 0 = deployer, index 7 = staker 0 of the seed); never use
 * them on a real chain.
 */
import { mockLstAbi } from "@palisade/abis";
import { createWalletClient, formatEther, http, parseEther, publicActions } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { writeContract } from "viem/actions";
import {
  depositIntoStrategy,
  getStakerPosition,
  loadDeployment,
  queueWithdrawal,
  strategyOf,
} from "../src/index.ts";

const mnemonic = "test test test test test test test test test test test junk";

async function main(): Promise<void> {
  const deployment = await loadDeployment(process.argv[2] ?? ".palisade/devnet/deployment.json");
  const transport = http(deployment.rpcUrl);
  const deployer = createWalletClient({
    account: mnemonicToAccount(mnemonic, { addressIndex: 0 }),
    transport,
  });
  const staker = createWalletClient({
    account: mnemonicToAccount(mnemonic, { addressIndex: 7 }),
    transport,
  }).extend(publicActions);
  const stETH = strategyOf(deployment, "stETH");

  // Devnet only: the mock LST's owner (the deployer) mints test tokens.
  const mint = await writeContract(deployer, {
    address: stETH.token,
    abi: mockLstAbi,
    functionName: "mint",
    args: [staker.account.address, parseEther("5")],
    chain: null,
  });
  await staker.waitForTransactionReceipt({ hash: mint });

  const { shares } = await depositIntoStrategy(staker, {
    contracts: deployment.contracts,
    strategy: stETH.strategy,
    amount: parseEther("5"),
  });
  console.log(`deposited 5 stETH for ${formatEther(shares)} shares`);

  const position = await getStakerPosition(staker, {
    contracts: deployment.contracts,
    staker: staker.account.address,
    strategy: stETH.strategy,
  });
  console.log(`delegated to ${position.operator}, withdrawable ${formatEther(position.underlying)} stETH`);

  const { root } = await queueWithdrawal(staker, {
    contracts: deployment.contracts,
    entries: [{ strategy: stETH.strategy, shares: parseEther("1") }],
  });
  console.log(`queued a withdrawal of 1 share: ${root}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
