import assert from "node:assert/strict";
import { test } from "node:test";
import { generatePrivateKey } from "viem/accounts";
import type { SignedAccessToken } from "./accessToken.ts";
import {
  ACCESS_TOKEN_ENCODED_LENGTH,
  ACCESS_TOKEN_WIRE_BYTES,
  decodeAccessToken,
  encodeAccessToken,
} from "./encoding.ts";
import {
  AccessTokenEncodingError,
  AccessTokenLengthError,
  AccessTokenVersionError,
  InvalidAccessTokenFieldError,
  MalformedAccessTokenError,
} from "./errors.ts";
import { signAccessToken } from "./signAccessToken.ts";
import { randomToken } from "./testutil.ts";

const chainId = 31_337;
const marketplace = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

const signed = (): Promise<SignedAccessToken> =>
  signAccessToken({ chainId, marketplace, privateKey: generatePrivateKey(), token: randomToken() });

/** The encoded form of `bytes` after `edit` changed them. */
const reencode = (encoded: string, edit: (bytes: Buffer) => void): string => {
  const bytes = Buffer.from(encoded, "base64url");
  edit(bytes);
  return bytes.toString("base64url");
};

test("the layout is 114 bytes, 152 base64url characters", () => {
  assert.equal(ACCESS_TOKEN_WIRE_BYTES, 114);
  assert.equal(ACCESS_TOKEN_ENCODED_LENGTH, 152);
});

test("encode then decode gives the token back (consumer lower-case), for 200 random tokens", async () => {
  for (let i = 0; i < 200; i++) {
    const token = await signed();
    const encoded = encodeAccessToken(token);
    assert.equal(encoded.length, 152);
    assert.match(encoded, /^[A-Za-z0-9_-]+$/);
    assert.deepEqual(decodeAccessToken(encoded), { ...token, consumer: token.consumer.toLowerCase() });
  }
});

test("fields sit at the documented offsets, big-endian", () => {
  const token: SignedAccessToken = {
    purchaseId: 0x0102030405060708n,
    providerId: 0x0a0b0c0d,
    consumer: `0x${"ee".repeat(20)}`,
    expiry: 0x1112131415161718n,
    nonce: 0x2122232425262728n,
    signature: `0x${"33".repeat(64)}1b`,
  };
  const bytes = Buffer.from(encodeAccessToken(token), "base64url");
  assert.equal(
    bytes.toString("hex"),
    `01${"0102030405060708"}${"0a0b0c0d"}${"ee".repeat(20)}${"1112131415161718"}${"2122232425262728"}${"33".repeat(64)}1b`,
  );
});

test("each malformation has its named error, all MalformedAccessTokenError", async () => {
  const encoded = encodeAccessToken(await signed());
  const cases: [string, new (...args: never[]) => Error][] = [
    ["", AccessTokenLengthError],
    [encoded.slice(1), AccessTokenLengthError],
    [`${encoded}A`, AccessTokenLengthError],
    [`${encoded.slice(0, 151)}=`, AccessTokenEncodingError], // padding
    [`+${encoded.slice(1)}`, AccessTokenEncodingError], // standard base64, not url-safe
    [`${encoded.slice(0, 75)}/${encoded.slice(76)}`, AccessTokenEncodingError],
    [`${encoded.slice(0, 75)} ${encoded.slice(76)}`, AccessTokenEncodingError],
    [`${encoded.slice(0, 75)}é${encoded.slice(76)}`, AccessTokenEncodingError],
    [
      reencode(encoded, (bytes) => {
        bytes[0] = 0;
      }),
      AccessTokenVersionError,
    ],
    [
      reencode(encoded, (bytes) => {
        bytes[0] = 2;
      }),
      AccessTokenVersionError,
    ],
    [
      reencode(encoded, (bytes) => {
        bytes[0] = 0xff;
      }),
      AccessTokenVersionError,
    ],
  ];
  for (const [input, kind] of cases) {
    assert.throws(
      () => decodeAccessToken(input),
      (error: unknown) => error instanceof kind && error instanceof MalformedAccessTokenError,
      `${kind.name}: ${input}`,
    );
  }
  assert.throws(() => decodeAccessToken(undefined as unknown as string), AccessTokenEncodingError);
});

test("encodeAccessToken refuses a token it could not decode back", async () => {
  const token = await signed();
  for (const signature of ["0x1b", `${token.signature}00`, `0x${"zz".repeat(65)}`]) {
    assert.throws(
      () => encodeAccessToken({ ...token, signature: signature as `0x${string}` }),
      (error: unknown) => error instanceof InvalidAccessTokenFieldError && error.field === "signature",
    );
  }
  assert.throws(() => encodeAccessToken({ ...token, nonce: 2n ** 64n }), InvalidAccessTokenFieldError);
});
