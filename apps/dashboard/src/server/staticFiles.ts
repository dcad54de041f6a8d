import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { gzipSync } from "node:zlib";
import { NotFoundError, StaticFilesMissingError } from "./errors.ts";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json",
};
/** Worth compressing; images are compressed already. */
const COMPRESSIBLE = new Set([".html", ".js", ".css", ".svg", ".json", ".txt", ".map"]);

interface CachedFile {
  body: Buffer;
  gzip: Buffer | undefined;
  etag: string;
  type: string;
}

/**
 * Serves the built pages from `dir`. Vite names assets by content hash, so `/assets/*` is cached for
 * a year; `index.html` is revalidated on every load (ETag) so a rebuild shows at once. Files are read
 * and gzipped once, then kept in memory: the whole build is a few hundred kilobytes.
 */
export function createStaticHandler(dir: string) {
  const cache = new Map<string, CachedFile>();

  async function load(relative: string): Promise<CachedFile | undefined> {
    const hit = cache.get(relative);
    if (hit) return hit;
    let body: Buffer;
    try {
      body = await readFile(join(dir, relative));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "EISDIR") return undefined;
      throw error;
    }
    const ext = extname(relative);
    const file: CachedFile = {
      body,
      gzip: COMPRESSIBLE.has(ext) && body.length > 1024 ? gzipSync(body, { level: 9 }) : undefined,
      etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`,
      type: CONTENT_TYPES[ext] ?? "application/octet-stream",
    };
    cache.set(relative, file);
    return file;
  }

  return async function serve(request: IncomingMessage, response: ServerResponse, path: string) {
    // The pages route with the hash (#/risk …): every other path is a file or a 404.
    const wanted = path === "/" ? "index.html" : decodeURIComponent(path).replace(/^\/+/, "");
    const relative = normalize(wanted);
    if (relative.startsWith("..") || relative.includes(`${sep}..`) || relative.startsWith(sep))
      throw new NotFoundError(`no file ${path}`);
    const file = await load(relative);
    if (!file) {
      if (relative === "index.html") throw new StaticFilesMissingError(dir);
      throw new NotFoundError(`no file ${path}`);
    }
    const immutable = relative.startsWith(`assets${sep}`);
    const headers: Record<string, string> = {
      "content-type": file.type,
      etag: file.etag,
      "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
      "x-content-type-options": "nosniff",
      vary: "accept-encoding",
    };
    if (relative === "index.html") {
      // The page talks only to its own origin (the API and /rpc are same-origin proxies).
      headers["content-security-policy"] =
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'";
      headers["referrer-policy"] = "no-referrer";
    }
    if (request.headers["if-none-match"] === file.etag) {
      response.writeHead(304, headers);
      response.end();
      return;
    }
    const gzip = file.gzip && /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
    const body = gzip && file.gzip ? file.gzip : file.body;
    if (gzip) headers["content-encoding"] = "gzip";
    headers["content-length"] = String(body.length);
    response.writeHead(200, headers);
    response.end(request.method === "HEAD" ? undefined : body);
  };
}
