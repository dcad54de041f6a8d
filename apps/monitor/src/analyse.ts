/**
 * Runs every detector on an observation. A detector whose reads fail does not silence the others: its
 * failure is returned beside the drafts the rest produced, and the caller decides (a mined block is
 * retried, so the failed detector runs again; a pending transaction gets its block pass later).
 */
import type { AlertDraft } from "./alert.ts";
import type { BlockObservation, TxObservation } from "./chain/observation.ts";
import type { DetectorContext, StateReader } from "./detectors/detector.ts";
import { blockDetectors, type RunnableDetector, txDetectors } from "./detectors/index.ts";

export interface DetectorFailure {
  detector: string;
  tx: string | null;
  error: unknown;
}

export interface Analysis {
  drafts: AlertDraft[];
  failures: DetectorFailure[];
}

async function runAll<I>(
  detectors: readonly RunnableDetector<I>[],
  ctx: DetectorContext,
  input: I,
  reader: StateReader,
  tx: string | null,
): Promise<Analysis> {
  const settled = await Promise.allSettled(detectors.map((detector) => detector.run(ctx, input, reader)));
  const analysis: Analysis = { drafts: [], failures: [] };
  settled.forEach((result, index) => {
    const detector = detectors[index] as RunnableDetector<I>;
    if (result.status === "fulfilled") analysis.drafts.push(...result.value);
    else
      analysis.failures.push({ detector: `${detector.type}@${detector.version}`, tx, error: result.reason });
  });
  return analysis;
}

/** Every per-transaction detector on one transaction. */
export function analyseTransaction(
  ctx: DetectorContext,
  obs: TxObservation,
  reader: StateReader,
): Promise<Analysis> {
  return runAll(txDetectors, ctx, obs, reader, obs.tx.hash);
}

/** Every transaction of a block, in order, then the block-wide detectors. */
export async function analyseBlock(
  ctx: DetectorContext,
  block: BlockObservation,
  reader: StateReader,
): Promise<Analysis> {
  const perTx = await Promise.all(block.transactions.map((obs) => analyseTransaction(ctx, obs, reader)));
  const blockWide = await runAll(blockDetectors, ctx, block, reader, null);
  return {
    drafts: [...perTx.flatMap((analysis) => analysis.drafts), ...blockWide.drafts],
    failures: [...perTx.flatMap((analysis) => analysis.failures), ...blockWide.failures],
  };
}
