/**
 * Re-runs the detectors on what an alert names — what an operator node does before it signs that an
 * attack is real (the threat-response quorum). A mined alert: the block is observed again and analysed;
 * a pending one: its `evidence.transaction` is simulated again at `evidence.stateBlock` (valid after it is
 * mined too, as long as the node keeps that state). The draft with the alert's id is returned: equal to
 * the alert without `detectedAt` when the operator runs the same detector versions on the same watch
 * entries.
 */
import { numberToHex, type PublicClient } from "viem";
import type { Alert, AlertDraft } from "./alert.ts";
import { analyseBlock, analyseTransaction } from "./analyse.ts";
import { observeBlock, observePending } from "./chain/observe.ts";
import { createRpcStateReader } from "./chain/stateReader.ts";
import type { DetectorContext, StateReader } from "./detectors/detector.ts";
import { MonitorError } from "./errors.ts";
import { watchedAddresses } from "./watch.ts";

/**
 * The detectors' draft for the alert's id, or undefined when they find nothing with that id (the alert
 * does not reproduce).
 *
 * @example
 * const draft = await reproduceAlert(client, { chainId, watch }, alert);
 * const { detectedAt, ...claimed } = alert;
 * const confirmed = draft !== undefined && isDeepStrictEqual(draft, claimed);
 */
export async function reproduceAlert(
  client: PublicClient,
  ctx: DetectorContext,
  alert: Alert,
  reader: StateReader = createRpcStateReader(client),
): Promise<AlertDraft | undefined> {
  return (await reproduceDrafts(client, ctx, alert, reader)).find((draft) => draft.id === alert.id);
}

/**
 * Every draft the detectors produce for what `alert` names: its block (mined) or its transaction
 * simulated at `evidence.stateBlock` (pending). One attack raises several alerts (a flash loan, the
 * outflow, the moved price) from one analysis: `reproductionKey` tells which alerts share it.
 */
export async function reproduceDrafts(
  client: PublicClient,
  ctx: DetectorContext,
  alert: Alert,
  reader: StateReader = createRpcStateReader(client),
): Promise<AlertDraft[]> {
  if (alert.chainId !== ctx.chainId)
    throw new MonitorError(`the alert is about chain ${alert.chainId}, the context is chain ${ctx.chainId}`);
  if (alert.source === "block") {
    if (alert.block === null) throw new MonitorError("a block alert without a block");
    const block = await observeBlock(client, alert.block, {
      chainId: ctx.chainId,
      watched: watchedAddresses(ctx.watch),
      drainCandidateOwners: ctx.watch.approvalDrain.minOwners,
    });
    return (await analyseBlock(ctx, block, reader)).drafts;
  }
  const tx = alert.evidence.transaction;
  const obs = await observePending(
    client,
    {
      hash: alert.tx as `0x${string}`,
      from: tx.from as `0x${string}`,
      to: tx.to as `0x${string}` | null,
      value: numberToHex(BigInt(tx.value)),
      input: tx.input as `0x${string}`,
      gas: numberToHex(BigInt(tx.gas)),
      nonce: numberToHex(tx.nonce),
    },
    alert.evidence.stateBlock,
    { chainId: ctx.chainId },
  );
  if (obs === null) return [];
  return (await analyseTransaction(ctx, obs, reader)).drafts;
}

/** What determines `reproduceDrafts`' answer: alerts with the same key share one analysis. */
export function reproductionKey(alert: Alert): string {
  return alert.source === "block"
    ? `block:${alert.block}`
    : `mempool:${alert.tx}:${alert.evidence.stateBlock}:${JSON.stringify(alert.evidence.transaction)}`;
}
