import { inspect } from "node:util";

/**
 * Holds a private key or a password so it cannot reach output by accident: JSON, string conversion
 * and util.inspect print "[redacted]"; only `reveal()` gives the value, where it is used.
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
