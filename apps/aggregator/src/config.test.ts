import assert from "node:assert/strict";
import { test } from "node:test";
import { inspect } from "node:util";
import { parseConfig } from "./config.ts";
import { ConfigError } from "./errors.ts";

const key = `0x${"ab".repeat(32)}`;

test("flags and environment parse with defaults; the submitter key is never printable", () => {
  const config = parseConfig(
    [
      "--deployment",
      "d.json",
      "--node-url",
      "http://127.0.0.1:1",
      "--node-url",
      "http://127.0.0.1:2",
      "--batch-size",
      "5",
    ],
    { PALISADE_SUBMITTER_KEY: key },
  );
  assert.equal(config.batchSize, 5);
  assert.equal(config.confirmations, 2);
  assert.equal(config.port, 9000);
  assert.equal(config.urgentPriorityFeeGwei, 100);
  assert.deepEqual(config.nodeUrls, ["http://127.0.0.1:1", "http://127.0.0.1:2"]);
  assert.equal(config.submitterKey.reveal(), key);
  assert.ok(!JSON.stringify(config).includes("ab".repeat(32)));
  assert.ok(!inspect(config, { depth: 5 }).includes("ab".repeat(32)));
});

test("bad configuration is a ConfigError naming the field, without echoing the key", () => {
  assert.throws(() => parseConfig(["--deployment", "d.json"], {}), /PALISADE_SUBMITTER_KEY is required/);
  assert.throws(
    () => parseConfig(["--deployment", "d.json"], { PALISADE_SUBMITTER_KEY: "0xsecretsecret" }),
    (error: unknown) => error instanceof ConfigError && !error.message.includes("secretsecret"),
  );
  assert.throws(
    () => parseConfig(["--deployment", "d.json", "--confirmations", "0"], { PALISADE_SUBMITTER_KEY: key }),
    /confirmations/,
  );
  assert.throws(() => parseConfig(["--nope"], {}), ConfigError);
  assert.throws(
    () => parseConfig(["--help"], {}),
    (error: unknown) => error instanceof ConfigError && error.help,
  );
});

test("the labels folder: --labels-dir, else PALISADE_LABELS_DIR, resolved; unset by default", () => {
  const env = { PALISADE_SUBMITTER_KEY: key };
  assert.equal(parseConfig(["--deployment", "d.json"], env).labelsDir, undefined);
  assert.equal(
    parseConfig(["--deployment", "d.json"], { ...env, PALISADE_LABELS_DIR: "/srv/labels" }).labelsDir,
    "/srv/labels",
  );
  assert.equal(
    parseConfig(["--deployment", "d.json", "--labels-dir", "/opt/labels"], {
      ...env,
      PALISADE_LABELS_DIR: "/srv/labels",
    }).labelsDir,
    "/opt/labels",
  );
});

test("the watch file: --watch-file, else PALISADE_WATCH_FILE, resolved; unset by default", () => {
  const env = { PALISADE_SUBMITTER_KEY: key };
  assert.equal(parseConfig(["--deployment", "d.json"], env).watchFile, undefined);
  assert.equal(
    parseConfig(["--deployment", "d.json"], { ...env, PALISADE_WATCH_FILE: "/srv/watch.json" }).watchFile,
    "/srv/watch.json",
  );
  assert.equal(
    parseConfig(["--deployment", "d.json", "--watch-file", "/opt/watch.json"], {
      ...env,
      PALISADE_WATCH_FILE: "/srv/watch.json",
    }).watchFile,
    "/opt/watch.json",
  );
});

test("--urgent-priority-fee-gwei takes a non-negative number of gwei", () => {
  const key = `0x${"ab".repeat(32)}`;
  const parse = (fee: string) =>
    parseConfig(["--deployment", "d.json", `--urgent-priority-fee-gwei=${fee}`], {
      PALISADE_SUBMITTER_KEY: key,
    });
  assert.equal(parse("2.5").urgentPriorityFeeGwei, 2.5);
  assert.throws(() => parse("-1"), /urgentPriorityFeeGwei/);
  assert.throws(() => parse("lots"), /urgentPriorityFeeGwei/);
});
