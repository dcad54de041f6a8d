import { InvalidInputError } from "../errors.ts";
import { PhishingListError } from "./errors.ts";
import type { PhishingList } from "./lists.ts";
import { hostOf } from "./parseTarget.ts";

/** A list entry that matched: the entry (the host itself or a parent domain) and the lists holding it. */
export interface ListMatch {
  entry: string;
  /** In the order the lists were given to the engine. */
  lists: readonly string[];
}

/** The most specific entry covering a host, per kind: both set only when one entry is on both kinds. */
export interface HostListMatch {
  blocklist: ListMatch | null;
  allowlist: ListMatch | null;
}

interface Entry {
  block: string[];
  allow: string[];
}

/**
 * Block and allow lists in one hash map from normalised host to the lists naming it. A lookup walks the
 * host's suffixes (`a.b.evil.com`, `b.evil.com`, `evil.com`, `com`): a handful of map probes, whatever
 * the lists' size — where eth-phishing-detect compares the host with every entry of every list.
 *
 * The most specific entry wins: `airdrop.updog.co` on a blocklist beats `updog.co` on an allowlist
 * (eth-phishing-detect lets any allowlist match win, so it misses that blocklist entry). An entry on
 * both kinds of list is a conflict: both matches are returned and the engine reports it.
 */
export interface HostIndex {
  match(host: string, isIp: boolean): HostListMatch;
  /** Distinct hosts indexed. */
  readonly size: number;
}

const NO_MATCH: HostListMatch = { blocklist: null, allowlist: null };

/** Normalises one list entry like a checked target; a list entry that is not a host is an error. */
export function normaliseEntry(list: string, entry: string): string {
  try {
    return hostOf(entry);
  } catch (error) {
    if (error instanceof InvalidInputError) {
      throw new PhishingListError(list, `entry ${JSON.stringify(entry)} is not a host name`, {
        cause: error,
      });
    }
    throw error;
  }
}

export function createHostIndex(lists: readonly PhishingList[]): HostIndex {
  const entries = new Map<string, Entry>();
  for (const list of lists) {
    if (list.kind === "brands") continue;
    for (const raw of list.entries) {
      const host = normaliseEntry(list.name, raw);
      let entry = entries.get(host);
      if (entry === undefined) {
        entry = { block: [], allow: [] };
        entries.set(host, entry);
      }
      const names = list.kind === "blocklist" ? entry.block : entry.allow;
      if (names[names.length - 1] !== list.name) names.push(list.name);
    }
  }

  const toMatch = (host: string, entry: Entry): HostListMatch => ({
    blocklist: entry.block.length > 0 ? { entry: host, lists: entry.block } : null,
    allowlist: entry.allow.length > 0 ? { entry: host, lists: entry.allow } : null,
  });

  return {
    size: entries.size,
    match(host, isIp) {
      // An IP address matches only itself: its "parent domains" (3.4 of 1.2.3.4) mean nothing.
      if (isIp) {
        const entry = entries.get(host);
        return entry ? toMatch(host, entry) : NO_MATCH;
      }
      let start = 0;
      while (start !== -1) {
        const suffix = start === 0 ? host : host.slice(start);
        const entry = entries.get(suffix);
        if (entry !== undefined) return toMatch(suffix, entry);
        const dot = host.indexOf(".", start);
        start = dot === -1 ? -1 : dot + 1;
      }
      return NO_MATCH;
    },
  };
}
