import type { LabelEntry, LabelIndex } from "../labels/labelIndex.ts";
import type { FlagSource } from "../security/report.ts";
import type { AddressRiskFields } from "./fields.ts";

/** The boolean fields a list can set. */
export type ListField =
  | "cybercrime"
  | "money_laundering"
  | "gas_abuse"
  | "financial_crime"
  | "darkweb_transactions"
  | "phishing_activities"
  | "fake_kyc"
  | "blacklist_doubt"
  | "fake_standard_interface"
  | "stealing_attack"
  | "blackmail_activities"
  | "sanctioned"
  | "malicious_mining_activities"
  | "mixer"
  | "fake_token"
  | "honeypot_related_address"
  | "malicious_contract";

/** Every list field, in report order. */
export const listFields: readonly ListField[] = [
  "cybercrime",
  "money_laundering",
  "gas_abuse",
  "financial_crime",
  "darkweb_transactions",
  "phishing_activities",
  "fake_kyc",
  "blacklist_doubt",
  "fake_standard_interface",
  "stealing_attack",
  "blackmail_activities",
  "sanctioned",
  "malicious_mining_activities",
  "mixer",
  "fake_token",
  "honeypot_related_address",
  "malicious_contract",
];

/**
 * The fields each label sets. The labels of ../shared/data first; then every field's own name, so a
 * list an operator adds can speak GoPlus's vocabulary directly (`mixer`, `money_laundering` …).
 */
export const fieldsByLabel: Readonly<Record<string, readonly ListField[]>> = {
  sanctioned: ["sanctioned"],
  phishing: ["phishing_activities"],
  scam: ["financial_crime"],
  exploit: ["stealing_attack"],
  heist: ["stealing_attack"],
  malicious_contract: ["malicious_contract"],
  ...Object.fromEntries(listFields.map((field) => [field, [field]])),
};

/**
 * Explorer token lists (`etherscan-labels/<site>/tokens/<tag>`) hold token contracts: a phishing or
 * scam row there is a fake token, so it also sets `fake_token`.
 */
const TOKEN_LIST = /^etherscan-labels\/[^/]+\/tokens\//;

/** The fields one entry sets (its label's, plus fake_token for a row of a token list). */
export function fieldsOfEntry(entry: LabelEntry): readonly ListField[] {
  const fields = fieldsByLabel[entry.label] ?? [];
  if (entry.sources.some((source) => TOKEN_LIST.test(source)) && !fields.includes("fake_token"))
    return [...fields, "fake_token"];
  return fields;
}

/** The labels of `labels` that fieldsByLabel does not know (the engine refuses to start with them). */
export function unknownLabels(labels: LabelIndex): string[] {
  return [...labels.labels].filter((label) => fieldsByLabel[label] === undefined).sort();
}

/**
 * The list fields the loaded lists can speak about: those a loaded label maps to, plus
 * `blacklist_doubt` whenever any list is loaded (a label on another chain sets it).
 */
export function coveredFields(labels: LabelIndex): ReadonlySet<ListField> {
  const covered = new Set<ListField>();
  for (const label of labels.labels) for (const field of fieldsByLabel[label] ?? []) covered.add(field);
  if ([...labels.sources].some((source) => TOKEN_LIST.test(source))) covered.add("fake_token");
  if (labels.entryCount > 0) covered.add("blacklist_doubt");
  return covered;
}

/** What the lists say about one address for one chain. */
export interface ListFindings {
  fields: Pick<AddressRiskFields, ListField | "data_source">;
  sources: Partial<Record<ListField, FlagSource>>;
}

/**
 * Matches an address against the lists for `chainId`. Entries for that chain (or for no chain) set
 * their fields; entries for other chains only set `blacklist_doubt`. A flag's source is the first
 * matching list (`list:<name>`); its detail names every matching entry. List flags do not depend on
 * the chain's state, so their block is null.
 */
export function matchLists(
  labels: LabelIndex,
  covered: ReadonlySet<ListField>,
  address: string,
  chainId: number,
): ListFindings {
  const all = labels.lookup(address);
  const evidence = new Map<ListField, LabelEntry[]>();
  const add = (field: ListField, entry: LabelEntry) => {
    const list = evidence.get(field);
    if (list) list.push(entry);
    else evidence.set(field, [entry]);
  };
  for (const entry of all) {
    const onThisChain = entry.chainId === null || entry.chainId === chainId;
    if (onThisChain) for (const field of fieldsOfEntry(entry)) add(field, entry);
    else add("blacklist_doubt", entry);
  }

  const fields = {} as ListFindings["fields"];
  const sources: ListFindings["sources"] = {};
  for (const field of listFields) {
    const entries = evidence.get(field);
    fields[field] = entries ? true : covered.has(field) ? false : null;
    const first = entries?.[0]?.sources[0];
    if (entries && first !== undefined)
      sources[field] = {
        source: `list:${first}`,
        detail: entries.map(describeEntry).join("; "),
        block: null,
      };
  }
  fields.data_source =
    labels.entryCount === 0 ? null : [...new Set(all.flatMap((entry) => entry.sources))].sort().join(",");
  return { fields, sources };
}

/** "sanctioned on chain 1 (ofac/ETH)" — one entry in words. */
export function describeEntry(entry: LabelEntry): string {
  const chain = entry.chainId === null ? "any chain" : `chain ${entry.chainId}`;
  return `${entry.label} on ${chain} (${entry.sources.join(", ")})`;
}
