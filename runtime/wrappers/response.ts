// Response: status, headers and body (Werkzeug's sansio Response plus the body handling of its
// WSGI Response). Nothing here touches a socket: `prepareResponse` (finalize.ts) turns a
// Response into status + flat header array + body, and the node:http writer and the test
// client both consume that.
//
// Headers are materialised lazily: `new Response("hello")` only records its Content-Type, and
// the wire header array is built directly at send time, unless the app touches `headers`.
import { Headers, type HeadersInit } from "../datastructures/headers.js";
import { contentTypeFor, isJsonMimetype, mimetypeOf } from "./content-type.js";
import { statusLine } from "./status.js";

/** One chunk of a streamed body; strings are sent as UTF-8. */
export type BodyChunk = string | Uint8Array;

/**
 * What a Response body may be: a string, bytes, an array of chunks (a sequence), or a stream:
 * any iterable or async iterable of chunks, including a Node Readable (backpressure honoured).
 */
export type ResponseBody =
  | string
  | Uint8Array
  | ArrayBuffer
  | readonly BodyChunk[]
  | Iterable<BodyChunk>
  | AsyncIterable<BodyChunk>
  | NodeJS.ReadableStream
  | null
  | undefined;

export interface ResponseOptions {
  /** A code (`404`) or a full status line (`"299 Custom"`). Default 200. */
  status?: number | string;
  headers?: HeadersInit;
  /** Mimetype without parameters; text types get `; charset=utf-8`. Default `text/plain`. */
  mimetype?: string;
  /** The full Content-Type; wins over `mimetype`. */
  contentType?: string;
  /** Send the body untouched (files); buffering it implicitly is an error. */
  directPassthrough?: boolean;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const defaultContentTypes = new Map<string, string>();

function cachedContentType(mimetype: string): string {
  let contentType = defaultContentTypes.get(mimetype);
  if (contentType === undefined) {
    contentType = contentTypeFor(mimetype);
    if (defaultContentTypes.size < 64) defaultContentTypes.set(mimetype, contentType);
  }
  return contentType;
}

export class Response {
  /** Status when none is given. */
  static defaultStatus = 200;
  /** Mimetype when neither `mimetype`, `contentType` nor a Content-Type header is given. */
  static defaultMimetype: string | null = "text/plain";
  /** Join a relative Location with the request URL at send time (off since Werkzeug 2.1). */
  static autocorrectLocationHeader = false;
  /** Set Content-Length for sequence bodies. */
  static automaticallySetContentLength = true;
  /** Warn when a Set-Cookie header is longer than this (0 disables the check). */
  static maxCookieSize = 4093;

  /** Send the body untouched; implicit buffering throws. */
  directPassthrough: boolean;

  private statusCodeValue = 200;
  private statusTextValue: string | undefined;
  private headersValue: Headers | undefined;
  /** The Content-Type while `headersValue` is not materialised (undefined: none). */
  private pendingContentType: string | undefined;
  /** A sequence body (bytes or a string sent as UTF-8), or null when the body is a stream. */
  private sequence: string | Uint8Array | null = "";
  private stream: Iterable<BodyChunk> | AsyncIterable<BodyChunk> | null = null;
  private closeCallbacks: (() => unknown)[] | undefined;

  constructor(body?: ResponseBody, options?: ResponseOptions) {
    const klass = this.constructor as typeof Response;
    this.directPassthrough = options?.directPassthrough ?? false;
    this.setBody(body);
    if (options === undefined) {
      if (klass.defaultMimetype !== null) this.pendingContentType = cachedContentType(klass.defaultMimetype);
      this.statusCodeValue = klass.defaultStatus;
      return;
    }
    let contentType = options.contentType;
    if (options.headers !== undefined) {
      const headers = options.headers instanceof Headers ? options.headers : new Headers(options.headers);
      this.headersValue = headers;
      if (contentType === undefined) {
        const mimetype = options.mimetype ?? (headers.has("content-type") ? undefined : klass.defaultMimetype ?? undefined);
        if (mimetype !== undefined) contentType = cachedContentType(mimetype);
      }
      if (contentType !== undefined) headers.set("Content-Type", contentType);
      this.syncContentLength();
    } else {
      if (contentType === undefined) {
        const mimetype = options.mimetype ?? klass.defaultMimetype;
        if (mimetype !== null) contentType = cachedContentType(mimetype);
      }
      this.pendingContentType = contentType;
    }
    this.status = options.status ?? klass.defaultStatus;
  }

  // ---- status --------------------------------------------------------------------------------

  /** The status code as a number. */
  get statusCode(): number {
    return this.statusCodeValue;
  }
  set statusCode(code: number) {
    this.status = code;
  }

  /** The status line: `"404 NOT FOUND"` for a code (Werkzeug 3.1 upper-cases the phrase), or as given. */
  get status(): string {
    return this.statusTextValue ?? statusLine(this.statusCodeValue);
  }
  set status(value: number | string) {
    if (typeof value === "number") {
      this.statusCodeValue = Math.trunc(value);
      this.statusTextValue = undefined;
      return;
    }
    const text = value.trim();
    if (text === "") throw new RangeError("wz: empty status");
    const space = text.indexOf(" ");
    const codePart = space === -1 ? text : text.slice(0, space);
    if (!/^\d+$/.test(codePart)) {
      this.statusCodeValue = 0;
      this.statusTextValue = `0 ${text}`;
    } else {
      this.statusCodeValue = Number(codePart);
      this.statusTextValue = space === -1 ? undefined : text;
    }
  }

  /** The reason phrase of a status given as a string (`"299 Custom"` -> `"Custom"`), else undefined. */
  get customReason(): string | undefined {
    const text = this.statusTextValue;
    if (text === undefined) return undefined;
    const space = text.indexOf(" ");
    return space === -1 ? undefined : text.slice(space + 1);
  }

  // ---- headers -------------------------------------------------------------------------------

  /** The response headers (ordered, case-insensitive, duplicates kept). */
  get headers(): Headers {
    return this.headersValue ?? this.materialiseHeaders();
  }
  set headers(headers: Headers) {
    this.headersValue = headers;
    this.pendingContentType = undefined;
  }

  private materialiseHeaders(): Headers {
    const headers = new Headers();
    if (this.pendingContentType !== undefined) headers.set("Content-Type", this.pendingContentType);
    this.pendingContentType = undefined;
    this.headersValue = headers;
    this.syncContentLength();
    return headers;
  }

  /** True until something touched `headers`: the writer then builds the wire array directly. */
  get hasPristineHeaders(): boolean {
    return this.headersValue === undefined;
  }

  /** Content-Type while headers are pristine (for the writer's fast path). */
  get pristineContentType(): string | undefined {
    return this.pendingContentType;
  }

  private syncContentLength(): void {
    if (this.headersValue === undefined) return;
    const klass = this.constructor as typeof Response;
    if (this.sequence !== null && klass.automaticallySetContentLength) {
      this.headersValue.set("Content-Length", String(byteLength(this.sequence)));
    }
  }

  // ---- body ----------------------------------------------------------------------------------

  private setBody(body: ResponseBody): void {
    if (body === undefined || body === null) {
      this.sequence = "";
      this.stream = null;
    } else if (typeof body === "string" || body instanceof Uint8Array) {
      this.sequence = body;
      this.stream = null;
    } else if (body instanceof ArrayBuffer) {
      this.sequence = new Uint8Array(body);
      this.stream = null;
    } else if (Array.isArray(body)) {
      this.sequence = concatChunks(body as readonly BodyChunk[]);
      this.stream = null;
    } else if (typeof (body as AsyncIterable<BodyChunk>)[Symbol.asyncIterator] === "function" || typeof (body as Iterable<BodyChunk>)[Symbol.iterator] === "function") {
      this.sequence = null;
      this.stream = body as Iterable<BodyChunk> | AsyncIterable<BodyChunk>;
    } else {
      throw new TypeError(`wz: unsupported response body (${Object.prototype.toString.call(body)}): use a string, bytes, an iterable, an async iterable or a stream`);
    }
  }

  /** True when the body is a stream (no length known before sending). */
  get isStreamed(): boolean {
    return this.sequence === null;
  }

  /** True when the body is held in memory (string or bytes). */
  get isSequence(): boolean {
    return this.sequence !== null;
  }

  /** The body as sent: a sequence, or the stream when streamed (used by the writers). */
  get body(): string | Uint8Array | Iterable<BodyChunk> | AsyncIterable<BodyChunk> {
    return this.sequence ?? this.stream!;
  }

  /** Replaces the body with bytes or a string and updates Content-Length. */
  setData(value: string | Uint8Array): void {
    this.sequence = value;
    this.stream = null;
    this.syncContentLength();
  }

  /**
   * The body as bytes (or text with `asText`). A streamed body is read to its end and kept as
   * the new body (Werkzeug's implicit sequence conversion); with `directPassthrough` this throws.
   */
  async getData(asText?: false): Promise<Uint8Array>;
  async getData(asText: true): Promise<string>;
  async getData(asText = false): Promise<Uint8Array | string> {
    if (this.sequence === null) await this.makeSequence();
    return asText ? toText(this.sequence!) : toBytes(this.sequence!);
  }

  /** The body bytes of a sequence (or sync-iterable) body; an async stream needs `await getData()`. */
  get data(): Uint8Array {
    if (this.sequence === null) this.makeSequenceSync();
    return toBytes(this.sequence!);
  }
  set data(value: string | Uint8Array) {
    this.setData(value);
  }

  /** The body as text (UTF-8, replacement on bad bytes); same rules as `data`. */
  get text(): string {
    if (this.sequence === null) this.makeSequenceSync();
    return toText(this.sequence!);
  }

  /** The body parsed as JSON when the mimetype is JSON, else undefined (not cached). */
  get json(): unknown {
    if (!this.isJson) return undefined;
    return JSON.parse(this.text);
  }

  /** Parses the body as JSON; `force` ignores the mimetype, `silent` gives undefined on errors. */
  async getJson(options?: { force?: boolean; silent?: boolean }): Promise<unknown> {
    if (!options?.force && !this.isJson) return undefined;
    const text = await this.getData(true);
    try {
      return JSON.parse(text);
    } catch (error) {
      if (options?.silent) return undefined;
      throw error;
    }
  }

  private checkBufferable(): void {
    if (this.directPassthrough) {
      throw new Error("wz: the body of a directPassthrough response cannot be buffered; read the stream itself");
    }
  }

  private makeSequenceSync(): void {
    this.checkBufferable();
    const stream = this.stream!;
    if (typeof (stream as Iterable<BodyChunk>)[Symbol.iterator] !== "function") {
      throw new TypeError("wz: the response body is an async stream: use `await response.getData()`");
    }
    this.sequence = concatChunks(Array.from(stream as Iterable<BodyChunk>));
    this.stream = null;
    this.closeStream(stream);
  }

  private async makeSequence(): Promise<void> {
    this.checkBufferable();
    const stream = this.stream!;
    const chunks: BodyChunk[] = [];
    for await (const chunk of stream as AsyncIterable<BodyChunk>) chunks.push(chunk);
    this.sequence = concatChunks(chunks);
    this.stream = null;
  }

  private closeStream(stream: unknown): void {
    const closable = stream as { destroy?: () => void; return?: () => void };
    if (typeof closable.destroy === "function") closable.destroy();
    else if (typeof closable.return === "function") closable.return();
  }

  // ---- lifecycle -----------------------------------------------------------------------------

  /** Registers `fn` to run when the response is closed (after sending); returns `fn`. */
  callOnClose<F extends () => unknown>(fn: F): F {
    (this.closeCallbacks ??= []).push(fn);
    return fn;
  }

  /** Closes a stream body that was not consumed, then runs the close callbacks in order. */
  close(): void {
    if (this.stream !== null) this.closeStream(this.stream);
    const callbacks = this.closeCallbacks;
    this.closeCallbacks = undefined;
    if (callbacks !== undefined) for (const fn of callbacks) fn();
  }

  // ---- content headers -----------------------------------------------------------------------

  /** The Content-Type header. */
  get contentType(): string | undefined {
    return this.headersValue === undefined ? this.pendingContentType : this.headersValue.get("content-type");
  }
  set contentType(value: string | undefined) {
    if (this.headersValue === undefined) this.pendingContentType = value;
    else if (value === undefined) this.headersValue.delete("content-type");
    else this.headersValue.set("Content-Type", value);
  }

  /** The mimetype (lower-cased, no parameters); setting it applies the charset rule. */
  get mimetype(): string | undefined {
    const contentType = this.contentType;
    return contentType === undefined ? undefined : mimetypeOf(contentType);
  }
  set mimetype(value: string) {
    this.contentType = contentTypeFor(value);
  }

  /** True for `application/json` and `application/*+json`. */
  get isJson(): boolean {
    return isJsonMimetype(this.mimetype ?? "");
  }

  toString(): string {
    return `<${this.constructor.name} [${this.status}]>`;
  }
}

function byteLength(body: string | Uint8Array): number {
  return typeof body === "string" ? Buffer.byteLength(body) : body.byteLength;
}

function toBytes(body: string | Uint8Array): Uint8Array {
  return typeof body === "string" ? encoder.encode(body) : body;
}

function toText(body: string | Uint8Array): string {
  return typeof body === "string" ? body : decoder.decode(body);
}

function concatChunks(chunks: readonly BodyChunk[]): Uint8Array {
  return Buffer.concat(chunks.map((chunk) => (typeof chunk === "string" ? Buffer.from(chunk) : chunk)));
}
