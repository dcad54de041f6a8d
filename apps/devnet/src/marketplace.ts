import type { Deployment } from "@palisade/sdk";
import { type Clients, deployTestMarketplace, seedMarketplace } from "@palisade/testkit";
import type { Progress } from "./progress.ts";

/**
 * Deploys the marketplace on the devnet when the deployment has none (a fresh chain, or a state dir
 * from before the marketplace existed): the utility token, Marketplace, ReviewBoard and
 * ProviderSlashing with the devnet settings (delays of minutes), funds the provider and consumer
 * accounts, registers two providers with two services each and buys 100 calls as the first
 * consumer. A deployment with a marketplace is returned as it is.
 */
export async function ensureMarketplace(
  clients: Clients,
  deployment: Deployment,
  progress: Progress,
): Promise<Deployment> {
  if (deployment.marketplace) return deployment;
  progress.note(
    "market",
    "deploying the marketplace (utility token, Marketplace, ReviewBoard, ProviderSlashing)",
  );
  const withMarketplace = await deployTestMarketplace(clients, deployment, {
    onStep: (line) => progress.step("market", line),
  });
  await seedMarketplace(clients, withMarketplace, { onStep: (line) => progress.step("market", line) });
  return withMarketplace;
}
