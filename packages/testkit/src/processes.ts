import { type ChildProcess, spawn } from "node:child_process";
import { repoRoot } from "./paths.ts";

/** A TypeScript script running as one node process (tsx as a loader), with its recent output. */
export interface TsProcess {
  name: string;
  child: ChildProcess;
  pid: number;
  /** The last 400 lines of stdout and stderr. */
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Set once it has exited. */
  exitedAt: { code: number | null; signal: NodeJS.Signals | null } | undefined;
}

/**
 * Starts a script with the repo's tsx as a loader inside ONE node process (`node --import tsx`), not
 * the tsx CLI: the CLI forks a second process, which a SIGKILL of the first would orphan.
 */
export function startTsProcess(
  name: string,
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): TsProcess {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.pid === undefined) throw new Error(`${name} did not start`);
  const output: string[] = [];
  const collect = (chunk: Buffer) => {
    output.push(...chunk.toString().split("\n").filter(Boolean));
    if (output.length > 400) output.splice(0, output.length - 400);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const proc: TsProcess = {
    name,
    child,
    pid: child.pid,
    output,
    exitedAt: undefined,
    exited: new Promise((resolveExit) =>
      child.once("exit", (code, signal) => {
        proc.exitedAt = { code, signal };
        resolveExit({ code, signal });
      }),
    ),
  };
  return proc;
}

/** Polls `url` until it answers one of `ok`; fails at once if the process exits. */
export async function waitHealthy(
  proc: TsProcess,
  url: string,
  ok: readonly number[] = [200],
  timeoutMs = 30_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (proc.exitedAt)
      throw new Error(
        `${proc.name} exited (${JSON.stringify(proc.exitedAt)}) before it was ready:\n${proc.output.slice(-30).join("\n")}`,
      );
    const status = await fetch(url, { signal: AbortSignal.timeout(1_000) }).then(
      async (response) => {
        await response.body?.cancel();
        return response.status;
      },
      () => 0,
    );
    if (ok.includes(status)) return;
    if (Date.now() > until) throw new Error(`${proc.name} not healthy at ${url} within ${timeoutMs} ms`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
}

/** SIGKILLs the process (if still running) and waits for its exit. */
export async function killProcess(proc: TsProcess, signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
  if (!proc.exitedAt) proc.child.kill(signal);
  await proc.exited;
}
