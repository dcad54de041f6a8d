import type { Address } from "viem";
import type { AvsView } from "./avsSnapshot.ts";
import type { ServiceView } from "./snapshot.ts";
import { formatAmount } from "./summary.ts";

/** Value units (stakes) are WAD fixed-point: Σ underlying × a weight of 1e18 per token by default. */
const value = (v: bigint) => formatAmount(v, 18);

/** The "AVS" section: addresses, settings, and each operator's key, node URL and stake. */
export function renderAvs(avs: AvsView, block: bigint, named: (address: Address) => string): string[] {
  const lines = [
    `AVS (Palisade: operator set ${avs.operatorSetId} of the ServiceManager, its registrar and slasher)`,
    `  ServiceManager     ${avs.serviceManager}  (also the SlashingCoordinator)`,
    `  OperatorRegistry   ${avs.operatorRegistry}  (also the QuorumVerifier)`,
    `  quorum threshold   ${avs.quorumThresholdBps} bps (${(avs.quorumThresholdBps / 100).toFixed(2)} % of the registered stake)`,
    `  veto window        ${avs.vetoWindowBlocks} blocks (half the deallocation delay by default)`,
    `  slash requester    ${named(avs.slashRequester)}`,
    `  veto committee     ${named(avs.vetoCommittee)}`,
    `  total stake        ${value(avs.totalStake)} (value units, at block ${block})`,
    "  operators          stake now (value units), BLS pubkeyHash, node URL",
  ];
  for (const operator of avs.operators) {
    const state = operator.registered ? value(operator.stake) : "not registered";
    lines.push(
      `    ${named(operator.address)}  stake ${state}`,
      `      pubkeyHash ${operator.pubkeyHash}`,
      `      node       ${operator.nodeUrl}`,
    );
  }
  lines.push(
    `  BLS keystores      ${avs.keysDir}`,
    `  password file      ${avs.passwordFile}`,
    "  (DEVNET ONLY: the keys come from public IKMs and the password is on disk next to them)",
  );
  return lines;
}

/** The "Services" section: each child process with its pid and URL. */
export function renderServices(services: readonly ServiceView[]): string[] {
  const lines = ["Services (child processes; output prefixed with [name]; Ctrl-C stops them all)"];
  if (services.length === 0) lines.push("  none");
  for (const service of services) {
    lines.push(`  ${service.name.padEnd(12)} ${service.url.padEnd(26)} pid ${service.pid}`);
  }
  return lines;
}
