// Response: status, headers and body (Werkzeug's sansio Response plus the body handling of its
// WSGI Response). Nothing here touches a socket: `prepareResponse` (finalize.ts) turns a
// Response into status + flat header array + body, and the node:http writer and the test
// client both consume that.
//
// Headers are materialised lazily: `new Response("hello")` only records its Content-Type, and
// the wire header array is built directly at send time, unless the app touches `headers`.
import {
  Headers,
  type HeadersInit,
  HeaderSet,
  ResponseCacheControl,
  ContentRange,
  WWWAuthenticate,
  ContentSecurityPolicy,
  CallbackDict,
} from "../datastructures/index.js";
import {
  dumpAge,
  dumpCookie,
  generateEtag,
  httpDate,
  parseAge,
  parseDate,
  parseOptionsHeader,
  dumpOptionsHeader,
  parsePlainInt,
  quoteEtag,
  unquoteEtag,
  type CookieOptions,
} from "../http/index.js";
import { contentTypeFor, isJsonMimetype, mimetypeOf } from "./content-type.js";
import { statusLine } from "./status.js";
import { makeConditional, type ConditionalOptions } from "./conditional.js";
import type { Request } from "./request.js";
import { unsendable } from "../datastructures/headers.js";

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
        const mimetype = options.mimetype ?? (headers.has("content-type") ? undefined : (klass.defaultMimetype ?? undefined));
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

  /**
   * A JSON response, as the WHATWG `Response.json(data, init)`: `Response.json({ ok: true })`,
   * `Response.json(errors, { status: 422 })`. Content-Type `application/json` unless `init`
   * gives one; a value JSON cannot represent (undefined, a function) is a TypeError.
   */
  static json<T extends typeof Response>(this: T, value: unknown, init: ResponseOptions = {}): InstanceType<T> {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`wz: Response.json cannot serialise ${typeof value} as JSON`);
    const headers = init.headers;
    const typed =
      init.contentType !== undefined ||
      init.mimetype !== undefined ||
      (headers !== undefined && (headers instanceof Headers ? headers : new Headers(headers)).has("content-type"));
    return new this(text, typed ? init : { ...init, mimetype: "application/json" }) as InstanceType<T>;
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
    // node:http refuses such a reason on the wire (a CR/LF would inject headers); refusing it
    // here makes the test Client and the socket fail alike, where the app built it.
    const problem = unsendable(text);
    if (problem !== null) throw new TypeError(`wz: a status must not contain ${problem} (status ${JSON.stringify(value)})`);
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
    } else if (
      typeof (body as AsyncIterable<BodyChunk>)[Symbol.asyncIterator] === "function" ||
      typeof (body as Iterable<BodyChunk>)[Symbol.iterator] === "function"
    ) {
      this.sequence = null;
      this.stream = body as Iterable<BodyChunk> | AsyncIterable<BodyChunk>;
    } else {
      throw new TypeError(
        `wz: unsupported response body (${Object.prototype.toString.call(body)}): use a string, bytes, an iterable, an async iterable or a stream`,
      );
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

  /**
   * Content-Type parameters as a live map: `response.mimetypeParams.set("charset", "latin-1")`
   * rewrites the header. Assigning a record replaces them all.
   */
  get mimetypeParams(): CallbackDict<string> {
    return new CallbackDict<string>(parseOptionsHeader(this.contentType ?? "")[1], (params) => {
      this.contentType = dumpOptionsHeader(this.mimetype ?? "", Object.fromEntries(params));
    });
  }
  set mimetypeParams(params: Record<string, string>) {
    this.contentType = dumpOptionsHeader(this.mimetype ?? "", params);
  }

  // ---- cookies -------------------------------------------------------------------------------

  /**
   * Adds a Set-Cookie header: attributes in Werkzeug's order (Domain, Expires, Max-Age, Secure,
   * HttpOnly, Path, SameSite, Partitioned); `partitioned` implies Secure; `maxAge` also sets
   * Expires. Warns (does not fail) when longer than `maxCookieSize`.
   */
  setCookie(key: string, value = "", options: CookieOptions = {}): void {
    const maxSize = (this.constructor as typeof Response).maxCookieSize;
    this.headers.add("Set-Cookie", dumpCookie(key, value, { maxSize, ...options }));
  }

  /** Expires a cookie: empty value, `Expires` at the epoch, `Max-Age=0`; path and domain must match the original. */
  deleteCookie(key: string, options: Omit<CookieOptions, "maxAge" | "expires"> = {}): void {
    this.setCookie(key, "", { ...options, expires: 0, maxAge: 0 });
  }

  // ---- validators and caching ----------------------------------------------------------------

  /** Sets the ETag header (quoted; `W/` prefixed when weak). A `"` in the tag throws. */
  setEtag(etag: string, weak = false): void {
    this.headers.set("ETag", quoteEtag(etag, weak));
  }

  /** `[tag, isWeak]`, or `[null, null]` without an ETag. */
  getEtag(): [string, boolean] | [null, null] {
    return unquoteEtag(this.headers.get("etag"));
  }

  /** Sets an ETag from a hash of the body (reads the whole body) unless one exists. */
  async addEtag(overwrite = false, weak = false): Promise<void> {
    if (overwrite || !this.headers.has("etag")) this.setEtag(generateEtag(await this.getData()), weak);
  }

  /**
   * Answers a conditional GET or HEAD: adds Date, gives 304 when the client's copy is current
   * (412 when an If-Match failed), and with `acceptRanges` serves a single Range as 206
   * (a bad or unsatisfiable range throws RequestedRangeNotSatisfiable, a 416 with
   * `Content-Range: bytes *\/length`). Other methods are left alone. Returns this response.
   */
  makeConditional(request: Request, options: ConditionalOptions = {}): Promise<this> {
    return makeConditional(this, request, options, (this.constructor as typeof Response).automaticallySetContentLength);
  }

  /** The Cache-Control header as a live object: setting `maxAge`, `public`, ... rewrites the header. */
  get cacheControl(): ResponseCacheControl {
    return ResponseCacheControl.fromHeader(this.headers.get("cache-control"), (cacheControl) => {
      this.writeHeader("Cache-Control", cacheControl.toHeader());
    });
  }

  private writeHeader(name: string, value: string | null | undefined): void {
    if (value === null || value === undefined || value === "") this.headers.delete(name);
    else this.headers.set(name, value);
  }

  private dateHeader(name: string): Date | null {
    return parseDate(this.headersValue?.get(name));
  }

  private setDateHeader(name: string, value: Date | number | string | null | undefined): void {
    this.writeHeader(name, value === null || value === undefined ? null : typeof value === "string" ? value : httpDate(value));
  }

  /** The Date header (set with a Date, or seconds since the epoch). */
  get date(): Date | null {
    return this.dateHeader("date");
  }
  set date(value: Date | number | string | null) {
    this.setDateHeader("Date", value);
  }
  get expires(): Date | null {
    return this.dateHeader("expires");
  }
  set expires(value: Date | number | string | null) {
    this.setDateHeader("Expires", value);
  }
  get lastModified(): Date | null {
    return this.dateHeader("last-modified");
  }
  set lastModified(value: Date | number | string | null) {
    this.setDateHeader("Last-Modified", value);
  }

  /** Age in seconds (a negative value throws). */
  get age(): number | null {
    return parseAge(this.headersValue?.get("age"));
  }
  set age(value: number | null) {
    this.writeHeader("Age", dumpAge(value));
  }

  /** Retry-After as a Date (a seconds value is read as now plus that). Set seconds, a Date or a string. */
  get retryAfter(): Date | null {
    const value = this.headersValue?.get("retry-after");
    if (value === undefined) return null;
    const seconds = parsePlainInt(value);
    return seconds === null ? parseDate(value) : new Date(Date.now() + seconds * 1000);
  }
  set retryAfter(value: Date | number | string | null) {
    this.writeHeader("Retry-After", value === null ? null : value instanceof Date ? httpDate(value) : String(value));
  }

  // ---- plain header properties ---------------------------------------------------------------

  private plain(name: string): string | undefined {
    return this.headersValue?.get(name);
  }

  get location(): string | undefined {
    return this.plain("location");
  }
  set location(value: string | null | undefined) {
    this.writeHeader("Location", value);
  }
  get contentLocation(): string | undefined {
    return this.plain("content-location");
  }
  set contentLocation(value: string | null | undefined) {
    this.writeHeader("Content-Location", value);
  }
  get contentEncoding(): string | undefined {
    return this.plain("content-encoding");
  }
  set contentEncoding(value: string | null | undefined) {
    this.writeHeader("Content-Encoding", value);
  }
  /** Content-Length as a number (null when absent or invalid). */
  get contentLength(): number | null {
    const value = this.plain("content-length");
    return value === undefined ? null : parsePlainInt(value);
  }
  set contentLength(value: number | null) {
    this.writeHeader("Content-Length", value === null ? null : String(value));
  }
  get acceptRanges(): string | undefined {
    return this.plain("accept-ranges");
  }
  set acceptRanges(value: string | null | undefined) {
    this.writeHeader("Accept-Ranges", value);
  }
  get accessControlAllowOrigin(): string | undefined {
    return this.plain("access-control-allow-origin");
  }
  set accessControlAllowOrigin(value: string | null | undefined) {
    this.writeHeader("Access-Control-Allow-Origin", value);
  }
  /** True writes `true`; anything else removes the header. */
  get accessControlAllowCredentials(): boolean {
    return this.plain("access-control-allow-credentials") === "true";
  }
  set accessControlAllowCredentials(value: boolean) {
    this.writeHeader("Access-Control-Allow-Credentials", value === true ? "true" : null);
  }
  get accessControlMaxAge(): number | null {
    const value = this.plain("access-control-max-age");
    return value === undefined ? null : parsePlainInt(value);
  }
  set accessControlMaxAge(value: number | null) {
    this.writeHeader("Access-Control-Max-Age", value === null ? null : String(value));
  }

  // ---- set-valued and structured header properties (live objects) ----------------------------

  private headerSet(name: string): HeaderSet {
    return HeaderSet.fromHeader(this.headersValue?.get(name), (set) => this.writeHeader(name, set.toHeader()));
  }

  private setHeaderSet(name: string, value: Iterable<string> | string | null): void {
    this.writeHeader(name, value === null ? null : typeof value === "string" ? value : new HeaderSet(value).toHeader());
  }

  /** Vary as a live set (`response.vary.add("Cookie")`); assign a list or string; empty removes it. */
  get vary(): HeaderSet {
    return this.headerSet("Vary");
  }
  set vary(value: Iterable<string> | string | null) {
    this.setHeaderSet("Vary", value);
  }
  get contentLanguage(): HeaderSet {
    return this.headerSet("Content-Language");
  }
  set contentLanguage(value: Iterable<string> | string | null) {
    this.setHeaderSet("Content-Language", value);
  }
  get allow(): HeaderSet {
    return this.headerSet("Allow");
  }
  set allow(value: Iterable<string> | string | null) {
    this.setHeaderSet("Allow", value);
  }
  get accessControlAllowHeaders(): HeaderSet {
    return this.headerSet("Access-Control-Allow-Headers");
  }
  set accessControlAllowHeaders(value: Iterable<string> | string | null) {
    this.setHeaderSet("Access-Control-Allow-Headers", value);
  }
  get accessControlAllowMethods(): HeaderSet {
    return this.headerSet("Access-Control-Allow-Methods");
  }
  set accessControlAllowMethods(value: Iterable<string> | string | null) {
    this.setHeaderSet("Access-Control-Allow-Methods", value);
  }
  get accessControlExposeHeaders(): HeaderSet {
    return this.headerSet("Access-Control-Expose-Headers");
  }
  set accessControlExposeHeaders(value: Iterable<string> | string | null) {
    this.setHeaderSet("Access-Control-Expose-Headers", value);
  }

  /** Content-Range as a live object (always present; `unset()` removes the header). */
  get contentRange(): ContentRange {
    const onUpdate = (range: ContentRange) => this.writeHeader("Content-Range", range.isSet ? range.toHeader() : null);
    return ContentRange.fromHeader(this.headersValue?.get("content-range"), onUpdate) ?? new ContentRange(null, null, null, null, onUpdate);
  }
  set contentRange(value: ContentRange | string | null) {
    this.writeHeader("Content-Range", value === null ? null : typeof value === "string" ? value : value.toHeader());
  }

  /**
   * WWW-Authenticate as a live object (a placeholder `basic` one when absent, written once
   * changed). Assign a list to send several headers; null removes them.
   */
  get wwwAuthenticate(): WWWAuthenticate {
    const auth = WWWAuthenticate.fromHeader(this.headersValue?.get("www-authenticate")) ?? new WWWAuthenticate("basic");
    auth.onUpdate = (changed) => this.writeHeader("WWW-Authenticate", changed.toHeader());
    return auth;
  }
  set wwwAuthenticate(value: WWWAuthenticate | readonly WWWAuthenticate[] | string | null) {
    this.headers.delete("www-authenticate");
    if (value === null) return;
    for (const item of Array.isArray(value) ? value : [value]) {
      this.headers.add("WWW-Authenticate", typeof item === "string" ? item : item.toHeader());
    }
  }

  get contentSecurityPolicy(): ContentSecurityPolicy {
    return ContentSecurityPolicy.fromHeader(this.headersValue?.get("content-security-policy"), (csp) =>
      this.writeHeader("Content-Security-Policy", csp.toHeader()),
    );
  }
  set contentSecurityPolicy(value: ContentSecurityPolicy | string | null) {
    this.writeHeader("Content-Security-Policy", value === null ? null : typeof value === "string" ? value : value.toHeader());
  }
  get contentSecurityPolicyReportOnly(): ContentSecurityPolicy {
    return ContentSecurityPolicy.fromHeader(this.headersValue?.get("content-security-policy-report-only"), (csp) =>
      this.writeHeader("Content-Security-Policy-Report-Only", csp.toHeader()),
    );
  }
  set contentSecurityPolicyReportOnly(value: ContentSecurityPolicy | string | null) {
    this.writeHeader("Content-Security-Policy-Report-Only", value === null ? null : typeof value === "string" ? value : value.toHeader());
  }

  /** Replaces a streamed body with a byte range of it (used for 206 answers). */
  sliceBody(start: number, length: number): void {
    if (this.sequence !== null) {
      const bytes = toBytes(this.sequence);
      this.sequence = bytes.subarray(start, start + length);
      return;
    }
    const stream = this.stream!;
    const sliceable = stream as { slice?: (start: number, end: number) => AsyncIterable<BodyChunk> };
    this.stream = typeof sliceable.slice === "function" ? sliceable.slice(start, start + length) : sliceChunks(stream, start, length);
  }

  toString(): string {
    return `<${this.constructor.name} [${this.status}]>`;
  }
}

/** Skips `start` bytes of a stream and yields the next `length` (the source is closed early when done). */
async function* sliceChunks(stream: Iterable<BodyChunk> | AsyncIterable<BodyChunk>, start: number, length: number): AsyncGenerator<Uint8Array> {
  let position = 0;
  const end = start + length;
  for await (const chunk of stream as AsyncIterable<BodyChunk>) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    const chunkEnd = position + bytes.byteLength;
    if (chunkEnd > start) yield bytes.subarray(Math.max(0, start - position), Math.min(bytes.byteLength, end - position));
    position = chunkEnd;
    if (position >= end) return;
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
