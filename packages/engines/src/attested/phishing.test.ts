import assert from "node:assert/strict";
import { test } from "node:test";
import {
  encodeAbiParameters,
  type Hex,
  keccak256,
  type PublicClient,
  stringToBytes,
  stringToHex,
} from "viem";
import { engineVersionOf } from "../engine.ts";
import { InvalidInputError } from "../errors.ts";
import { createPhishingEngine } from "../phishing/createPhishingEngine.ts";
import { ethPhishingDetectLists } from "../phishing/lists.ts";
import { PHISHING_FIELD_ORDER } from "./fieldOrders.ts";
import { createPhishingAttestedEngine } from "./phishing.ts";
import { decodeSecurityResponse } from "./response.ts";
import { maskOf } from "./testHelpers.ts";

const phishing = createPhishingEngine();
const engine = createPhishingAttestedEngine({ phishing });
const listsVersion = `0x${phishing.digest}` as Hex;
/** The phishing engine reads no chain: run() never touches the client. */
const noClient = {} as PublicClient;
/** A host on eth-phishing-detect's blocklist. */
const blocked = ethPhishingDetectLists()[0]?.entries.find((entry) => /^[a-z0-9.-]+$/.test(entry)) as string;

const handBuilt = (host: string, version: Hex, referenceBlock: number) =>
  keccak256(
    encodeAbiParameters(
      [{ type: "bytes32" }, { type: "string" }, { type: "bytes32" }, { type: "uint32" }],
      [engineVersionOf("phishing@1"), host, version, referenceBlock],
    ),
  );

test("phishing@1: the request hash is abi.encode(engineVersion, host, listsVersion, referenceBlock), the host normalised", () => {
  const request = engine.parseRequest({ target: "HTTPS://Login.MetaMask.io.:443/x?y#z", referenceBlock: 42 });
  assert.equal(request.requestHash, handBuilt("login.metamask.io", listsVersion, 42));
  assert.equal(request.referenceBlock, 42);
  // Naming this node's lists version is the same question.
  assert.equal(
    engine.parseRequest({ target: "login.metamask.io", listsVersion, referenceBlock: 42 }).requestHash,
    request.requestHash,
  );
  assert.notEqual(
    engine.parseRequest({ target: "login.metamask.io", referenceBlock: 43 }).requestHash,
    request.requestHash,
  );
});

test("phishing@1: other lists are another question; a request naming them is refused", () => {
  const other = createPhishingEngine({
    lists: [{ name: "test/blocklist", kind: "blocklist", entries: ["evil.example"] }],
  });
  assert.notEqual(other.digest, phishing.digest);
  const otherEngine = createPhishingAttestedEngine({ phishing: other });
  const input = { target: "evil.example", referenceBlock: 1 };
  assert.notEqual(otherEngine.parseRequest(input).requestHash, engine.parseRequest(input).requestHash);
  assert.equal(
    otherEngine.parseRequest(input).requestHash,
    handBuilt("evil.example", `0x${other.digest}`, 1),
  );
  assert.throws(
    () => engine.parseRequest({ ...input, listsVersion: `0x${other.digest}` }),
    (error: unknown) => {
      assert.ok(error instanceof InvalidInputError);
      assert.match(
        error.shortMessage,
        /lists version 0x[0-9a-f]{64} differs from this node's 0x[0-9a-f]{64}/,
      );
      assert.equal(error.issues[0]?.path, "listsVersion");
      return true;
    },
  );
});

test("phishing@1: bad requests are InvalidInputError with issues", () => {
  for (const input of [
    {},
    { target: "metamask.io" },
    { target: "metamask.io", referenceBlock: -1 },
    { target: "metamask.io", referenceBlock: 2 ** 32 },
    { target: "metamask.io", referenceBlock: 1, extra: true },
    { target: "metamask.io", referenceBlock: 1, listsVersion: "0x12" },
    { target: "", referenceBlock: 1 },
    { target: "http://", referenceBlock: 1 },
  ])
    assert.throws(
      () => engine.parseRequest(input),
      (error: unknown) => error instanceof InvalidInputError && error.issues.length > 0,
      JSON.stringify(input),
    );
});

test("phishing@1: a blocklisted host answers verdict 2 with its flag bits, the same bytes every time", async () => {
  const request = engine.parseRequest({ target: `https://${blocked}/claim`, referenceBlock: 7 });
  const result = await engine.run(noClient, request);
  assert.deepEqual(
    await engine.run(noClient, engine.parseRequest({ target: blocked, referenceBlock: 7 })),
    result,
  );
  // A second engine over the same lists (another node) gives the same bytes.
  const again = createPhishingAttestedEngine({ phishing: createPhishingEngine() });
  assert.equal(
    (await again.run(noClient, again.parseRequest({ target: blocked, referenceBlock: 7 }))).encoded,
    result.encoded,
  );

  const { report, response } = result.json as { report: ReturnType<typeof phishing.check>; response: Hex };
  assert.deepEqual(report, phishing.check(blocked));
  assert.equal(response, result.encoded);
  const decoded = decodeSecurityResponse(result.encoded);
  assert.equal(decoded.verdict, 2);
  assert.equal(decoded.subject, keccak256(stringToHex(blocked)));
  assert.equal(decoded.flags, maskOf(PHISHING_FIELD_ORDER, report.flags));
  assert.ok(report.flags.includes("blocklisted") && report.flags.includes("phishing_site"));
  assert.equal(decoded.reportHash, keccak256(stringToBytes(JSON.stringify(report))));
});

test("phishing@1: the field order is the report's, and unknowns are its null fields", async () => {
  for (const target of [
    "metamask.io",
    "xn--mtamask-7gg.io",
    "metamask-airdrop.com",
    "192.168.1.1",
    "http://[::1]:8080/x",
    "https://user:pw@ÉXAMPLE.com.:99",
  ]) {
    const report = phishing.check(target);
    assert.deepEqual(Object.keys(report.fields), [...PHISHING_FIELD_ORDER], target);
    const decoded = decodeSecurityResponse(
      (await engine.run(noClient, engine.parseRequest({ target, referenceBlock: 1 }))).encoded,
    );
    const nulls = PHISHING_FIELD_ORDER.filter((field) => report.fields[field] === null);
    assert.equal(decoded.unknowns, maskOf(PHISHING_FIELD_ORDER, nulls), target);
    assert.equal(decoded.flags, maskOf(PHISHING_FIELD_ORDER, report.flags), target);
    // The host the hash encodes judges like the target it came from.
    assert.deepEqual(phishing.check(report.target), report, target);
  }
});
