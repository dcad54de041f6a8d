/**
 * The alert log: one JSON alert per line (and, with --aggregator-url, one `palisade.attestation/1`
 * record per certified alert, told apart by `schema`), appended and fsync'd line by line, in order. A
 * crash loses at most the line being written; a reader (`tail -f`) sees whole lines only once they are
 * on disk. A write failure (disk full, file removed) is logged with its reason and the next alert is
 * tried again: the log never stops detection.
 */
import { type FileHandle, mkdir, open } from "node:fs/promises";
import { dirname } from "node:path";
import type { Logger } from "pino";
import type { Alert } from "../alert.ts";
import type { AttestationRecord } from "../attested/attestationRecord.ts";
import type { AlertSink } from "./sink.ts";

export interface JsonlSinkOptions {
  path: string;
  logger: Logger;
  /** Called after a line is on disk (tests, metrics). */
  onWritten?: (alert: Alert) => void;
  onFailed?: (alert: Alert, error: unknown) => void;
}

export async function openJsonlSink(options: JsonlSinkOptions): Promise<AlertSink> {
  await mkdir(dirname(options.path), { recursive: true });
  const handle: FileHandle = await open(options.path, "a");
  let chain: Promise<void> = Promise.resolve();
  let closed = false;
  const append = async (line: string) => {
    await handle.write(`${line}\n`);
    await handle.datasync();
  };
  const write = async (alert: Alert) => {
    try {
      await append(JSON.stringify(alert));
      options.onWritten?.(alert);
    } catch (error) {
      options.logger.error({ err: error, alert: alert.id, path: options.path }, "alert log write failed");
      options.onFailed?.(alert, error);
    }
  };
  const writeRecord = async (record: AttestationRecord) => {
    try {
      await append(JSON.stringify(record));
    } catch (error) {
      options.logger.error(
        { err: error, alert: record.alertId, path: options.path },
        "attestation log write failed",
      );
    }
  };
  return {
    name: "log",
    send(alert) {
      if (closed) return;
      chain = chain.then(() => write(alert));
    },
    sendRecord(record) {
      if (closed) return;
      chain = chain.then(() => writeRecord(record));
    },
    async close(timeoutMs = 5_000) {
      closed = true;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        chain,
        new Promise((resolve) => {
          timer = setTimeout(resolve, timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      await handle.close();
    },
  };
}
