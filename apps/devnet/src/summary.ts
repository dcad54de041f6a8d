import { anvilMnemonic } from "@palisade/testkit";
import { type Address, formatUnits } from "viem";
import { renderAvs, renderServices } from "./avsSummary.ts";
import { renderDex, renderMarketplace } from "./marketplaceSummary.ts";
import type { DevnetSnapshot, OperatorSetView, OperatorStrategyView, RewardStreamView } from "./snapshot.ts";

const WAD = 10n ** 18n;
/** Value units (π, U, α·U) are WAD fixed-point: Σ underlying × a weight of 1e18 per token by default. */
const valueDecimals = 18;

/**
 * `30.0`, `3.3333`: rounded to at most four fraction digits, at least one. Rounded, not truncated,
 * because WAD math lands just below round figures (α = 1/3 of 51 is 16.99…98, shown as 17.0).
 */
export function formatAmount(value: bigint, decimals: number): string {
  const dropped = Math.max(decimals - 4, 0);
  const scale = 10n ** BigInt(dropped);
  const rounded = (value + scale / 2n) / scale;
  const [whole = "0", fraction = ""] = formatUnits(rounded, decimals - dropped).split(".");
  return `${whole}.${fraction.replace(/0+$/, "") || "0"}`;
}

/** A WAD fraction as a percentage with one decimal, rounded: 1/3 → `33.3 %`. */
export function formatPercent(wad: bigint): string {
  const sign = wad < 0n ? "-" : "";
  const tenths = ((wad < 0n ? -wad : wad) * 1000n + WAD / 2n) / WAD;
  return `${sign}${tenths / 10n}.${tenths % 10n} %`;
}

/** `2025-07-01 12:00 UTC`. */
const formatTime = (unixSeconds: number): string =>
  `${new Date(unixSeconds * 1000).toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** `in 30.0 d`, `in 2.5 h`, `ended`. */
function formatRelative(seconds: number): string {
  if (seconds <= 0) return "ended";
  if (seconds >= 86_400) return `in ${(seconds / 86_400).toFixed(1)} d`;
  if (seconds >= 3_600) return `in ${(seconds / 3_600).toFixed(1)} h`;
  return `in ${Math.ceil(seconds / 60)} min`;
}

/** Rounds for display only: a rate has no exact decimal form worth printing in full. */
const significant = (value: number): string => Number(value.toPrecision(4)).toString();

/** `      60.0 stETH`: the number right-aligned in 13 columns so decimal points line up. */
const tokenCell = (value: bigint, decimals: number, symbol: string): string =>
  `${formatAmount(value, decimals).padStart(13)} ${symbol}`;

const row = (cells: readonly [string, number][]): string =>
  cells
    .map(([text, width]) => (width < 0 ? text.padStart(-width) : text.padEnd(width)))
    .join(" ")
    .trimEnd();

/**
 * The lines printed once the devnet is ready: where to connect, what is deployed and staked, how
 * secure the seeded operator set is, which accounts to use, and how to stop or reset. Pure: every
 * figure comes from `snapshot`, so it can be tested on a fixed input. Fits 100 columns.
 */
export function renderSummary(snapshot: DevnetSnapshot): string[] {
  const roleOf = new Map(snapshot.accounts.map((account) => [account.address, account.role]));
  const named = (address: Address): string => {
    const role = roleOf.get(address);
    return role ? `${address}  (${role})` : address;
  };
  const short = (address: Address): string => roleOf.get(address) ?? address;
  const { withdrawalBlocks, allocationBlocks, deallocationBlocks } = snapshot.delays;

  const lines = [
    "",
    `Palisade devnet: ${snapshot.resumed ? "resumed from saved state" : "freshly deployed and seeded"}`,
    `  RPC URL          ${snapshot.rpcUrl}`,
    `  chain id         ${snapshot.chainId}`,
    `  block            ${snapshot.block} (anvil mines 1 block per second)`,
    `  deployment file  ${snapshot.deploymentFile}`,
    `  state dir        ${snapshot.stateDir}`,
    `  anvil pid        ${snapshot.anvilPid}`,
    `  delays (blocks)  withdrawal ${withdrawalBlocks}, allocation ${allocationBlocks}, deallocation ${deallocationBlocks}`,
    "",
    "Contracts",
    ...Object.entries(snapshot.contracts).map(([name, address]) => `  ${name.padEnd(19)}${address}`),
    "",
    row([
      ["Strategies", 60],
      ["total shares", -13],
      ["underlying", -13],
    ]),
  ];
  for (const s of snapshot.strategies) {
    lines.push(
      row([
        [`  ${s.symbol}`, 8],
        ["strategy", 8],
        [s.strategy, 42],
        [formatAmount(s.totalShares, 18), -13],
        [tokenCell(s.underlying, s.decimals, s.symbol), 0],
      ]),
      `${"".padEnd(9)}token    ${s.token}`,
    );
  }

  const decimalsOf = new Map(snapshot.strategies.map((s) => [s.symbol, s.decimals]));
  const tokens = (view: OperatorStrategyView, value: bigint) =>
    tokenCell(value, decimalsOf.get(view.symbol) ?? 18, view.symbol);
  const setId = snapshot.operatorSet?.id ?? 0;
  lines.push("", `Operators (stake in underlying tokens; allocation to operator set ${setId})`);
  if (snapshot.operators.length === 0) lines.push("  none");
  for (const operator of snapshot.operators) {
    lines.push(
      `  ${named(operator.address)}`,
      row([
        ["    strategy", 12],
        ["delegated", -13],
        ["", 6],
        ["magnitude", -10],
        ["allocated", -13],
        ["", 6],
        ["pending change", 0],
      ]),
    );
    for (const view of operator.strategies) {
      const pending = view.pending
        ? `${view.pending.diffWad > 0n ? "+" : ""}${formatPercent(view.pending.diffWad)} at block ${view.pending.effectBlock}`
        : "none";
      lines.push(
        row([
          [`    ${view.symbol}`, 12],
          [tokens(view, view.delegated), 20],
          [formatPercent(view.allocatedShareWad), -10],
          [tokens(view, view.allocated), 20],
          [pending, 0],
        ]),
      );
    }
  }

  if (snapshot.operatorSet) lines.push("", ...renderOperatorSet(snapshot.operatorSet, short, named));
  if (snapshot.avs) lines.push("", ...renderAvs(snapshot.avs, snapshot.block, named));
  if (snapshot.marketplace) lines.push("", ...renderMarketplace(snapshot.marketplace, named, snapshot.dex));
  if (snapshot.dex) lines.push("", ...renderDex(snapshot.dex));

  lines.push("", "Reward streams");
  if (snapshot.rewards.length === 0) lines.push("  none");
  for (const stream of snapshot.rewards) lines.push(...renderStream(stream, snapshot.blockTime));

  lines.push(
    "",
    "Accounts (anvil's default mnemonic: PUBLIC test keys, never use them for real funds)",
    `  mnemonic    ${anvilMnemonic}`,
    '  key         cast wallet private-key "<mnemonic>" <index>',
    ...snapshot.accounts.map(
      (account) => `  ${account.role.padEnd(12)}${account.address}  index ${account.keyIndex}`,
    ),
    ...(snapshot.services ? ["", ...renderServices(snapshot.services)] : []),
    "",
    "Stop:   Ctrl-C (the chain state is saved and resumed on the next start)",
    `Reset:  stop, then delete the state dir: rm -rf ${snapshot.stateDir}`,
    "",
  );
  return lines;
}

function renderOperatorSet(
  set: OperatorSetView,
  short: (address: Address) => string,
  named: (address: Address) => string,
): string[] {
  const value = (v: bigint) => formatAmount(v, valueDecimals);
  const { config, security } = set;
  const declared = config.corruptionThresholdWad !== 0n;
  const lines = [
    `Operator set ${set.id}`,
    `  AVS                ${named(set.avs)}`,
    `  slasher            ${named(set.slasher)}`,
    `  members            ${set.members.length === 0 ? "none" : set.members.map(short).join(", ")}`,
  ];
  if (!declared) {
    lines.push("  security config    none declared (setEconomicSecurityConfig): the check is vacuous");
  } else {
    lines.push(
      `  security config    π = ${value(config.profitFromCorruption)}, α = ${formatPercent(config.corruptionThresholdWad)}, ` +
        `γ = ${formatPercent(config.gammaWad)}, enforced on deallocation: ${config.enforceOnDeallocation ? "yes" : "no"}`,
    );
  }
  lines.push(
    `  economic security  U = ${value(security.allocatedValue)}   α·U = ${value(security.costOfCorruption)}` +
      `   (1+γ)·π = ${value(security.requiredCost)}   secure: ${security.secure ? "yes" : "NO"}`,
    `  critical           ${set.critical.length === 0 ? "none (no single member's exit breaks α·U ≥ (1+γ)·π)" : set.critical.map(short).join(", ")}`,
    "  (π, U and costs in value units: underlying tokens × the strategy's weight, 1 by default)",
  );
  return lines;
}

function renderStream(stream: RewardStreamView, now: number): string[] {
  // ratePerSecond carries an extra 1e18 of precision on top of the token's own decimals.
  const perSecond = Number(formatUnits(stream.ratePerSecond, stream.tokenDecimals + 18));
  const symbol = stream.tokenSymbol;
  return [
    `  ${symbol} to the ${stream.strategySymbol} stakers of operator set ${stream.operatorSetId}`,
    `    rate    ${significant(perSecond)} ${symbol}/s (${significant(perSecond * 86_400)} ${symbol}/day)`,
    `    finish  ${formatTime(stream.finish)} (${formatRelative(stream.finish - now)}; moves out while nothing is allocated)`,
  ];
}
