// sharedData (Werkzeug 3.1.8 middleware.shared_data.SharedDataMiddleware): serves files under URL
// prefixes and hands every other request to the app. A path that is not a regular file inside
// an export (a directory, a missing file, anything safeJoin refuses: `..`, backslashes, device
// names; `%2F` is already `/` in the decoded path) falls through to the app, as in Werkzeug.
// Beyond Werkzeug: single byte ranges (206/416, Accept-Ranges) as sendFile answers them.
// Files stream from disk with backpressure; nothing reads a whole file into memory.
import { readFileSync, statSync, type BigIntStats } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { httpDate, isResourceModified } from "../http/index.js";
import type { App } from "../serving/dispatch.js";
import { safeJoin } from "../security/safe-join.js";
import { regularFile } from "../utils/send-from-directory.js";
import { contentTypeFor } from "../wrappers/content-type.js";
import type { Request } from "../wrappers/request.js";
import { Response } from "../wrappers/response.js";
import { FileBody, adler32, guessType, pyFloat } from "../wrappers/send-file.js";

/** A directory or single file path, or a folder inside an installed package. */
export type SharedDataExport = string | { package: string; path?: string };

export interface SharedDataOptions {
  /** Send ETag, Cache-Control `max-age` and Expires, and answer 304. Default true. */
  cache?: boolean;
  /** Seconds clients may cache a file. Default 43200 (12 hours). */
  cacheTimeout?: number;
  /** Mimetype of files whose type is not known. Default `application/octet-stream`. */
  fallbackMimetype?: string;
  /** Return false to refuse a file (by its base name); it falls through to the app. */
  isAllowed?: (filename: string) => boolean;
}

/** Finds the file for the rest of the URL after an export's prefix (null: the whole prefix). */
type Loader = (rest: string | null) => string | null;

function packageDirectory(name: string): string {
  const require = createRequire(join(process.cwd(), "package.json"));
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    // The package's exports hide package.json: walk up from its entry point to the folder
    // whose package.json names it.
  }
  let directory = dirname(require.resolve(name));
  for (;;) {
    try {
      if ((JSON.parse(readFileSync(join(directory, "package.json"), "utf8")) as { name?: string }).name === name) return directory;
    } catch {
      // no package.json here
    }
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`wz: sharedData cannot find the folder of package "${name}"`);
    directory = parent;
  }
}

function loaderFor(target: SharedDataExport): Loader {
  if (typeof target !== "string") {
    if (typeof target?.package !== "string") throw new TypeError(`wz: sharedData export must be a path or { package, path }, not ${JSON.stringify(target)}`);
    return directoryLoader(join(packageDirectory(target.package), target.path ?? ""));
  }
  let isFile = false;
  try {
    isFile = statSync(target).isFile();
  } catch {
    // a directory that does not exist yet serves nothing until it does
  }
  // As Werkzeug: a file export answers for its prefix and for anything below it.
  return isFile ? () => target : directoryLoader(target);
}

function directoryLoader(directory: string): Loader {
  return (rest) => (rest === null ? directory : safeJoin(directory, rest));
}

// Python's datetime.fromtimestamp(st_mtime).timestamp(): the float mtime rounded half-even to
// microseconds, for an ETag identical to Werkzeug's.
function werkzeugTimestamp(info: BigIntStats): string {
  const seconds = Number(info.mtimeNs / 1_000_000_000n) + Number(info.mtimeNs % 1_000_000_000n) * 1e-9;
  const whole = Math.trunc(seconds);
  const micro = (seconds - whole) * 1e6;
  let roundedMicro = Math.round(micro);
  if (Math.abs(micro - Math.trunc(micro)) === 0.5) roundedMicro = 2 * Math.round(micro / 2);
  return pyFloat((whole * 1e6 + roundedMicro) / 1e6);
}

/**
 * Serves files under URL prefixes in front of `app`:
 * `sharedData(app, { "/static": "./static", "/favicon.ico": "./static/favicon.ico" })`.
 * Requests for anything that is not a regular file in an export go to `app`.
 */
export function sharedData(app: App, exports: Readonly<Record<string, SharedDataExport>>, options: SharedDataOptions = {}): App {
  const cache = options.cache ?? true;
  const cacheTimeout = options.cacheTimeout ?? 60 * 60 * 12;
  const fallbackMimetype = options.fallbackMimetype ?? "application/octet-stream";
  const isAllowed = options.isAllowed ?? (() => true);
  const table = Object.entries(exports).map(([prefix, target]) => ({
    prefix,
    below: prefix.endsWith("/") ? prefix : `${prefix}/`,
    load: loaderFor(target),
  }));

  async function find(path: string): Promise<{ file: string; info: BigIntStats } | null> {
    for (const { prefix, below, load } of table) {
      const candidates: (string | null)[] = [];
      if (path === prefix) candidates.push(load(null));
      if (path.startsWith(below)) candidates.push(load(path.slice(below.length)));
      for (const file of candidates) {
        if (file === null) continue;
        const info = await regularFile(file);
        if (info !== null) return { file, info };
      }
    }
    return null;
  }

  function serve(request: Request, file: string, info: BigIntStats): Response | Promise<Response> {
    const name = basename(file);
    const [guessed] = guessType(name);
    const size = Number(info.size);
    const headers: [string, string][] = [["Date", httpDate()]];
    if (cache) {
      const etag = `wzsdm-${werkzeugTimestamp(info)}-${size}-${adler32(name)}`;
      headers.push(["ETag", `"${etag}"`], ["Cache-Control", `max-age=${cacheTimeout}, public`]);
      // Werkzeug checks validators for every method, and a failed If-Match reads as "not
      // modified" here too (its SharedDataMiddleware answers 304 where send_file gives 412).
      if (!isResourceModified(request.headers, { etag, lastModified: new Date(Number(info.mtimeMs)) })) {
        return new Response(null, { status: 304, headers });
      }
      headers.push(["Expires", httpDate(Date.now() / 1000 + cacheTimeout)]);
    } else {
      headers.push(["Cache-Control", "public"]);
    }
    headers.push(
      ["Content-Type", contentTypeFor(guessed ?? fallbackMimetype)],
      ["Content-Length", String(size)],
      ["Last-Modified", httpDate(new Date(Number(info.mtimeMs)))],
    );
    const response = new Response(new FileBody(file), { headers, directPassthrough: true });
    if (!request.headers.has("range")) return response;
    return response.makeConditional(request, { acceptRanges: true, completeLength: size });
  }

  return function sharedDataApp(request: Request) {
    const path = request.path;
    if (!table.some(({ prefix, below }) => path === prefix || path.startsWith(below))) return app(request);
    return find(path).then((found) => (found === null || !isAllowed(basename(found.file)) ? app(request) : serve(request, found.file, found.info)));
  };
}

