import type { AlertDraft, AlertType } from "../alert.ts";
import type { BlockObservation, TxObservation } from "../chain/observation.ts";
import { approvalDrain } from "./approvalDrain.ts";
import {
  type BlockDetector,
  type DetectorContext,
  detect,
  type StateReader,
  type TxDetector,
} from "./detector.ts";
import { flashLoan } from "./flashLoan.ts";
import { largeOutflow } from "./largeOutflow.ts";
import { oracleDeviation } from "./oracleDeviation.ts";
import { ownershipChange } from "./ownershipChange.ts";
import { proxyUpgrade } from "./proxyUpgrade.ts";

/** A detector with its facts' type erased, so detectors of different facts share one list. */
export interface RunnableDetector<Input> {
  readonly type: AlertType;
  readonly version: number;
  run(ctx: DetectorContext, input: Input, reader: StateReader): Promise<AlertDraft[]>;
}

function runnableTx<F>(detector: TxDetector<F>): RunnableDetector<TxObservation> {
  return {
    type: detector.type,
    version: detector.version,
    run: (ctx, obs, reader) => detect(detector, ctx, obs, reader),
  };
}

function runnableBlock<F>(detector: BlockDetector<F>): RunnableDetector<BlockObservation> {
  return {
    type: detector.type,
    version: detector.version,
    run: async (ctx, block, reader) =>
      detector.evaluateBlock(ctx, block, await detector.gatherBlock(ctx, block, reader)),
  };
}

/** Every per-transaction detector, in the order their alerts are emitted for one transaction. */
export const txDetectors: readonly RunnableDetector<TxObservation>[] = [
  runnableTx(flashLoan),
  runnableTx(largeOutflow),
  runnableTx(oracleDeviation),
  runnableTx(proxyUpgrade),
  runnableTx(ownershipChange),
  runnableTx(approvalDrain),
];

/** Detectors that also look across a mined block's transactions. */
export const blockDetectors: readonly RunnableDetector<BlockObservation>[] = [runnableBlock(approvalDrain)];

export { approvalDrain, flashLoan, largeOutflow, oracleDeviation, ownershipChange, proxyUpgrade };
