import assert from "node:assert/strict";
import { test } from "node:test";
import { parseConfig } from "./config.ts";
import { DashboardConfigError } from "./errors.ts";

const defaults = { cwd: "/work", repoRoot: "/repo" };

test("defaults: the devnet's state dir, port 3000 on 127.0.0.1, the built pages", () => {
  assert.deepEqual(parseConfig([], {}, defaults), {
    deploymentFile: "/repo/.palisade/devnet/deployment.json",
    servicesFile: "/repo/.palisade/devnet/services.json",
    rpcUrl: undefined,
    host: "127.0.0.1",
    port: 3000,
    staticDir: "/repo/apps/dashboard/dist",
    logLevel: "info",
  });
});

test("flags over environment; relative paths from the working directory", () => {
  const config = parseConfig(
    ["--state-dir", "state", "--port", "4000", "--deployment", "/d.json"],
    {
      PALISADE_DASHBOARD_PORT: "5000",
      PALISADE_STATE_DIR: "/ignored",
      PALISADE_RPC_URL: "http://127.0.0.1:9",
    },
    defaults,
  );
  assert.equal(config.port, 4000);
  assert.equal(config.deploymentFile, "/d.json");
  assert.equal(config.servicesFile, "/work/state/services.json");
  assert.equal(config.rpcUrl, "http://127.0.0.1:9");
});

test("bad input and --help are DashboardConfigErrors with the usage", () => {
  assert.throws(
    () => parseConfig(["--port", "70000"], {}, defaults),
    (error: unknown) => {
      assert.ok(error instanceof DashboardConfigError);
      assert.match(error.message, /port/);
      assert.match(error.message, /Usage:/);
      return true;
    },
  );
  assert.throws(() => parseConfig(["--nope"], {}, defaults), DashboardConfigError);
  assert.throws(
    () => parseConfig(["--help"], {}, defaults),
    (error: unknown) => error instanceof DashboardConfigError && error.help,
  );
});
