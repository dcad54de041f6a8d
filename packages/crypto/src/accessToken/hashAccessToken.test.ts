import assert from "node:assert/strict";
import { test } from "node:test";
import { type Address, getAddress, hashTypedData, keccak256, stringToHex } from "viem";
import { accessTokenDomain, accessTokenTypes } from "./accessToken.ts";
import { InvalidAccessTokenFieldError } from "./errors.ts";
import { ACCESS_TOKEN_TYPEHASH, hashAccessToken } from "./hashAccessToken.ts";
import { randomAddress, randomToken } from "./testutil.ts";

const marketplace: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

test("the type hash is keccak256 of the type string in IMarketplace's NatSpec", () => {
  assert.equal(
    ACCESS_TOKEN_TYPEHASH,
    keccak256(
      stringToHex(
        "AccessToken(uint64 purchaseId,uint32 providerId,address consumer,uint64 expiry,uint64 nonce)",
      ),
    ),
  );
});

test("hashAccessToken equals viem's hashTypedData on 500 random tokens over several domains", () => {
  const domains = [
    { chainId: 31_337, marketplace },
    { chainId: 1, marketplace: randomAddress() },
    { chainId: 59_144, marketplace: getAddress(randomAddress()) },
    { chainId: 2 ** 53 - 1, marketplace: randomAddress() },
  ];
  for (let i = 0; i < 500; i++) {
    const domain = domains[i % domains.length] as (typeof domains)[number];
    const token = randomToken(i % 2 === 0 ? randomAddress() : getAddress(randomAddress()));
    const expected = hashTypedData({
      domain: accessTokenDomain(domain),
      types: accessTokenTypes,
      primaryType: "AccessToken",
      message: token,
    });
    assert.equal(
      hashAccessToken({ ...domain, token }),
      expected,
      JSON.stringify(token, (_, v) => String(v)),
    );
  }
});

test("every field and the domain are bound: changing one changes the digest", () => {
  const token = randomToken();
  const base = hashAccessToken({ chainId: 31_337, marketplace, token });
  const variants = [
    { ...token, purchaseId: token.purchaseId ^ 1n },
    { ...token, providerId: (token.providerId ^ 1) >>> 0 },
    { ...token, consumer: randomAddress() },
    { ...token, expiry: token.expiry ^ 1n },
    { ...token, nonce: token.nonce ^ 1n },
  ];
  for (const variant of variants)
    assert.notEqual(hashAccessToken({ chainId: 31_337, marketplace, token: variant }), base);
  assert.notEqual(hashAccessToken({ chainId: 31_338, marketplace, token }), base);
  assert.notEqual(hashAccessToken({ chainId: 31_337, marketplace: randomAddress(), token }), base);
  // The address's case does not matter.
  assert.equal(
    hashAccessToken({ chainId: 31_337, marketplace: marketplace.toLowerCase() as `0x${string}`, token }),
    base,
  );
});

test("a field outside its Solidity type throws InvalidAccessTokenFieldError naming the field", () => {
  const token = randomToken();
  const cases: [string, unknown][] = [
    ["purchaseId", 2n ** 64n],
    ["purchaseId", -1n],
    ["purchaseId", 7],
    ["providerId", 2 ** 32],
    ["providerId", -1],
    ["providerId", 1.5],
    ["consumer", "0x1234"],
    ["consumer", `0x${"g".repeat(40)}`],
    ["expiry", 2n ** 64n],
    ["nonce", "1"],
  ];
  for (const [field, value] of cases) {
    assert.throws(
      () => hashAccessToken({ chainId: 31_337, marketplace, token: { ...token, [field]: value } }),
      (error: unknown) => error instanceof InvalidAccessTokenFieldError && error.field === field,
      `${field} = ${String(value)}`,
    );
  }
  assert.throws(
    () => hashAccessToken({ chainId: 0, marketplace, token }),
    (error: unknown) => error instanceof InvalidAccessTokenFieldError && error.field === "chainId",
  );
  assert.throws(
    () => hashAccessToken({ chainId: 5, marketplace: "0xabc", token }),
    (error: unknown) => error instanceof InvalidAccessTokenFieldError && error.field === "marketplace",
  );
});
