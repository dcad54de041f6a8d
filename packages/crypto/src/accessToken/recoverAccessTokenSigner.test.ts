import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { type Hex, recoverTypedDataAddress } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { accessTokenDomain, accessTokenTypes, type SignedAccessToken } from "./accessToken.ts";
import { HighSSignatureError, InvalidAccessTokenFieldError, MalformedSignatureError } from "./errors.ts";
import { hashAccessToken } from "./hashAccessToken.ts";
import { secp256k1 } from "./native.ts";
import { recoverAccessTokenSigner } from "./recoverAccessTokenSigner.ts";
import { signAccessToken } from "./signAccessToken.ts";
import { randomAddress, randomToken } from "./testutil.ts";

const chainId = 31_337;
const marketplace = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

const word = (value: bigint) => value.toString(16).padStart(64, "0");
const split = (signature: Hex) => ({
  r: BigInt(`0x${signature.slice(2, 66)}`),
  s: BigInt(`0x${signature.slice(66, 130)}`),
  v: Number.parseInt(signature.slice(130, 132), 16),
});
const join = (r: bigint, s: bigint, v: number): Hex =>
  `0x${word(r)}${word(s)}${v.toString(16).padStart(2, "0")}`;

async function signedRandomToken(): Promise<{ token: SignedAccessToken; signer: `0x${string}` }> {
  const account = privateKeyToAccount(generatePrivateKey());
  const token = await signAccessToken({ chainId, marketplace, account, token: randomToken() });
  return { token, signer: account.address };
}

test("recovers the signer viem recovers, on 100 random tokens signed through viem and natively", async () => {
  for (let i = 0; i < 100; i++) {
    const privateKey = generatePrivateKey();
    const account = privateKeyToAccount(privateKey);
    // Half signed by the consumer itself, half by some other key (a session key).
    const token = randomToken(i % 2 === 0 ? account.address : randomAddress());
    const viaViem = await signAccessToken({ chainId, marketplace, account, token });
    const native = await signAccessToken({ chainId, marketplace, privateKey, token });
    assert.equal(native.signature, viaViem.signature, "RFC 6979: both paths sign identically");

    const expected = await recoverTypedDataAddress({
      domain: accessTokenDomain({ chainId, marketplace }),
      types: accessTokenTypes,
      primaryType: "AccessToken",
      message: token,
      signature: viaViem.signature,
    });
    assert.equal(expected, account.address);
    assert.equal(
      recoverAccessTokenSigner({ chainId, marketplace, token: native }),
      account.address.toLowerCase(),
    );
  }
});

test("a token signed for another deployment or with a changed field recovers someone else", async () => {
  const { token, signer } = await signedRandomToken();
  const lower = signer.toLowerCase();
  assert.equal(recoverAccessTokenSigner({ chainId, marketplace, token }), lower);
  assert.notEqual(recoverAccessTokenSigner({ chainId: chainId + 1, marketplace, token }), lower);
  assert.notEqual(recoverAccessTokenSigner({ chainId, marketplace: randomAddress(), token }), lower);
  for (const changed of [
    { ...token, nonce: token.nonce ^ 1n },
    { ...token, purchaseId: token.purchaseId ^ 1n },
    { ...token, providerId: (token.providerId ^ 1) >>> 0 },
    { ...token, expiry: token.expiry ^ 1n },
    { ...token, consumer: randomAddress() },
  ]) {
    let recovered: string | undefined;
    try {
      recovered = recoverAccessTokenSigner({ chainId, marketplace, token: changed });
    } catch (error) {
      // A different digest may have no point for (r, v): refused, which is as good.
      assert.ok(error instanceof MalformedSignatureError);
    }
    assert.notEqual(recovered, lower);
  }
});

test("the high-s twin of a valid signature is refused with HighSSignatureError (viem would accept it)", async () => {
  const { token, signer } = await signedRandomToken();
  const { r, s, v } = split(token.signature);
  assert.ok(s <= N / 2n, "signers produce low s");
  const twin = join(r, N - s, v === 27 ? 28 : 27);
  const message = { ...token };
  const viemRecovered = await recoverTypedDataAddress({
    domain: accessTokenDomain({ chainId, marketplace }),
    types: accessTokenTypes,
    primaryType: "AccessToken",
    message,
    signature: twin,
  });
  assert.equal(viemRecovered, signer, "the twin is mathematically valid: that is why it must be refused");
  assert.throws(
    () => recoverAccessTokenSigner({ chainId, marketplace, token: { ...token, signature: twin } }),
    HighSSignatureError,
  );
});

test("malformed signatures throw MalformedSignatureError with the reason", async () => {
  const { token } = await signedRandomToken();
  const { r, s } = split(token.signature);
  const body = token.signature.slice(2, 130);
  // An r that is the x of no curve point: found by search, deterministic.
  let noPoint = 1n;
  const digest = Buffer.from(hashAccessToken({ chainId, marketplace, token }).slice(2), "hex");
  for (; ; noPoint++) {
    try {
      secp256k1.ecdsaRecover(Buffer.from(word(noPoint) + word(s), "hex"), 0, digest, false);
    } catch {
      break;
    }
  }
  const cases: [string, unknown][] = [
    ["encoding", `0x${"zz".repeat(65)}`],
    ["encoding", token.signature.slice(2)],
    ["encoding", 42],
    ["length", `0x${body}`],
    ["length", `${token.signature}1b`],
    ["length", "0x"],
    ["recovery-id", `0x${body}00`],
    ["recovery-id", `0x${body}01`],
    ["recovery-id", `0x${body}1d`],
    ["zero", join(0n, s, 27)],
    ["zero", join(r, 0n, 27)],
    ["out-of-range", join(N, s, 27)],
    ["out-of-range", join(r, N, 27)],
    ["out-of-range", join(2n ** 256n - 1n, s, 27)],
    ["unrecoverable", join(noPoint, s, 27)],
  ];
  for (const [reason, signature] of cases) {
    assert.throws(
      () =>
        recoverAccessTokenSigner({ chainId, marketplace, token: { ...token, signature: signature as Hex } }),
      (error: unknown) => error instanceof MalformedSignatureError && error.reason === reason,
      `${reason}: ${String(signature)}`,
    );
  }
});

test("signAccessToken refuses a malformed private key or token without signing", async () => {
  const token = randomToken();
  for (const privateKey of ["0x1234", `0x${"00".repeat(32)}`, `0x${word(N)}`] as Hex[]) {
    await assert.rejects(
      signAccessToken({ chainId, marketplace, privateKey, token }),
      (error: unknown) => error instanceof InvalidAccessTokenFieldError && error.field === "privateKey",
    );
  }
  await assert.rejects(
    signAccessToken({
      chainId,
      marketplace,
      privateKey: `0x${randomBytes(32).toString("hex")}`,
      token: { ...token, nonce: -1n },
    }),
    InvalidAccessTokenFieldError,
  );
});
