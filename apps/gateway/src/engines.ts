import {
  createAddressRiskEngine,
  createPhishingEngine,
  createTokenRiskEngine,
  createTxFirewall,
  type DexConfig,
  type LoadedLabels,
  loadEngineLists,
  type PhishingList,
} from "@palisade/engines";
import type { GatewayEngines } from "./routes/index.ts";

export interface LoadGatewayEnginesParameters {
  /**
   * A folder of extra lists (`--labels-dir`): its address label CSVs are merged with the bundled
   * lists (address risk and the firewall), its `domains.csv` added to eth-phishing-detect's lists.
   */
  labelsDir?: string;
  /** The deployment's DEX (its `dex` section): token risk simulates trades through its WETH pairs. */
  dex?: DexConfig;
}

export interface LoadedGatewayEngines extends GatewayEngines {
  /** The address lists (bundled + the folder's): what address risk and the firewall match. */
  labels: LoadedLabels;
  /** The folder's phishing lists (added to eth-phishing-detect's), empty without a domains.csv. */
  phishingLists: readonly PhishingList[];
  /** What was loaded, for the start-up log. */
  summary: {
    labelFiles: readonly string[];
    labelEntries: number;
    labelsDigest: string;
    phishingLists: readonly string[];
    phishingHosts: number;
    dex: DexConfig | null;
  };
}

/**
 * Builds the four engines the gateway serves from the same files an operator node reads
 * (`loadSecurityEngines` in @palisade/engines selects them the same way, so an attested answer's lists
 * version matches the nodes'): the address lists bundled with @palisade/engines plus the labels
 * folder's `*.csv` with the label header, merged into one index (createLabelIndex unions the rows of
 * every file: an address labelled in both gets one entry per (chain, label) with both sources, and the
 * digest covers the union); eth-phishing-detect's lists plus the folder's `domains.csv` when there is
 * one. The firewall judges with the default policy. A folder with neither address lists nor
 * `domains.csv` (or that does not exist) is an error, so a mistyped path never loads nothing.
 * Errors: LabelFileError, PhishingListError, UnknownLabelError.
 *
 * @example
 * const engines = await loadGatewayEngines({ labelsDir: process.env.PALISADE_LABELS_DIR, dex: deployment.dex });
 */
export async function loadGatewayEngines(
  parameters: LoadGatewayEnginesParameters = {},
): Promise<LoadedGatewayEngines> {
  const { labelsDir, dex } = parameters;
  // The same folder rule as the operator nodes', so both judge with the same lists version.
  const { labels, phishingLists } = await loadEngineLists(labelsDir);
  const phishing = createPhishingEngine({ lists: phishingLists });
  return {
    addressRisk: createAddressRiskEngine({ labels }),
    tokenRisk: createTokenRiskEngine(dex === undefined ? {} : { dex }),
    phishing,
    txFirewall: createTxFirewall({ labels }),
    labels,
    phishingLists,
    summary: {
      labelFiles: labels.files,
      labelEntries: labels.entryCount,
      labelsDigest: labels.digest,
      phishingLists: phishing.stats.lists,
      phishingHosts: phishing.stats.hosts,
      dex: dex ?? null,
    },
  };
}
