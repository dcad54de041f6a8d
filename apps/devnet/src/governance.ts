import type { Deployment } from "@palisade/sdk";
import { type Clients, deployTestGovernance } from "@palisade/testkit";
import { formatEther } from "viem";
import { getBlock } from "viem/actions";
import type { Progress } from "./progress.ts";

/**
 * Puts the devnet under governance when the deployment has no governance section (a fresh chain, or
 * a state dir from before governance): the testkit's deployTestGovernance with the devnet settings
 * (voting opens 30 s after a proposal and lasts an hour, the Timelock holds an hour, revenue epochs
 * of an hour) and the `vetoCommittee` account. gPAL becomes the DelegationManager's withdrawal gate,
 * the RevenueDistributor the Marketplace's treasury, the Timelock the owner of the core, the AVS and
 * the marketplace and the holder of their governance roles; gPAL is minted to every account with
 * stake allocated to Palisade's set. Passing the Timelock's delay for the hand-over moves the
 * chain's clock an hour ahead of wall time. A deployment with governance is returned as it is.
 *
 * Kept off the Timelock, on purpose: the pauser (an emergency brake acts at once; it can only pause),
 * the seeded operator set's slasher (the `avs` account's own set: the AVS, not governance, names it),
 * the mock LSTs' and the devnet faucet's owner (the deployer: devnet tools that mint test tokens).
 */
export async function ensureGovernance(
  clients: Clients,
  deployment: Deployment,
  progress: Progress,
): Promise<Deployment> {
  if (deployment.governance) return deployment;
  progress.note(
    "gov",
    "deploying governance (gPAL, Timelock, PalisadeGovernor, RevenueDistributor) and handing the core, the AVS and the marketplace to the Timelock",
  );
  const { deployment: governed, synced } = await deployTestGovernance(clients, deployment, {
    onStep: (line) => progress.step("gov", line),
  });
  const supply = synced.reduce((sum, entry) => sum + entry.minted, 0n);
  progress.step("gov", `gPAL supply ${formatEther(supply)} gPAL, held by ${synced.length} stakers`);
  return governed;
}

/**
 * anvil restarts its clock from the wall clock when it loads a saved state, even when the saved chain
 * was ahead (after the governance hand-over or `palisade dev warp`): block times would go back, and
 * contracts that checkpoint by timestamp (gPAL) would refuse every change until wall time caught up.
 * Moves the clock to one second after the latest block when it is behind it; returns the seconds moved.
 */
export async function keepClockMonotonic(clients: Clients): Promise<number> {
  const latest = await getBlock(clients.public, { blockTag: "latest" });
  const behind = Number(latest.timestamp) + 1 - Math.floor(Date.now() / 1000);
  if (behind <= 0) return 0;
  await clients.test.increaseTime({ seconds: behind });
  return behind;
}
