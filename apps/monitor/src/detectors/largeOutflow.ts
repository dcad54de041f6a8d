/**
 * large-outflow@1 — a watched contract lost a large share of an asset in one transaction.
 *
 * Per watched contract (with outflow thresholds) and asset: outflow = ERC20 Transfers from the contract
 * plus ether its frames sent; inflow = the same towards it; net = outflow − inflow. An alert when net ≥
 * `minAmount[asset]` or net ≥ `minPercent` % of the contract's balance at `stateBlock`. Severity:
 * critical from half the balance, else high. Key: the contract (one alert per contract and transaction).
 */
import type { Address } from "viem";
import type { AlertDraft, EvidenceOf } from "../alert.ts";
import { type ValueTransfer, valueTransfers } from "../chain/decode.ts";
import type { TxObservation } from "../chain/observation.ts";
import { labelOf } from "../watch.ts";
import { bps, type DetectorContext, draftAlert, type StateReader, type TxDetector } from "./detector.ts";

type Asset = Address | "native";

interface Flow {
  contract: Address;
  asset: Asset;
  outflow: bigint;
  inflow: bigint;
  recipients: Address[];
}

/** Balances at `stateBlock`, keyed `contract|asset`. */
export type LargeOutflowFacts = ReadonlyMap<string, bigint>;

const CRITICAL_SHARE_BPS = 5_000;

/** Net outflows of watched contracts with thresholds, per contract and asset (positive nets only). */
function netOutflows(ctx: DetectorContext, transfers: readonly ValueTransfer[]): Flow[] {
  const flows = new Map<string, Flow>();
  const flowOf = (contract: Address, asset: Asset) => {
    const key = `${contract}|${asset}`;
    let flow = flows.get(key);
    if (!flow) {
      flow = { contract, asset, outflow: 0n, inflow: 0n, recipients: [] };
      flows.set(key, flow);
    }
    return flow;
  };
  for (const transfer of transfers) {
    if (transfer.from === transfer.to) continue;
    if (ctx.watch.contracts.get(transfer.from)?.outflow) {
      const flow = flowOf(transfer.from, transfer.asset);
      flow.outflow += transfer.amount;
      if (!flow.recipients.includes(transfer.to)) flow.recipients.push(transfer.to);
    }
    if (ctx.watch.contracts.get(transfer.to)?.outflow)
      flowOf(transfer.to, transfer.asset).inflow += transfer.amount;
  }
  return [...flows.values()].filter((flow) => flow.outflow > flow.inflow);
}

const id = { type: "large-outflow", version: 1 } as const;

export const largeOutflow: TxDetector<LargeOutflowFacts> = {
  ...id,

  async gather(ctx, obs, reader: StateReader) {
    const facts = new Map<string, bigint>();
    await Promise.all(
      netOutflows(ctx, valueTransfers(obs)).map(async (flow) => {
        facts.set(
          `${flow.contract}|${flow.asset}`,
          await reader.balance(flow.asset, flow.contract, obs.stateBlock),
        );
      }),
    );
    return facts;
  },

  evaluate(ctx, obs: TxObservation, facts): AlertDraft[] {
    const byContract = new Map<Address, EvidenceOf<"large-outflow">["flows"]>();
    for (const flow of netOutflows(ctx, valueTransfers(obs))) {
      const thresholds = ctx.watch.contracts.get(flow.contract)?.outflow;
      if (!thresholds) continue;
      const net = flow.outflow - flow.inflow;
      const balanceBefore = facts.get(`${flow.contract}|${flow.asset}`) ?? 0n;
      const share = bps(net, balanceBefore);
      const minAmount = thresholds.minAmount.get(flow.asset);
      // A contract that held nothing and still sent value out was paid in within the transaction: the
      // share is meaningless then, only an absolute threshold can say it was large.
      const byPercent = share !== null && thresholds.minPercent > 0 && share >= thresholds.minPercent * 100;
      const byAmount = minAmount !== undefined && net >= minAmount;
      if (!byPercent && !byAmount) continue;
      const flows = byContract.get(flow.contract) ?? [];
      flows.push({
        asset: flow.asset,
        outflow: flow.outflow.toString(),
        inflow: flow.inflow.toString(),
        net: net.toString(),
        balanceBefore: balanceBefore.toString(),
        shareBps: share,
        rule: byPercent ? "percent" : "amount",
        recipients: flow.recipients,
      });
      byContract.set(flow.contract, flows);
    }
    const alerts: AlertDraft[] = [];
    for (const [contract, flows] of byContract) {
      const thresholds = ctx.watch.contracts.get(contract)?.outflow;
      if (!thresholds) continue;
      const top = flows.reduce((a, b) => ((b.shareBps ?? 0) > (a.shareBps ?? 0) ? b : a));
      const label = labelOf(ctx.watch, contract);
      const recipients = [...new Set(flows.flatMap((flow) => flow.recipients))];
      const what =
        top.shareBps === null
          ? "its whole inflow"
          : `${(top.shareBps / 100).toFixed(2)} % of its ${top.asset === "native" ? "ether" : top.asset}`;
      alerts.push(
        draftAlert(id, obs, {
          key: contract,
          severity: flows.some((flow) => (flow.shareBps ?? 0) >= CRITICAL_SHARE_BPS) ? "critical" : "high",
          title: `Large outflow from ${label ?? contract}: ${what} left in one transaction`,
          addresses: [contract, ...recipients, obs.tx.from],
          evidence: {
            contract,
            label,
            flows,
            thresholds: {
              minPercent: thresholds.minPercent,
              minAmount: Object.fromEntries(
                [...thresholds.minAmount].map(([asset, value]) => [asset, value.toString()]),
              ),
            },
          },
        }),
      );
    }
    return alerts;
  },
};
