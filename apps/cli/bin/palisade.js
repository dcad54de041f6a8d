#!/usr/bin/env node
// The `palisade` executable: registers tsx so the TypeScript sources run as they are, then hands
// argv and the process's streams to main(). The exit code is main()'s (0 ok, 1 failure, 2 usage).
import { register } from "tsx/esm/api";

register();
const { main, processIo } = await import("../src/main.ts");
process.exitCode = await main(process.argv.slice(2), processIo());
