// sendFile (Werkzeug 3.1 utils.send_file): a file (path, bytes or stream) as a conditional,
// range-capable response. The file is opened only when the body is sent, and a 206 opens just
// the requested bytes.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { mimetypeFor } from "../http/mimetypes.js";
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
  constructor(readonly path: string, readonly start = 0, readonly end?: number) {}
  slice(start: number, end: number): FileBody {
    return new FileBody(this.path, this.start + start, this.start + end);
  }
  [Symbol.asyncIterator](): AsyncIterator<Buffer> {
    const stream = createReadStream(this.path, { start: this.start, end: this.end === undefined ? undefined : this.end - 1 });
    return stream[Symbol.asyncIterator]();
  }
}

// Python's mimetypes encodings: a compression suffix is a Content-Encoding, not the type.
const encodings: Record<string, string> = { ".gz": "gzip", ".Z": "compress", ".bz2": "bzip2", ".xz": "xz", ".br": "br" };

function guessType(name: string): [string, string | undefined] {
  for (const [suffix, encoding] of Object.entries(encodings)) {
    if (name.endsWith(suffix)) return [mimetypeFor(name.slice(0, -suffix.length)) ?? "application/octet-stream", encoding];
  }
  return [mimetypeFor(name) ?? "application/octet-stream", undefined];
}

/** zlib's adler32, as Werkzeug uses for its file ETag. */
function adler32(text: string): number {
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
    mimetype = guessed;
    if (encoding !== undefined && !options.asAttachment) headers.push(["Content-Encoding", encoding]);
  }
  let disposition: string | undefined;
  if (downloadName !== undefined) {
    const kind = options.asAttachment ? "attachment" : "inline";
    if (/^[\x00-\x7f]*$/.test(downloadName)) {
      disposition = `${kind}; filename=${dispositionValue(downloadName)}`;
    } else {
      const simple = downloadName.normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
      disposition = `${kind}; filename=${dispositionValue(simple)}; filename*=UTF-8''${quote(downloadName, "!#$&+-.^_`|~")}`;
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
    body = path !== undefined ? new FileBody(path) : (file as Uint8Array | AsyncIterable<BodyChunk>);
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

/** A header parameter value: bare when a token, else quoted (Werkzeug `dump_options_header`). */
function dispositionValue(value: string): string {
  return /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(value) ? value : `"${value.replace(/[\\"]/g, "\\$&")}"`;
}

/** Python's float repr for an mtime (always with a decimal point). */
function pyFloat(value: number): string {
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}
