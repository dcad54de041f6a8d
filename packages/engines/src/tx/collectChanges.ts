import type { Address } from "viem";
import { aggregateAssetChanges, netOutflowsOf } from "./assetChanges.ts";
import type { ChainReader } from "./chainReads.ts";
import { decodeLogs, type ProxyEvent } from "./events.ts";
import type { Execution } from "./execution.ts";
import { addressRoles, findFlagged, type TxLabels } from "./flagged.ts";
import { proxySlotKinds, proxySlotOf } from "./proxySlots.ts";
import type { Approval, Outflow, ProxyChange, SimulatedTx, SpenderKind, TxChanges } from "./types.ts";

export interface CollectInputs {
  execution: Execution;
  tx: SimulatedTx;
  chainId: number;
  block: number;
  labels: TxLabels | undefined;
  reader: ChainReader;
}

/**
 * Turns a backend's execution into TxChanges: decodes the logs, nets the transfers, then reads (in
 * parallel, at the pinned block) what the policy needs — the sender's balances of what it loses, the
 * code at each spender, the EIP-1967 slots' previous values — and matches every involved address
 * against the lists.
 */
export async function collectChanges(inputs: CollectInputs): Promise<TxChanges> {
  const { execution, tx, chainId, block, labels, reader } = inputs;
  const decoded = decodeLogs(execution.logs);
  const assetChanges = aggregateAssetChanges(decoded.transfers);
  const losses = netOutflowsOf(assetChanges, tx.from);
  const proxyEvents = mergeProxyChanges(decoded.proxyEvents, execution);
  const spenders = [...new Set(decoded.approvals.filter((a) => a.owner === tx.from).map((a) => a.spender))];

  const [balances, kinds, previous] = await Promise.all([
    Promise.all(losses.map((loss) => reader.balanceOf(tx.from, loss))),
    Promise.all(spenders.map(async (spender) => [spender, await reader.spenderKind(spender)] as const)),
    Promise.all(proxyEvents.map((change) => reader.slotAddress(change.proxy, proxySlotOf[change.kind]))),
  ]);

  const outflows: Outflow[] = losses.map((loss, index) => {
    const balance = balances[index] ?? null;
    return {
      kind: loss.kind,
      token: loss.token,
      tokenId: loss.tokenId,
      amount: loss.amount.toString(),
      balanceBefore: balance === null ? null : balance.toString(),
      // Two decimals, rounded down: integer arithmetic, so the same on every machine.
      percent: balance === null || balance === 0n ? null : Number((loss.amount * 10_000n) / balance) / 100,
    };
  });
  const kindOf = new Map<Address, SpenderKind>(kinds);
  // Only the sender's spenders are read (no rule judges other owners' approvals): the rest stay null.
  const approvals: Approval[] = decoded.approvals.map((approval) => ({
    ...approval,
    spenderKind: approval.owner === tx.from ? (kindOf.get(approval.spender) ?? null) : null,
  }));
  const proxyChanges: ProxyChange[] = proxyEvents.map((change, index) => ({
    ...change,
    previous: previous[index] ?? null,
  }));

  const roles = addressRoles({
    tx,
    callTargets: execution.callTargets,
    transfers: decoded.transfers,
    approvals,
    ownershipChanges: decoded.ownershipChanges,
    proxyChanges,
  });
  return {
    chainId,
    block,
    backend: execution.backend,
    coverage: {
      callFrames: execution.backend === "debug_traceCall",
      storageWrites: execution.slotWrites !== null,
    },
    tx,
    status: execution.status,
    failure: execution.failure,
    gasUsed: execution.gasUsed,
    transfers: decoded.transfers,
    assetChanges,
    outflows,
    approvals,
    ownershipChanges: decoded.ownershipChanges,
    proxyChanges,
    flagged: labels === undefined ? [] : findFlagged(labels, chainId, roles),
    listsChecked: labels !== undefined,
    labelsDigest: labels?.digest ?? null,
  };
}

/**
 * One change per (proxy, kind): the last value the transaction sets, with how it was seen (event,
 * slot write or both). Sorted by proxy, then kind.
 */
function mergeProxyChanges(
  events: readonly ProxyEvent[],
  execution: Execution,
): Omit<ProxyChange, "previous">[] {
  const merged = new Map<string, Omit<ProxyChange, "previous">>();
  const note = (
    proxy: Address,
    kind: ProxyChange["kind"],
    current: Address,
    evidence: "event" | "storage",
  ) => {
    const key = `${proxy}|${kind}`;
    const entry = merged.get(key);
    if (entry === undefined) merged.set(key, { proxy, kind, current, evidence: [evidence] });
    else {
      // Events come first in execution order, then the slot writes (the final value): the last wins.
      entry.current = current;
      if (!entry.evidence.includes(evidence)) entry.evidence = [...entry.evidence, evidence].sort();
    }
  };
  for (const event of events) note(event.proxy, event.kind, event.value, "event");
  // The slot holds the final value, so a write overrides the events' last value.
  for (const write of execution.slotWrites ?? []) {
    const kind = proxySlotKinds[write.slot];
    if (kind !== undefined) note(write.address, kind, `0x${write.value.slice(-40)}` as Address, "storage");
  }
  return [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, change]) => change);
}
