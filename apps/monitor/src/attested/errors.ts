import { InvalidInputError } from "@palisade/engines";
import type { Hex } from "viem";
import { MONITOR_ALERT_ENGINE_ID } from "./alertVerdict.ts";

/**
 * A `monitor-alert@1` request names another watch configuration than this party's: the thresholds
 * decide what is detected, so the node would answer another question. A 400 at the node and the
 * aggregator (an InvalidInputError), with both digests.
 */
export class WatchDigestMismatchError extends InvalidInputError {
  override name = "WatchDigestMismatchError";
  constructor(
    readonly requested: Hex,
    readonly own: Hex,
  ) {
    super(
      `${MONITOR_ALERT_ENGINE_ID}: the request's watch digest ${requested} differs from this node's ${own}`,
      [
        {
          path: "watchDigest",
          message: `this node watches ${own} (its --watch-file and the deployment's contracts); load the same watch file and deployment`,
        },
      ],
    );
  }
}
