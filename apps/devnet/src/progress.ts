/** Prints deploy/seed progress, one line per step with the time the step took. */
export interface Progress {
  /** A line without timing, e.g. what is about to happen; restarts the step clock. */
  note(phase: string, message: string): void;
  /** `[phase] message … 1.2 s`: the time since the previous line. */
  step(phase: string, message: string): void;
}

/** Full addresses make step lines overflow the terminal; the summary prints them in full. */
const shortenAddresses = (text: string): string =>
  text.replace(/0x([0-9a-fA-F]{4})[0-9a-fA-F]{32}([0-9a-fA-F]{4})\b/g, "0x$1…$2");

/** `now` is injectable for tests (milliseconds, monotonic). */
export function createProgress(log: (line: string) => void, now = () => performance.now()): Progress {
  let last = now();
  return {
    note(phase, message) {
      log(`[${phase}] ${shortenAddresses(message)}`);
      last = now();
    },
    step(phase, message) {
      const at = now();
      log(`[${phase}] ${shortenAddresses(message)} … ${((at - last) / 1000).toFixed(1)} s`);
      last = at;
    },
  };
}
