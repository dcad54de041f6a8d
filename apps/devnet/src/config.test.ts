import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError, parseConfig } from "./config.ts";

const defaults = { stateDir: "/repo/.palisade/devnet", cwd: "/work" };

test("defaults: port 8545 and the repository's state directory", () => {
  assert.deepEqual(parseConfig([], {}, defaults), { port: 8545, stateDir: "/repo/.palisade/devnet" });
});

test("flags win over the environment; relative paths resolve from the working directory", () => {
  const env = { PALISADE_PORT: "9000", PALISADE_STATE_DIR: "env-dir" };
  assert.deepEqual(parseConfig([], env, defaults), { port: 9000, stateDir: "/work/env-dir" });
  assert.deepEqual(parseConfig(["--port", "9100", "--state-dir", "/abs"], env, defaults), {
    port: 9100,
    stateDir: "/abs",
  });
});

test("a bad port or an unknown flag is a ConfigError with the usage", () => {
  for (const argv of [["--port", "http"], ["--port", "70000"], ["--bogus"]]) {
    assert.throws(
      () => parseConfig(argv, {}, defaults),
      (error: unknown) =>
        error instanceof ConfigError && !error.help && /Usage: npm start/.test(error.message),
    );
  }
  assert.throws(
    () => parseConfig(["--help"], {}, defaults),
    (error: unknown) => error instanceof ConfigError && error.help,
  );
});
