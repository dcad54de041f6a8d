/**
 * approval-drain@1 — someone is spending other people's allowances.
 *
 * A pull is an ERC20 Transfer out of an owner that neither made the call (the token's caller, from the
 * trace; without one, tx.to, or tx.from when the token itself was called) nor sent the transaction (a
 * router pulling what its user just approved is the user's own doing). Two patterns:
 * - many-owners: one spender pulls from ≥ `minOwners` distinct owners in a transaction (TxDetector) or
 *   across a mined block's transactions (BlockDetector, when no single transaction reached it). High.
 * - approval-to-eoa: an externally owned account pulls with transferFrom itself, and it is labelled
 *   (critical) or fresh — nonce ≤ `freshMaxNonce` at `stateBlock` (high). The Approval logs behind the
 *   pull (in the transaction, or in the last `lookbackBlocks` blocks) are the evidence.
 * Facts: the spender's code, nonce and the Approval logs, all at `stateBlock`.
 */
import { type Address, type Hex, zeroAddress } from "viem";
import type { AlertDraft, EvidenceOf } from "../alert.ts";
import { approvals as approvalEvents, valueTransfers } from "../chain/decode.ts";
import { type BlockObservation, effectiveCaller, type TxObservation } from "../chain/observation.ts";
import type { WatchConfig } from "../watch.ts";
import {
  type BlockDetector,
  type DetectorContext,
  draftAlert,
  type StateReader,
  type TxDetector,
} from "./detector.ts";

const id = { type: "approval-drain", version: 1 } as const;

export interface Pull {
  tx: Hex;
  seq: number;
  token: Address;
  owner: Address;
  to: Address;
  amount: bigint;
  spender: Address;
  spenderFrom: "trace" | "receipt";
}

interface SpenderFacts {
  isContract: boolean;
  nonce: number;
  /** Approval logs of earlier blocks behind this spender's pulls. */
  approvals: { tx: Hex; block: number; token: Address; owner: Address }[];
}

export type ApprovalDrainFacts = ReadonlyMap<Address, SpenderFacts>;

/** The pulls of one transaction, in order. */
export function pullsOf(obs: TxObservation): Pull[] {
  const pulls: Pull[] = [];
  for (const transfer of valueTransfers(obs)) {
    if (transfer.asset === "native" || transfer.from === zeroAddress || transfer.amount === 0n) continue;
    const traced = obs.traced && transfer.frame !== null;
    const spender = traced
      ? effectiveCaller(obs.calls, transfer.frame as number)
      : transfer.asset === obs.tx.to
        ? obs.tx.from
        : obs.tx.to;
    if (spender === null || spender === transfer.from || transfer.from === obs.tx.from) continue;
    pulls.push({
      tx: obs.tx.hash,
      seq: transfer.seq,
      token: transfer.asset,
      owner: transfer.from,
      to: transfer.to,
      amount: transfer.amount,
      spender,
      spenderFrom: traced ? "trace" : "receipt",
    });
  }
  return pulls;
}

function bySpender(pulls: readonly Pull[]): Map<Address, Pull[]> {
  const map = new Map<Address, Pull[]>();
  for (const pull of pulls) map.set(pull.spender, [...(map.get(pull.spender) ?? []), pull]);
  return map;
}

const ownersOf = (pulls: readonly Pull[]) => [...new Set(pulls.map((pull) => pull.owner))];

/** Spenders the approval-to-eoa pattern looks at: the transaction's sender pulling itself. */
function eoaCandidates(obs: TxObservation, pulls: readonly Pull[]): Pull[] {
  return pulls.filter((pull) => pull.spender === obs.tx.from);
}

function spenderKind(facts: SpenderFacts | undefined): "eoa" | "contract" | "unknown" {
  return facts === undefined ? "unknown" : facts.isContract ? "contract" : "eoa";
}

function evidencePulls(pulls: readonly Pull[]): EvidenceOf<"approval-drain">["pulls"] {
  return pulls.map((pull) => ({
    tx: pull.tx,
    token: pull.token,
    owner: pull.owner,
    to: pull.to,
    amount: pull.amount.toString(),
  }));
}

async function spenderFacts(
  watch: WatchConfig,
  stateBlock: number,
  spender: Address,
  pulls: readonly Pull[],
  reader: StateReader,
  withApprovals: boolean,
): Promise<SpenderFacts> {
  const [isContract, nonce] = await Promise.all([
    reader.isContract(spender, stateBlock),
    reader.nonce(spender, stateBlock),
  ]);
  const approvals: SpenderFacts["approvals"] = [];
  if (withApprovals && !isContract) {
    const fromBlock = Math.max(0, stateBlock - watch.approvalDrain.lookbackBlocks);
    const seen = new Set<string>();
    for (const pull of pulls) {
      const key = `${pull.token}:${pull.owner}`;
      if (seen.has(key)) continue;
      seen.add(key);
      for (const log of await reader.approvalLogs({
        token: pull.token,
        owner: pull.owner,
        spender,
        fromBlock,
        toBlock: stateBlock,
      }))
        approvals.push({ ...log, token: pull.token, owner: pull.owner });
    }
  }
  return { isContract, nonce, approvals };
}

export const approvalDrain: TxDetector<ApprovalDrainFacts> & BlockDetector<ApprovalDrainFacts> = {
  ...id,

  async gather(ctx, obs, reader) {
    const facts = new Map<Address, SpenderFacts>();
    const pulls = pullsOf(obs);
    const many = [...bySpender(pulls)].filter(
      ([, list]) => ownersOf(list).length >= ctx.watch.approvalDrain.minOwners,
    );
    const eoa = bySpender(eoaCandidates(obs, pulls));
    const spenders = new Set([...many.map(([spender]) => spender), ...eoa.keys()]);
    await Promise.all(
      [...spenders].map(async (spender) =>
        facts.set(
          spender,
          await spenderFacts(
            ctx.watch,
            obs.stateBlock,
            spender,
            pulls.filter((p) => p.spender === spender),
            reader,
            eoa.has(spender),
          ),
        ),
      ),
    );
    return facts;
  },

  evaluate(ctx, obs, facts): AlertDraft[] {
    const alerts: AlertDraft[] = [];
    const pulls = pullsOf(obs);
    const { minOwners, freshMaxNonce } = ctx.watch.approvalDrain;
    const inTx = approvalEvents(obs);
    for (const [spender, list] of bySpender(pulls)) {
      const owners = ownersOf(list);
      const known = facts.get(spender);
      const label = ctx.watch.labels.get(spender) ?? null;
      if (owners.length >= minOwners)
        alerts.push(
          draftAlert(id, obs, {
            key: `${spender}:transaction`,
            severity: "high",
            title: `Approval drain: ${label ?? spender} pulled tokens from ${owners.length} owners in one transaction`,
            addresses: [...owners, spender, obs.tx.from],
            evidence: {
              spender,
              pattern: "many-owners",
              window: "transaction",
              minOwners,
              owners,
              pulls: evidencePulls(list),
              approvals: inTx
                .filter((a) => a.spender === spender && owners.includes(a.owner))
                .map((a) => ({ tx: obs.tx.hash, block: obs.block, token: a.token, owner: a.owner })),
              spenderKind: spenderKind(known),
              spenderLabel: label,
              spenderNonce: known && !known.isContract ? known.nonce : null,
              spenderFrom: list[0]?.spenderFrom ?? "receipt",
            },
          }),
        );
      const direct = list.filter((pull) => pull.spender === obs.tx.from);
      if (direct.length === 0 || known === undefined || known.isContract) continue;
      const fresh = known.nonce <= freshMaxNonce;
      if (label === null && !fresh) continue;
      const directOwners = ownersOf(direct);
      alerts.push(
        draftAlert(id, obs, {
          key: `${spender}:approval-to-eoa`,
          severity: label === null ? "high" : "critical",
          title: `Approval drain: ${label === null ? `fresh EOA ${spender} (nonce ${known.nonce})` : `${label} ${spender}`} pulled approved tokens from ${directOwners.length} owner(s)`,
          addresses: [...directOwners, spender],
          evidence: {
            spender,
            pattern: "approval-to-eoa",
            window: "transaction",
            minOwners,
            owners: directOwners,
            pulls: evidencePulls(direct),
            approvals: [
              ...inTx
                .filter((a) => a.spender === spender && directOwners.includes(a.owner))
                .map((a) => ({ tx: obs.tx.hash, block: obs.block, token: a.token, owner: a.owner })),
              ...known.approvals,
            ],
            spenderKind: "eoa",
            spenderLabel: label,
            spenderNonce: known.nonce,
            spenderFrom: direct[0]?.spenderFrom ?? "receipt",
          },
        }),
      );
    }
    return alerts;
  },

  async gatherBlock(ctx, block, reader) {
    const facts = new Map<Address, SpenderFacts>();
    for (const [spender, list] of blockCandidates(ctx, block))
      facts.set(spender, await spenderFacts(ctx.watch, block.number - 1, spender, list, reader, false));
    return facts;
  },

  evaluateBlock(ctx, block, facts): AlertDraft[] {
    const alerts: AlertDraft[] = [];
    const { minOwners } = ctx.watch.approvalDrain;
    for (const [spender, list] of blockCandidates(ctx, block)) {
      // The transaction whose pull reached the threshold carries the alert.
      const owners: Address[] = [];
      let completing: Hex | undefined;
      for (const pull of list) {
        if (!owners.includes(pull.owner)) owners.push(pull.owner);
        if (owners.length === minOwners && completing === undefined) completing = pull.tx;
      }
      const obs = block.transactions.find((tx) => tx.tx.hash === completing);
      if (!obs) continue;
      const label = ctx.watch.labels.get(spender) ?? null;
      const known = facts.get(spender);
      const txs = [...new Set(list.map((pull) => pull.tx))];
      alerts.push(
        draftAlert(id, obs, {
          key: `${spender}:block`,
          severity: "high",
          title: `Approval drain: ${label ?? spender} pulled tokens from ${owners.length} owners across ${txs.length} transactions of block ${block.number}`,
          addresses: [...owners, spender],
          evidence: {
            spender,
            pattern: "many-owners",
            window: "block",
            minOwners,
            owners,
            pulls: evidencePulls(list),
            approvals: [],
            spenderKind: spenderKind(known),
            spenderLabel: label,
            spenderNonce: known && !known.isContract ? known.nonce : null,
            spenderFrom: list.every((pull) => pull.spenderFrom === "trace") ? "trace" : "receipt",
          },
        }),
      );
    }
    return alerts;
  },
};

/**
 * Spenders that reach `minOwners` only across the block's transactions (those reaching it within one
 * transaction already have that transaction's alert), with their pulls in block order.
 */
function blockCandidates(ctx: DetectorContext, block: BlockObservation): [Address, Pull[]][] {
  const { minOwners } = ctx.watch.approvalDrain;
  const all = block.transactions.flatMap((obs) => pullsOf(obs));
  return [...bySpender(all)].filter(([, list]) => {
    if (ownersOf(list).length < minOwners) return false;
    const perTx = new Map<Hex, Pull[]>();
    for (const pull of list) perTx.set(pull.tx, [...(perTx.get(pull.tx) ?? []), pull]);
    return [...perTx.values()].every((pulls) => ownersOf(pulls).length < minOwners);
  });
}
