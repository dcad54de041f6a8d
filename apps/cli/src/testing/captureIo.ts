import type { Io } from "../io.ts";

export interface CapturedIo extends Io {
  out(): string;
  err(): string;
}

/** An Io whose stdout and stderr are kept in memory, for running main() in-process. */
export function captureIo(options: { cwd: string; env?: Record<string, string | undefined> }): CapturedIo {
  let out = "";
  let err = "";
  return {
    stdout: {
      write(chunk: string) {
        out += chunk;
      },
    },
    stderr: {
      write(chunk: string) {
        err += chunk;
      },
    },
    env: options.env ?? {},
    cwd: options.cwd,
    out: () => out,
    err: () => err,
  };
}
