// Child process for the concurrency test: waits for a shared start time, then records `count`
// requests (request i = keccak-free synthetic hash of i) all with this process's response, and
// prints which ones it won and which were refused as conflicting.
// Usage: raceRecorder.ts <dbPath> <startAtMs> <count> <responseHash>
import { setTimeout as sleep } from "node:timers/promises";
import { ConflictingSignatureError } from "../../errors.ts";
import type { Hash32 } from "../../types.ts";
import { openSqliteStore } from "../openSqliteStore.ts";

const [path, startAt, count, responseHash] = process.argv.slice(2);
if (!path || !startAt || !count || !responseHash)
  throw new Error("usage: raceRecorder.ts <db> <start> <n> <resp>");
const store = openSqliteStore(path);
await sleep(Math.max(0, Number(startAt) - Date.now()));
const won: number[] = [];
const refused: number[] = [];
for (let i = 0; i < Number(count); i++) {
  try {
    const { created } = await store.slashingProtection.recordSignature({
      requestHash: `0x${i.toString(16).padStart(64, "0")}` as Hash32,
      responseHash: responseHash as Hash32,
      referenceBlock: i,
      signedAt: Date.now(),
    });
    if (created) won.push(i);
  } catch (error) {
    if (!(error instanceof ConflictingSignatureError)) throw error;
    refused.push(i);
  }
}
store.close();
process.stdout.write(`${JSON.stringify({ won, refused })}\n`);
