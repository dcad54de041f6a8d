import { readdir, stat } from "node:fs/promises";
import {
  bundledLabelsDir,
  createAddressRiskEngine,
  createPhishingEngine,
  createTokenRiskEngine,
  createTxFirewall,
  type DexConfig,
  type LoadedLabels,
  loadLabels,
  loadPhishingLists,
} from "@palisade/engines";
import { GatewayStartError } from "./errors.ts";
import type { GatewayEngines } from "./routes/index.ts";

/** The phishing lists file `loadPhishingLists` reads from a labels folder. */
const DOMAINS_FILE = "domains.csv";

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
  labels: LoadedLabels;
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
 * Builds the four engines the gateway serves. Address labels: the lists bundled with
 * @palisade/engines plus the labels folder's, merged into one index (createLabelIndex unions the rows
 * of every file: an address labelled in both gets one entry per (chain, label) with both sources,
 * and the digest covers the union). Phishing: eth-phishing-detect's lists plus the folder's
 * `domains.csv` when there is one. The firewall judges with the default policy. A folder that holds
 * neither address lists nor `domains.csv` is an error, so a mistyped path never loads nothing.
 *
 * @example
 * const engines = await loadGatewayEngines({ labelsDir: process.env.PALISADE_LABELS_DIR, dex: deployment.dex });
 */
export async function loadGatewayEngines(
  parameters: LoadGatewayEnginesParameters = {},
): Promise<LoadedGatewayEngines> {
  const { labelsDir, dex } = parameters;
  let extraAddressLists = false;
  let extraDomains = false;
  if (labelsDir !== undefined) {
    const isDirectory = await stat(labelsDir).then(
      (entry) => entry.isDirectory(),
      () => false,
    );
    if (!isDirectory) throw new GatewayStartError(`--labels-dir ${labelsDir} is not a readable folder`);
    const csvs = (await readdir(labelsDir)).filter((name) => name.endsWith(".csv"));
    extraDomains = csvs.includes(DOMAINS_FILE);
    // Any other CSV must be an address list: loadLabels refuses a folder whose CSVs are none.
    extraAddressLists = csvs.some((name) => name !== DOMAINS_FILE);
    if (!extraDomains && !extraAddressLists)
      throw new GatewayStartError(
        `--labels-dir ${labelsDir} holds neither address label lists (*.csv) nor ${DOMAINS_FILE}`,
      );
  }
  const labels = await loadLabels(
    labelsDir !== undefined && extraAddressLists ? [bundledLabelsDir, labelsDir] : bundledLabelsDir,
  );
  const phishing = createPhishingEngine(
    labelsDir !== undefined && extraDomains ? { lists: loadPhishingLists(labelsDir) } : {},
  );
  return {
    addressRisk: createAddressRiskEngine({ labels }),
    tokenRisk: createTokenRiskEngine(dex === undefined ? {} : { dex }),
    phishing,
    txFirewall: createTxFirewall({ labels }),
    labels,
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
