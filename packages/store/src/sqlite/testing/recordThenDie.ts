// Child process for the crash test: records one signature, then SIGKILLs itself the moment
// recordSignature resolves — no close(), no exit handlers, no chance to flush anything later.
// Usage: recordThenDie.ts <dbPath> <requestHash> <responseHash>
import type { Hash32 } from "../../types.ts";
import { openSqliteStore } from "../openSqliteStore.ts";

const [path, requestHash, responseHash] = process.argv.slice(2);
if (!path || !requestHash || !responseHash)
  throw new Error("usage: recordThenDie.ts <db> <request> <response>");
const store = openSqliteStore(path);
await store.slashingProtection.recordSignature({
  requestHash: requestHash as Hash32,
  responseHash: responseHash as Hash32,
  referenceBlock: 7,
  signedAt: Date.now(),
});
process.kill(process.pid, "SIGKILL");
