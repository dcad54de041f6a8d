import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, main } from "./main.ts";
import { captureIo } from "./testing/captureIo.ts";

const empty = mkdtempSync(join(tmpdir(), "palisade-cli-main-"));

test("--help prints on stdout and exits 0, at every level", async () => {
  for (const argv of [
    ["--help"],
    ["provider", "--help"],
    ["consumer", "session-key", "-h"],
    ["consumer", "call", "--help"],
  ]) {
    const io = captureIo({ cwd: empty });
    assert.equal(await main(argv, io), EXIT_OK, argv.join(" "));
    assert.match(io.out(), /^palisade/);
    assert.equal(io.err(), "");
  }
});

test("no command prints the overview on stderr and exits 2", async () => {
  const io = captureIo({ cwd: empty });
  assert.equal(await main([], io), EXIT_USAGE);
  assert.equal(io.out(), "");
  assert.match(
    io.err(),
    /^palisade: the Palisade marketplace[\s\S]*error: missing command\nFIX: see `npx palisade --help`\n$/,
  );
});

test("a usage error exits 2 with the problem and a FIX line", async () => {
  const io = captureIo({ cwd: empty });
  assert.equal(await main(["consumer", "buy", "--service", "1"], io), EXIT_USAGE);
  assert.equal(io.err(), "error: --calls: required: --calls\nFIX: see `npx palisade consumer buy --help`\n");
});

test("without a devnet: DeploymentFileError, exit 1, and with --json one error object on stdout", async () => {
  const io = captureIo({ cwd: empty });
  assert.equal(await main(["market", "services", "--json"], io), EXIT_FAILURE);
  const { error } = JSON.parse(io.out());
  assert.equal(error.name, "DeploymentFileError");
  assert.match(error.message, /deployment\.json: not found/);
  assert.match(error.fix, /`npm start`/);
  assert.match(io.err(), /^error: deployment file .*\n[\s\S]*FIX: start the devnet with `npm start`/m);
});

test("dev accounts needs no chain and lists the names --account takes", async () => {
  const io = captureIo({ cwd: empty });
  assert.equal(await main(["dev", "accounts", "--json"], io), EXIT_OK);
  const { accounts } = JSON.parse(io.out());
  const names = accounts.map((entry: { name: string }) => entry.name);
  for (const name of ["deployer", "provider0", "provider1", "consumer0", "consumer1"])
    assert.ok(names.includes(name), name);
  assert.equal(accounts[0].address, "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
});
