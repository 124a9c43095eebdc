// Form parsing for `request.form()` / `request.files()` (Werkzeug `FormDataParser` and
// `MultiPartParser`): dispatches on the mimetype, streams multipart bodies through the
// sans-IO decoder into memory (fields) and spooled temp files (files), and enforces the
// limits. Malformed input gives an empty form, as Werkzeug's default `silent=True` does;
// limits always raise 413.
import type { Readable, Writable } from "node:stream";
import { once } from "node:events";
import { finished } from "node:stream/promises";
import { MultiDict, type Headers } from "../datastructures/index.js";
import { BadRequest, RequestEntityTooLarge, RequestTimeout } from "../exceptions.js";
import { parseOptionsHeader } from "../http/index.js";
import { limitedBody } from "../wrappers/request-body.js";
import { FileStorage } from "./file-storage.js";
import { resolveLimits, type FormLimits, type ResolvedFormLimits } from "./limits.js";
import { MalformedFormData, MultipartDecoder } from "./multipart-decoder.js";
import { SpooledFile } from "./spooled-file.js";
import { urlencodedPairs } from "./urlencoded.js";

export interface ParseFormDataOptions {
  /** The request body: a node:http IncomingMessage or any (async) iterable of bytes; null for none. */
  body: AsyncIterable<Uint8Array> | Iterable<Uint8Array> | Readable | null;
  /** The raw Content-Type header. */
  contentType: string | null | undefined;
  /** The Content-Length header as a number, or null (chunked or absent). */
  contentLength: number | null;
  limits?: FormLimits;
  /** Malformed bodies give an empty form (true, Werkzeug's default) or a 400 BadRequest (false). */
  silent?: boolean;
}

export interface ParsedFormData {
  form: MultiDict<string>;
  files: MultiDict<FileStorage>;
  /** Releases the files' memory and temp files; call when the request ends. */
  cleanup(): Promise<void>;
}

const SAFE_CHARSETS = new Set(["ascii", "us-ascii", "utf-8", "iso-8859-1"]);
const ASCII_ONLY = /^[\x00-\x7f]*$/;

function emptyResult(): ParsedFormData {
  return { form: new MultiDict<string>(), files: new MultiDict<FileStorage>(), cleanup: async () => {} };
}

/**
 * Parses a `multipart/form-data` or `application/x-www-form-urlencoded` body into a form and
 * files; any other type gives an empty result without reading the body. Throws 413
 * RequestEntityTooLarge when a limit is hit (reading stops at once), 408 RequestTimeout when
 * the body stalls longer than `readTimeoutMs`, and 400 ClientDisconnected when the body ends
 * early or the client goes away. No temp file outlives a failed parse.
 */
export async function parseFormData(options: ParseFormDataOptions): Promise<ParsedFormData> {
  const limits = resolveLimits(options.limits);
  const { contentLength } = options;
  if (limits.maxContentLength !== null && contentLength !== null && contentLength > limits.maxContentLength) {
    throw new RequestEntityTooLarge();
  }
  const [rawMimetype, params] = parseOptionsHeader(options.contentType);
  const mimetype = rawMimetype.toLowerCase();
  if (mimetype !== "multipart/form-data" && mimetype !== "application/x-www-form-urlencoded") return emptyResult();

  const body = readBody(options.body, contentLength, limits);
  try {
    if (mimetype === "application/x-www-form-urlencoded") return await parseUrlencodedBody(body, contentLength, limits);
    const boundary = params["boundary"] ?? "";
    if (boundary === "" || !ASCII_ONLY.test(boundary)) throw new MalformedFormData("Missing or invalid boundary");
    return await parseMultipartBody(body, boundary, contentLength, limits);
  } catch (error) {
    if (!(error instanceof MalformedFormData)) throw error;
    if (options.silent === false) throw new BadRequest(`Invalid form data: ${error.message}`);
    return emptyResult();
  }
}

/** The body, limited to Content-Length and maxContentLength, with the read timeout applied. */
function readBody(body: ParseFormDataOptions["body"], contentLength: number | null, limits: ResolvedFormLimits): AsyncIterable<Uint8Array> {
  const source = body === null || Symbol.asyncIterator in body ? body : toAsync(body);
  const limited = limitedBody(source as AsyncIterable<Uint8Array> | null, contentLength, limits.maxContentLength);
  return limits.readTimeoutMs === null ? limited : withReadTimeout(limited, limits.readTimeoutMs);
}

async function* toAsync(chunks: Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield* chunks;
}

async function* withReadTimeout(source: AsyncIterable<Uint8Array>, timeoutMs: number): AsyncGenerator<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RequestTimeout()), timeoutMs);
    });
    let step: IteratorResult<Uint8Array>;
    try {
      step = await Promise.race([iterator.next(), timeout]);
    } finally {
      clearTimeout(timer);
    }
    if (step.done) return;
    yield step.value;
  }
}

async function parseUrlencodedBody(
  body: AsyncIterable<Uint8Array>,
  contentLength: number | null,
  limits: ResolvedFormLimits,
): Promise<ParsedFormData> {
  const maxSize = limits.maxFormMemorySize;
  // Werkzeug 3.1.8 refuses a declared length over maxFormMemorySize; wz also stops a chunked
  // body there, since the whole body is held in memory.
  if (maxSize !== null && contentLength !== null && contentLength > maxSize) throw new RequestEntityTooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (maxSize !== null && size > maxSize) throw new RequestEntityTooLarge();
    chunks.push(chunk);
  }
  let text: string;
  try {
    text = strictUtf8.decode(Buffer.concat(chunks, size));
  } catch {
    throw new MalformedFormData("The urlencoded body is not valid UTF-8");
  }
  return { form: new MultiDict<string>(urlencodedPairs(text)), files: new MultiDict<FileStorage>(), cleanup: async () => {} };
}

/** Where one file part's bytes go: a spooled temp file, or the Writable of a stream factory. */
interface FileSink {
  write(chunk: Uint8Array): Promise<void>;
  end(): Promise<void>;
  discard(error: Error): Promise<void>;
  storage(name: string, filename: string, headers: Headers, size: number): FileStorage;
}

function spooledSink(threshold: number): FileSink {
  const spooled = new SpooledFile(threshold);
  return {
    write: (chunk) => spooled.write(chunk),
    end: () => spooled.end(),
    discard: () => spooled.close(),
    storage: (name, filename, headers) => new FileStorage({ name, filename, headers }, spooled),
  };
}

function writableSink(writable: Writable): FileSink {
  return {
    async write(chunk) {
      if (!writable.write(chunk)) await once(writable, "drain");
    },
    async end() {
      writable.end();
      await finished(writable, { readable: false });
    },
    async discard(error) {
      writable.destroy(error);
    },
    storage: (name, filename, headers, size) => new FileStorage({ name, filename, headers, stream: writable, size }),
  };
}

function partCharset(headers: Headers): string {
  const contentType = headers.get("content-type");
  if (contentType === undefined) return "utf-8";
  const charset = (parseOptionsHeader(contentType)[1]["charset"] ?? "").toLowerCase();
  return SAFE_CHARSETS.has(charset) ? charset : "utf-8";
}

const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** A field's bytes as text in its charset; undecodable bytes become U+FFFD. */
function decodeField(bytes: Buffer, charset: string): string {
  if (charset === "utf-8") return utf8.decode(bytes);
  if (charset === "iso-8859-1") return bytes.toString("latin1");
  let text = "";
  for (const byte of bytes) text += byte < 0x80 ? String.fromCharCode(byte) : "\ufffd";
  return text;
}

async function parseMultipartBody(
  body: AsyncIterable<Uint8Array>,
  boundary: string,
  contentLength: number | null,
  limits: ResolvedFormLimits,
): Promise<ParsedFormData> {
  const decoder = new MultipartDecoder(boundary, { maxFormMemorySize: limits.maxFormMemorySize, maxParts: limits.maxFormParts });
  const fields: [string, string][] = [];
  const files: [string, FileStorage][] = [];
  const sinks: FileSink[] = [];

  let part: { kind: "field"; name: string; headers: Headers; chunks: Buffer[]; size: number } | { kind: "file"; name: string; filename: string; headers: Headers; sink: FileSink; size: number } | null = null;

  const drain = async (): Promise<boolean> => {
    for (;;) {
      const event = decoder.nextEvent();
      switch (event.type) {
        case "needData":
          return false;
        case "epilogue":
          return true;
        case "preamble":
          break;
        case "field":
          part = { kind: "field", name: event.name, headers: event.headers, chunks: [], size: 0 };
          break;
        case "file": {
          const sink = limits.streamFactory
            ? writableSink(
                await limits.streamFactory({
                  name: event.name,
                  filename: event.filename,
                  contentType: event.headers.get("content-type"),
                  contentLength: plainInt(event.headers.get("content-length")),
                  totalContentLength: contentLength,
                }),
              )
            : spooledSink(limits.spoolThreshold);
          sinks.push(sink);
          part = { kind: "file", name: event.name, filename: event.filename, headers: event.headers, sink, size: 0 };
          break;
        }
        case "data": {
          const current = part!;
          current.size += event.data.byteLength;
          if (current.kind === "field") {
            if (limits.maxFormMemorySize !== null && current.size > limits.maxFormMemorySize) throw new RequestEntityTooLarge();
            current.chunks.push(Buffer.from(event.data));
            if (!event.moreData) {
              fields.push([current.name, decodeField(Buffer.concat(current.chunks, current.size), partCharset(current.headers))]);
            }
          } else {
            if (event.data.byteLength > 0) await current.sink.write(event.data);
            if (!event.moreData) {
              await current.sink.end();
              files.push([current.name, current.sink.storage(current.name, current.filename, current.headers, current.size)]);
            }
          }
          if (!event.moreData) part = null;
          break;
        }
      }
    }
  };

  try {
    for await (const chunk of body) {
      decoder.receiveData(chunk);
      await drain();
    }
    decoder.receiveData(null);
    await drain();
  } catch (error) {
    // Werkzeug 3.2: files opened before a failure are closed; here they are also deleted.
    await Promise.all(sinks.map((sink) => sink.discard(error instanceof Error ? error : new Error(String(error)))));
    throw error;
  }

  return {
    form: new MultiDict<string>(fields),
    files: new MultiDict<FileStorage>(files),
    cleanup: async () => {
      await Promise.all(files.map(([, file]) => file.close()));
    },
  };
}

/** Werkzeug `_plain_int`: ASCII digits only (and a minus), else 0 here. */
function plainInt(value: string | undefined): number {
  if (value === undefined || !/^\s*-?[0-9]+\s*$/.test(value)) return 0;
  return Number.parseInt(value, 10);
}
