import { createHash, timingSafeEqual } from "node:crypto";
import { readFile } from "node:fs/promises";
import { AlertsNotAcceptedError, AlertsUnauthorizedError, GatewayStartError } from "../errors.ts";

/** Shortest secret accepted: 16 characters (e.g. `openssl rand -hex 32` writes 64). */
const MIN_SECRET_LENGTH = 16;

/**
 * The alerts secret of `--alerts-token-file`: the file's text, trimmed; one word of at least 16
 * characters (a short or multi-line file is an operator's mistake, refused at start).
 */
export async function loadAlertsToken(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new GatewayStartError(`--alerts-token-file ${path} cannot be read`, { cause: error });
  }
  const secret = text.trim();
  if (secret.length < MIN_SECRET_LENGTH || /\s/.test(secret))
    throw new GatewayStartError(
      `--alerts-token-file ${path}: expected one secret of at least ${MIN_SECRET_LENGTH} characters without spaces`,
    );
  return secret;
}

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/**
 * Checks `Authorization: Bearer <secret>` against the gateway's secret: 403 when the gateway takes no
 * alerts, 401 when the header is missing or the secret differs. Compared as SHA-256 digests with
 * `timingSafeEqual`, so the time taken says nothing about the secret (not even its length).
 */
export function checkAlertsToken(authorization: string | undefined, secret: string | undefined): void {
  if (secret === undefined) throw new AlertsNotAcceptedError();
  const match = /^Bearer +(\S+)$/i.exec(authorization?.trim() ?? "");
  if (match?.[1] === undefined) throw new AlertsUnauthorizedError("missing");
  if (!timingSafeEqual(digest(match[1]), digest(secret))) throw new AlertsUnauthorizedError("invalid");
}
