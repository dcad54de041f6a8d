import type { Engine } from "../engine.ts";
import type { LabelIndex } from "../labels/labelIndex.ts";
import { createPhishingEngine } from "../phishing/createPhishingEngine.ts";
import type { PhishingList } from "../phishing/lists.ts";
import type { DexConfig } from "../token/pair.ts";
import type { TxFirewallPolicy, TxFirewallPolicyInput } from "../tx/policy.ts";
import { createAddressRiskAttestedEngine } from "./addressRisk.ts";
import { createPhishingAttestedEngine } from "./phishing.ts";
import { createTokenRiskAttestedEngine } from "./tokenRisk.ts";
import { createTxFirewallAttestedEngine } from "./txFirewall.ts";

export interface SecurityEnginesOptions {
  /** Address label lists for address-risk@1 and tx-firewall@1 (their digest is those engines' listsVersion). */
  labels: LabelIndex;
  /** Phishing lists added to eth-phishing-detect's (e.g. loadPhishingLists(dir)). */
  phishingLists?: readonly PhishingList[] | undefined;
  /**
   * The Uniswap V2 deployment token-risk@1 trades through: the deployment file's `dex` section as is
   * (its other keys, `router` and `tokens`, are ignored); none: no simulation.
   */
  dex?: DexConfig | undefined;
  /** The firewall's policy; default defaultTxFirewallPolicy. */
  policy?: TxFirewallPolicyInput | TxFirewallPolicy | undefined;
  /** The chain the node judges (the deployment's chainId): in address-risk and firewall request hashes. */
  chainId: number;
}

/**
 * The four security engines in attested mode (decision 0005), to register beside builtInEngines:
 * `phishing@1`, `address-risk@1`, `token-risk@1`, `tx-firewall@1`. Nodes and the aggregator must build
 * them from the same lists, DEX, policy and chain, or their request hashes differ.
 *
 * @example
 * const engines = createEngineRegistry([
 *   ...builtInEngines,
 *   ...createSecurityEngines({ labels: await loadLabels(bundledLabelsDir), chainId: deployment.chainId }),
 * ]);
 */
export function createSecurityEngines(options: SecurityEnginesOptions): Engine[] {
  const phishing = createPhishingEngine(options.phishingLists ? { lists: options.phishingLists } : {});
  return [
    createPhishingAttestedEngine({ phishing }),
    createAddressRiskAttestedEngine({ labels: options.labels, chainId: options.chainId }),
    createTokenRiskAttestedEngine(options.dex ? { dex: dexConfig(options.dex) } : {}),
    createTxFirewallAttestedEngine({
      labels: options.labels,
      policy: options.policy,
      chainId: options.chainId,
    }),
  ];
}

/** The DexConfig keys of a wider object (a deployment's dex section). */
function dexConfig(dex: DexConfig): DexConfig {
  return {
    factory: dex.factory,
    weth: dex.weth,
    ...(dex.feeBps === undefined ? {} : { feeBps: dex.feeBps }),
  };
}
