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

/** The "Services" section: each child process with its pid and URL. */
export function renderServices(services: readonly ServiceView[]): string[] {
  const lines = ["Services (child processes; output prefixed with [name]; Ctrl-C stops them all)"];
  if (services.length === 0) lines.push("  none");
  for (const service of services) {
    lines.push(`  ${service.name.padEnd(12)} ${service.url.padEnd(26)} pid ${service.pid}`);
  }
  return lines;
}
