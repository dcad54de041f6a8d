import assert from "node:assert/strict";
import { test } from "node:test";
import {
  ContractRevertError,
  DeploymentFileError,
  InsufficientAllowanceError,
  InsufficientBalanceError,
  ServiceCallError,
} from "@palisade/sdk";
import { HttpRequestError, parseEther } from "viem";
import { CallsExhaustedError, NotAuthorizedSignerError, UsageError } from "../errors.ts";
import { describeError } from "./describeError.ts";
import { commandLine, fixContext } from "./fixContext.ts";

const token = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const marketplace = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
const consumer = "0xcd3B766CCDd6AE721141F452C550Ca635964ce71";
const key = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

const revert = (errorName: string | undefined, args: readonly unknown[], functionName = "purchase") =>
  new ContractRevertError({
    errorName,
    args,
    data: "0x12345678",
    declaredBy: ["Marketplace"],
    functionName,
    address: marketplace,
    cause: undefined,
  });

const fixOf = (error: unknown, argv: string[] = [], devnet: boolean | undefined = true) =>
  describeError(error, fixContext(argv, undefined, devnet)).fix ?? "";

test("usage errors exit 2 and point at the command's help", () => {
  const report = describeError(
    new UsageError("--calls: required", "consumer buy"),
    fixContext([], "consumer buy", undefined),
  );
  assert.equal(report.exitCode, 2);
  assert.equal(report.fix, "see `npx palisade consumer buy --help`");
});

test("a short allowance: the same command without --no-approve", () => {
  const argv = [
    "consumer",
    "buy",
    "--service",
    "1",
    "--calls",
    "10",
    "--no-approve",
    "--account",
    "consumer0",
  ];
  const fix = fixOf(
    new InsufficientAllowanceError(token, consumer, marketplace, 0n, parseEther("0.1")),
    argv,
  );
  assert.equal(
    fix,
    "the CLI approves what a command needs unless --no-approve is given: `npx palisade consumer buy --service 1 --calls 10 --account consumer0`",
  );
});

test("a short balance: dev fund on the devnet, a transfer elsewhere", () => {
  const error = new InsufficientBalanceError(token, consumer, parseEther("1"), parseEther("3.5"));
  assert.equal(
    fixOf(error),
    `get PAL on the devnet from the deployer: \`npx palisade dev fund --to ${consumer} --pal 2.5\` (a seeded account may also take the faucet's drip: \`npx palisade dev faucet --account <name>\`)`,
  );
  assert.equal(fixOf(error, [], false), `${consumer} needs 2.5 PAL more: transfer PAL to it first`);
});

test("contract reverts get a fix by their custom error's name, worded for the call", () => {
  const cap = revert("InFlightCapExceeded", [2, parseEther("120"), parseEther("100")]);
  assert.match(fixOf(cap), /caps its unclaimed sales at 100 PAL \(this purchase would make 120 PAL\)/);
  assert.match(fixOf(cap), /`npx palisade provider stake add --provider 2 --amount <PAL>`/);
  assert.match(fixOf(revert("InFlightCapExceeded", [2, 5n, 1n], "requestUnstake")), /unstake less/);
  assert.match(
    fixOf(revert("StakeTooLow", [1n, parseEther("100")], "registerProvider")),
    /stake at least 100 PAL \(--stake 100\)/,
  );
  assert.match(
    fixOf(revert("PriceAboveMax", [parseEther("0.02"), parseEther("0.01")])),
    /costs 0.02 PAL per call, above --max-price 0.01 PAL/,
  );
  assert.match(
    fixOf(revert("UnstakeNotReady", [1_700_000_000], "completeUnstake"), [
      "provider",
      "unstake",
      "complete",
      "--provider",
      "4",
    ]),
    /ends at 2023-11-14T22:13:20Z: run `npx palisade provider unstake complete --provider 4`/,
  );
  assert.match(
    fixOf(revert("NothingToWithdraw", [1], "withdrawFees")),
    /`npx palisade provider status --provider 1`/,
  );
  assert.match(
    fixOf(revert("SomethingNew", [])),
    /SomethingNew is documented in the interface of Marketplace/,
  );
  assert.match(fixOf(revert(undefined, [])), /not one of Palisade's errors/);
});

test("files, RPC, providers and nonces each say what to do", () => {
  assert.match(fixOf(new DeploymentFileError("/x/deployment.json", "not found")), /`npm start`/);
  const rpc = new HttpRequestError({ url: "http://127.0.0.1:8545", details: "fetch failed" });
  assert.match(fixOf(rpc), /is the devnet running \(`npm start`\)\? Elsewhere pass --rpc/);
  const quota = new ServiceCallError(
    "http://p/v1/address",
    402,
    "quota_exhausted",
    "call 11 is beyond the 10 calls bought",
  );
  assert.match(fixOf(quota, ["consumer", "call", "--purchase", "3"]), /every call of purchase 3 is used/);
  assert.match(
    fixOf(new CallsExhaustedError(3n, 1, 10, 11n)),
    /`npx palisade consumer buy --service 1 --calls <n>`/,
  );
  assert.match(
    fixOf(new NotAuthorizedSignerError(token, consumer, 0, 100n)),
    new RegExp(`session-key authorize --key ${token} --valid-for 86400`),
  );
});

test("anything unexpected is reported with its stack and exit 1", () => {
  const report = describeError(new RangeError("boom"), fixContext([], undefined, undefined));
  assert.equal(report.exitCode, 1);
  assert.equal(report.message, "boom");
  assert.match(report.details ?? "", /RangeError: boom\n\s+at /);
  assert.match(report.fix ?? "", /unexpected/);
});

test("rerun lines quote for the shell and never show a private key", () => {
  assert.equal(
    commandLine(["consumer", "review", "--text", "it's fine", "--key", key, `--private-key=${key}`]),
    "npx palisade consumer review --text 'it'\\''s fine' --key <key> --private-key=<key>",
  );
  // A session key's address is not a secret.
  assert.equal(
    commandLine(["consumer", "session-key", "revoke", "--key", consumer]),
    `npx palisade consumer session-key revoke --key ${consumer}`,
  );
});
