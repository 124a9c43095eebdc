// sendFile (Werkzeug 3.1 utils.send_file): a file (path, bytes or stream) as a conditional,
// range-capable response. The file is opened only when the body is sent, and a 206 opens just
// the requested bytes.
import { close, open, read } from "node:fs";
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { mimetypeFor } from "../http/mimetypes.js";
import { quoteHeaderValue } from "../http/quoting.js";
import { quote } from "./iri.js";
import { Response, type BodyChunk } from "./response.js";
import type { Request } from "./request.js";

export interface SendFileOptions {
  /** Mimetype; guessed from the download name when not given (TypeError if there is no name). */
  mimetype?: string;
  /** `Content-Disposition: attachment` instead of `inline`. */
  asAttachment?: boolean;
  /** Name shown to the user; default the path's basename. */
  downloadName?: string;
  /** Answer conditional and Range requests (default true). */
  conditional?: boolean;
  /** true: an ETag from mtime, size and path; a string: that ETag; false: none. Default true. */
  etag?: boolean | string;
  /** Last-Modified; default the file's mtime. */
  lastModified?: Date | number | null;
  /** Seconds the client may cache; > 0 gives `public, max-age` and Expires. Default: `no-cache`. */
  maxAge?: number | null | ((path: string | undefined) => number | null);
  /** Send `X-Sendfile: <path>` with no body, for a front server to serve the file. */
  useXSendfile?: boolean;
}

/** A file read lazily from disk; slicing gives the byte range without reading the rest. */
export class FileBody implements AsyncIterable<Buffer> {
  /**
   * Bytes per read. Twice a file stream's 64 KiB: per-chunk work (a read, a write, a wait for
   * "drain") dominates large files, and in bench/static.mjs 128 KiB reads cost the server less
   * CPU per 1 MiB response than 64 KiB ones (1027 against 1220 µs in two runs at load ~20, so
   * roughly); a slow client holds at most two chunks (this one and the one read ahead).
   */
  static chunkSize = 128 * 1024;

  constructor(
    readonly path: string,
    readonly start = 0,
    readonly end?: number,
  ) {}
  slice(start: number, end: number): FileBody {
    return new FileBody(this.path, this.start + start, this.start + end);
  }
  // Plain positioned reads into a fresh buffer each: a ReadStream's async iterator joins the
  // chunks it has buffered into new buffers, which costs copies and garbage on large files.
  // The next read starts before a chunk is handed out, so disk and socket work overlap while
  // the writer waits for "drain"; at most two chunks are in memory. Stopping early (the client
  // went away) closes the file through the generator's finally.
  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    const fd = await new Promise<number>((resolve, reject) => open(this.path, "r", (error, fd) => (error ? reject(error) : resolve(fd))));
    const end = this.end ?? Infinity;
    let position = this.start;
    const readNext = (): Promise<Buffer> | null => {
      if (position >= end) return null;
      const length = Math.min(FileBody.chunkSize, end - position);
      const at = position;
      position += length;
      const buffer = Buffer.allocUnsafe(length);
      return new Promise((resolve, reject) => {
        read(fd, buffer, 0, length, at, (error, count) => (error ? reject(error) : resolve(count === length ? buffer : buffer.subarray(0, count))));
      });
    };
    let next = readNext();
    try {
      while (next !== null) {
        const chunk = await next;
        if (chunk.byteLength === 0) break;
        // A short read means the end of the file (it shrank): stop after this chunk.
        next = chunk.byteLength < FileBody.chunkSize && position < end ? null : readNext();
        yield chunk;
      }
    } finally {
      // An early stop may leave a read in flight: close only once it has settled.
      if (next !== null)
        next.then(
          () => close(fd, () => undefined),
          () => close(fd, () => undefined),
        );
      else close(fd, () => undefined);
    }
  }
}

// Python's mimetypes encodings: a compression suffix is a Content-Encoding, not the type.
const encodings: Record<string, string> = { ".gz": "gzip", ".Z": "compress", ".bz2": "bzip2", ".xz": "xz", ".br": "br" };

/** Python's `mimetypes.guess_type`: the type (undefined when unknown) and a compression encoding. */
export function guessType(name: string): [string | undefined, string | undefined] {
  for (const [suffix, encoding] of Object.entries(encodings)) {
    if (name.endsWith(suffix)) return [mimetypeFor(name.slice(0, -suffix.length)), encoding];
  }
  return [mimetypeFor(name), undefined];
}

/** zlib's adler32, as Werkzeug uses for its file ETag. */
export function adler32(text: string): number {
  let a = 1;
  let b = 0;
  for (const byte of Buffer.from(text)) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/**
 * Sends a file: `await sendFile("static/report.pdf", request, { asAttachment: true })`.
 * `file` is a path (never taken from the client without safe joining), bytes, or a stream
 * (a stream needs `downloadName` or `mimetype`). Answers 304/412/206/416 via makeConditional.
 */
export async function sendFile(file: string | Uint8Array | AsyncIterable<BodyChunk>, request: Request, options: SendFileOptions = {}): Promise<Response> {
  const path = typeof file === "string" ? file : undefined;
  let size: number | undefined;
  let mtimeSeconds: number | undefined;
  if (path !== undefined) {
    const info = await stat(path, { bigint: true });
    size = Number(info.size);
    mtimeSeconds = Number(info.mtimeNs) / 1e9;
  } else if (file instanceof Uint8Array) {
    size = file.byteLength;
  }
  const downloadName = options.downloadName ?? (path === undefined ? undefined : basename(path));
  const headers: [string, string][] = [];
  let mimetype = options.mimetype;
  if (mimetype === undefined) {
    if (downloadName === undefined) {
      throw new TypeError("wz: sendFile cannot detect the MIME type without a file name: set downloadName, pass a path, or set mimetype");
    }
    const [guessed, encoding] = guessType(downloadName);
    mimetype = guessed ?? "application/octet-stream";
    if (encoding !== undefined && !options.asAttachment) headers.push(["Content-Encoding", encoding]);
  }
  let disposition: string | undefined;
  if (downloadName !== undefined) {
    const kind = options.asAttachment ? "attachment" : "inline";
    if (/^[\x00-\x7f]*$/.test(downloadName)) {
      disposition = `${kind}; filename=${quoteHeaderValue(downloadName)}`;
    } else {
      const simple = downloadName.normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
      disposition = `${kind}; filename=${quoteHeaderValue(simple)}; filename*=UTF-8''${quote(downloadName, "!#$&+-.^_`|~")}`;
    }
  } else if (options.asAttachment) {
    throw new TypeError("wz: sendFile needs a name for an attachment: set downloadName or pass a path");
  }
  if (disposition !== undefined) headers.push(["Content-Disposition", disposition]);

  let body: Uint8Array | AsyncIterable<BodyChunk> | null;
  if (options.useXSendfile && path !== undefined) {
    headers.push(["X-Sendfile", path]);
    body = null;
  } else {
    body = path !== undefined ? new FileBody(path, 0, size) : (file as Uint8Array | AsyncIterable<BodyChunk>);
  }
  const response = new Response(body, { mimetype, headers, directPassthrough: true });
  if (size !== undefined) response.contentLength = size;
  if (options.lastModified !== undefined && options.lastModified !== null) response.lastModified = options.lastModified;
  else if (mtimeSeconds !== undefined) response.lastModified = mtimeSeconds;
  const cacheControl = response.cacheControl;
  cacheControl.noCache = true;
  const maxAge = typeof options.maxAge === "function" ? options.maxAge(path) : options.maxAge;
  if (maxAge !== undefined && maxAge !== null) {
    if (maxAge > 0) {
      response.cacheControl.noCache = null;
      response.cacheControl.public = true;
    }
    response.cacheControl.maxAge = maxAge;
    response.expires = Math.trunc(Date.now() / 1000 + maxAge);
  }
  const etag = options.etag ?? true;
  if (typeof etag === "string") response.setEtag(etag);
  else if (etag && path !== undefined) response.setEtag(`${pyFloat(mtimeSeconds!)}-${size}-${adler32(path)}`);
  if (options.conditional ?? true) {
    await response.makeConditional(request, { acceptRanges: true, completeLength: size ?? null });
    if (response.statusCode === 304) response.headers.delete("x-sendfile");
  }
  return response;
}

/** Python's float repr for an mtime (always with a decimal point). */
export function pyFloat(value: number): string {
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}
