/**
 * Which Palisade operators an alert implicates: its suspects that are registered in the
 * OperatorRegistry at the verdict's reference block (decision 0008). Read at that pinned block, so every
 * honest node finds the same set.
 */
import { operatorRegistryAbi } from "@palisade/abis";
import { type Address, getAddress, type PublicClient } from "viem";
import type { AlertDraft } from "../alert.ts";

/**
 * The alert's suspects: its addresses after the affected protocol (`addresses[0]`), without those its
 * evidence names as victims — the other drained contracts of a flash-loan exploit, the owners an
 * approval drain pulled from (an operator whose tokens were stolen is not a suspect).
 */
export function suspectsOf(alert: AlertDraft): Address[] {
  const victims = new Set<string>(alert.addresses.slice(0, 1));
  if (alert.type === "flash-loan-exploit")
    for (const outflow of alert.evidence.outflows) victims.add(outflow.contract);
  if (alert.type === "approval-drain") for (const owner of alert.evidence.owners) victims.add(owner);
  return alert.addresses.filter((address) => !victims.has(address)) as Address[];
}

/**
 * The `candidates` registered in `operatorRegistry` at the end of `block`, checksummed, ascending by
 * address value, without duplicates (the order the contract iterates).
 */
export async function registeredOperatorsAt(
  client: PublicClient,
  operatorRegistry: Address,
  candidates: readonly Address[],
  block: number,
): Promise<Address[]> {
  const unique = [...new Set(candidates.map((candidate) => candidate.toLowerCase()))].sort();
  const registered = await Promise.all(
    unique.map((candidate) =>
      client.readContract({
        address: operatorRegistry,
        abi: operatorRegistryAbi,
        functionName: "isRegistered",
        args: [candidate as Address],
        blockNumber: BigInt(block),
      }),
    ),
  );
  // Same-length lower-case hex sorts as the numbers do.
  return unique.filter((_, i) => registered[i]).map((address) => getAddress(address));
}
