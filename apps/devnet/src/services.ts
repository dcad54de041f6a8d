import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { DevnetError } from "./errors.ts";

export interface StartServiceOptions {
  /** Prefixes every output line: `[name] …`. */
  name: string;
  /** A TypeScript entry point, run as `node --import tsx <script>` (the repo's tsx loader, one process). */
  script: string;
  args?: readonly string[];
  /** Added to this process's environment. */
  env?: Readonly<Record<string, string>>;
  cwd?: string;
  /** Ready when a line of output matches (stdout or stderr)… */
  readyLine?: RegExp;
  /** …or when this URL answers an HTTP GET with any status. At least one of the two. */
  readyUrl?: string;
  /** Default 30 s. */
  readyTimeoutMs?: number;
  /** Receives every prefixed output line. */
  print: (line: string) => void;
}

export interface Service {
  readonly name: string;
  readonly pid: number;
  /** Resolves with the exit code (null after a signal) however the process ended. */
  readonly exited: Promise<number | null>;
  /** SIGTERM to the service's process group, SIGKILL after `timeoutMs` (default 10 s). */
  stop(timeoutMs?: number): Promise<void>;
}

/** The service did not become ready (exited first, or timed out); its output went through `print`. */
export class ServiceStartError extends DevnetError {
  constructor(
    readonly service: string,
    reason: string,
  ) {
    super(`service ${service} ${reason}`);
    this.name = "ServiceStartError";
  }
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Signals a child's whole process group (it was spawned detached, so it leads one). Also after the
 * leader exited: the group outlives it while anything the service spawned still runs.
 */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group is gone already.
  }
}

/** If the devnet dies without stopping its services (a crash), they die with it. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const child of live) signalGroup(child, "SIGKILL");
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1_000) });
    return true;
  } catch {
    return false; // not listening yet
  }
}

/**
 * Starts a long-running TypeScript service as a child process and waits until it is ready.
 *
 * Supervision is deliberately small: no restarts (a crashed service is reported by `exited` and
 * stays down, so a failure is seen rather than hidden). The child runs in its own process group:
 * a terminal's Ctrl-C reaches only the devnet, which stops its services in order with one SIGTERM
 * each; `stop()` signals the whole group, so anything the service spawned goes too.
 *
 * @example
 * const node = await startService({ name: "node-0", script: "apps/node/src/main.ts", args, readyLine: /node listening/, print });
 * …
 * await node.stop();
 */
export async function startService(options: StartServiceOptions): Promise<Service> {
  const { name, print } = options;
  if (!options.readyLine && !options.readyUrl)
    throw new DevnetError(`service ${name}: give readyLine or readyUrl`);
  const child = spawn(process.execPath, ["--import", "tsx", options.script, ...(options.args ?? [])], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  installExitHook();
  live.add(child);

  let ready = false;
  let sawReadyLine = false;
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on("line", (line) => {
      if (!ready && options.readyLine?.test(line)) sawReadyLine = true;
      print(`[${name}] ${line}`);
    });
  }
  let spawnError: Error | undefined;
  child.once("error", (error) => {
    spawnError = error;
  });
  const exited = new Promise<number | null>((resolveExit) => {
    child.once("exit", (code) => {
      live.delete(child);
      resolveExit(code);
    });
  });
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });

  const stop = async (timeoutMs = 10_000): Promise<void> => {
    if (hasExited) return;
    signalGroup(child, "SIGTERM");
    const timer = setTimeout(() => signalGroup(child, "SIGKILL"), timeoutMs);
    await exited;
    clearTimeout(timer);
    // The leader is gone; make sure nothing it spawned outlives it.
    signalGroup(child, "SIGKILL");
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  for (;;) {
    if (spawnError) throw new ServiceStartError(name, `could not be spawned: ${spawnError.message}`);
    if (hasExited) throw new ServiceStartError(name, `exited before it was ready (code ${child.exitCode})`);
    if (sawReadyLine || (options.readyUrl !== undefined && (await answers(options.readyUrl)))) break;
    if (Date.now() > deadline) {
      await stop(2_000);
      throw new ServiceStartError(name, "was not ready in time");
    }
    await sleep(50);
  }
  ready = true;
  if (child.pid === undefined) throw new ServiceStartError(name, "has no pid");
  return { name, pid: child.pid, exited, stop };
}
