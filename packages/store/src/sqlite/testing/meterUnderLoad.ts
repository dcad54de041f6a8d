// Child process for the metering crash test: records calls 1 … count of one purchase with `inFlight`
// recordCalls outstanding at all times, each under the batch token covering it (nonce = the end of
// its batch of `batch` calls), re-sending an earlier call now and then (it must be refused), and
// prints `ok <call>` the moment a call resolves (durable) or `dup <call>` when refused. The parent
// SIGKILLs it mid-load. Writes to a pipe are synchronous on Linux: a printed line was written before
// the next statement ran.
// Usage: meterUnderLoad.ts <dbPath> <purchaseId> <count> <inFlight> <batch>
import { ReplayedCallError } from "../../errors.ts";
import { openMeteringStore } from "../openMeteringStore.ts";

const [path, purchaseIdArg, countArg, inFlightArg, batchArg] = process.argv.slice(2);
if (!path || !purchaseIdArg || !countArg || !inFlightArg || !batchArg)
  throw new Error("usage: meterUnderLoad.ts <db> <purchaseId> <count> <inFlight> <batch>");
const purchaseId = BigInt(purchaseIdArg);
const batch = BigInt(batchArg);
const count = Number(countArg);
const store = openMeteringStore(path);
let fresh = 0;
let operations = 0;

async function worker(): Promise<void> {
  while (fresh < count) {
    // Every 7th operation re-sends a call issued earlier: refused, whether its first send is already
    // committed or still queued in the same batch.
    const replay = ++operations % 7 === 0 && fresh > 3;
    const call = replay ? fresh - 3 : ++fresh;
    try {
      await store.recordCall({
        purchaseId,
        call: BigInt(call),
        // The token of the call's batch: calls (j − 1)·batch + 1 … j·batch share nonce j·batch.
        nonce: ((BigInt(call) + batch - 1n) / batch) * batch,
        expiry: 1_900_000_000n,
        signer: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
        signature: `0x${"ab".repeat(64)}1b`,
        servedAt: Date.now(),
      });
      process.stdout.write(`ok ${call}\n`);
    } catch (error) {
      if (!(error instanceof ReplayedCallError)) throw error;
      process.stdout.write(`dup ${call}\n`);
    }
  }
}

await Promise.all(Array.from({ length: Number(inFlightArg) }, worker));
await store.close();
process.stdout.write("done\n");
