import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { ServiceStartError, startService } from "./services.ts";

const dir = mkdtempSync(join(tmpdir(), "palisade-services-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Running, and not a zombie waiting for a reaper (a container's init may never reap orphans). */
const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
};

function script(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, body);
  return path;
}

test("a service is ready on its line, its output is prefixed, and stop() ends it and what it spawned", async () => {
  const path = script(
    "service.ts",
    [
      'import { spawn } from "node:child_process";',
      'const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });',
      'console.log("grandchild", child.pid);',
      'console.log("ready to serve");',
      "setInterval(() => {}, 1000);",
    ].join("\n"),
  );
  const lines: string[] = [];
  const service = await startService({
    name: "demo",
    script: path,
    readyLine: /ready to serve/,
    print: (l) => lines.push(l),
  });
  assert.ok(isAlive(service.pid));
  assert.ok(lines.includes("[demo] ready to serve"), lines.join("\n"));
  const grandchild = Number(/grandchild (\d+)/.exec(lines.join("\n"))?.[1]);
  assert.ok(grandchild > 0 && isAlive(grandchild));
  await service.stop();
  assert.equal(isAlive(service.pid), false);
  for (let i = 0; i < 40 && isAlive(grandchild); i++) await new Promise((wait) => setTimeout(wait, 25));
  assert.equal(isAlive(grandchild), false, "the process group went with the service");
});

test("a service that exits before it is ready is ServiceStartError naming it; no restart", async () => {
  const path = script("crash.ts", 'console.error("no config"); process.exit(2);');
  const lines: string[] = [];
  await assert.rejects(
    startService({ name: "crashy", script: path, readyLine: /never/, print: (l) => lines.push(l) }),
    (error: unknown) =>
      error instanceof ServiceStartError &&
      /crashy exited before it was ready \(code 2\)/.test(error.message),
  );
  assert.ok(lines.includes("[crashy] no config"));
});

test("readiness by URL: the service is ready once the URL answers", async () => {
  const path = script(
    "http.ts",
    [
      'import { createServer } from "node:http";',
      "const port = Number(process.env.PORT);",
      'setTimeout(() => createServer((_q, r) => r.end("ok")).listen(port, "127.0.0.1"), 200);',
    ].join("\n"),
  );
  const { freePort } = await import("@palisade/testkit");
  const port = await freePort();
  const service = await startService({
    name: "web",
    script: path,
    env: { PORT: String(port) },
    readyUrl: `http://127.0.0.1:${port}/`,
    print: () => {},
  });
  assert.equal(await (await fetch(`http://127.0.0.1:${port}/`)).text(), "ok");
  await service.stop();
  assert.equal(isAlive(service.pid), false);
});
