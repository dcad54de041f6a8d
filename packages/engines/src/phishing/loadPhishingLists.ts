import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PhishingListError } from "./errors.ts";
import type { PhishingList } from "./lists.ts";

export interface LoadPhishingListsOptions {
  /** Files to read in the folder (default `["domains.csv"]`). */
  files?: readonly string[];
}

/** The header of a labelled domain file: one host, its label and the `;`-separated lists naming it. */
const HEADER = "domain,label,source";

/**
 * Reads labelled domain lists from `dir` at run time — data whose licence keeps it out of this
 * repository (ScamSniffer's GPL-3.0 list, MetaMask's DBAD lists) stays in the operator's folder.
 *
 * Each file is CSV with the header `domain,label,source` (the workplace's `domains.csv`): label
 * `phishing` puts the domain on a blocklist, `legit` on an allowlist, one list per source name
 * (`scamsniffer/domains`, `metamask/allowlist` …), which becomes the flags' source (`list:<name>`). A
 * source named `…/fuzzylist` also makes its domains protected brands. Lists come back sorted by name,
 * so the same folder always gives the same engine.
 *
 * @example
 * const lists = loadPhishingLists(process.env.PALISADE_LABELS_DIR ?? "/srv/palisade/labels");
 * const engine = createPhishingEngine({ lists });
 */
export function loadPhishingLists(dir: string, options: LoadPhishingListsOptions = {}): PhishingList[] {
  const lists = new Map<string, { name: string; kind: PhishingList["kind"]; entries: string[] }>();
  const add = (name: string, kind: PhishingList["kind"], domain: string) => {
    const key = `${name}\u0000${kind}`;
    let list = lists.get(key);
    if (list === undefined) {
      list = { name, kind, entries: [] };
      lists.set(key, list);
    }
    list.entries.push(domain);
  };

  for (const file of options.files ?? ["domains.csv"]) {
    const path = join(dir, file);
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (error) {
      throw new PhishingListError(path, "cannot be read", { cause: error });
    }
    const lines = text.split("\n");
    const header = (lines[0] ?? "").replace(/\r$/, "");
    if (header !== HEADER) {
      throw new PhishingListError(
        path,
        `header is ${JSON.stringify(header)}, expected ${JSON.stringify(HEADER)}`,
      );
    }
    for (let i = 1; i < lines.length; i++) {
      const line = (lines[i] as string).replace(/\r$/, "");
      if (line === "") continue;
      const [domain, label, sources, extra] = line.split(",");
      if (
        domain === undefined ||
        domain === "" ||
        sources === undefined ||
        sources === "" ||
        extra !== undefined
      ) {
        throw new PhishingListError(
          path,
          `line ${i + 1} is not domain,label,source: ${JSON.stringify(line)}`,
        );
      }
      if (label !== "phishing" && label !== "legit") {
        throw new PhishingListError(
          path,
          `line ${i + 1} has label ${JSON.stringify(label)} (phishing or legit)`,
        );
      }
      for (const source of sources.split(";")) {
        add(source, label === "phishing" ? "blocklist" : "allowlist", domain);
        if (label === "legit" && source.endsWith("/fuzzylist")) add(source, "brands", domain);
      }
    }
  }
  // Code-unit order, not the locale's: the same folder gives the same order on every machine.
  const order = (list: PhishingList) => `${list.name}\u0000${list.kind}`;
  return [...lists.values()].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}
