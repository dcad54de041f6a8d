import { serviceManagerAbi } from "@palisade/abis";
import type { AvsDeployment } from "@palisade/sdk";
import { type Address, encodeFunctionData } from "viem";
import { readContract } from "viem/actions";
import { type AvsSettings, avsDefaults } from "../avsSettings.ts";
import { type DeployWallet, sendAndWait } from "../send.ts";
import { verifyAvs } from "../verifyAvs.ts";
import { deployAvsContracts } from "./deployAvsContracts.ts";
import { transferOwnership } from "./transferCoreOwnership.ts";

export interface DeployAvsParameters extends AvsSettings {
  /** The core AllocationManager (the deployment file's `contracts.allocationManager`). */
  allocationManager: Address;
  /** Strategies of Palisade's operator set 0. */
  strategies: readonly Address[];
  /** Final owner; when it is not the deployer, a two-step transfer is started. */
  owner: Address;
  pauser: Address;
  onStep?: ((message: string) => void) | undefined;
}

export type DeployAvsReturnType = AvsDeployment;

/**
 * Deploys the Palisade AVS on a core (see deployAvsContracts) owned by the deployer, sets the slash
 * requester, the veto committee, the veto window and the quorum threshold, hands ownership to
 * `owner` when it is someone else (two-step), then checks the wiring on-chain (verifyAvs). Returns
 * the deployment file's `avs` section.
 *
 * @example
 * const avs = await deployAvs(wallet, {
 *   allocationManager: deployment.contracts.allocationManager,
 *   strategies: Object.values(deployment.strategies).map((s) => s.strategy),
 *   owner, pauser, ...avsDefaults, vetoCommittee, slashRequester,
 * });
 * await writeDeployment(path, { ...deployment, avs });
 */
export async function deployAvs(
  wallet: DeployWallet,
  parameters: DeployAvsParameters,
): Promise<DeployAvsReturnType> {
  const deployer = wallet.account.address;
  const step = parameters.onStep ?? (() => {});
  const { contracts, deployedAtBlock } = await deployAvsContracts(wallet, {
    allocationManager: parameters.allocationManager,
    strategies: parameters.strategies,
    // The deployer owns the AVS until it is configured: the setters are onlyOwner.
    owner: deployer,
    pauser: parameters.pauser,
    onStep: step,
  });
  const serviceManager = contracts.serviceManager;
  const set = async (data: `0x${string}`, what: string) => {
    await sendAndWait(wallet, { to: serviceManager, data }, `ServiceManager.${what}`);
    step(`ServiceManager: ${what}`);
  };
  const call = encodeFunctionData;
  await set(
    call({ abi: serviceManagerAbi, functionName: "setSlashRequester", args: [parameters.slashRequester] }),
    `slash requester ${parameters.slashRequester}`,
  );
  await set(
    call({ abi: serviceManagerAbi, functionName: "setVetoCommittee", args: [parameters.vetoCommittee] }),
    `veto committee ${parameters.vetoCommittee}`,
  );
  // The constructor set half the deallocation delay; a setter is sent only for another value.
  const window = parameters.vetoWindowBlocks;
  if (
    window !== undefined &&
    BigInt(window) !==
      (await readContract(wallet, {
        address: serviceManager,
        abi: serviceManagerAbi,
        functionName: "vetoWindow",
      }))
  ) {
    await set(
      call({ abi: serviceManagerAbi, functionName: "setVetoWindow", args: [BigInt(window)] }),
      `veto window ${window} blocks`,
    );
  }
  if (parameters.quorumThresholdBps !== avsDefaults.quorumThresholdBps) {
    await set(
      call({
        abi: serviceManagerAbi,
        functionName: "setQuorumThreshold",
        args: [parameters.quorumThresholdBps],
      }),
      `quorum threshold ${parameters.quorumThresholdBps} bps`,
    );
  }
  if (parameters.owner.toLowerCase() !== deployer.toLowerCase()) {
    await transferOwnership(wallet, { contracts, newOwner: parameters.owner, onStep: step });
  }
  const avs: AvsDeployment = {
    serviceManager,
    operatorRegistry: contracts.operatorRegistry,
    // Inherited, not separate contracts (see the deployment schema).
    quorumVerifier: contracts.operatorRegistry,
    slashingCoordinator: serviceManager,
    operatorSetId: 0,
    deployedAtBlock,
  };
  await verifyAvs(wallet, {
    avs,
    allocationManager: parameters.allocationManager,
    strategies: parameters.strategies,
    settings: parameters,
    owner: deployer,
    pendingOwner: parameters.owner.toLowerCase() === deployer.toLowerCase() ? undefined : parameters.owner,
  });
  step("AVS wiring verified: the ServiceManager is registrar and slasher of operator set 0");
  return avs;
}
