// The chain-reading adapters (address-risk@1, token-risk@1, tx-firewall@1) on one anvil: the
// firewall's fixture (tx/testFixture.ts) plus the demo DEX (testkit deployDemoDex).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type DemoDex, deployDemoDex } from "@palisade/testkit";
import {
  type Address,
  encodeAbiParameters,
  encodeFunctionData,
  getAddress,
  type Hex,
  keccak256,
  maxUint256,
  pad,
  parseEther,
  stringToBytes,
  zeroAddress,
} from "viem";
import { type Engine, engineVersionOf } from "../engine.ts";
import { InvalidInputError } from "../errors.ts";
import type { LabelIndex } from "../labels/labelIndex.ts";
import { bundledLabelsDir, loadLabels } from "../labels/loadLabels.ts";
import {
  erc20Abi,
  type FirewallFixture,
  FRIEND_EOA,
  STRANGER_EOA,
  startFirewallFixture,
} from "../tx/testFixture.ts";
import { createAddressRiskAttestedEngine } from "./addressRisk.ts";
import { ADDRESS_RISK_FIELD_ORDER, TOKEN_RISK_FIELD_ORDER, TX_FIREWALL_FIELD_ORDER } from "./fieldOrders.ts";
import { decodeSecurityResponse } from "./response.ts";
import { maskOf } from "./testHelpers.ts";
import { createTokenRiskAttestedEngine } from "./tokenRisk.ts";
import { createTxFirewallAttestedEngine, txPolicyHash } from "./txFirewall.ts";

/** On OFAC's list for every chain (its USDT/USDC rows carry no chain id), so on anvil's too. */
const SANCTIONED = "0x983a81ca6fb1e441266d2fbcb7d8e530ac2e05a2";
const CHAIN_ID = 31_337;

let f: FirewallFixture;
let dex: DemoDex;
let bundled: LabelIndex;
let addressRisk: Engine;
let tokenRisk: Engine;
let firewall: Engine;
/** A block after every deployment: the requests below are pinned to it. */
let pinned: number;

interface Report {
  verdict: string;
  fields: Record<string, unknown>;
  flags: string[];
}

/** Runs twice (determinism), checks the JSON view against the bytes, and returns both decoded. */
async function runTwice(engine: Engine, input: Record<string, unknown>) {
  const request = engine.parseRequest(input);
  const first = await engine.run(f.client, request);
  const second = await engine.run(f.client, engine.parseRequest(input));
  assert.equal(second.encoded, first.encoded, "two runs, the same bytes");
  assert.deepEqual(second.json, first.json);
  const { report, response } = first.json as { report: Report; response: Hex };
  assert.equal(response, first.encoded);
  assert.equal(first.responseHash, keccak256(first.encoded));
  const decoded = decodeSecurityResponse(first.encoded);
  assert.equal(decoded.reportHash, keccak256(stringToBytes(JSON.stringify(report))));
  return { request, result: first, report, decoded };
}

/** Flags and unknowns words are the report's flags and null fields over `order`. */
function assertBits(order: readonly string[], report: Report, decoded: { flags: bigint; unknowns: bigint }) {
  assert.deepEqual(Object.keys(report.fields), [...order], "the field order is the report's");
  assert.equal(decoded.flags, maskOf(order, report.flags));
  assert.equal(
    decoded.unknowns,
    maskOf(
      order,
      order.filter((field) => report.fields[field] === null),
    ),
  );
}

const expectRefusal = (engine: Engine, input: unknown, path: string, message: RegExp) =>
  assert.throws(
    () => engine.parseRequest(input),
    (error: unknown) => {
      assert.ok(error instanceof InvalidInputError, String(error));
      assert.match(error.shortMessage, message);
      assert.equal(error.issues[0]?.path, path);
      return true;
    },
  );

before(async () => {
  f = await startFirewallFixture();
  dex = await deployDemoDex(f.clients);
  bundled = await loadLabels(bundledLabelsDir);
  addressRisk = createAddressRiskAttestedEngine({ labels: bundled, chainId: CHAIN_ID });
  tokenRisk = createTokenRiskAttestedEngine({ dex: { factory: dex.factory, weth: dex.weth } });
  firewall = createTxFirewallAttestedEngine({ labels: f.labels, chainId: CHAIN_ID });
  pinned = Number(await f.client.getBlockNumber({ cacheTime: 0 }));
});
after(() => f?.anvil.stop());

describe("address-risk@1", () => {
  const hash = (target: Address, chainId: bigint, counterparty: Address, lists: Hex, block: number) =>
    keccak256(
      encodeAbiParameters(
        [
          { type: "bytes32" },
          { type: "address" },
          { type: "uint64" },
          { type: "address" },
          { type: "bytes32" },
          { type: "uint32" },
        ],
        [engineVersionOf("address-risk@1"), target, chainId, counterparty, lists, block],
      ),
    );

  test("the request hash is the table's encoding, defaults filled in, case and naming the defaults irrelevant", () => {
    const lists = `0x${bundled.digest}` as Hex;
    const request = addressRisk.parseRequest({
      address: SANCTIONED.toUpperCase().replace("0X", "0x"),
      referenceBlock: 9,
    });
    assert.equal(request.requestHash, hash(SANCTIONED, 31_337n, zeroAddress, lists, 9));
    assert.equal(
      addressRisk.parseRequest({
        address: SANCTIONED,
        chainId: CHAIN_ID,
        listsVersion: lists,
        referenceBlock: 9,
      }).requestHash,
      request.requestHash,
    );
    assert.equal(
      addressRisk.parseRequest({ address: SANCTIONED, counterparty: FRIEND_EOA, referenceBlock: 9 })
        .requestHash,
      hash(SANCTIONED, 31_337n, FRIEND_EOA, lists, 9),
    );
  });

  test("another chain or other lists are refused; other lists give another request hash", () => {
    expectRefusal(
      addressRisk,
      { address: SANCTIONED, chainId: 1, referenceBlock: 9 },
      "chainId",
      /chain id 1 differs from this node's 31337/,
    );
    const other = createAddressRiskAttestedEngine({ labels: f.labels, chainId: CHAIN_ID });
    const input = { address: SANCTIONED, referenceBlock: 9 };
    assert.notEqual(other.parseRequest(input).requestHash, addressRisk.parseRequest(input).requestHash);
    expectRefusal(
      addressRisk,
      { ...input, listsVersion: `0x${f.labels.digest}` },
      "listsVersion",
      /lists version 0x[0-9a-f]{64} differs from this node's 0x[0-9a-f]{64}/,
    );
    expectRefusal(
      addressRisk,
      { address: "0x1234", referenceBlock: 9 },
      "address",
      /invalid address-risk@1 request/,
    );
  });

  test("an OFAC-listed address: verdict 2 with the sanctioned bit, identical bytes on two runs and after the chain moves", async () => {
    const input = { address: SANCTIONED, referenceBlock: pinned };
    const { report, decoded, result } = await runTwice(addressRisk, input);
    assert.equal(decoded.verdict, 2);
    assert.equal(decoded.subject, pad(SANCTIONED));
    assert.ok(report.flags.includes("sanctioned"));
    assert.equal((decoded.flags >> 15n) & 1n, 1n);
    assertBits(ADDRESS_RISK_FIELD_ORDER, report, decoded);

    // The chain moves on and the address gets code: the pinned answer does not change.
    await f.clients.test.mine({ blocks: 1 });
    await f.clients.test.setCode({ address: SANCTIONED, bytecode: "0x6001600055" });
    await f.clients.test.mine({ blocks: 2 });
    assert.equal((await addressRisk.run(f.client, addressRisk.parseRequest(input))).encoded, result.encoded);
    const later = await runTwice(addressRisk, { address: SANCTIONED, referenceBlock: pinned + 3 });
    assert.notEqual(later.result.encoded, result.encoded);
  });

  test("a clean EOA with a look-alike counterparty: the poisoning bit; without one, its bit is unknown", async () => {
    const poisoner = `${FRIEND_EOA.slice(0, 6)}${"9".repeat(30)}${FRIEND_EOA.slice(-6)}` as Address;
    const flagged = await runTwice(addressRisk, {
      address: poisoner,
      counterparty: FRIEND_EOA,
      referenceBlock: pinned,
    });
    assert.equal(flagged.decoded.verdict, 2);
    assert.deepEqual(flagged.report.flags, ["address_poisoning_lookalike"]);
    assertBits(ADDRESS_RISK_FIELD_ORDER, flagged.report, flagged.decoded);
    const plain = await runTwice(addressRisk, { address: poisoner, referenceBlock: pinned });
    assert.equal(plain.decoded.verdict, 0);
    assert.equal(plain.decoded.flags, 0n);
    const bit = BigInt(ADDRESS_RISK_FIELD_ORDER.indexOf("address_poisoning_lookalike"));
    assert.equal((plain.decoded.unknowns >> bit) & 1n, 1n);
  });
});

describe("token-risk@1", () => {
  const hash = (token: Address, factory: Address, weth: Address, feeBps: number, block: number) =>
    keccak256(
      encodeAbiParameters(
        [
          { type: "bytes32" },
          { type: "address" },
          { type: "address" },
          { type: "address" },
          { type: "uint16" },
          { type: "uint32" },
        ],
        [engineVersionOf("token-risk@1"), token, factory, weth, feeBps, block],
      ),
    );

  test("the request hash binds the node's DEX; another DEX is refused, no DEX is another question", () => {
    const token = dex.tokens.honeypot.address;
    const request = tokenRisk.parseRequest({ token, referenceBlock: 5 });
    assert.equal(request.requestHash, hash(token, dex.factory, dex.weth, 30, 5));
    assert.equal(
      tokenRisk.parseRequest({
        token: token.toLowerCase(),
        dex: { factory: dex.factory.toLowerCase(), weth: dex.weth, feeBps: 30 },
        referenceBlock: 5,
      }).requestHash,
      request.requestHash,
    );
    expectRefusal(
      tokenRisk,
      { token, dex: { factory: dex.weth, weth: dex.weth }, referenceBlock: 5 },
      "dex",
      /DEX factory .* differs from this node's factory/,
    );
    expectRefusal(tokenRisk, { token, dex: null, referenceBlock: 5 }, "dex", /DEX none differs/);
    const noDex = createTokenRiskAttestedEngine();
    assert.equal(
      noDex.parseRequest({ token, referenceBlock: 5 }).requestHash,
      hash(token, zeroAddress, zeroAddress, 0, 5),
    );
    assert.equal(
      noDex.parseRequest({ token, dex: null, referenceBlock: 5 }).requestHash,
      hash(token, zeroAddress, zeroAddress, 0, 5),
    );
  });

  test("the honeypot: verdict 2 with the is_honeypot bit; the clean token: 0; both deterministic", async () => {
    const honeypot = await runTwice(tokenRisk, {
      token: dex.tokens.honeypot.address,
      referenceBlock: pinned,
    });
    assert.equal(honeypot.decoded.verdict, 2);
    assert.equal(honeypot.decoded.subject, pad(dex.tokens.honeypot.address.toLowerCase() as Address));
    assert.ok(honeypot.report.flags.includes("is_honeypot"));
    assertBits(TOKEN_RISK_FIELD_ORDER, honeypot.report, honeypot.decoded);
    const clean = await runTwice(tokenRisk, { token: dex.tokens.clean.address, referenceBlock: pinned });
    assert.equal(clean.decoded.verdict, 0);
    assert.equal(clean.decoded.flags, 0n);
    assertBits(TOKEN_RISK_FIELD_ORDER, clean.report, clean.decoded);
  });

  test("without a DEX the simulation fields are unknown bits", async () => {
    const noDex = createTokenRiskAttestedEngine();
    const { report, decoded } = await runTwice(noDex, {
      token: dex.tokens.honeypot.address,
      referenceBlock: pinned,
    });
    assertBits(TOKEN_RISK_FIELD_ORDER, report, decoded);
    for (const field of ["is_honeypot", "buy_tax", "sell_tax", "cannot_sell_all", "is_in_dex"])
      assert.equal(
        (decoded.unknowns >> BigInt(TOKEN_RISK_FIELD_ORDER.indexOf(field as never))) & 1n,
        1n,
        field,
      );
  });
});

describe("tx-firewall@1", () => {
  const hash = (
    tx: { from: Address; to: Address; value: bigint; data: Hex; gas: bigint },
    lists: Hex,
    policy: Hex,
    block: number,
  ) =>
    keccak256(
      encodeAbiParameters(
        [
          { type: "bytes32" },
          { type: "address" },
          { type: "address" },
          { type: "uint256" },
          { type: "bytes" },
          { type: "uint64" },
          { type: "uint64" },
          { type: "bytes32" },
          { type: "bytes32" },
          { type: "uint32" },
        ],
        [
          engineVersionOf("tx-firewall@1"),
          tx.from,
          tx.to,
          tx.value,
          tx.data,
          tx.gas,
          31_337n,
          lists,
          policy,
          block,
        ],
      ),
    );
  const approve = () =>
    encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [STRANGER_EOA, maxUint256] });

  test("the request hash is the table's encoding: defaults, creation as the zero address, the policy's hash", () => {
    const lists = `0x${f.labels.digest}` as Hex;
    const policy = txPolicyHash();
    const from = f.user.address;
    const data = approve();
    assert.equal(
      firewall.parseRequest({ from, to: f.lst, data, referenceBlock: 3 }).requestHash,
      hash({ from, to: f.lst, value: 0n, data, gas: 0n }, lists, policy, 3),
    );
    assert.equal(
      firewall.parseRequest({ from, to: f.lst, value: "0x10", data, gas: 100_000, referenceBlock: 3 })
        .requestHash,
      hash({ from, to: f.lst, value: 16n, data, gas: 100_000n }, lists, policy, 3),
    );
    const creation = hash({ from, to: zeroAddress, value: 0n, data: "0x6000", gas: 0n }, lists, policy, 3);
    for (const to of [undefined, null, zeroAddress])
      assert.equal(
        firewall.parseRequest({ from, to, data: "0x6000", referenceBlock: 3 }).requestHash,
        creation,
      );
    assert.equal(
      firewall.parseRequest({
        from,
        data: "0x6000",
        gas: "0",
        chainId: CHAIN_ID,
        listsVersion: lists,
        policyHash: policy,
        referenceBlock: 3,
      }).requestHash,
      creation,
    );
  });

  test("the policy is part of the question: another policy gives another hash, and naming it is refused", () => {
    assert.equal(
      txPolicyHash({ trustedSpenders: ["0x000000000022D473030F116dDEE9F6B43aC78BA3"] }),
      txPolicyHash(),
      "the default written out is the default",
    );
    assert.equal(
      txPolicyHash({ rules: { revert: "block", approval: "allow" } }),
      txPolicyHash({ rules: { approval: "allow", revert: "block" } }),
    );
    const strict = createTxFirewallAttestedEngine({
      labels: f.labels,
      chainId: CHAIN_ID,
      policy: { rules: { approval: "block" } },
    });
    const input = { from: f.user.address, to: f.lst, data: approve(), referenceBlock: 3 };
    assert.notEqual(strict.parseRequest(input).requestHash, firewall.parseRequest(input).requestHash);
    expectRefusal(
      firewall,
      { ...input, policyHash: txPolicyHash({ rules: { approval: "block" } }) },
      "policyHash",
      /policy 0x[0-9a-f]{64} differs/,
    );
    expectRefusal(firewall, { ...input, chainId: 1 }, "chainId", /chain id 1 differs/);
    expectRefusal(firewall, { ...input, gas: "0x1ffffffffffffffff" }, "gas", /invalid tx-firewall@1 request/);
  });

  test("an unlimited approval to an EOA: verdict 2 (block) with its bits, the subject, the same bytes twice", async () => {
    const from = f.user.address;
    const data = approve();
    const { report, decoded } = await runTwice(firewall, { from, to: f.lst, data, referenceBlock: pinned });
    assert.equal(report.verdict, "block");
    assert.equal(decoded.verdict, 2);
    assert.ok(report.flags.includes("unlimited_approval") && report.flags.includes("approval_to_eoa"));
    assertBits(TX_FIREWALL_FIELD_ORDER, report, decoded);
    assert.equal(report.fields.simulation_backend, "debug_traceCall");
    assert.equal(
      decoded.subject,
      keccak256(
        encodeAbiParameters(
          [{ type: "address" }, { type: "address" }, { type: "uint256" }, { type: "bytes32" }],
          [from, f.lst, 0n, keccak256(data)],
        ),
      ),
    );
  });

  test("a plain transfer is allowed (verdict 0)", async () => {
    const { report, decoded } = await runTwice(firewall, {
      from: f.user.address,
      to: getAddress(FRIEND_EOA),
      value: parseEther("1").toString(),
      referenceBlock: pinned,
    });
    assert.equal(report.verdict, "allow", JSON.stringify(report.flags));
    assert.equal(decoded.verdict, 0);
    assertBits(TX_FIREWALL_FIELD_ORDER, report, decoded);
  });
});
