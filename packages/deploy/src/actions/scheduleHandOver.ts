import {
  delegationManagerAbi,
  marketplaceAbi,
  providerSlashingAbi,
  reviewBoardAbi,
  serviceManagerAbi,
  strategyManagerAbi,
  timelockAbi,
} from "@palisade/abis";
import type { GovernanceDeployment } from "@palisade/sdk";
import { type Address, encodeFunctionData, type Hex, isAddressEqual } from "viem";
import { getBlock, readContract } from "viem/actions";
import { NotGovernedOwnerError } from "../errors.ts";
import {
  type GovernedDeployment,
  governedContracts,
  handOverBatch,
  type TimelockBatch,
} from "../handOver.ts";
import { type DeployWallet, sendAndWait } from "../send.ts";
import { transferOwnership } from "./transferCoreOwnership.ts";

export interface ScheduleHandOverParameters {
  deployment: GovernedDeployment;
  governance: GovernanceDeployment;
  onStep?: ((message: string) => void) | undefined;
}

export interface ScheduleHandOverReturnType {
  /** The scheduled batch of `acceptOwnership` calls (completeHandOver executes it). */
  batch: TimelockBatch;
  /** Chain time (unix seconds) from which the batch is executable. */
  readyAt: bigint;
}

/**
 * First half of handing Palisade to governance, as GovernanceFixture._handOver does it, signed by the
 * deployer, who must own every governed contract (NotGovernedOwnerError otherwise; nothing is sent).
 * Roles first, while the deployer still can: gPAL becomes the DelegationManager's withdrawal gate,
 * the RevenueDistributor the Marketplace's treasury, the Timelock the slash requester of the
 * ServiceManager and ProviderSlashing and the ReviewBoard's resolver, the veto committee the
 * committee of both slashing contracts, the ThreatResponse (when deployed) the ServiceManager's,
 * DelegationManager's and Marketplace's threat-response hook. Then every governed contract's ownership transfer to the
 * Timelock is started, and the deployer (the Timelock's temporary proposer) schedules the one batch
 * in which the Timelock accepts them all. It becomes executable after the Timelock's delay.
 *
 * @example
 * const { readyAt } = await scheduleHandOver(wallet, { deployment, governance });
 * // … once the chain's time reaches readyAt:
 * await completeHandOver(wallet, { deployment, governance });
 */
export async function scheduleHandOver(
  wallet: DeployWallet,
  parameters: ScheduleHandOverParameters,
): Promise<ScheduleHandOverReturnType> {
  const { deployment, governance } = parameters;
  const step = parameters.onStep ?? (() => {});
  const deployer = wallet.account.address;
  const governed = governedContracts(deployment);
  for (const [name, address] of governed) {
    const owner = await readContract(wallet, { address, abi: strategyManagerAbi, functionName: "owner" });
    if (!isAddressEqual(owner, deployer)) throw new NotGovernedOwnerError(name, address, owner, deployer);
  }

  const send = async (to: Address, data: Hex, what: string) => {
    await sendAndWait(wallet, { to, data }, what);
    step(what);
  };
  const { timelock } = governance;
  await send(
    deployment.contracts.delegationManager,
    encodeFunctionData({
      abi: delegationManagerAbi,
      functionName: "setWithdrawalGate",
      args: [governance.governanceToken],
    }),
    `DelegationManager: withdrawal gate ${governance.governanceToken} (gPAL)`,
  );
  await send(
    deployment.marketplace.marketplace,
    encodeFunctionData({
      abi: marketplaceAbi,
      functionName: "setTreasury",
      args: [governance.revenueDistributor],
    }),
    `Marketplace: treasury ${governance.revenueDistributor} (RevenueDistributor)`,
  );
  const { serviceManager } = deployment.avs;
  const { providerSlashing, reviewBoard } = deployment.marketplace;
  const { threatResponse } = governance;
  if (threatResponse !== undefined) {
    for (const [name, address, abi] of [
      ["ServiceManager", serviceManager, serviceManagerAbi],
      ["DelegationManager", deployment.contracts.delegationManager, delegationManagerAbi],
      ["Marketplace", deployment.marketplace.marketplace, marketplaceAbi],
    ] as const) {
      await send(
        address,
        encodeFunctionData({
          abi: abi as typeof serviceManagerAbi,
          functionName: "setThreatResponse",
          args: [threatResponse],
        }),
        `${name}: threat response ${threatResponse}`,
      );
    }
  }
  await send(
    serviceManager,
    encodeFunctionData({ abi: serviceManagerAbi, functionName: "setSlashRequester", args: [timelock] }),
    `ServiceManager: slash requester ${timelock} (Timelock)`,
  );
  await send(
    serviceManager,
    encodeFunctionData({
      abi: serviceManagerAbi,
      functionName: "setVetoCommittee",
      args: [governance.vetoCommittee],
    }),
    `ServiceManager: veto committee ${governance.vetoCommittee}`,
  );
  await send(
    providerSlashing,
    encodeFunctionData({ abi: providerSlashingAbi, functionName: "setRequester", args: [timelock] }),
    `ProviderSlashing: requester ${timelock} (Timelock)`,
  );
  await send(
    providerSlashing,
    encodeFunctionData({
      abi: providerSlashingAbi,
      functionName: "setVetoCommittee",
      args: [governance.vetoCommittee],
    }),
    `ProviderSlashing: veto committee ${governance.vetoCommittee}`,
  );
  await send(
    reviewBoard,
    encodeFunctionData({ abi: reviewBoardAbi, functionName: "setResolver", args: [timelock] }),
    `ReviewBoard: resolver ${timelock} (Timelock)`,
  );
  await transferOwnership(wallet, {
    contracts: Object.fromEntries(governed),
    newOwner: timelock,
    onStep: step,
  });

  const batch = handOverBatch(deployment);
  const delay = await readContract(wallet, {
    address: timelock,
    abi: timelockAbi,
    functionName: "getMinDelay",
  });
  const receipt = await sendAndWait(
    wallet,
    {
      to: timelock,
      data: encodeFunctionData({
        abi: timelockAbi,
        functionName: "scheduleBatch",
        args: [batch.targets, batch.values, batch.payloads, batch.predecessor, batch.salt, delay],
      }),
    },
    "Timelock.scheduleBatch",
  );
  const { timestamp } = await getBlock(wallet, { blockNumber: receipt.blockNumber });
  const readyAt = timestamp + delay;
  step(`Timelock: acceptOwnership of ${governed.length} contracts scheduled, executable after ${delay} s`);
  return { batch, readyAt };
}
