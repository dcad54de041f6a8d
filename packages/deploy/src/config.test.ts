import assert from "node:assert/strict";
import { test } from "node:test";
import { parseConfig } from "./config.ts";
import { mainnetDelays, maxDelayBlocks } from "./delays.ts";
import {
  DeployConfigError,
  InvalidDeployerKeyError,
  InvalidRpcUrlError,
  MissingDeployerKeyError,
} from "./errors.ts";

const key = `0x${"ab".repeat(32)}`;
const env = { PALISADE_DEPLOYER_KEY: key };
const token = "0x1111111111111111111111111111111111111111";
const other = "0x2222222222222222222222222222222222222222";
const base = ["--rpc-url", "http://127.0.0.1:8545", "--strategy", token];

test("parseConfig: mainnet-like delays by default, caps kept as typed, paths from cwd", () => {
  const config = parseConfig([...base, "--strategy", `${other}:2.5`, "--out", "d.json"], env, "/tmp/x");
  assert.deepEqual(config.delays, mainnetDelays);
  assert.deepEqual(config.strategies, [
    { token, cap: undefined },
    { token: other, cap: "2.5" },
  ]);
  assert.equal(config.out, "/tmp/x/d.json");
  assert.equal(config.owner, undefined);
  assert.equal(config.pauser, undefined);
  assert.equal(config.dryRun, false);
});

test("parseConfig: flags override the delays, owner and pauser are checksummed", () => {
  const config = parseConfig(
    [
      ...base,
      "--withdrawal-delay-blocks",
      "10",
      "--allocation-delay-blocks",
      "0",
      "--deallocation-delay-blocks",
      String(maxDelayBlocks),
      "--owner",
      "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
      "--chain-id",
      "59144",
    ],
    env,
    "/",
  );
  assert.deepEqual(config.delays, {
    withdrawalDelayBlocks: 10,
    allocationDelayBlocks: 0,
    deallocationDelayBlocks: maxDelayBlocks,
  });
  assert.equal(config.owner, "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
  assert.equal(config.chainId, 59_144);
});

test("parseConfig: a bad URL is InvalidRpcUrlError", () => {
  for (const url of ["not a url", "ftp://example.org", "ws://127.0.0.1:8545"]) {
    assert.throws(() => parseConfig(["--rpc-url", url, "--strategy", token], env, "/"), InvalidRpcUrlError);
  }
});

test("parseConfig: a missing key is MissingDeployerKeyError, a malformed one never appears in the error", () => {
  assert.throws(() => parseConfig(base, {}, "/"), MissingDeployerKeyError);
  assert.throws(() => parseConfig(base, { PALISADE_DEPLOYER_KEY: " " }, "/"), MissingDeployerKeyError);
  const secret = "0xdeadbeefdeadbeefnotakey";
  assert.throws(
    () => parseConfig(base, { PALISADE_DEPLOYER_KEY: secret }, "/"),
    (error: unknown) => error instanceof InvalidDeployerKeyError && !error.message.includes("deadbeef"),
  );
});

test("parseConfig: wrong arguments are DeployConfigError", () => {
  const cases: string[][] = [
    ["--strategy", token],
    ["--rpc-url", "http://127.0.0.1:8545"],
    [...base, "--strategy", token],
    [...base, "--strategy", "0x12:100"],
    [...base, "--strategy", `${other}:-1`],
    [...base, "--withdrawal-delay-blocks", String(maxDelayBlocks + 1)],
    [...base, "--allocation-delay-blocks", "1.5"],
    [...base, "--owner", "nobody"],
    [...base, "--unknown"],
  ];
  for (const argv of cases) {
    assert.throws(
      () => parseConfig(argv, env, "/"),
      (error: unknown) => error instanceof DeployConfigError && !error.help && !error.message.includes(key),
      argv.join(" "),
    );
  }
});

test("parseConfig: --help is a DeployConfigError with help set", () => {
  assert.throws(
    () => parseConfig(["--help"], {}, "/"),
    (error: unknown) =>
      error instanceof DeployConfigError && error.help && error.message.includes("--rpc-url"),
  );
});

test("parseConfig: --avs takes the contract's defaults; requester and committee are left to the owner", () => {
  assert.equal(parseConfig(base, env, "/tmp").avs, undefined);
  assert.deepEqual(parseConfig([...base, "--avs"], env, "/tmp").avs, {
    quorumThresholdBps: 6_667,
    vetoWindowBlocks: undefined,
    vetoCommittee: undefined,
    slashRequester: undefined,
  });
  const config = parseConfig(
    [
      ...base,
      "--avs",
      "--quorum-threshold-bps",
      "7500",
      "--veto-window-blocks",
      "50000",
      "--veto-committee",
      other,
      "--slash-requester",
      token,
    ],
    env,
    "/tmp",
  );
  assert.deepEqual(config.avs, {
    quorumThresholdBps: 7_500,
    vetoWindowBlocks: 50_000,
    vetoCommittee: other,
    slashRequester: token,
  });
});

test("parseConfig: AVS flags need --avs and stay within the ServiceManager's bounds", () => {
  assert.throws(
    () => parseConfig([...base, "--veto-committee", other], env, "/tmp"),
    /--veto-committee needs --avs/,
  );
  for (const [flag, value] of [
    ["--quorum-threshold-bps", "5000"],
    ["--quorum-threshold-bps", "10001"],
    ["--veto-window-blocks", "0"],
    ["--veto-window-blocks", "216000"],
    // Not below the (default, 100 800-block) deallocation delay.
    ["--veto-window-blocks", "100800"],
  ] as const) {
    assert.throws(
      () => parseConfig([...base, "--avs", flag, value], env, "/tmp"),
      DeployConfigError,
      `${flag} ${value}`,
    );
  }
});
