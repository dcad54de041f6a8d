import { formatAmount, formatPercent, formatValue } from "@palisade/views";
import type { Address } from "viem";
import { formatPal } from "../../amounts.ts";
import { when } from "../../output/format.ts";
import type { AlertsStatus, NetworkStatus, SetStatus } from "./read.ts";

const WIDTH = 100;

/**
 * `  label        item  item …`: the items joined by `separator`, wrapped under the first one where a
 * line would pass 100 columns (the separator's comma, if any, ends the wrapped line).
 */
function line(label: string, items: string | readonly string[], separator = "  ", indent = "  "): string[] {
  const head = `${indent}${label.padEnd(14 - indent.length)} `;
  const lines: string[] = [];
  let current = "";
  for (const item of typeof items === "string" ? [items] : items) {
    const next = current === "" ? item : `${current}${separator}${item}`;
    if (current !== "" && head.length + next.length > WIDTH) {
      lines.push(`${current}${separator.trimEnd()}`);
      current = item;
    } else current = next;
  }
  lines.push(current);
  return lines.map((text, index) => `${index === 0 ? head : " ".repeat(head.length)}${text}`);
}

const plural = (count: number | bigint, noun: string) =>
  `${count} ${noun}${count === 1 || count === 1n ? "" : "s"}`;

/** The threat response: alerts handled, and what it keeps in force now (each with its expiry). */
function alertItems(alerts: AlertsStatus, now: bigint, named: (address: Address) => string): string[] {
  const until = (at: bigint) => when(at, now).replace(/^.*\((in [^)]*)\)$/, "$1");
  const items = [
    alerts.handled === 0
      ? "no certified alert handled"
      : `${plural(alerts.handled, "certified alert")} handled (last: ${alerts.last?.severity}, block ${alerts.last?.block})`,
    ...alerts.frozenOperators.map((entry) => `frozen ${named(entry.operator)} ${until(entry.until)}`),
    ...alerts.pausedServices.map((entry) => `service ${entry.serviceId} paused ${until(entry.until)}`),
    ...alerts.pausedProtocols.map(
      (entry) => `protocol ${named(entry.protocol)} paused ${until(entry.until)}`,
    ),
    ...(alerts.thresholdFloor
      ? [`quorum floor ${alerts.thresholdFloor.bps} bps ${until(alerts.thresholdFloor.until)}`]
      : []),
  ];
  if (items.length === 1) items.push("nothing in force");
  return items;
}

/** `name 0x…` per contract. */
const addressItems = (contracts: Readonly<Record<string, Address>>): string[] =>
  Object.entries(contracts).map(([name, address]) => `${name} ${address}`);

function setLines(set: SetStatus, named: (address: Address) => string): string[] {
  const { config, security } = set;
  const declared = config.corruptionThresholdWad !== 0n;
  const margin = set.margin
    ? `margin ${set.margin.margin >= 0n ? "+" : ""}${formatValue(set.margin.margin)}${set.margin.ratioWad === undefined ? "" : ` (α·U is ${formatPercent(set.margin.ratioWad)} of it)`}`
    : "margin: no config declared";
  return [
    `${set.label} operator set ${set.id} (AVS ${named(set.avs)})`,
    ...line("security", [
      `U = ${formatValue(security.allocatedValue)}`,
      `α·U = ${formatValue(security.costOfCorruption)}`,
      `(1+γ)·π = ${formatValue(security.requiredCost)}`,
      `secure: ${security.secure ? "yes" : "NO"}`,
      margin,
    ]),
    ...(declared
      ? line(
          "config",
          [
            `π = ${formatValue(config.profitFromCorruption)}`,
            `α = ${formatPercent(config.corruptionThresholdWad)}`,
            `γ = ${formatPercent(config.gammaWad)}`,
          ],
          ", ",
        )
      : []),
    ...line(
      "members",
      [
        `${set.members.length}`,
        `critical: ${set.critical.length === 0 ? "none" : set.critical.map(named).join(", ")}`,
      ],
      "; ",
    ),
  ];
}

/**
 * The one-screen summary of `palisade status` (at most 100 columns): chain, contracts, strategies,
 * operators with stake and registration, operator sets with their economic security and margin, the
 * AVS, marketplace counts, governance and alerts when deployed. Pure: every figure comes from `status`.
 */
export function renderNetworkStatus(
  status: NetworkStatus,
  nameOf: (address: Address) => string | undefined,
): string {
  const named = (address: Address) => {
    const name = nameOf(address);
    return name ? `${address} (${name})` : address;
  };
  const { contracts } = status;
  const lines = [
    `Palisade on chain ${status.chainId}${status.chainId === 31_337 ? " (devnet)" : ""} at block ${status.block}, ${when(status.timestamp, status.timestamp).replace(" (now)", "")}`,
    ...line("RPC", status.rpcUrl),
    ...line("deployment", status.deploymentFile),
    ...line(
      "delays",
      `withdrawal ${status.delays.withdrawalBlocks}, allocation ${status.delays.allocationBlocks}, deallocation ${status.delays.deallocationBlocks} blocks`,
    ),
    "",
    "Contracts",
    ...line("core", addressItems(contracts.core)),
    ...line("AVS", contracts.avs ? addressItems(contracts.avs) : "not deployed"),
    ...line("marketplace", contracts.marketplace ? addressItems(contracts.marketplace) : "not deployed"),
    ...line("governance", contracts.governance ? addressItems(contracts.governance) : "not deployed"),
    "",
    ...line(
      "Strategies",
      status.strategies.map(
        (s) =>
          `${s.symbol} ${formatAmount(s.underlying, s.decimals)} (${formatAmount(s.totalShares, 18)} shares)`,
      ),
      ", ",
      "",
    ),
    "",
  ];
  const symbols = status.strategies.map((s) => s.symbol);
  const decimalsOf = new Map(status.strategies.map((s) => [s.symbol, s.decimals]));
  lines.push(
    `Operators (${status.operators.length}): delegated stake in tokens; Palisade: registry stake (value units)`,
  );
  const header = ["operator".padEnd(42), ...symbols.map((symbol) => symbol.padStart(9)), "  Palisade"].join(
    " ",
  );
  lines.push(`  ${header}`);
  for (const operator of status.operators) {
    const cells = symbols.map((symbol) => {
      const entry = operator.stake.find((position) => position.symbol === symbol);
      return formatAmount(entry?.delegated ?? 0n, decimalsOf.get(symbol) ?? 18).padStart(9);
    });
    const { palisade } = operator;
    const standing = palisade.registered
      ? `stake ${formatValue(palisade.registryStake)}${palisade.registryStake === palisade.allocatedValue ? "" : ` (now ${formatValue(palisade.allocatedValue)})`}`
      : palisade.member
        ? "in the set, no key"
        : "not registered";
    const name = nameOf(operator.address);
    lines.push(`  ${[operator.address, ...cells, `  ${standing}${name ? `  ${name}` : ""}`].join(" ")}`);
  }
  if (status.operators.length === 0) lines.push("  none");
  for (const set of status.operatorSets) {
    lines.push("", ...setLines(set, named));
    if (set.label !== "Palisade" || !status.avs) continue;
    lines.push(
      ...line(
        "attestation",
        [
          `quorum ${status.avs.quorumThresholdBps} bps of ${formatValue(status.avs.totalStake)} registry stake`,
          `veto window ${status.avs.vetoWindowBlocks} blocks`,
        ],
        "; ",
      ),
    );
  }
  lines.push("");
  lines.push(
    ...line(
      "Marketplace",
      status.marketplace
        ? `${plural(status.marketplace.providers, "provider")}, ${plural(status.marketplace.services, "service")}, ${plural(status.marketplace.purchases, "purchase")}`
        : "not deployed",
      "  ",
      "",
    ),
  );
  const gov = status.governance;
  lines.push(
    ...line(
      "Governance",
      gov
        ? [
            `gPAL supply ${formatValue(gov.supply)} (backed ${formatValue(gov.backing)}, debt ${formatValue(gov.debt)})`,
            plural(gov.proposals, "proposal"),
            `revenue: ${plural(gov.revenue.epochs, "epoch")} settled, ${formatPal(gov.revenue.reserved)} unclaimed`,
            gov.revenue.nextDistributionAt <= status.timestamp
              ? "an epoch can be settled now (RevenueDistributor.distribute, anyone)"
              : `next settlement ${when(gov.revenue.nextDistributionAt, status.timestamp)}`,
          ]
        : "not deployed (the marketplace's resolver, requester and veto committee are accounts)",
      "; ",
      "",
    ),
  );
  lines.push(
    ...line(
      "Alerts",
      status.alerts ? alertItems(status.alerts, status.timestamp, named) : "no threat response deployed",
      "; ",
      "",
    ),
  );
  if (status.services)
    lines.push(
      ...line(
        "Services",
        status.services.length === 0 ? "none" : status.services.map((s) => `${s.name} ${s.url}`),
        ", ",
        "",
      ),
    );
  return lines.join("\n");
}
