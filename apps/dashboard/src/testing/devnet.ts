import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, repoRoot } from "@palisade/testkit";

/** A devnet started for a test (`npm start`'s apps/devnet/src/main.ts) on a free port and a temporary state dir. */
export interface TestDevnet {
  stateDir: string;
  rpcUrl: string;
  /** The dashboard's URL, from the summary's Services section. */
  dashboardUrl: string;
  output(): string;
  /** SIGINT (the devnet stops its services and anvil), then removes the state dir. */
  stop(): Promise<void>;
}

const devnetMain = join(repoRoot, "apps/devnet/src/main.ts");

/** Starts the devnet and waits for its summary; throws with its output if it exits or takes over `timeoutMs`. */
export async function startTestDevnet(timeoutMs = 150_000): Promise<TestDevnet> {
  const stateDir = mkdtempSync(join(tmpdir(), "palisade-dashboard-"));
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", devnetMain, "--port", String(port), "--state-dir", stateDir],
    { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString("utf8");
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGINT");
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(stateDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + timeoutMs;
  while (!/^ready: /m.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the devnet did not become ready:\n${output.slice(-4000)}`);
    }
    await new Promise((wait) => setTimeout(wait, 100));
  }
  const dashboardUrl = /^ {2}dashboard +(http:\/\/\S+) +pid \d+$/m.exec(output)?.[1];
  if (!dashboardUrl) {
    await stop();
    throw new Error(`the devnet's summary lists no dashboard:\n${output.slice(-4000)}`);
  }
  return { stateDir, rpcUrl: `http://127.0.0.1:${port}`, dashboardUrl, output: () => output, stop };
}
