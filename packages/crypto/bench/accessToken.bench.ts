// Cost of the access-token primitives, native path against viem (not part of the test suite).
// Run: node_modules/.bin/tsx packages/crypto/bench/accessToken.bench.ts [--append]
// --append adds the table, with the machine and the date, to packages/crypto/bench/results.md.
import { appendFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { type Address, hashTypedData, recoverTypedDataAddress } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import {
  accessTokenDomain,
  accessTokenTypes,
  decodeAccessToken,
  encodeAccessToken,
  hashAccessToken,
  nativeCrypto,
  recoverAccessTokenSigner,
  type SignedAccessToken,
  signAccessToken,
} from "../src/index.ts";

/** Median µs per call over `batches` batches of `perBatch` calls, after one warm-up batch. */
async function measure(batches: number, perBatch: number, body: (i: number) => unknown): Promise<number> {
  let sink: unknown;
  for (let i = 0; i < perBatch; i++) sink = await body(i);
  const times: number[] = [];
  for (let b = 0; b < batches; b++) {
    const start = performance.now();
    for (let i = 0; i < perBatch; i++) sink = await body(b * perBatch + i);
    times.push(((performance.now() - start) * 1000) / perBatch);
  }
  if (sink === Symbol.for("never")) process.stdout.write("");
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

const chainId = 31_337;
const marketplace: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const domain = accessTokenDomain({ chainId, marketplace });
const privateKey = generatePrivateKey();
const account = privateKeyToAccount(privateKey);
const COUNT = 2_000;
const tokens: SignedAccessToken[] = [];
for (let i = 0; i < COUNT; i++) {
  tokens.push(
    await signAccessToken({
      chainId,
      marketplace,
      privateKey,
      token: {
        purchaseId: 42n,
        providerId: 7,
        consumer: account.address,
        expiry: 1_900_000_000n,
        nonce: BigInt(i + 1),
      },
    }),
  );
}
const encoded = tokens.map(encodeAccessToken);
const token = (i: number) => tokens[i % COUNT] as SignedAccessToken;
const typed = (i: number) => ({
  domain,
  types: accessTokenTypes,
  primaryType: "AccessToken" as const,
  message: token(i),
});

const rows: [string, number, number | undefined][] = [];
const pair = async (name: string, native: number, viem: number | undefined) => {
  rows.push([name, native, viem]);
};
await pair(
  "hash (EIP-712 digest)",
  await measure(21, 2_000, (i) => hashAccessToken({ chainId, marketplace, token: token(i) })),
  await measure(21, 200, (i) => hashTypedData(typed(i))),
);
await pair(
  "recover signer",
  await measure(21, 500, (i) => recoverAccessTokenSigner({ chainId, marketplace, token: token(i) })),
  await measure(11, 50, (i) => recoverTypedDataAddress({ ...typed(i), signature: token(i).signature })),
);
await pair(
  "sign (privateKey native / viem account)",
  await measure(21, 500, (i) => signAccessToken({ chainId, marketplace, privateKey, token: token(i) })),
  await measure(11, 50, (i) => signAccessToken({ chainId, marketplace, account, token: token(i) })),
);
await pair(
  "decode wire form",
  await measure(21, 5_000, (i) => decodeAccessToken(encoded[i % COUNT] as string)),
  undefined,
);
await pair("encode wire form", await measure(21, 5_000, (i) => encodeAccessToken(token(i))), undefined);

const width = Math.max(...rows.map(([name]) => name.length));
const lines = [
  `${"operation".padEnd(width)} | native µs | viem µs | viem / native`,
  `${"-".repeat(width)}-|-----------|---------|--------------`,
  ...rows.map(([name, native, viem]) =>
    `${name.padEnd(width)} | ${native.toFixed(1).padStart(9)} | ${viem === undefined ? "      –" : viem.toFixed(1).padStart(7)} | ${viem === undefined ? "" : `${(viem / native).toFixed(1)}×`}`.trimEnd(),
  ),
];
const native = nativeCrypto();
const machine = `${cpus().length} cores, ${cpus()[0]?.model.trim() ?? "unknown CPU"}, node ${process.version}, keccak ${native.keccakSponge ? "native (sponge reused)" : native.keccak ? "native" : "JS fallback"}, secp256k1 ${native.secp256k1 ? "native" : "JS fallback"}`;
const table = `${lines.join("\n")}\n\n${machine}\n`;
process.stdout.write(table);
if (process.argv.includes("--append")) {
  const date = new Date().toISOString().slice(0, 10);
  appendFileSync(
    join(import.meta.dirname, "results.md"),
    `\n## Access tokens — ${date}\n\nProduced by \`node_modules/.bin/tsx packages/crypto/bench/accessToken.bench.ts --append\` (median µs per\ncall over batches, after a warm-up; one thread).\n\n\`\`\`\n${table}\`\`\`\n`,
  );
}
