import { allocationManagerAbi, operatorRegistryAbi, serviceManagerAbi } from "@palisade/abis";
import type { AvsDeployment } from "@palisade/sdk";
import type { Address, Client } from "viem";
import { getCode, readContract } from "viem/actions";
import type { AvsSettings } from "./avsSettings.ts";
import { AvsWiringError } from "./errors.ts";

export interface VerifyAvsParameters {
  avs: AvsDeployment;
  allocationManager: Address;
  /** The strategies operator set 0 must hold, in any order. */
  strategies: readonly Address[];
  /** When given, the settings the ServiceManager must hold. */
  settings?: AvsSettings | undefined;
  /** When given, the owner of both contracts. */
  owner?: Address | undefined;
  /** When given, the pending owner of both contracts (a two-step transfer was started). */
  pendingOwner?: Address | undefined;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Reads a deployed AVS back from the chain and throws AvsWiringError at the first mismatch: both
 * contracts have code; the registry and the ServiceManager point at each other and at the core's
 * AllocationManager; the ServiceManager is the AVS registrar of its own address and the slasher of
 * operator set 0, which exists with exactly the given strategies; optionally its settings, owner and
 * pending owner. Sends nothing.
 *
 * @example
 * await verifyAvs(publicClient, { avs: deployment.avs, allocationManager, strategies });
 */
export async function verifyAvs(client: Client, parameters: VerifyAvsParameters): Promise<void> {
  const { avs, allocationManager } = parameters;
  const expect = (what: string, expected: string, actual: string) => {
    if (!same(expected, actual)) throw new AvsWiringError(what, expected, actual);
  };
  for (const [name, address] of [
    ["ServiceManager", avs.serviceManager],
    ["OperatorRegistry", avs.operatorRegistry],
  ] as const) {
    const code = await getCode(client, { address });
    if (!code || code === "0x") throw new AvsWiringError(`code at the ${name} ${address}`, "code", "none");
  }
  expect("the QuorumVerifier (inherited by the registry)", avs.operatorRegistry, avs.quorumVerifier);
  expect(
    "the SlashingCoordinator (inherited by the ServiceManager)",
    avs.serviceManager,
    avs.slashingCoordinator,
  );

  const sm = { address: avs.serviceManager, abi: serviceManagerAbi } as const;
  const registry = { address: avs.operatorRegistry, abi: operatorRegistryAbi } as const;
  const am = { address: allocationManager, abi: allocationManagerAbi } as const;
  const operatorSet = { avs: avs.serviceManager, id: avs.operatorSetId } as const;
  const [
    smRegistry,
    smAllocationManager,
    setId,
    registrySm,
    registryAm,
    registrar,
    exists,
    slasher,
    strategies,
  ] = await Promise.all([
    readContract(client, { ...sm, functionName: "registry" }),
    readContract(client, { ...sm, functionName: "allocationManager" }),
    readContract(client, { ...sm, functionName: "OPERATOR_SET_ID" }),
    readContract(client, { ...registry, functionName: "serviceManager" }),
    readContract(client, { ...registry, functionName: "allocationManager" }),
    readContract(client, { ...am, functionName: "getAVSRegistrar", args: [avs.serviceManager] }),
    readContract(client, { ...am, functionName: "operatorSetExists", args: [operatorSet] }),
    readContract(client, { ...am, functionName: "getSlasher", args: [operatorSet] }),
    readContract(client, { ...am, functionName: "getStrategiesInOperatorSet", args: [operatorSet] }),
  ]);
  expect("ServiceManager.registry()", avs.operatorRegistry, smRegistry);
  expect("ServiceManager.allocationManager()", allocationManager, smAllocationManager);
  expect("ServiceManager.OPERATOR_SET_ID()", String(avs.operatorSetId), String(setId));
  expect("OperatorRegistry.serviceManager()", avs.serviceManager, registrySm);
  expect("OperatorRegistry.allocationManager()", allocationManager, registryAm);
  expect("the AVS registrar of the ServiceManager", avs.serviceManager, registrar);
  expect(`operator set ${avs.operatorSetId} exists`, "true", String(exists));
  expect(`the slasher of operator set ${avs.operatorSetId}`, avs.serviceManager, slasher);
  const sorted = (list: readonly string[]) =>
    list
      .map((s) => s.toLowerCase())
      .sort()
      .join(",");
  expect(
    `the strategies of operator set ${avs.operatorSetId}`,
    sorted(parameters.strategies),
    sorted(strategies),
  );

  const { settings, owner, pendingOwner } = parameters;
  if (settings) {
    const [threshold, window, committee, requester] = await Promise.all([
      readContract(client, { ...sm, functionName: "quorumThresholdBps" }),
      readContract(client, { ...sm, functionName: "vetoWindow" }),
      readContract(client, { ...sm, functionName: "vetoCommittee" }),
      readContract(client, { ...sm, functionName: "slashRequester" }),
    ]);
    expect("ServiceManager.quorumThresholdBps()", String(settings.quorumThresholdBps), String(threshold));
    if (settings.vetoWindowBlocks !== undefined)
      expect("ServiceManager.vetoWindow()", String(settings.vetoWindowBlocks), String(window));
    expect("ServiceManager.vetoCommittee()", settings.vetoCommittee, committee);
    expect("ServiceManager.slashRequester()", settings.slashRequester, requester);
  }
  // Both contracts inherit Pausable's Ownable2Step: one ABI reads owner() and pendingOwner() of each.
  for (const [name, address] of [
    ["ServiceManager", avs.serviceManager],
    ["OperatorRegistry", avs.operatorRegistry],
  ] as const) {
    const read = (functionName: "owner" | "pendingOwner") =>
      readContract(client, { address, abi: serviceManagerAbi, functionName });
    if (owner) expect(`${name}.owner()`, owner, await read("owner"));
    if (pendingOwner) expect(`${name}.pendingOwner()`, pendingOwner, await read("pendingOwner"));
  }
}
