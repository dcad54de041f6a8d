import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { DEVNET_DEPLOYMENT, parseConfig } from "./config.ts";
import { MonitorConfigError } from "./errors.ts";

const cwd = mkdtempSync(join(tmpdir(), "monitor-config-"));
const a = `0x${"aB".repeat(20)}`;

test("defaults with --rpc-url: no deployment, mempool on, 250 ms polls, info", () => {
  const config = parseConfig(["--rpc-url", "http://127.0.0.1:8545"], {}, cwd);
  assert.deepEqual(config, {
    rpcUrl: "http://127.0.0.1:8545",
    watch: [],
    webhooks: [],
    pollMs: 250,
    mempool: true,
    attestMinSeverity: "high",
    logLevel: "info",
  });
});

test("every flag; paths resolved against cwd; --watch lower-cased; a trailing slash dropped from the gateway URL", () => {
  const config = parseConfig(
    [
      "--deployment",
      "d.json",
      "--rpc-url",
      "ws://127.0.0.1:8545",
      "--ws-url",
      "ws://127.0.0.1:8546",
      "--watch",
      a,
      "--watch",
      `0x${"01".repeat(20)}`,
      "--watch-file",
      "w.json",
      "--webhook",
      "http://127.0.0.1:9000/a",
      "--webhook",
      "https://example.org/b",
      "--gateway-url",
      "http://127.0.0.1:8700/",
      "--gateway-token-file",
      "alerts.token",
      "--log",
      "out/alerts.jsonl",
      "--from-block",
      "12",
      "--poll-ms",
      "50",
      "--no-mempool",
      "--port",
      "0",
      "--log-level",
      "debug",
    ],
    {},
    cwd,
  );
  assert.equal(config.deployment, join(cwd, "d.json"));
  assert.equal(config.watchFile, join(cwd, "w.json"));
  assert.equal(config.log, join(cwd, "out/alerts.jsonl"));
  assert.deepEqual(config.watch, [a.toLowerCase(), `0x${"01".repeat(20)}`]);
  assert.deepEqual(config.webhooks, ["http://127.0.0.1:9000/a", "https://example.org/b"]);
  assert.equal(config.gatewayUrl, "http://127.0.0.1:8700");
  assert.equal(config.gatewayTokenFile, join(cwd, "alerts.token"));
  assert.equal(config.fromBlock, 12);
  assert.equal(config.pollMs, 50);
  assert.equal(config.mempool, false);
  assert.equal(config.port, 0);
  assert.equal(config.wsUrl, "ws://127.0.0.1:8546");
});

test("environment fills in what flags leave out", () => {
  const config = parseConfig(
    [],
    {
      PALISADE_RPC_URL: "http://127.0.0.1:1",
      PALISADE_MONITOR_LOG: "x.jsonl",
      PALISADE_GATEWAY_URL: "http://127.0.0.1:2",
    },
    cwd,
  );
  assert.equal(config.rpcUrl, "http://127.0.0.1:1");
  assert.equal(config.log, join(cwd, "x.jsonl"));
  assert.equal(config.gatewayUrl, "http://127.0.0.1:2");
});

test("without --rpc-url the devnet's deployment file is the default, and must exist", () => {
  assert.throws(
    () => parseConfig([], {}, cwd),
    (error) => error instanceof MonitorConfigError && /npm start/.test(error.message),
  );
  mkdirSync(join(cwd, ".palisade/devnet"), { recursive: true });
  writeFileSync(join(cwd, DEVNET_DEPLOYMENT), "{}");
  assert.equal(parseConfig([], {}, cwd).deployment, join(cwd, DEVNET_DEPLOYMENT));
});

test("bad input is a MonitorConfigError naming the field; --help is one with help set", () => {
  const bad: string[][] = [
    ["--rpc-url", "ftp://x"],
    ["--rpc-url", "http://x", "--watch", "0x12"],
    ["--rpc-url", "http://x", "--webhook", "ws://x"],
    ["--rpc-url", "http://x", "--poll-ms", "0"],
    ["--rpc-url", "http://x", "--port", "70000"],
    ["--rpc-url", "http://x", "--from-block", "-1"],
    ["--rpc-url", "http://x", "--unknown"],
  ];
  for (const argv of bad)
    assert.throws(
      () => parseConfig(argv, {}, cwd),
      (error) => error instanceof MonitorConfigError && !error.help,
      argv.join(" "),
    );
  assert.throws(
    () => parseConfig(["--help"], {}, cwd),
    (error) => error instanceof MonitorConfigError && error.help && /--watch-file/.test(error.message),
  );
});

test("--gateway-token-file without --gateway-url is refused (the secret goes to the gateway only)", () => {
  assert.throws(
    () => parseConfig(["--rpc-url", "http://127.0.0.1:8545", "--gateway-token-file", "t"], {}, cwd),
    (error: unknown) =>
      error instanceof MonitorConfigError && /--gateway-token-file needs --gateway-url/.test(error.message),
  );
});

test("--aggregator-url: attest alerts from --attest-min-severity (default high); needs the watch file and the deployment, and no --watch", () => {
  const attested = [
    "--deployment",
    "d.json",
    "--watch-file",
    "w.json",
    "--aggregator-url",
    "http://127.0.0.1:9000/",
  ];
  const config = parseConfig(attested, {}, cwd);
  assert.equal(config.aggregatorUrl, "http://127.0.0.1:9000");
  assert.equal(config.attestMinSeverity, "high");
  assert.equal(
    parseConfig([...attested, "--attest-min-severity", "critical"], {}, cwd).attestMinSeverity,
    "critical",
  );
  assert.throws(
    () =>
      parseConfig(
        ["--rpc-url", "http://127.0.0.1:8545"],
        { PALISADE_AGGREGATOR_URL: "http://127.0.0.1:9001" },
        cwd,
      ),
    /--aggregator-url needs --watch-file/,
    "the environment's aggregator URL is checked the same way",
  );
  const env = {
    PALISADE_MONITOR_ATTEST_MIN_SEVERITY: "medium",
    PALISADE_AGGREGATOR_URL: "http://127.0.0.1:9001",
  };
  const fromEnv = parseConfig(["--deployment", "d.json", "--watch-file", "w.json"], env, cwd);
  assert.equal(fromEnv.aggregatorUrl, "http://127.0.0.1:9001");
  assert.equal(fromEnv.attestMinSeverity, "medium");
  const refused: [string[], RegExp][] = [
    [["--deployment", "d.json", "--aggregator-url", "http://127.0.0.1:9000"], /needs --watch-file/],
    [
      [
        "--rpc-url",
        "http://127.0.0.1:8545",
        "--watch-file",
        "w.json",
        "--aggregator-url",
        "http://127.0.0.1:9000",
      ],
      /needs the deployment/,
    ],
    [[...attested, "--watch", a], /--watch cannot be combined/],
    [[...attested, "--attest-min-severity", "urgent"], /attestMinSeverity/],
    [["--rpc-url", "http://127.0.0.1:8545", "--aggregator-url", "ftp://x"], /aggregatorUrl/],
  ];
  for (const [argv, message] of refused)
    assert.throws(
      () => parseConfig(argv, {}, cwd),
      (error: unknown) => error instanceof MonitorConfigError && message.test(error.message),
      argv.join(" "),
    );
});
