import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { inspect } from "node:util";
import { describeConfig, parseConfig } from "./config.ts";
import { ConfigError } from "./errors.ts";

const dir = mkdtempSync(join(tmpdir(), "palisade-node-config-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const key = `0x${"5a".repeat(32)}`;
const base = ["--deployment", "d.json", "--bls-keystore", "k.json"];

test("flags win over the environment, which wins over the config file, which wins over defaults", () => {
  const file = join(dir, "node.json");
  writeFileSync(
    file,
    JSON.stringify({ port: 7000, name: "from-file", dataDir: "file-data", logLevel: "warn" }),
  );
  const config = parseConfig(
    ["--config", file, ...base, "--port", "7001"],
    { PALISADE_NODE_PORT: "7002", PALISADE_NODE_NAME: "from-env", PALISADE_BLS_PASSWORD: "pw" },
    dir,
  );
  assert.equal(config.port, 7001);
  assert.equal(config.name, "from-env");
  assert.equal(config.dataDir, join(dir, "file-data"));
  assert.equal(config.logLevel, "warn");
  assert.equal(config.host, "127.0.0.1");
  assert.equal(config.deploymentPath, join(dir, "d.json"));
  assert.equal(config.nodeUrl, "http://127.0.0.1:7001");
  assert.equal(config.command, "run");
});

test("secrets are read but never printable: JSON, inspect and describeConfig redact them", () => {
  const passwordFile = join(dir, "pw");
  writeFileSync(passwordFile, "s3cret\n");
  const config = parseConfig(
    ["register", ...base, "--bls-password-file", passwordFile],
    { PALISADE_OPERATOR_KEY: key },
    dir,
  );
  assert.equal(config.command, "register");
  assert.equal(config.blsPassword.reveal(), "s3cret");
  assert.equal(config.operatorKey?.reveal(), key);
  for (const text of [
    JSON.stringify(config),
    inspect(config, { depth: 5 }),
    JSON.stringify(describeConfig(config)),
    String(config.operatorKey),
  ]) {
    assert.ok(!text.includes(key.slice(2)), text);
    assert.ok(!text.includes("s3cret"), text);
  }
});

test("missing or invalid settings are a ConfigError listing each problem, without echoing the key", () => {
  assert.throws(
    () =>
      parseConfig(
        ["--port", "99999"],
        { PALISADE_BLS_PASSWORD: "pw", PALISADE_OPERATOR_KEY: "0xnot-a-key-deadbeef" },
        dir,
      ),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /deployment/);
      assert.match(error.message, /bls-keystore|blsKeystore/);
      assert.match(error.message, /port/);
      assert.match(error.message, /PALISADE_OPERATOR_KEY/);
      assert.ok(!error.message.includes("deadbeef"));
      return true;
    },
  );
  assert.throws(() => parseConfig(base, {}, dir), /password/);
  assert.throws(
    () => parseConfig(["register", ...base], { PALISADE_BLS_PASSWORD: "pw" }, dir),
    /PALISADE_OPERATOR_KEY/,
  );
  assert.throws(
    () => parseConfig(["--operator-key", key, ...base], {}, dir),
    ConfigError,
    "no flag for the key",
  );
  const badFile = join(dir, "bad.json");
  writeFileSync(badFile, JSON.stringify({ operatorKey: key }));
  assert.throws(
    () => parseConfig(["--config", badFile, ...base], { PALISADE_BLS_PASSWORD: "pw" }, dir),
    /invalid/,
  );
  assert.throws(
    () => parseConfig(["--help"], {}, dir),
    (error: unknown) => error instanceof ConfigError && error.help,
  );
});

test("--allocate takes a share 0 < f <= 1 for register only", () => {
  const env = { PALISADE_BLS_PASSWORD: "pw", PALISADE_OPERATOR_KEY: key };
  assert.equal(parseConfig(["register", ...base, "--allocate", "0.5"], env, dir).allocate, 0.5);
  assert.equal(parseConfig(["register", ...base], { ...env, PALISADE_ALLOCATE: "1" }, dir).allocate, 1);
  assert.equal(parseConfig(["register", ...base], env, dir).allocate, undefined);
  for (const bad of ["0", "1.5", "-0.1", "half"])
    assert.throws(() => parseConfig(["register", ...base, "--allocate", bad], env, dir), /allocate/, bad);
  assert.throws(() => parseConfig([...base, "--allocate", "0.5"], env, dir), /register only/);
});

test("the labels folder: flag > PALISADE_LABELS_DIR > config file, resolved from cwd; unset by default", () => {
  const file = join(dir, "labels.json");
  writeFileSync(file, JSON.stringify({ labelsDir: "from-file" }));
  const env = { PALISADE_BLS_PASSWORD: "pw" };
  assert.equal(parseConfig(base, env, dir).labelsDir, undefined);
  assert.equal(parseConfig(["--config", file, ...base], env, dir).labelsDir, join(dir, "from-file"));
  assert.equal(
    parseConfig(["--config", file, ...base], { ...env, PALISADE_LABELS_DIR: "/srv/labels" }, dir).labelsDir,
    "/srv/labels",
  );
  const config = parseConfig(
    ["--config", file, ...base, "--labels-dir", "flag"],
    { ...env, PALISADE_LABELS_DIR: "/srv/labels" },
    dir,
  );
  assert.equal(config.labelsDir, join(dir, "flag"));
  assert.equal(describeConfig(config).labelsDir, join(dir, "flag"));
});

test("--watch-file (PALISADE_WATCH_FILE, watchFile in the config file) resolves against cwd; absent: undefined", () => {
  const env = { PALISADE_BLS_PASSWORD: "pw" };
  assert.equal(parseConfig(base, env, dir).watchFile, undefined);
  assert.equal(parseConfig([...base, "--watch-file", "w.json"], env, dir).watchFile, join(dir, "w.json"));
  assert.equal(
    parseConfig(base, { ...env, PALISADE_WATCH_FILE: "env.json" }, dir).watchFile,
    join(dir, "env.json"),
  );
  const file = join(dir, "with-watch.json");
  writeFileSync(file, JSON.stringify({ watchFile: "from-file.json" }));
  const config = parseConfig(["--config", file, ...base], env, dir);
  assert.equal(config.watchFile, join(dir, "from-file.json"));
  assert.equal(describeConfig(config).watchFile, join(dir, "from-file.json"));
});
