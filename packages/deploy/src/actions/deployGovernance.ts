import {
  governanceTokenAbi,
  palisadeGovernorAbi,
  providerSlashingAbi,
  revenueDistributorAbi,
  serviceManagerAbi,
  threatResponseAbi,
  timelockAbi,
} from "@palisade/abis";
import type {
  AvsDeployment,
  CoreContracts,
  GovernanceDeployment,
  MarketplaceDeployment,
} from "@palisade/sdk";
import { type Address, encodeDeployData, getAbiItem, toFunctionSelector } from "viem";
import { getBlockNumber } from "viem/actions";
import { bytecodeOf } from "../artifacts.ts";
import type { GovernanceSettings } from "../governanceSettings.ts";
import type { DeployWallet } from "../send.ts";
import { deployContract } from "./deployMarketplace.ts";

export interface DeployGovernanceParameters {
  settings: GovernanceSettings;
  core: Pick<CoreContracts, "delegationManager" | "allocationManager">;
  /** Palisade's AVS: gPAL is backed by its operator set, operators are paid by its registry stake. */
  avs: Pick<AvsDeployment, "serviceManager" | "operatorRegistry" | "operatorSetId">;
  marketplace: Pick<
    MarketplaceDeployment,
    "utilityToken" | "marketplace" | "reviewBoard" | "providerSlashing"
  >;
  /** May veto queued disciplinary slashing proposals (a multisig on a real chain). */
  vetoCommittee: Address;
  onStep?: ((message: string) => void) | undefined;
}

/** The deployment file's `governance` section. */
export type DeployGovernanceReturnType = GovernanceDeployment;

/**
 * Deploys governance (decisions 0006, 0007): the Timelock, with the deployer as its temporary
 * admin, proposer and executor for the hand-over only (see scheduleHandOver and completeHandOver);
 * the GovernanceToken gPAL backed by the AVS's operator set and the RevenueDistributor, both owned
 * by the Timelock from their constructor; and the PalisadeGovernor, whose disciplinary calls are
 * `ProviderSlashing.requestSlash` and `ServiceManager.requestSlash`; the ThreatResponse (decision 0008)
 * owned by the Timelock, acting on the AVS's certified alerts (scheduleHandOver wires its hooks).
 * Changes no existing contract.
 *
 * @example
 * const governance = await deployGovernance(wallet, {
 *   settings: governanceDefaults, core: deployment.contracts, avs: avsOf(deployment),
 *   marketplace: marketplaceOf(deployment), vetoCommittee: multisig,
 * });
 */
export async function deployGovernance(
  wallet: DeployWallet,
  parameters: DeployGovernanceParameters,
): Promise<DeployGovernanceReturnType> {
  const { settings, core, avs, marketplace } = parameters;
  const step = parameters.onStep ?? (() => {});
  const deployer = wallet.account.address;
  const deployedAtBlock = Number(await getBlockNumber(wallet, { cacheTime: 0 })) + 1;

  const timelock = await deployContract(
    wallet,
    "Timelock",
    encodeDeployData({
      abi: timelockAbi,
      bytecode: bytecodeOf("Timelock"),
      args: [BigInt(settings.timelockDelay), [deployer], [deployer], deployer],
    }),
    step,
  );
  const governanceToken = await deployContract(
    wallet,
    "GovernanceToken",
    encodeDeployData({
      abi: governanceTokenAbi,
      bytecode: bytecodeOf("GovernanceToken"),
      args: [
        core.delegationManager,
        core.allocationManager,
        { avs: avs.serviceManager, id: avs.operatorSetId },
        timelock,
        settings.grantCaps,
      ],
    }),
    step,
  );
  const governor = await deployContract(
    wallet,
    "PalisadeGovernor",
    encodeDeployData({
      abi: palisadeGovernorAbi,
      bytecode: bytecodeOf("PalisadeGovernor"),
      args: [
        governanceToken,
        timelock,
        settings.governor,
        parameters.vetoCommittee,
        [marketplace.providerSlashing, avs.serviceManager],
        [
          toFunctionSelector(getAbiItem({ abi: providerSlashingAbi, name: "requestSlash" })),
          toFunctionSelector(getAbiItem({ abi: serviceManagerAbi, name: "requestSlash" })),
        ],
      ],
    }),
    step,
  );
  const revenueDistributor = await deployContract(
    wallet,
    "RevenueDistributor",
    encodeDeployData({
      abi: revenueDistributorAbi,
      bytecode: bytecodeOf("RevenueDistributor"),
      args: [
        marketplace.utilityToken,
        governanceToken,
        avs.operatorRegistry,
        marketplace.marketplace,
        marketplace.providerSlashing,
        marketplace.reviewBoard,
        timelock,
        settings.revenue,
      ],
    }),
    step,
  );
  const threatResponse = await deployContract(
    wallet,
    "ThreatResponse",
    encodeDeployData({
      abi: threatResponseAbi,
      bytecode: bytecodeOf("ThreatResponse"),
      args: [timelock, avs.serviceManager, settings.threatResponse],
    }),
    step,
  );
  return {
    governanceToken,
    governor,
    timelock,
    vetoCommittee: parameters.vetoCommittee,
    revenueDistributor,
    threatResponse,
    deployedAtBlock,
  };
}
