/**
 * The watch configuration's digest (decision 0008): keccak256 of the UTF-8 canonical JSON of the
 * **resolved** watch — the file with its defaults filled in, plus the contracts added to it (the
 * deployment's) — because that, not the file's text, is what decides what the detectors find. Two
 * parties with the same digest reproduce the same alerts; a node refuses a `monitor-alert@1` request
 * naming another digest.
 *
 * Canonical form: object keys sorted (UTF-16 code-unit order, as `Array.prototype.sort`), no
 * whitespace, addresses and slots lower-case hex, amounts decimal strings, contracts and oracles
 * sorted by address, owner slots sorted, absent values `null`:
 *
 * ```json
 * {"approvalDrain":{"freshMaxNonce":10,"lookbackBlocks":1000,"minOwners":3},
 *  "contracts":[{"address":"0x…","label":"DemoLendingVault",
 *                "outflow":{"minAmount":{"native":"1000"},"minPercent":20},
 *                "ownerSlots":["0x…"],"serviceId":null}],
 *  "labels":{"0x…":"demo attacker"},
 *  "oracles":[{"address":"0x…","base":"token1","kind":"uniswap-v2-pair","label":"CLEAN/WETH",
 *              "serviceId":null,"thresholdBps":1000}]}
 * ```
 */
import { type Hex, keccak256, stringToBytes } from "viem";
import type { WatchConfig } from "../watch.ts";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const byKey = <T>(entries: Iterable<[string, T]>) =>
  [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** The resolved watch as plain JSON values, in the canonical shape above (key order aside). */
export function canonicalWatch(watch: WatchConfig): Json {
  return {
    approvalDrain: {
      freshMaxNonce: watch.approvalDrain.freshMaxNonce,
      lookbackBlocks: watch.approvalDrain.lookbackBlocks,
      minOwners: watch.approvalDrain.minOwners,
    },
    contracts: byKey(watch.contracts).map(([, contract]) => ({
      address: contract.address.toLowerCase(),
      label: contract.label,
      outflow:
        contract.outflow === null
          ? null
          : {
              minAmount: Object.fromEntries(
                byKey(contract.outflow.minAmount).map(([asset, amount]) => [
                  asset.toLowerCase(),
                  amount.toString(),
                ]),
              ),
              minPercent: contract.outflow.minPercent,
            },
      ownerSlots: [...new Set(contract.ownerSlots.map((slot) => slot.toLowerCase()))].sort(),
      serviceId: contract.serviceId,
    })),
    labels: Object.fromEntries(byKey(watch.labels).map(([address, label]) => [address.toLowerCase(), label])),
    oracles: byKey(watch.oracles).map(([, oracle]) => ({
      address: oracle.address.toLowerCase(),
      ...(oracle.kind === "uniswap-v2-pair" ? { base: oracle.base } : {}),
      kind: oracle.kind,
      label: oracle.label,
      serviceId: oracle.serviceId,
      thresholdBps: oracle.thresholdBps,
    })),
  };
}

/** JSON with every object's keys sorted and no whitespace. */
export function canonicalJson(value: Json): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) throw new Error(`not JSON: ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  return `{${byKey(Object.entries(value))
    .map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`)
    .join(",")}}`;
}

/**
 * keccak256 of the resolved watch's canonical JSON: what a `monitor-alert@1` request names and a node
 * compares with its own.
 *
 * @example
 * const watch = resolveWatch(await loadWatchFile("watch.json"), deploymentContracts(deployment));
 * watchDigest(watch); // 0x… (the same on every party that loads the same file and deployment)
 */
export function watchDigest(watch: WatchConfig): Hex {
  return keccak256(stringToBytes(canonicalJson(canonicalWatch(watch))));
}
