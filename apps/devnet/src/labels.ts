import { mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { LABEL_CSV_HEADER } from "@palisade/engines";
import { accounts } from "@palisade/testkit";

/**
 * The devnet's own address labels, on its chain (31337): the bundled lists are for mainnets, so
 * without these nothing on the devnet would be flagged. The named attacker account is an exploiter
 * (`stealing_attack`), so approvals and transfers to it are what the engines and the JSON-RPC firewall
 * flag. Written at every start into `<stateDir>/labels/` and loaded — with the bundled lists — by the
 * gateways, the operator nodes and the aggregator alike (they must load the same lists: decision 0005).
 * The lists of `extraDir` (PALISADE_LABELS_DIR, e.g. the workplace's ScamSniffer and MetaMask lists)
 * are linked in beside them, so one folder serves every process.
 */
export function writeDevnetLabels(stateDir: string, chainId: number, extraDir?: string): string {
  const dir = join(stateDir, "labels");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (extraDir)
    for (const name of readdirSync(extraDir)
      .filter((file) => file.endsWith(".csv"))
      .sort())
      symlinkSync(resolve(extraDir, name), join(dir, name));
  const rows = [`${accounts().attacker.address.toLowerCase()},${chainId},exploit,devnet/demo-drainer`];
  writeFileSync(join(dir, "devnet.csv"), `${LABEL_CSV_HEADER}\n${rows.join("\n")}\n`);
  return dir;
}
