import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { pino } from "pino";
import { type Alert, parseAlert } from "../alert.ts";
import { parseAttestationRecord } from "../attested/attestationRecord.ts";
import { exampleAlert, exampleAttestationRecord } from "../exampleAlert.ts";
import { openJsonlSink } from "./jsonlSink.ts";

const logger = pino({ level: "silent" });

test("one alert per line, in order, appended across reopenings; the directory is created", async () => {
  const path = join(mkdtempSync(join(tmpdir(), "monitor-log-")), "nested", "alerts.jsonl");
  const nth = (n: number): Alert => ({ ...parseAlert(exampleAlert), detectedAt: n });
  const written: number[] = [];
  const first = await openJsonlSink({ path, logger, onWritten: (a) => written.push(a.detectedAt) });
  for (let n = 1; n <= 3; n++) first.send(nth(n));
  await first.close();
  assert.deepEqual(written, [1, 2, 3]);
  const second = await openJsonlSink({ path, logger });
  second.send(nth(4));
  await second.close();
  const lines = readFileSync(path, "utf8").split("\n");
  assert.equal(lines.pop(), "", "every line ends with a newline");
  assert.deepEqual(
    lines.map((line) => parseAlert(JSON.parse(line)).detectedAt),
    [1, 2, 3, 4],
  );
});

test("attestation records go to the log between the alerts, in order, told apart by their schema", async () => {
  const path = join(mkdtempSync(join(tmpdir(), "monitor-log-")), "alerts.jsonl");
  const alert = parseAlert(exampleAlert);
  const record = parseAttestationRecord(exampleAttestationRecord(alert));
  const sink = await openJsonlSink({ path, logger });
  sink.send(alert);
  sink.sendRecord?.(record);
  sink.send({ ...alert, source: "block", block: 42 });
  await sink.close();
  const lines = readFileSync(path, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { schema: string });
  assert.deepEqual(
    lines.map((line) => line.schema),
    ["palisade.alert/1", "palisade.attestation/1", "palisade.alert/1"],
  );
  assert.deepEqual(parseAttestationRecord(lines[1]), record);
  assert.equal(parseAlert(lines[2]).block, 42);
});
