import { inspect } from "node:util";

/**
 * Holds a secret (a private key, a password) so it cannot reach a log by accident: JSON, string
 * conversion and util.inspect (what pino and console use) all print "[redacted]".
 * Only `reveal()` gives the value, at the one place that needs it.
 */
export class Secret<T> {
  readonly #value: T;
  constructor(value: T) {
    this.#value = value;
  }
  reveal(): T {
    return this.#value;
  }
  toJSON(): string {
    return "[redacted]";
  }
  toString(): string {
    return "[redacted]";
  }
  [inspect.custom](): string {
    return "[redacted]";
  }
}
