// Child process for the metering crash test: records calls 1 … count of one purchase with `inFlight`
// recordCalls outstanding at all times, re-sending an earlier nonce now and then (it must be refused),
// and prints `ok <nonce>` the moment a call resolves (durable) or `dup <nonce>` when refused. The
// parent SIGKILLs it mid-load. Writes to a pipe are synchronous on Linux: a printed line was written
// before the next statement ran.
// Usage: meterUnderLoad.ts <dbPath> <purchaseId> <count> <inFlight>
import { ReplayedCallError } from "../../errors.ts";
import { openMeteringStore } from "../openMeteringStore.ts";

const [path, purchaseIdArg, countArg, inFlightArg] = process.argv.slice(2);
if (!path || !purchaseIdArg || !countArg || !inFlightArg)
  throw new Error("usage: meterUnderLoad.ts <db> <purchaseId> <count> <inFlight>");
const purchaseId = BigInt(purchaseIdArg);
const count = Number(countArg);
const store = openMeteringStore(path);
let fresh = 0;
let operations = 0;

async function worker(): Promise<void> {
  while (fresh < count) {
    // Every 7th operation re-sends a nonce issued earlier: refused, whether its first send is already
    // committed or still queued in the same batch.
    const replay = ++operations % 7 === 0 && fresh > 3;
    const nonce = replay ? fresh - 3 : ++fresh;
    try {
      await store.recordCall({
        purchaseId,
        nonce: BigInt(nonce),
        expiry: 1_900_000_000n,
        signer: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
        signature: `0x${"ab".repeat(64)}1b`,
        servedAt: Date.now(),
      });
      process.stdout.write(`ok ${nonce}\n`);
    } catch (error) {
      if (!(error instanceof ReplayedCallError)) throw error;
      process.stdout.write(`dup ${nonce}\n`);
    }
  }
}

await Promise.all(Array.from({ length: Number(inFlightArg) }, worker));
await store.close();
process.stdout.write("done\n");
