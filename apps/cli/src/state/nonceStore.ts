import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Address } from "viem";
import { z } from "zod";
import { NonceStateError } from "../errors.ts";

/** Default state directory, under the working directory. */
export const DEFAULT_STATE_DIR = ".palisade/cli";
const FILE = "nonces.json";

/** Nonces are per purchase of one marketplace on one chain. */
export interface NonceKey {
  chainId: number;
  marketplace: Address;
  purchaseId: bigint;
}

const fileSchema = z.object({
  version: z.literal(1),
  /** `chainId:marketplace:purchaseId` → the last nonce used, as a decimal string. */
  nonces: z.record(z.string(), z.string().regex(/^\d+$/)),
});

type NonceFile = z.output<typeof fileSchema>;

function keyOf(key: NonceKey): string {
  return `${key.chainId}:${key.marketplace.toLowerCase()}:${key.purchaseId}`;
}

async function readState(path: string): Promise<NonceFile> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { version: 1, nonces: {} };
    throw new NonceStateError(path, "unreadable", { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new NonceStateError(path, "is not JSON");
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success)
    throw new NonceStateError(path, "is not a nonce file of this CLI", {
      details: z.prettifyError(parsed.error),
    });
  return parsed.data;
}

/**
 * The nonces the CLI used for access tokens, in `<stateDir>/nonces.json`: the next call of a
 * purchase takes the nonce after the last one used (or after the calls already claimed on-chain,
 * whichever is higher), so consecutive invocations never present a nonce twice.
 */
export interface NonceStore {
  readonly path: string;
  /** The last nonce used for the purchase (0 when none). */
  last(key: NonceKey): Promise<bigint>;
  /** Records `nonce` as used (kept only if above the recorded one); written atomically. */
  record(key: NonceKey, nonce: bigint): Promise<void>;
}

export function nonceStore(stateDir: string): NonceStore {
  const path = join(stateDir, FILE);
  return {
    path,
    async last(key) {
      const state = await readState(path);
      return BigInt(state.nonces[keyOf(key)] ?? "0");
    },
    async record(key, nonce) {
      const state = await readState(path);
      const previous = BigInt(state.nonces[keyOf(key)] ?? "0");
      if (nonce <= previous) return;
      state.nonces[keyOf(key)] = nonce.toString();
      try {
        await mkdir(stateDir, { recursive: true });
        // Write then rename: a crash never leaves half a file (which would lose every purchase's nonce).
        const temporary = `${path}.${process.pid}.tmp`;
        await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`);
        await rename(temporary, path);
      } catch (error) {
        throw new NonceStateError(path, "could not be written", { cause: error });
      }
    },
  };
}
