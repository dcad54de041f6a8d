import type { Client } from "viem";
import { getBlock } from "viem/actions";

/**
 * Headroom added to `eth_estimateGas`. The estimate runs against the latest block; the transaction
 * runs in the next one, at a later timestamp, where every reward stream the call checkpoints accrues
 * (an accumulator written from zero costs ~22,000 gas more than the estimate's early return) and due
 * allocation changes apply. A flat 30 % was seen to fall short once for a deregistration and once for
 * a modifyAllocations, so the headroom is proportional plus a fixed allowance. Unused gas is
 * refunded: a generous limit costs nothing but the balance check up front.
 */
export const GAS_HEADROOM_PERCENT = 50n;
/** Fixed part of the headroom: a few cold writes' worth of gas. */
export const GAS_HEADROOM_FIXED = 100_000n;

/** `estimate` plus GAS_HEADROOM_PERCENT and GAS_HEADROOM_FIXED. */
export function withGasHeadroom(estimate: bigint): bigint {
  return estimate + (estimate * GAS_HEADROOM_PERCENT) / 100n + GAS_HEADROOM_FIXED;
}

/**
 * EIP-1559 fees with the given tip (wei per gas), to be ordered before cheaper transactions of a block:
 * the max fee covers the tip over twice the latest base fee. Both are set because a node refuses a tip
 * above the max fee, and viem fills the max fee only when it sends, not when it simulates.
 *
 * @example
 * await writeContract(wallet, { ...call, ...(await feesWithTip(wallet, parseGwei("100"))) });
 */
export async function feesWithTip(
  client: Client,
  maxPriorityFeePerGas: bigint,
): Promise<{ maxFeePerGas: bigint; maxPriorityFeePerGas: bigint }> {
  const { baseFeePerGas } = await getBlock(client, { blockTag: "latest" });
  return { maxFeePerGas: 2n * (baseFeePerGas ?? 0n) + maxPriorityFeePerGas, maxPriorityFeePerGas };
}
