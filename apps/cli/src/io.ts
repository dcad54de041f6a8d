/** Where a command writes and what it reads from its process: injected so tests run main() in-process. */
export interface Io {
  stdout: Writer;
  stderr: Writer;
  env: Readonly<Record<string, string | undefined>>;
  /** Relative paths (deployment file, state dir, keystore) resolve against it. */
  cwd: string;
}

export interface Writer {
  write(chunk: string): unknown;
}

/** The running process's streams, environment and working directory. */
export function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}
