// Child process for the two-process metering test: waits for a shared start time, then records calls
// 1 … count of purchase 1 (the other process records the same ones) in an order shuffled by `seed`,
// each under this process's batch token covering it (batches of `batch` calls: nonce = the batch's
// end), with 32 calls in flight, and prints which it won and which were refused as replays.
// Usage: meteringRace.ts <dbPath> <startAtMs> <count> <seed> <batch>
import { setTimeout as sleep } from "node:timers/promises";
import { ReplayedCallError } from "../../errors.ts";
import { openMeteringStore } from "../openMeteringStore.ts";

const [path, startAt, countArg, seedArg, batchArg] = process.argv.slice(2);
if (!path || !startAt || !countArg || !seedArg || !batchArg)
  throw new Error("usage: meteringRace.ts <db> <start> <n> <seed> <batch>");
const count = Number(countArg);
const batch = BigInt(batchArg);
// Fisher–Yates with a small LCG: each process visits the calls in its own order, so the two collide
// all along instead of one running ahead of the other.
const order = Array.from({ length: count }, (_, i) => i + 1);
let state = Number(seedArg) >>> 0;
for (let i = count - 1; i > 0; i--) {
  state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
  const j = state % (i + 1);
  [order[i], order[j]] = [order[j] as number, order[i] as number];
}
const store = openMeteringStore(path);
await sleep(Math.max(0, Number(startAt) - Date.now()));
const won: number[] = [];
const refused: number[] = [];
let next = 0;
async function worker(): Promise<void> {
  while (next < count) {
    const call = order[next++] as number;
    try {
      await store.recordCall({
        purchaseId: 1n,
        call: BigInt(call),
        nonce: ((BigInt(call) + batch - 1n) / batch) * batch,
        expiry: 1_900_000_000n,
        signer: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
        signature: `0x${"cd".repeat(64)}1c`,
        servedAt: Date.now(),
      });
      won.push(call);
    } catch (error) {
      if (!(error instanceof ReplayedCallError)) throw error;
      refused.push(call);
    }
  }
}
await Promise.all(Array.from({ length: 32 }, worker));
const { busyRetries } = store.stats();
await store.close();
process.stdout.write(`${JSON.stringify({ won, refused, busyRetries })}\n`);
