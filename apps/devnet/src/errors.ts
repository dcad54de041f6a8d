/** The devnet cannot start (busy port, a refused setup transaction, …); the message says what to do. */
export class DevnetError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DevnetError";
  }
}
