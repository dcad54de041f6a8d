import { delegationManagerAbi, governanceTokenAbi } from "@palisade/abis";
import {
  completeHandOver,
  deployGovernance,
  type GovernanceSettings,
  governanceDevnetSettings,
  scheduleHandOver,
} from "@palisade/deploy";
import {
  avsOf,
  type Deployment,
  type GovernanceDeployment,
  marketplaceOf,
  syncGovernanceToken,
} from "@palisade/sdk";
import { type Address, formatEther, parseEther } from "viem";
import { getBlock, getContractEvents, readContract } from "viem/actions";
import { accounts } from "./accounts.ts";
import type { Clients } from "./clients.ts";
import { type AvsFixture, avsFixture } from "./fixture.ts";
import { deployTestMarketplace, type SeedMarketplaceResult, seedMarketplace } from "./marketplace.ts";
import { mine } from "./mine.ts";

/** ETH the veto committee gets (it lies beyond anvil's ten funded accounts). */
const committeeEth = parseEther("1000");

export interface SyncedStaker {
  staker: Address;
  /** gPAL minted by the sync: its stake allocated to Palisade's set, in value units. */
  minted: bigint;
}

export interface DeployTestGovernanceResult {
  /** The deployment with its `governance` section. */
  deployment: Deployment & { governance: GovernanceDeployment };
  /** Every account that held stake allocated to Palisade's set, synced, in delegation order. */
  synced: SyncedStaker[];
}

/**
 * Puts a deployment with the AVS and the marketplace (deployer-owned, as the testkit and the devnet
 * deploy them) under governance, as GovernanceFixture does: @palisade/deploy's deployGovernance with
 * the devnet settings (unless given) and accounts().vetoCommittee (funded here), scheduleHandOver,
 * the Timelock's delay passed by moving anvil's clock (evm_increaseTime: the chain then runs that
 * far ahead of wall time), completeHandOver. Then gPAL is seeded: every account ever delegated (the
 * core's StakerDelegated events, operators included) that has stake allocated to Palisade's set is
 * synced. Needs automine (the clock move mines one block).
 *
 * @example
 * const { deployment, synced } = await deployTestGovernance(clients, withMarketplace);
 * deployment.governance.governor;
 */
export async function deployTestGovernance(
  clients: Clients,
  deployment: Deployment,
  options: { settings?: GovernanceSettings; onStep?: (message: string) => void } = {},
): Promise<DeployTestGovernanceResult> {
  const step = options.onStep ?? (() => {});
  const named = accounts();
  const wallet = clients.wallet(named.deployer);
  const governed = {
    contracts: deployment.contracts,
    avs: avsOf(deployment),
    marketplace: marketplaceOf(deployment),
  };
  await clients.test.setBalance({ address: named.vetoCommittee.address, value: committeeEth });
  const governance = await deployGovernance(wallet, {
    settings: options.settings ?? governanceDevnetSettings,
    core: deployment.contracts,
    avs: governed.avs,
    marketplace: governed.marketplace,
    vetoCommittee: named.vetoCommittee.address,
    onStep: step,
  });
  const { readyAt } = await scheduleHandOver(wallet, { deployment: governed, governance, onStep: step });
  const { timestamp } = await getBlock(clients.public, { blockTag: "latest" });
  if (timestamp < readyAt) {
    await clients.test.increaseTime({ seconds: Number(readyAt - timestamp) });
    await mine(clients, 1);
    step(
      `moved the chain's clock ${readyAt - timestamp} s forward past the Timelock's delay (evm_increaseTime)`,
    );
  }
  await completeHandOver(wallet, { deployment: governed, governance, onStep: step });
  const synced = await syncAllocatedStakers(clients, deployment, governance, step);
  return { deployment: { ...deployment, governance }, synced };
}

/** Syncs gPAL for every delegated account whose stake allocated to Palisade's set is not zero. */
async function syncAllocatedStakers(
  clients: Clients,
  deployment: Deployment,
  governance: GovernanceDeployment,
  step: (message: string) => void,
): Promise<SyncedStaker[]> {
  const delegated = await getContractEvents(clients.public, {
    address: deployment.contracts.delegationManager,
    abi: delegationManagerAbi,
    eventName: "StakerDelegated",
    fromBlock: BigInt(deployment.deployedAtBlock),
    toBlock: "latest",
  });
  const stakers = [...new Set(delegated.map((log) => log.args.staker as Address))];
  const wallet = clients.wallet(accounts().deployer);
  const synced: SyncedStaker[] = [];
  for (const staker of stakers) {
    const backed = await readContract(clients.public, {
      address: governance.governanceToken,
      abi: governanceTokenAbi,
      functionName: "backedStake",
      args: [staker],
    });
    if (backed === 0n) continue;
    // Anyone may sync anyone: minting follows the core's state, never the caller's wish.
    const { minted } = await syncGovernanceToken(wallet, { governance, staker });
    synced.push({ staker, minted });
    step(`gPAL: synced ${staker}, minted ${formatEther(minted)} gPAL`);
  }
  return synced;
}

export interface GovernanceFixture extends AvsFixture {
  /** The deployment with its `avs`, `marketplace` and `governance` sections. */
  deployment: AvsFixture["deployment"] & {
    marketplace: NonNullable<Deployment["marketplace"]>;
    governance: GovernanceDeployment;
  };
  /** The seeded providers, services and purchase. */
  market: SeedMarketplaceResult;
  /** The accounts whose gPAL was minted (seeded stakers and the self-staked fourth operator). */
  synced: SyncedStaker[];
}

/**
 * The whole system under governance: avsFixture (seeded core, AVS with four operators), the
 * marketplace with the devnet settings, seeded (two providers, services, a purchase), then
 * deployTestGovernance (the Timelock owns everything, gPAL minted to whoever holds allocated
 * stake). The chain's clock runs the Timelock's delay ahead of wall time. Call `stop()` in `after`.
 *
 * @example
 * const f = await governanceFixture();
 * f.deployment.governance.governor; f.synced;
 */
export async function governanceFixture(): Promise<GovernanceFixture> {
  const base = await avsFixture();
  try {
    const withMarketplace = await deployTestMarketplace(base.clients, base.deployment);
    const market = await seedMarketplace(base.clients, withMarketplace);
    const { deployment, synced } = await deployTestGovernance(base.clients, withMarketplace);
    return {
      ...base,
      deployment: {
        ...base.deployment,
        marketplace: withMarketplace.marketplace,
        governance: deployment.governance,
      },
      market,
      synced,
    };
  } catch (error) {
    await base.stop();
    throw error;
  }
}
