import { anvilMnemonic } from "@palisade/testkit";
import { formatAmount, renderOperatorSet, renderOperatorStakes, row, tokenCell } from "@palisade/views";
import { type Address, formatUnits } from "viem";
import { renderAvs, renderServices } from "./avsSummary.ts";
import { renderGovernance } from "./governanceSummary.ts";
import { renderDex, renderMarketplace } from "./marketplaceSummary.ts";
import type { DevnetSnapshot, RewardStreamView } from "./snapshot.ts";

// Shared with the CLI's `palisade status` through @palisade/views; re-exported for the summary's callers.
export { formatAmount, formatPercent } from "@palisade/views";

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

  const setId = snapshot.operatorSet?.id ?? 0;
  lines.push(
    "",
    `Operators (stake in underlying tokens; allocation to operator set ${setId})`,
    ...renderOperatorStakes(snapshot.operators, snapshot.strategies, named),
  );

  if (snapshot.operatorSet) lines.push("", ...renderOperatorSet(snapshot.operatorSet, short, named));
  if (snapshot.avs) lines.push("", ...renderAvs(snapshot.avs, snapshot.block, named));
  if (snapshot.marketplace) lines.push("", ...renderMarketplace(snapshot.marketplace, named, snapshot.dex));
  if (snapshot.dex) lines.push("", ...renderDex(snapshot.dex));
  if (snapshot.governance)
    lines.push("", ...renderGovernance(snapshot.governance, named, (a) => roleOf.get(a)?.replace(" ", "")));

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
