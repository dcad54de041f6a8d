import { operatorRegistryAbi, serviceManagerAbi } from "@palisade/abis";
import type { AvsDeployment, ReadClient } from "@palisade/sdk";
import type { Address, Hex } from "viem";
import { readContract } from "viem/actions";
import { formatValue } from "./format.ts";

/** An operator as Palisade's OperatorRegistry knows it. */
export interface AvsOperatorView {
  /** Its position in the list that was read. */
  index: number;
  address: Address;
  registered: boolean;
  /** keccak256 of its BLS G1 key (EIP-2537 encoding); zero when it never registered one. */
  pubkeyHash: Hex;
  nodeUrl: string;
  /** Its stake in the registry now (allocated value, WAD value units, as of the last updateStakes). */
  stake: bigint;
}

/** Palisade's AVS: its settings and the registry's view of some operators. */
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
}

/** Reads the registry's record (key hash, node URL, stake) of each of `operators` at `blockNumber`. */
export function readAvsOperators(
  client: ReadClient,
  avs: Pick<AvsDeployment, "operatorRegistry">,
  operators: readonly Address[],
  blockNumber: bigint,
): Promise<AvsOperatorView[]> {
  const registry = { address: avs.operatorRegistry, abi: operatorRegistryAbi, blockNumber } as const;
  return Promise.all(
    operators.map(async (address, index): Promise<AvsOperatorView> => {
      const [registered, pubkeyHash, nodeUrl, stake] = await Promise.all([
        readContract(client, { ...registry, functionName: "isRegistered", args: [address] }),
        readContract(client, { ...registry, functionName: "pubkeyHashOf", args: [address] }),
        readContract(client, { ...registry, functionName: "nodeUrlOf", args: [address] }),
        readContract(client, { ...registry, functionName: "stakeOf", args: [address] }),
      ]);
      return { index, address, registered, pubkeyHash, nodeUrl, stake };
    }),
  );
}

/** Reads the AVS's settings and the registry's record of `operators` at `blockNumber`. */
export async function readAvs(
  client: ReadClient,
  avs: AvsDeployment,
  operators: readonly Address[],
  blockNumber: bigint,
): Promise<AvsView> {
  const sm = { address: avs.serviceManager, abi: serviceManagerAbi, blockNumber } as const;
  const [quorumThresholdBps, vetoWindow, slashRequester, vetoCommittee, totalStake, views] =
    await Promise.all([
      readContract(client, { ...sm, functionName: "quorumThresholdBps" }),
      readContract(client, { ...sm, functionName: "vetoWindow" }),
      readContract(client, { ...sm, functionName: "slashRequester" }),
      readContract(client, { ...sm, functionName: "vetoCommittee" }),
      readContract(client, {
        address: avs.operatorRegistry,
        abi: operatorRegistryAbi,
        functionName: "currentTotalStake",
        blockNumber,
      }),
      readAvsOperators(client, avs, operators, blockNumber),
    ]);
  return {
    serviceManager: avs.serviceManager,
    operatorRegistry: avs.operatorRegistry,
    operatorSetId: avs.operatorSetId,
    quorumThresholdBps,
    vetoWindowBlocks: Number(vetoWindow),
    slashRequester,
    vetoCommittee,
    totalStake,
    operators: views,
  };
}

/** The "AVS" section: addresses, settings, and each operator's key hash, node URL and stake. */
export function renderAvs(avs: AvsView, block: bigint, named: (address: Address) => string): string[] {
  const lines = [
    `AVS (Palisade: operator set ${avs.operatorSetId} of the ServiceManager, its registrar and slasher)`,
    `  ServiceManager     ${avs.serviceManager}  (also the SlashingCoordinator)`,
    `  OperatorRegistry   ${avs.operatorRegistry}  (also the QuorumVerifier)`,
    `  quorum threshold   ${avs.quorumThresholdBps} bps (${(avs.quorumThresholdBps / 100).toFixed(2)} % of the registered stake)`,
    `  veto window        ${avs.vetoWindowBlocks} blocks (half the deallocation delay by default)`,
    `  slash requester    ${named(avs.slashRequester)}`,
    `  veto committee     ${named(avs.vetoCommittee)}`,
    `  total stake        ${formatValue(avs.totalStake)} (value units, at block ${block})`,
    "  operators          stake now (value units), BLS pubkeyHash, node URL",
  ];
  for (const operator of avs.operators) {
    const state = operator.registered ? formatValue(operator.stake) : "not registered";
    lines.push(
      `    ${named(operator.address)}  stake ${state}`,
      `      pubkeyHash ${operator.pubkeyHash}`,
      `      node       ${operator.nodeUrl}`,
    );
  }
  return lines;
}
