import { existsSync } from "node:fs";
import { join } from "node:path";
import type { PhishingList } from "../phishing/lists.ts";
import { loadPhishingLists } from "../phishing/loadPhishingLists.ts";
import { LabelFileError } from "./errors.ts";
import { bundledLabelsDir, findLabelFiles, type LoadedLabels, loadLabels } from "./loadLabels.ts";

/** The lists every engine user loads: the bundled address lists plus a folder's, and its phishing lists. */
export interface EngineLists {
  /** The bundled address lists merged with the folder's. */
  labels: LoadedLabels;
  /** The folder's phishing lists (`domains.csv`), to add to eth-phishing-detect's; empty without one. */
  phishingLists: readonly PhishingList[];
  /** The domains file read, if any. */
  phishingFile: string | undefined;
}

/**
 * The one rule for an extra lists folder (`--labels-dir`), shared by the gateway, the operator nodes and
 * the aggregator so that, given the same folder, they load the same files and agree on the lists
 * version (decision 0005): its address lists (`*.csv` with the `address,chain_id,label,source` header)
 * are merged with the bundled ones, its `domains.csv` is read as phishing lists. A folder holding only
 * `domains.csv` is fine; one with neither, or a missing folder, is a LabelFileError.
 */
export async function loadEngineLists(labelsDir?: string): Promise<EngineLists> {
  const domains = labelsDir === undefined ? undefined : join(labelsDir, "domains.csv");
  const phishingFile = domains !== undefined && existsSync(domains) ? domains : undefined;
  let extra: string[] = [];
  if (labelsDir !== undefined) {
    try {
      extra = await findLabelFiles(labelsDir);
    } catch (error) {
      // A folder holding only phishing lists has no address list: that is fine, and only that.
      if (!(phishingFile !== undefined && error instanceof LabelFileError)) throw error;
    }
  }
  const labels = await loadLabels([bundledLabelsDir, ...extra]);
  const phishingLists = phishingFile === undefined ? [] : loadPhishingLists(labelsDir as string);
  return { labels, phishingLists, phishingFile };
}
