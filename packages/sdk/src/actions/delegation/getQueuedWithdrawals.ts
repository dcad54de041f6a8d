import { delegationManagerAbi } from "@palisade/abis";
import type { Address, Hex } from "viem";
import { getBlockNumber } from "viem/actions";
import type { CoreContracts } from "../../deployment.ts";
import { read } from "../../internal/read.ts";
import type { ReadClient } from "../../internal/types.ts";

export interface GetQueuedWithdrawalsParameters {
  contracts: Pick<CoreContracts, "delegationManager">;
  staker: Address;
}

export interface QueuedWithdrawalView {
  root: Hex;
  staker: Address;
  /** The operator whose queued pool holds it (zero address: plain, unslashable shares). */
  operator: Address;
  startBlock: number;
  completableBlock: number;
  strategies: readonly Address[];
  units: readonly bigint[];
  /** What each entry is worth now, in strategy shares. */
  shares: readonly bigint[];
  /** Whether the delay has passed at the current block. */
  completable: boolean;
}

export type GetQueuedWithdrawalsReturnType = QueuedWithdrawalView[];

interface RawWithdrawal {
  staker: Address;
  operator: Address;
  startBlock: number;
  completableBlock: number;
  nonce: bigint;
  strategies: readonly Address[];
  units: readonly bigint[];
}

/**
 * The staker's pending withdrawals with their current value.
 *
 * @example
 * const pending = await getQueuedWithdrawals(publicClient, { contracts: deployment.contracts, staker });
 * const ready = pending.filter((withdrawal) => withdrawal.completable);
 */
export async function getQueuedWithdrawals(
  client: ReadClient,
  parameters: GetQueuedWithdrawalsParameters,
): Promise<GetQueuedWithdrawalsReturnType> {
  const address = parameters.contracts.delegationManager;
  const [roots, block] = await Promise.all([
    read<readonly Hex[]>(client, {
      address,
      abi: delegationManagerAbi,
      functionName: "getQueuedWithdrawalRoots",
      args: [parameters.staker],
    }),
    getBlockNumber(client, { cacheTime: 0 }),
  ]);
  return Promise.all(
    roots.map(async (root) => {
      const [withdrawal, shares] = await read<readonly [RawWithdrawal, readonly bigint[]]>(client, {
        address,
        abi: delegationManagerAbi,
        functionName: "getQueuedWithdrawal",
        args: [root],
      });
      return {
        root,
        staker: withdrawal.staker,
        operator: withdrawal.operator,
        startBlock: withdrawal.startBlock,
        completableBlock: withdrawal.completableBlock,
        strategies: withdrawal.strategies,
        units: withdrawal.units,
        shares,
        // The withdrawal completes in a transaction mined in a later block than the current one.
        completable: block + 1n >= BigInt(withdrawal.completableBlock),
      };
    }),
  );
}
