// sharedData (Werkzeug 3.1.8 middleware.shared_data.SharedDataMiddleware): serves files under URL
// prefixes and hands every other request to the app. A path that is not a regular file inside
// an export (a directory, a missing file, anything safeJoin refuses: `..`, backslashes, device
// names; `%2F` is already `/` in the decoded path) falls through to the app, as in Werkzeug.
// Beyond Werkzeug: single byte ranges (206/416, Accept-Ranges) as sendFile answers them.
// Files over 64 KiB stream from disk with backpressure, one chunk read ahead; smaller ones are
// read with one read, the size of a file stream's first chunk.
import { close, open, read, readFileSync, statSync, type BigIntStats } from "node:fs";
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

// Files up to this size are read with one read into a buffer of their size (what a file stream
// would hold as its first chunk anyway) and sent with the head; larger ones stream from disk.
const smallFileSize = 64 * 1024;

/** The first `size` bytes of `path`, or null when it cannot be read any more. */
function readSmallFile(path: string, size: number): Promise<Uint8Array | null> {
  return new Promise((resolve) => {
    open(path, "r", (openError, fd) => {
      if (openError !== null) return resolve(null);
      const buffer = Buffer.allocUnsafe(size);
      read(fd, buffer, 0, size, 0, (readError, bytesRead) => {
        close(fd, () => undefined);
        // A file that shrank since the stat: send what is there rather than pad it.
        resolve(readError !== null ? null : bytesRead === size ? buffer : buffer.subarray(0, bytesRead));
      });
    });
  });
}

// What depends only on the file's path, kept for the files served most: its name for the
// ETag checksum and its Content-Type.
interface FileFacts {
  checksum: number;
  contentType: string;
}

// Date and Expires change once a second; formatting them for every request is wasted work.
const dateCache = new Map<number, string>();
function cachedHttpDate(ms: number): string {
  const second = Math.floor(ms / 1000);
  let text = dateCache.get(second);
  if (text === undefined) {
    if (dateCache.size > 16) dateCache.clear();
    text = httpDate(second);
    dateCache.set(second, text);
  }
  return text;
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

  const factsCache = new Map<string, FileFacts>();
  function factsOf(file: string): FileFacts {
    let facts = factsCache.get(file);
    if (facts === undefined) {
      const name = basename(file);
      facts = { checksum: adler32(name), contentType: contentTypeFor(guessType(name)[0] ?? fallbackMimetype) };
      if (factsCache.size >= 1024) factsCache.clear();
      factsCache.set(file, facts);
    }
    return facts;
  }

  async function serve(request: Request, file: string, info: BigIntStats): Promise<Response | null> {
    const facts = factsOf(file);
    const size = Number(info.size);
    const now = Date.now();
    const headers: [string, string][] = [["Date", cachedHttpDate(now)]];
    if (cache) {
      const etag = `wzsdm-${werkzeugTimestamp(info)}-${size}-${facts.checksum}`;
      headers.push(["ETag", `"${etag}"`], ["Cache-Control", `max-age=${cacheTimeout}, public`]);
      // Werkzeug checks validators for every method, and a failed If-Match reads as "not
      // modified" here too (its SharedDataMiddleware answers 304 where send_file gives 412).
      if (!isResourceModified(request.headers, { etag, lastModified: new Date(Number(info.mtimeMs)) })) {
        return new Response(null, { status: 304, headers });
      }
      headers.push(["Expires", cachedHttpDate(now + cacheTimeout * 1000)]);
    } else {
      headers.push(["Cache-Control", "public"]);
    }
    headers.push(["Content-Type", facts.contentType], ["Content-Length", String(size)], ["Last-Modified", httpDate(new Date(Number(info.mtimeMs)))]);
    let body: Uint8Array | FileBody = new FileBody(file, 0, size);
    if (size <= smallFileSize && request.method !== "HEAD") {
      const bytes = await readSmallFile(file, size);
      if (bytes === null) return null; // gone since the stat
      body = bytes;
    }
    const response = new Response(body, { headers, directPassthrough: true });
    if (!request.headers.has("range")) return response;
    return response.makeConditional(request, { acceptRanges: true, completeLength: size });
  }

  async function lookup(request: Request, path: string) {
    const found = await find(path);
    const response = found === null || !isAllowed(basename(found.file)) ? null : await serve(request, found.file, found.info);
    return response ?? app(request);
  }

  // Requests outside every prefix go straight to the app, without a promise in between.
  return function sharedDataApp(request: Request) {
    const path = request.path;
    return table.some(({ prefix, below }) => path === prefix || path.startsWith(below)) ? lookup(request, path) : app(request);
  };
}
