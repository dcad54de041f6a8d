import { renderAvs as renderNetworkAvs } from "@palisade/views";
import type { Address } from "viem";
import type { AvsView } from "./avsSnapshot.ts";
import type { ServiceView } from "./snapshot.ts";

/** The "AVS" section: addresses, settings, each operator's key, node URL and stake, and the devnet's keystores. */
export function renderAvs(avs: AvsView, block: bigint, named: (address: Address) => string): string[] {
  return [
    ...renderNetworkAvs(avs, block, named),
    `  BLS keystores      ${avs.keysDir}`,
    `  password file      ${avs.passwordFile}`,
    "  (DEVNET ONLY: the keys come from public IKMs and the password is on disk next to them)",
  ];
}

/** The attack monitor's entry (services.json too): where its alerts go. */
export interface MonitorServiceView extends ServiceView {
  alerts: {
    /** The monitor's JSONL log. */
    log: string;
    /** The gateway's `GET /v1/alerts` the monitor posts to (null without a gateway). */
    url: string | null;
  };
}

export const isMonitorView = (view: ServiceView): view is MonitorServiceView => "alerts" in view;

/** The "Services" section: each child process with its pid and URL; the monitor's alerts and attack command. */
export function renderServices(services: readonly ServiceView[]): string[] {
  const lines = ["Services (child processes; output prefixed with [name]; Ctrl-C stops them all)"];
  if (services.length === 0) lines.push("  none");
  for (const service of services) {
    lines.push(`  ${service.name.padEnd(12)} ${service.url.padEnd(26)} pid ${service.pid}`);
    if (!isMonitorView(service)) continue;
    const indent = "".padEnd(15);
    lines.push(`${indent}watch alerts: tail -f ${service.alerts.log}`);
    if (service.alerts.url) lines.push(`${indent}alerts API:   ${service.alerts.url} (live: …/stream)`);
    lines.push(`${indent}demo attack:  npm run attack -w apps/devnet`);
  }
  return lines;
}
