import type { Deployment, ReadClient } from "@palisade/sdk";
import { accounts } from "@palisade/testkit";
import { type AvsView as NetworkAvsView, readAvs as readNetworkAvs } from "@palisade/views";
import { avsOperatorCount } from "./avs.ts";

export type { AvsOperatorView } from "@palisade/views";

/** The AVS as the summary shows it: the network's view plus where the devnet keeps the operators' keys. */
export interface AvsView extends NetworkAvsView {
  keysDir: string;
  passwordFile: string;
}

/** Reads the AVS's settings and the devnet's operators (keys, node URLs, stakes) at `blockNumber`. */
export async function readAvs(
  client: ReadClient,
  deployment: Deployment,
  blockNumber: bigint,
  keys: { keysDir: string; passwordFile: string },
): Promise<AvsView | undefined> {
  if (!deployment.avs) return undefined;
  const operators = accounts()
    .avsOperators.slice(0, avsOperatorCount)
    .map(({ address }) => address);
  return { ...(await readNetworkAvs(client, deployment.avs, operators, blockNumber)), ...keys };
}
