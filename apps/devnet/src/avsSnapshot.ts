import { operatorRegistryAbi, serviceManagerAbi } from "@palisade/abis";
import type { Deployment, ReadClient } from "@palisade/sdk";
import { accounts } from "@palisade/testkit";
import type { Address, Hex } from "viem";
import { readContract } from "viem/actions";
import { avsOperatorCount } from "./avs.ts";

export interface AvsOperatorView {
  index: number;
  address: Address;
  registered: boolean;
  pubkeyHash: Hex;
  nodeUrl: string;
  /** Its stake in the registry now (allocated value, WAD value units). */
  stake: bigint;
}

export interface AvsView {
  serviceManager: Address;
  operatorRegistry: Address;
  operatorSetId: number;
  quorumThresholdBps: number;
  vetoWindowBlocks: number;
  slashRequester: Address;
  vetoCommittee: Address;
  totalStake: bigint;
  operators: AvsOperatorView[];
  keysDir: string;
  passwordFile: string;
}

/** Reads the AVS's settings and its operators (keys, node URLs, stakes) at `blockNumber`. */
export async function readAvs(
  client: ReadClient,
  deployment: Deployment,
  blockNumber: bigint,
  keys: { keysDir: string; passwordFile: string },
): Promise<AvsView | undefined> {
  const avs = deployment.avs;
  if (!avs) return undefined;
  const sm = { address: avs.serviceManager, abi: serviceManagerAbi, blockNumber } as const;
  const registry = { address: avs.operatorRegistry, abi: operatorRegistryAbi, blockNumber } as const;
  const [quorumThresholdBps, vetoWindow, slashRequester, vetoCommittee, totalStake] = await Promise.all([
    readContract(client, { ...sm, functionName: "quorumThresholdBps" }),
    readContract(client, { ...sm, functionName: "vetoWindow" }),
    readContract(client, { ...sm, functionName: "slashRequester" }),
    readContract(client, { ...sm, functionName: "vetoCommittee" }),
    readContract(client, { ...registry, functionName: "currentTotalStake" }),
  ]);
  const operators = await Promise.all(
    accounts()
      .avsOperators.slice(0, avsOperatorCount)
      .map(async ({ address }, index): Promise<AvsOperatorView> => {
        const [registered, pubkeyHash, nodeUrl, stake] = await Promise.all([
          readContract(client, { ...registry, functionName: "isRegistered", args: [address] }),
          readContract(client, { ...registry, functionName: "pubkeyHashOf", args: [address] }),
          readContract(client, { ...registry, functionName: "nodeUrlOf", args: [address] }),
          readContract(client, { ...registry, functionName: "stakeOf", args: [address] }),
        ]);
        return { index, address, registered, pubkeyHash, nodeUrl, stake };
      }),
  );
  return {
    serviceManager: avs.serviceManager,
    operatorRegistry: avs.operatorRegistry,
    operatorSetId: avs.operatorSetId,
    quorumThresholdBps,
    vetoWindowBlocks: Number(vetoWindow),
    slashRequester,
    vetoCommittee,
    totalStake,
    operators,
    ...keys,
  };
}
