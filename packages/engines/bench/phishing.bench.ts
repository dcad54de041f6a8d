// The phishing engine against MetaMask's eth-phishing-detect, in the same run on the same inputs:
// lookups per second, misses on phishing inputs and false positives on legitimate ones.
// Run: node_modules/.bin/tsx packages/engines/bench/phishing.bench.ts [--write]
// With PALISADE_LABELS_DIR set, also on the workplace's domains.csv and benign_domains.csv.
// --write replaces packages/engines/bench/phishing-results.md with this run's tables.
// Single-threaded, bounded (well under a minute on a shared 2-core machine).
import { readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { createPhishingEngine, type PhishingEngine } from "../src/phishing/createPhishingEngine.ts";
import { loadPhishingLists } from "../src/phishing/loadPhishingLists.ts";
import {
  type EthPhishingDetectReference,
  ethPhishingDetectReference,
  legitimateHosts,
} from "../src/phishing/reference.ts";
import { lookalikes } from "./phishingLookalikes.ts";

interface Labelled {
  host: string;
  phishing: boolean;
}

interface Counts {
  inputs: number;
  phishing: number;
  missed: { ours: number; theirs: number };
  falsePositives: { ours: number; theirs: number };
}

const reference = ethPhishingDetectReference();
const engine = createPhishingEngine();

/** Hosts as a browser hands them over (ASCII, lower case): both detectors get exactly these strings. */
function normalised(hosts: readonly string[], phishing: boolean): Labelled[] {
  return hosts.map((host) => ({ host: engine.check(host).target, phishing }));
}

/** Every `step`-th item: a deterministic sample. */
const every = <T>(items: readonly T[], step: number): T[] => items.filter((_, index) => index % step === 0);

function count(
  inputs: readonly Labelled[],
  ours: PhishingEngine,
  theirs: EthPhishingDetectReference,
): Counts {
  const counts: Counts = {
    inputs: inputs.length,
    phishing: 0,
    missed: { ours: 0, theirs: 0 },
    falsePositives: { ours: 0, theirs: 0 },
  };
  for (const { host, phishing } of inputs) {
    const oursFlagged = ours.check(host).verdict !== "safe";
    const theirsFlagged = theirs.check(host).result;
    if (phishing) {
      counts.phishing++;
      if (!oursFlagged) counts.missed.ours++;
      if (!theirsFlagged) counts.missed.theirs++;
    } else {
      if (oursFlagged) counts.falsePositives.ours++;
      if (theirsFlagged) counts.falsePositives.theirs++;
    }
  }
  return counts;
}

/** Median lookups per second over `rounds` passes over `hosts`, after one warm-up pass. */
function throughput(hosts: readonly string[], rounds: number, lookup: (host: string) => unknown): number {
  let sink: unknown;
  for (const host of hosts) sink = lookup(host);
  const rates: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    for (const host of hosts) sink = lookup(host);
    rates.push(hosts.length / ((performance.now() - start) / 1000));
  }
  if (sink === Symbol.for("never")) process.stdout.write("");
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)] as number;
}

const blocklistSample = every(reference.blocklist, 4); // 3,438 of 13,752
const blocklistSet = new Set(reference.blocklist);
const legitimate = [
  ...reference.allowlist.filter((host) => !blocklistSet.has(host)), // the 3 on both lists are left out
  ...reference.testLegitimate,
  ...legitimateHosts(),
];
const brands = reference.fuzzylist.filter((brand) => brand.split(".").length === 2);
const generated = lookalikes(brands, 3_000, 20261121);
const sets: [name: string, inputs: Labelled[]][] = [
  ["eth-phishing-detect blocklist (every 4th entry)", normalised(blocklistSample, true)],
  ["legitimate (its allowlist, its test sites, data/phishing)", normalised(legitimate, false)],
  [
    "generated look-alikes of its fuzzylist brands",
    normalised(
      generated.map((item) => item.host),
      true,
    ),
  ],
];
const all = sets.flatMap(([, inputs]) => inputs);

const lines: string[] = [];
const out = (line = "") => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};
const row = (name: string, c: Counts) =>
  `${name.padEnd(58)} | ${String(c.inputs).padStart(6)} | ${`${c.missed.ours} / ${c.missed.theirs}`.padStart(13)} | ${`${c.falsePositives.ours} / ${c.falsePositives.theirs}`.padStart(13)}`;
const header = `${"inputs".padEnd(58)} | ${"count".padStart(6)} | ${"missed (o/t)".padStart(13)} | ${"false + (o/t)".padStart(13)}`;

out("## Same inputs, npm lists only (ours / eth-phishing-detect)");
out();
out("```");
out(header);
out(`${"-".repeat(58)}-|-${"-".repeat(6)}-|-${"-".repeat(13)}-|-${"-".repeat(13)}`);
for (const [name, inputs] of sets) out(row(name, count(inputs, engine, reference)));
out("```");

const byKind = new Map<string, Labelled[]>();
for (const item of generated) {
  const list = byKind.get(item.kind) ?? [];
  list.push({ host: engine.check(item.host).target, phishing: true });
  byKind.set(item.kind, list);
}
out();
out("Generated look-alikes missed, by kind (ours / eth-phishing-detect):");
out();
out(
  [...byKind]
    .map(
      ([kind, inputs]) =>
        `${kind} ${count(inputs, engine, reference).missed.ours} / ${count(inputs, engine, reference).missed.theirs} of ${inputs.length}`,
    )
    .join(" · "),
);

const hosts = all.map((item) => item.host);
const ours = throughput(hosts, 7, (host) => engine.check(host));
const theirs = throughput(hosts, 3, (host) => reference.check(host));
const urls = hosts.map((host) => `https://${host}/connect?ref=1`);
const oursUrls = throughput(urls, 7, (url) => engine.check(url));
out();
out(
  `## Lookups per second (median of passes over the ${hosts.length.toLocaleString("en")} inputs above, one thread)`,
);
out();
out("```");
out(
  `phishing engine (hosts)            ${Math.round(ours).toLocaleString("en").padStart(10)} /s   ${(1e6 / ours).toFixed(2)} µs`,
);
out(
  `phishing engine (full URLs)        ${Math.round(oursUrls).toLocaleString("en").padStart(10)} /s   ${(1e6 / oursUrls).toFixed(2)} µs`,
);
out(
  `eth-phishing-detect 1.2.0 (hosts)  ${Math.round(theirs).toLocaleString("en").padStart(10)} /s   ${(1e6 / theirs).toFixed(2)} µs`,
);
out(`speed-up                           ${(ours / theirs).toFixed(1).padStart(10)} ×`);
out("```");

const dir = process.env.PALISADE_LABELS_DIR;
if (dir !== undefined && dir !== "") {
  const csv = (file: string) =>
    readFileSync(join(dir, file), "utf8")
      .split("\n")
      .slice(1)
      .filter((line) => line !== "")
      .map((line) => line.split(","));
  const start = performance.now();
  const withLists = createPhishingEngine({ lists: loadPhishingLists(dir) });
  const buildMs = performance.now() - start;
  const labelled = csv("domains.csv");
  const phishingSet = new Set(labelled.filter(([, label]) => label === "phishing").map(([domain]) => domain));
  // The 11 domains labelled both ways are left out; every 16th phishing row keeps eth-phishing-detect's
  // linear scans within the time budget (~20,000 hosts); every legitimate row.
  const domains = labelled
    .filter(
      ([domain, label], index) =>
        !(label === "legit" && phishingSet.has(domain)) && (label === "legit" || index % 16 === 0),
    )
    .map(([domain, label]) => ({ host: domain as string, phishing: label === "phishing" }));
  const benign = csv("benign_domains.csv").map(([domain]) => ({ host: domain as string, phishing: false }));
  out();
  out(`## Workplace data (${dir}: domains.csv, benign_domains.csv)`);
  out();
  out(
    `loadPhishingLists + createPhishingEngine: ${Math.round(buildMs)} ms, ${withLists.stats.hosts.toLocaleString("en")} hosts indexed`,
  );
  out();
  out("```");
  out(header);
  out(`${"-".repeat(58)}-|-${"-".repeat(6)}-|-${"-".repeat(13)}-|-${"-".repeat(13)}`);
  out(row("domains.csv sample, ours with its lists loaded", count(domains, withLists, reference)));
  out(row("domains.csv sample, ours with npm lists only", count(domains, engine, reference)));
  out(row("benign_domains.csv, ours with its lists loaded", count(benign, withLists, reference)));
  out(row("benign_domains.csv, ours with npm lists only", count(benign, engine, reference)));
  out("```");
  const allDomains = labelled.map(([domain]) => domain as string);
  const rate = throughput(allDomains, 3, (host) => withLists.check(host));
  out();
  out(
    `all ${allDomains.length.toLocaleString("en")} rows of domains.csv through the engine with its lists: ${Math.round(rate).toLocaleString("en")} lookups/s`,
  );
}

const machine = `${cpus().length} cores (nproc), ${cpus()[0]?.model ?? "unknown CPU"}, node ${process.version}`;
out();
out(machine);
if (process.argv.includes("--write")) {
  const path = join(import.meta.dirname, "phishing-results.md");
  const intro = [
    "# Phishing engine benchmark — 2026-11-21",
    "",
    "Produced by `node_modules/.bin/tsx packages/engines/bench/phishing.bench.ts --write`" +
      (dir ? " with `PALISADE_LABELS_DIR` set" : "") +
      '. A host counts as flagged by the engine when its verdict is not "safe" ("suspicious" included) and by',
    "eth-phishing-detect when `check(host).result` is true. Timings move ±30 % between runs on a shared machine.",
    "",
    "Reading the tables:",
    "",
    "- eth-phishing-detect always runs on its npm package's lists (2022). Its blocklist miss is an entry below an",
    "  allowlisted parent (`*.updog.co`): its allowlist wins at any depth, the engine's most specific entry wins.",
    "- The engine's false positive on legitimate hosts is `adfinity.pro` (one edit from `dfinity`); eth-phishing-detect",
    "  also flags `openssp.ru` and `affinity.net` (two edits from seven-letter brands: the engine's per-brand",
    "  tolerance allows one). The same trade-off is most of the engine's misses among generated look-alikes",
    "  (`typo-2`: two random edits); `suffix` misses are names its allowlist marks legitimate (`etherscan.com`).",
    '- With `PALISADE_LABELS_DIR`, "with its lists loaded" flags every phishing row because the rows are on the',
    '  loaded lists: it measures list coverage and speed at 325k hosts. "npm lists only" shows the heuristics on',
    "  names neither detector has seen. Legitimate rows of domains.csv are mostly MetaMask's newer allowlist, i.e.",
    "  legitimate look-alikes of its brands: eth-phishing-detect's 2022 lists flag many of them.",
    "",
  ];
  writeFileSync(path, `${[...intro, ...lines].join("\n")}\n`);
}
