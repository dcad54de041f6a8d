import type { Engine } from "../engine.ts";
import { loadEngineLists } from "../labels/loadEngineLists.ts";
import type { DexConfig } from "../token/pair.ts";
import { createSecurityEngines } from "./createSecurityEngines.ts";

export interface LoadSecurityEnginesOptions {
  /**
   * A folder of extra lists (the operator's, e.g. GPL-3.0 data that cannot be bundled): its address
   * lists (`*.csv` with the `address,chain_id,label,source` header) are added to the bundled ones, and
   * its `domains.csv`, when present, to the phishing lists.
   */
  labelsDir?: string | undefined;
  /** The deployment's chainId. */
  chainId: number;
  /** The deployment's `dex` section (extra keys such as `router` and `tokens` are ignored). */
  dex?: DexConfig | undefined;
}

/** The engines and what they were built from, for the startup log. */
export interface LoadedSecurityEngines {
  engines: Engine[];
  /** sha256 of the address lists (address-risk and firewall listsVersion, without 0x). */
  labelsDigest: string;
  /** The address list files read. */
  labelFiles: readonly string[];
  /** The domains file read, if any. */
  phishingFile: string | undefined;
  /** How long loading took. */
  ms: number;
  /** What node and aggregator log at start ("security engines loaded"): compare them across parties. */
  logFields: {
    ms: number;
    labelsDigest: string;
    labelFiles: number;
    phishingFile: string | undefined;
    dex: string | null;
  };
}

/**
 * What an operator node and the aggregator both run: the bundled label lists plus `labelsDir`'s, the
 * deployment's DEX and chain, built into the four attested security engines. Both sides must pass the
 * same folder (same files), or their request hashes differ and no task reaches quorum.
 * Errors: LabelFileError, PhishingListError.
 *
 * @example
 * const { engines } = await loadSecurityEngines({ chainId: deployment.chainId, dex: deployment.dex });
 */
export async function loadSecurityEngines(
  options: LoadSecurityEnginesOptions,
): Promise<LoadedSecurityEngines> {
  const started = performance.now();
  const { labels, phishingLists, phishingFile } = await loadEngineLists(options.labelsDir);
  const engines = createSecurityEngines({
    labels,
    phishingLists,
    dex: options.dex,
    chainId: options.chainId,
  });
  const ms = Math.round(performance.now() - started);
  return {
    engines,
    labelsDigest: labels.digest,
    labelFiles: labels.files,
    phishingFile,
    ms,
    logFields: {
      ms,
      labelsDigest: labels.digest,
      labelFiles: labels.files.length,
      phishingFile,
      dex: options.dex?.factory ?? null,
    },
  };
}
