import { type ChildProcess, spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { freePort, isPortBusy } from "./freePort.ts";
import { anvilBinary } from "./paths.ts";

export interface StartAnvilOptions {
  /** Port on 127.0.0.1; when omitted a free one is asked from the OS (retried on a collision). */
  port?: number;
  /** `--state`: load this file if it exists, dump the chain into it on exit. */
  stateFile?: string;
  /** `--state-interval` seconds: also dump periodically, so a crash loses little (needs stateFile). */
  stateIntervalSeconds?: number;
  /** `--block-time` seconds (interval mining); automine when omitted. */
  blockTime?: number;
  /**
   * Run anvil in its own process group, so a terminal's Ctrl-C reaches only this process, which
   * then stops anvil with exactly one SIGTERM (a second signal during the state dump kills anvil
   * before it writes the file). Default false: anvil dies with the caller's process group.
   */
  ownProcessGroup?: boolean;
  /** How long to wait for the RPC to answer. Default 20 s. */
  readyTimeoutMs?: number;
}

export interface Anvil {
  readonly rpcUrl: string;
  readonly port: number;
  readonly pid: number;
  /** SIGTERM (anvil dumps `--state`), wait for the exit, SIGKILL after `timeoutMs` (default 15 s). */
  stop(timeoutMs?: number): Promise<void>;
  /** Resolves when the process has exited, however it happened. */
  readonly exited: Promise<void>;
}

/** Anvil refused to start because its port is taken. */
export class AnvilPortInUseError extends Error {
  constructor(readonly port: number) {
    super(`port ${port} on 127.0.0.1 is already in use`);
    this.name = "AnvilPortInUseError";
  }
}

/** Anvil exited or did not answer before it was ready. */
export class AnvilStartError extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(output ? `${message}\n--- anvil output ---\n${output}` : message);
    this.name = "AnvilStartError";
  }
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Kills every anvil still running when this process exits (e.g. a test crashed before stop()). */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const child of live) child.kill("SIGKILL");
  });
}

async function rpcAnswers(rpcUrl: string): Promise<boolean> {
  try {
    const response = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(1_000),
    });
    return response.ok;
  } catch {
    return false; // not listening yet
  }
}

async function startOnce(port: number, options: StartAnvilOptions): Promise<Anvil> {
  // Checked first: while a foreign anvil holds the port, its RPC would answer our readiness probe.
  if (await isPortBusy(port)) throw new AnvilPortInUseError(port);
  const args = ["--port", String(port), "--host", "127.0.0.1", "--hardfork", "prague"];
  if (options.stateFile !== undefined) args.push("--state", options.stateFile);
  if (options.stateIntervalSeconds !== undefined)
    args.push("--state-interval", String(options.stateIntervalSeconds));
  if (options.blockTime !== undefined) args.push("--block-time", String(options.blockTime));

  const child = spawn(anvilBinary, args, {
    stdio: ["ignore", "pipe", "pipe"],
    detached: options.ownProcessGroup ?? false,
  });
  installExitHook();
  live.add(child);
  // Never keep the caller alive by itself: a test that forgets stop() still ends (the exit hook then
  // kills anvil). A long-running caller (the devnet) keeps itself alive.
  child.unref();

  // Keep the tail of the output for error messages; reading it also stops anvil blocking on a full pipe.
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-4_000);
  };
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on("data", keep);
    (stream as { unref?: () => void } | null)?.unref?.();
  }

  let hasExited = false;
  const exited = new Promise<void>((resolveExit) => {
    child.once("exit", () => {
      hasExited = true;
      live.delete(child);
      resolveExit();
    });
  });
  let spawnFailure: Error | undefined;
  child.once("error", (error) => {
    spawnFailure = error;
  });

  const rpcUrl = `http://127.0.0.1:${port}`;
  const stop = async (timeoutMs = 15_000): Promise<void> => {
    if (hasExited) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 20_000);
  for (;;) {
    if (spawnFailure)
      throw new AnvilStartError(`could not run ${anvilBinary}: ${spawnFailure.message}`, output);
    if (hasExited) {
      if (/address already in use/i.test(output)) throw new AnvilPortInUseError(port);
      throw new AnvilStartError(`anvil exited before it was ready (code ${child.exitCode})`, output);
    }
    if ((await rpcAnswers(rpcUrl)) && !hasExited) break;
    if (Date.now() > deadline) {
      await stop(1_000);
      throw new AnvilStartError(`anvil did not answer on ${rpcUrl} in time`, output);
    }
    await sleep(25);
  }
  if (child.pid === undefined) throw new AnvilStartError("anvil has no pid", output);
  return { rpcUrl, port, pid: child.pid, stop, exited };
}

/**
 * Starts anvil (`--hardfork prague --host 127.0.0.1`) and waits until its RPC answers.
 *
 * @example
 * const anvil = await startAnvil();
 * try { … anvil.rpcUrl … } finally { await anvil.stop(); }
 */
export async function startAnvil(options: StartAnvilOptions = {}): Promise<Anvil> {
  if (options.port !== undefined) return startOnce(options.port, options);
  // Another process may take the port between the OS handing it out and anvil binding it.
  const attempts = 5;
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(await freePort(), options);
    } catch (error) {
      if (!(error instanceof AnvilPortInUseError) || attempt >= attempts) throw error;
    }
  }
}
