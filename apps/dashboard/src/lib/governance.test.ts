import assert from "node:assert/strict";
import { test } from "node:test";
import { marketplaceAbi, providerSlashingAbi } from "@palisade/abis";
import { type Deployment, voteSupport } from "@palisade/sdk";
import { encodeFunctionData, type Hex, toFunctionSelector } from "viem";
import { lotMultiplier, nextStep, RAMP_SECONDS, supportName, tally } from "./governance.ts";
import { decodeCall, formatArgument, knownContracts } from "./proposalCalls.ts";

test("a lot weighs 1× on arrival, 1.5× after half a year, 2× from a year on (decision 0006)", () => {
  assert.equal(lotMultiplier(1_000, 1_000), 1);
  assert.equal(lotMultiplier(1_000, 1_000 + RAMP_SECONDS / 2), 1.5);
  assert.equal(lotMultiplier(1_000, 1_000 + RAMP_SECONDS), 2);
  assert.equal(lotMultiplier(1_000, 1_000 + 3 * RAMP_SECONDS), 2);
  // A lot stamped after `now` (a clock read one block late) weighs as new, never below 1×.
  assert.equal(lotMultiplier(2_000, 1_000), 1);
});

test("the next step of a proposal and the time left to it, at the chain's time", () => {
  const timing = { snapshot: 1_030n, deadline: 4_630n, eta: 0n };
  assert.deepEqual(nextStep({ ...timing, state: "Pending" }, 1_000), {
    label: "voting opens",
    at: 1_031,
    secondsLeft: 31,
    needsAction: false,
  });
  assert.deepEqual(nextStep({ ...timing, state: "Active" }, 1_031), {
    label: "voting closes",
    at: 4_631,
    secondsLeft: 3_600,
    needsAction: false,
  });
  assert.equal(nextStep({ ...timing, state: "Succeeded" }, 5_000).needsAction, true);
  assert.deepEqual(nextStep({ ...timing, state: "Queued", eta: 9_000n }, 5_400), {
    label: "executable",
    at: 9_000,
    secondsLeft: 3_600,
    needsAction: false,
  });
  const due = nextStep({ ...timing, state: "Queued", eta: 9_000n }, 9_000);
  assert.deepEqual([due.label, due.secondsLeft, due.needsAction], ["executable now (anyone may)", 0, true]);
  for (const state of ["Executed", "Defeated", "Canceled", "Expired"] as const)
    assert.equal(nextStep({ ...timing, state }, 9_999).label, undefined, state);
});

test("the tally counts for + abstain toward the quorum and needs more for than against", () => {
  const counted = tally({ for: 30n, against: 40n, abstain: 10n }, 40n);
  assert.equal(counted.total, 80n);
  assert.equal(counted.towardQuorum, 40n);
  assert.equal(counted.quorumReached, true);
  assert.equal(counted.quorumFraction, 1);
  assert.equal(counted.majorityFor, false);
  const short = tally({ for: 3n, against: 0n, abstain: 0n }, 12n);
  assert.deepEqual([short.quorumReached, short.quorumFraction, short.majorityFor], [false, 0.25, true]);
  // Before the snapshot the governor reports no quorum: nothing is "reached" yet.
  assert.equal(tally({ for: 0n, against: 0n, abstain: 0n }, 0n).quorumReached, false);
});

test("vote support names follow GovernorCountingSimple (the SDK's voteSupport)", () => {
  for (const [name, value] of Object.entries(voteSupport)) assert.equal(supportName(value), name);
  assert.throws(() => supportName(3), RangeError);
});

const deployment = {
  contracts: {
    strategyManager: "0x0000000000000000000000000000000000000001",
    delegationManager: "0x0000000000000000000000000000000000000002",
    allocationManager: "0x0000000000000000000000000000000000000003",
    rewardsCoordinator: "0x0000000000000000000000000000000000000004",
  },
  strategies: {},
  marketplace: {
    utilityToken: "0x0000000000000000000000000000000000000010",
    marketplace: "0x00000000000000000000000000000000000000aA",
    reviewBoard: "0x0000000000000000000000000000000000000012",
    providerSlashing: "0x0000000000000000000000000000000000000013",
    deployedAtBlock: 0,
  },
} as unknown as Deployment;

test("a proposal's call is named after the deployment's contract and decoded with its ABI", () => {
  const known = knownContracts(deployment);
  const data = encodeFunctionData({
    abi: marketplaceAbi,
    functionName: "setServiceActive",
    args: [6, false],
  });
  // Any case of the target's address resolves.
  const call = decodeCall(known, { target: "0x00000000000000000000000000000000000000AA", value: 0n, data });
  assert.equal(call.contract, "Marketplace");
  assert.equal(call.functionName, "setServiceActive");
  assert.deepEqual(
    call.args.map((arg) => [arg.name, arg.type, arg.value]),
    [
      ["serviceId", "uint32", 6],
      ["active", "bool", false],
    ],
  );
  // A tuple argument, as a disciplinary slash carries.
  const slash = encodeFunctionData({
    abi: providerSlashingAbi,
    functionName: "requestSlash",
    args: [2, 10n ** 18n, `0x${"ab".repeat(32)}`, "ipfs://evidence", []],
  });
  const decoded = decodeCall(known, {
    target: deployment.marketplace?.providerSlashing as `0x${string}`,
    value: 0n,
    data: slash,
  });
  assert.equal(`${decoded.contract}.${decoded.functionName}`, "ProviderSlashing.requestSlash");
  assert.equal(formatArgument(decoded.args.map((arg) => arg.value).slice(0, 2)), "[2, 1000000000000000000]");
});

test("an unknown target, or data its ABI does not decode, stays raw", () => {
  const known = knownContracts(deployment);
  const data = encodeFunctionData({
    abi: marketplaceAbi,
    functionName: "setServiceActive",
    args: [6, false],
  });
  const stranger = decodeCall(known, {
    target: "0x00000000000000000000000000000000000000bb",
    value: 5n,
    data,
  });
  assert.deepEqual([stranger.contract, stranger.functionName, stranger.data], [undefined, undefined, data]);
  const unknownSelector = `${toFunctionSelector("doesNotExist(uint256)")}${"00".repeat(32)}` as Hex;
  const raw = decodeCall(known, {
    target: "0x00000000000000000000000000000000000000aa",
    value: 0n,
    data: unknownSelector,
  });
  assert.deepEqual([raw.contract, raw.functionName], ["Marketplace", undefined]);
  assert.equal(formatArgument({ a: 1n, b: [true, "x"] }), "{a: 1, b: [true, x]}");
});
