// Request: Werkzeug's sans-IO request. It is built from a transport-neutral `RequestInit`
// (method, raw target, flat raw headers, scheme, server and client addresses, body source);
// node:http (node-request.ts) and the test client each produce one. Every property is parsed
// on first read and cached, so a request costs a handful of field writes until used.
import { domainToASCII } from "node:url";
import {
  Headers,
  ImmutableHeaders,
  ImmutableMultiDict,
  CombinedMultiDict,
  type MultiDict,
  HeaderSet,
  Accept,
  MIMEAccept,
  LanguageAccept,
  CharsetAccept,
  RequestCacheControl,
  ETags,
  Range,
  IfRange,
  Authorization,
} from "../datastructures/index.js";
import { parseCookie, parseDate, parseListHeader, parseOptionsHeader, parsePlainInt, getContentLength } from "../http/index.js";
import { BadRequest, SecurityError, UnsupportedMediaType } from "../exceptions.js";
import { parseFormData, urlencodedPairs, type FileStorage, type ParsedFormData, type StreamFactory } from "../forms/index.js";
import { DEFAULT_SPOOL_THRESHOLD } from "../forms/index.js";
import type { ResolvedFormLimits } from "../forms/limits.js";
import { checkDeclaredLength, limitedBody, readLimited, type BodySource } from "./request-body.js";
import { isJsonMimetype, mimetypeOf } from "./content-type.js";
import { currentUrl } from "./url.js";
import { decodePath } from "./path.js";

/** What a transport knows about a request; the sans-IO core needs nothing else. */
export interface RequestInit {
  method: string;
  /** The request target as received: `/path?query` (percent-encoded), or absolute-form. */
  target: string;
  /** Flat `[name, value, name, value, ...]` (node's `rawHeaders`), or a Headers object. */
  headers: readonly string[] | Headers;
  /** `http`, `https`, `ws` or `wss`. Default `http`. */
  scheme?: string;
  /** The server's address `[host, port]`, `[socketPath, null]` for a Unix socket, or null. */
  server?: readonly [string, number | null] | null;
  /** The prefix the app is mounted under (Werkzeug's SCRIPT_NAME); stripped from the path. */
  rootPath?: string;
  /** The client's address. */
  remoteAddr?: string | null;
  /** The body bytes as they arrive; null for none. */
  body?: BodySource | null;
  /**
   * The decoded path after `rootPath`, when a middleware has already split the URL (mounting);
   * the target then only gives the query string and `rawTarget`.
   */
  path?: string;
}

export type JsonOptions = { force?: boolean; silent?: boolean };

/** The limits a Request class sets and a request may override: the form limits and trusted hosts. */
interface RequestLimits extends ResolvedFormLimits {
  trustedHosts: readonly string[] | null;
}

export class Request {
  /**
   * Hosts this app answers to; others make reading `host` a 400 SecurityError. An entry
   * starting with `.` also matches subdomains; ports are ignored. null allows every host.
   */
  static trustedHosts: readonly string[] | null = null;
  /** Default for `maxContentLength` (null: no limit). */
  static maxContentLength: number | null = null;
  /** Default for `maxFormMemorySize`. */
  static maxFormMemorySize: number | null = 500_000;
  /** Default for `maxFormParts`. */
  static maxFormParts: number | null = 1000;
  /** Default for `spoolThreshold` (500 KiB, Werkzeug's SpooledTemporaryFile size). */
  static spoolThreshold: number = DEFAULT_SPOOL_THRESHOLD;
  /** Default for `streamFactory` (undefined: spooled temp files). */
  static streamFactory: StreamFactory | undefined = undefined;
  /**
   * Default for `readTimeoutMs`: 30 s without a body chunk is a 408 (gunicorn's default worker
   * `timeout`; Werkzeug leaves it to the server). null waits forever.
   */
  static readTimeoutMs: number | null = 30_000;

  /** The method, upper-cased (`GET`). */
  readonly method: string;
  /** The request target exactly as received (Werkzeug's REQUEST_URI). */
  readonly rawTarget: string;
  /** The prefix the app is mounted under, without a trailing slash (Werkzeug's `root_path`). */
  readonly rootPath: string;
  /** The raw query string (after `?`, percent-encoded as received). */
  readonly queryString: string;

  // Few own fields keep construction cheap (it runs for every request): values parsed on first
  // read live in `lazy`, per-request limits in `overrides`; body state is added when used.
  private readonly init: RequestInit;
  private readonly rawPath: string;
  private pathValue: string | undefined;
  private headersValue: Headers | undefined;
  private lazy: Record<string, unknown> | undefined;
  private overrides: Partial<RequestLimits> | undefined;
  declare private readonly hostOverride: string | undefined;
  declare private bodyStarted: boolean | undefined;
  declare private dataPromise: Promise<Uint8Array> | undefined;
  declare private jsonPromise: Promise<unknown> | undefined;
  declare private formPromise: Promise<ParsedFormData> | undefined;

  constructor(init: RequestInit) {
    const method = init.method;
    this.method = method === "GET" || method === "POST" ? method : method.toUpperCase();
    this.init = init;

    let target = init.target;
    this.rawTarget = target;
    if (target.charCodeAt(0) !== 47 /* "/" */) {
      // Absolute-form (`GET http://host/path`): the authority is the host. A target starting
      // with `//` is origin-form and stays a path (CVE-2020-28724).
      const absolute = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)(.*)$/s.exec(target);
      if (absolute !== null) {
        (this as unknown as { hostOverride: string }).hostOverride = absolute[1]!;
        target = absolute[2] === "" ? "/" : absolute[2]!;
      }
    }
    const question = target.indexOf("?");
    let rawPath = question === -1 ? target : target.slice(0, question);
    this.queryString = question === -1 ? "" : target.slice(question + 1);
    const hash = rawPath.indexOf("#");
    if (hash !== -1) rawPath = rawPath.slice(0, hash);
    let rootPath = init.rootPath ?? "";
    if (rootPath !== "") {
      while (rootPath.endsWith("/")) rootPath = rootPath.slice(0, -1);
      if (rootPath !== "" && (rawPath === rootPath || rawPath.startsWith(`${rootPath}/`))) rawPath = rawPath.slice(rootPath.length);
    }
    this.rootPath = rootPath;
    this.rawPath = rawPath;
    this.pathValue = init.path === undefined ? undefined : `/${init.path.replace(/^\/+/, "")}`;
    this.headersValue = undefined;
    this.lazy = undefined;
    this.overrides = undefined;
  }

  // ---- limits (class defaults, settable per request) ------------------------------------------

  private limit<K extends keyof RequestLimits>(key: K): RequestLimits[K] {
    const overrides = this.overrides;
    return overrides !== undefined && key in overrides ? overrides[key]! : (this.constructor as typeof Request)[key];
  }

  /** Trusted hosts for this request (defaults to the class's). */
  get trustedHosts(): readonly string[] | null {
    return this.limit("trustedHosts");
  }
  set trustedHosts(value: readonly string[] | null) {
    (this.overrides ??= {}).trustedHosts = value;
    if (this.lazy !== undefined) delete this.lazy["host"];
  }
  /** Largest body accepted, in bytes; set before reading the body. */
  get maxContentLength(): number | null {
    return this.limit("maxContentLength");
  }
  set maxContentLength(value: number | null) {
    (this.overrides ??= {}).maxContentLength = value;
  }
  /** Largest non-file form field, in bytes. */
  get maxFormMemorySize(): number | null {
    return this.limit("maxFormMemorySize");
  }
  set maxFormMemorySize(value: number | null) {
    (this.overrides ??= {}).maxFormMemorySize = value;
  }
  /** Most multipart parts. */
  get maxFormParts(): number | null {
    return this.limit("maxFormParts");
  }
  set maxFormParts(value: number | null) {
    (this.overrides ??= {}).maxFormParts = value;
  }
  /** Uploaded files up to this many bytes stay in memory; larger ones go to a temp file. */
  get spoolThreshold(): number {
    return this.limit("spoolThreshold");
  }
  set spoolThreshold(value: number) {
    (this.overrides ??= {}).spoolThreshold = value;
  }
  /**
   * Longest wait, in ms, for the next chunk of the body before reading it fails with a 408
   * RequestTimeout (every body read: `getData`, `json`, `stream`, `form`, `files`); null for none.
   */
  get readTimeoutMs(): number | null {
    return this.limit("readTimeoutMs");
  }
  set readTimeoutMs(value: number | null) {
    (this.overrides ??= {}).readTimeoutMs = value;
  }
  /** Where uploaded files go instead of spooled temp files (Werkzeug's stream factory hook). */
  get streamFactory(): StreamFactory | undefined {
    return this.limit("streamFactory");
  }
  set streamFactory(value: StreamFactory | undefined) {
    (this.overrides ??= {}).streamFactory = value;
  }

  /** Builds a request from parts, for scripts and tests: `Request.fromValues({ path: "/x", ... })`. */
  static fromValues(values: {
    method?: string;
    path?: string;
    query?: string;
    headers?: Iterable<readonly [string, string]> | Record<string, string>;
    body?: string | Uint8Array;
    scheme?: string;
    host?: string;
    rootPath?: string;
    remoteAddr?: string;
  }): Request {
    const headers = new Headers(values.headers ?? []);
    if (!headers.has("host")) headers.set("Host", values.host ?? "localhost");
    const bytes = typeof values.body === "string" ? Buffer.from(values.body) : values.body;
    if (bytes !== undefined && !headers.has("content-length")) headers.set("Content-Length", String(bytes.byteLength));
    const path = values.path ?? "/";
    return new this({
      method: values.method ?? "GET",
      target: values.query ? `${path}?${values.query}` : path,
      headers,
      scheme: values.scheme ?? "http",
      rootPath: values.rootPath ?? "",
      remoteAddr: values.remoteAddr ?? null,
      body: bytes === undefined ? null : bytesSource(bytes),
    });
  }

  /** `http`, `https`, `ws` or `wss`. */
  get scheme(): string {
    return this.cached("scheme", () => this.init.scheme ?? "http");
  }

  /** The server address `[host, port]` (`[socketPath, null]` for a Unix socket), or null when unknown. */
  get server(): readonly [string, number | null] | null {
    return this.cached("server", () => this.init.server ?? null);
  }

  /** The client's address, or null when unknown. */
  get remoteAddr(): string | null {
    return this.cached("remoteAddr", () => this.init.remoteAddr ?? null);
  }

  // ---- URL -----------------------------------------------------------------------------------

  /** The path after `rootPath`, percent-decoded (UTF-8, bad bytes as U+FFFD; `%2F` is `/`). */
  get path(): string {
    return (this.pathValue ??= decodePath(this.rawPath));
  }

  /** Alias of `rootPath` (Werkzeug's `script_root`). */
  get scriptRoot(): string {
    return this.rootPath;
  }

  /** `path` plus `?` plus the raw query string (the `?` is always there). */
  get fullPath(): string {
    return `${this.path}?${this.queryString}`;
  }

  /** The parsed query string; keys are plain strings (no nesting), duplicates kept in order. */
  get args(): ImmutableMultiDict<string> {
    return this.cached("args", () => new ImmutableMultiDict<string>(this.queryString === "" ? [] : urlencodedPairs(this.queryString)));
  }

  /** True for `https` and `wss`. */
  get isSecure(): boolean {
    return this.scheme === "https" || this.scheme === "wss";
  }

  /**
   * `host[:port]` from the Host header (else the server address), default port removed; ""
   * when missing or not a valid host. With `trustedHosts`, an untrusted host is a 400.
   */
  get host(): string {
    return this.cached("host", () => this.computeHost());
  }

  private computeHost(): string {
    let host = this.hostOverride ?? this.headers.get("host");
    if (host === undefined) {
      const server = this.server;
      if (server === null || server[1] === null) return "";
      const name = server[0].includes(":") && !server[0].startsWith("[") ? `[${server[0]}]` : server[0];
      host = `${name}:${server[1]}`;
    }
    if (this.scheme === "http" || this.scheme === "ws") {
      if (host.endsWith(":80")) host = host.slice(0, -3);
    } else if (this.scheme === "https" || this.scheme === "wss") {
      if (host.endsWith(":443")) host = host.slice(0, -4);
    }
    if (!hostIsTrusted(host, this.trustedHosts)) {
      if (this.trustedHosts !== null && this.trustedHosts.length > 0) throw new SecurityError(`Host ${JSON.stringify(host)} is not trusted.`);
      return "";
    }
    return host;
  }

  private urlPart(key: string, build: () => string): string {
    return this.cached(`url:${key}`, build);
  }

  /** The full URL (an IRI: valid UTF-8 shown decoded). */
  get url(): string {
    return this.urlPart("url", () => currentUrl(this.scheme, this.host, this.rootPath, this.path, this.queryString));
  }
  /** The URL without the query string. */
  get baseUrl(): string {
    return this.urlPart("base", () => currentUrl(this.scheme, this.host, this.rootPath, this.path));
  }
  /** Scheme, host and root path, ending in `/`. */
  get rootUrl(): string {
    return this.urlPart("root", () => currentUrl(this.scheme, this.host, this.rootPath));
  }
  /** Alias of `rootUrl` (Werkzeug's `url_root`). */
  get urlRoot(): string {
    return this.rootUrl;
  }
  /** Scheme and host, ending in `/`. */
  get hostUrl(): string {
    return this.urlPart("host", () => currentUrl(this.scheme, this.host));
  }

  /** X-Forwarded-For as a list (client first) when present, else `[remoteAddr]`. Not trusted: see a proxy fix. */
  get accessRoute(): string[] {
    const forwarded = this.headers.get("x-forwarded-for");
    if (forwarded !== undefined) return parseListHeader(forwarded);
    return this.remoteAddr === null ? [] : [this.remoteAddr];
  }

  // ---- headers -------------------------------------------------------------------------------

  /** The request headers: read-only, case-insensitive, repeated headers kept. */
  get headers(): Headers {
    if (this.headersValue === undefined) {
      const raw = this.init.headers;
      this.headersValue = raw instanceof Headers ? raw : ImmutableHeaders.fromRaw(raw as string[]);
    }
    return this.headersValue;
  }

  private cached<T>(key: string, parse: () => T): T {
    const cache = (this.lazy ??= {});
    if (Object.hasOwn(cache, key)) return cache[key] as T;
    const value = parse();
    cache[key] = value;
    return value;
  }

  /** Cookies from every Cookie header; nameless pairs dropped, duplicates kept in order. */
  get cookies(): ImmutableMultiDict<string> {
    return this.cached("cookies", () => parseCookie(this.headers.getAll("cookie").join(";"), ImmutableMultiDict<string>));
  }

  /** The Content-Type header. */
  get contentType(): string | undefined {
    return this.headers.get("content-type");
  }

  private contentTypeParts(): [string, Record<string, string>] {
    return this.cached("contentTypeParts", () => parseOptionsHeader(this.contentType ?? ""));
  }

  /** The mimetype, lower-cased, without parameters ("" when absent). */
  get mimetype(): string {
    return this.contentTypeParts()[0].toLowerCase();
  }

  /** The Content-Type parameters (`{ charset: "utf-8" }`). */
  get mimetypeParams(): Record<string, string> {
    return this.contentTypeParts()[1];
  }

  /** Content-Length as a number; null when absent or chunked; 0 when invalid or negative. */
  get contentLength(): number | null {
    return this.cached("contentLength", () => getContentLength(this.headers.get("content-length"), this.headers.getJoined("transfer-encoding")));
  }

  get contentEncoding(): string | undefined {
    return this.headers.get("content-encoding");
  }
  /** The Referer header. */
  get referrer(): string | undefined {
    return this.headers.get("referer");
  }
  get origin(): string | undefined {
    return this.headers.get("origin");
  }
  /** The Date header, or null when absent or invalid. */
  get date(): Date | null {
    return parseDate(this.headers.get("date"));
  }
  /** Max-Forwards as a number, or null when absent or invalid. */
  get maxForwards(): number | null {
    const value = this.headers.get("max-forwards");
    return value === undefined ? null : parsePlainInt(value);
  }
  /** The User-Agent (Werkzeug keeps only the string since 2.1). */
  get userAgent(): { string: string } {
    return { string: this.headers.get("user-agent") ?? "" };
  }
  /** True for `application/json` and `application/*+json`. */
  get isJson(): boolean {
    return isJsonMimetype(mimetypeOf(this.contentType));
  }

  get acceptMimetypes(): MIMEAccept {
    return this.cached("acceptMimetypes", () => MIMEAccept.fromHeader(this.headers.getJoined("accept")));
  }
  get acceptCharsets(): CharsetAccept {
    return this.cached("acceptCharsets", () => CharsetAccept.fromHeader(this.headers.getJoined("accept-charset")));
  }
  get acceptEncodings(): Accept {
    return this.cached("acceptEncodings", () => Accept.fromHeader(this.headers.getJoined("accept-encoding")));
  }
  get acceptLanguages(): LanguageAccept {
    return this.cached("acceptLanguages", () => LanguageAccept.fromHeader(this.headers.getJoined("accept-language")));
  }
  get cacheControl(): RequestCacheControl {
    return this.cached("cacheControl", () => RequestCacheControl.fromHeader(this.headers.getJoined("cache-control")));
  }
  /** If-Match as ETags (always present; empty when the header is absent). */
  get ifMatch(): ETags {
    return this.cached("ifMatch", () => ETags.fromHeader(this.headers.getJoined("if-match")));
  }
  /** If-None-Match as ETags (always present). */
  get ifNoneMatch(): ETags {
    return this.cached("ifNoneMatch", () => ETags.fromHeader(this.headers.getJoined("if-none-match")));
  }
  get ifModifiedSince(): Date | null {
    return parseDate(this.headers.get("if-modified-since"));
  }
  get ifUnmodifiedSince(): Date | null {
    return parseDate(this.headers.get("if-unmodified-since"));
  }
  get ifRange(): IfRange {
    return this.cached("ifRange", () => IfRange.fromHeader(this.headers.get("if-range")));
  }
  /** The Range header (`{ units, ranges: [start, stop | null][] }`, stop exclusive), or null. */
  get range(): Range | null {
    return this.cached("range", () => Range.fromHeader(this.headers.get("range")));
  }
  /** The Authorization header (`type`, `username`, `password`, `token`, `parameters`), or null. */
  get authorization(): Authorization | null {
    return this.cached("authorization", () => Authorization.fromHeader(this.headers.get("authorization")));
  }
  get accessControlRequestHeaders(): HeaderSet {
    return this.cached("acrh", () => HeaderSet.fromHeader(this.headers.getJoined("access-control-request-headers")));
  }
  get accessControlRequestMethod(): string | undefined {
    return this.headers.get("access-control-request-method");
  }
  /** Pragma as a set (`no-cache`). */
  get pragma(): HeaderSet {
    return this.cached("pragma", () => HeaderSet.fromHeader(this.headers.getJoined("pragma")));
  }

  // ---- body ----------------------------------------------------------------------------------

  /** The body as it arrives, unguarded (Werkzeug's `input_stream`). Prefer `stream`. */
  get inputStream(): BodySource | null {
    return this.init.body ?? null;
  }

  /**
   * The body, guarded: a Content-Length over `maxContentLength` is a 413 right away; a body
   * without a length is a 413 once it grows past the limit; an early end is a 400; no chunk
   * for `readTimeoutMs` is a 408.
   * The body streams once (`getData()` caches it for later readers); a body already consumed
   * by `stream` or form parsing reads as empty, as in Werkzeug.
   */
  get stream(): AsyncIterable<Uint8Array> {
    checkDeclaredLength(this.contentLength, this.maxContentLength);
    if (this.dataPromise !== undefined) {
      const data = this.dataPromise;
      return (async function* () {
        yield await data;
      })();
    }
    if (!this.claimBody()) return limitedBody(null, 0, null);
    return limitedBody(this.init.body ?? null, this.contentLength, this.maxContentLength, this.readTimeoutMs);
  }

  /** Marks the body as read; false when someone read it already (later readers see it empty, as in Werkzeug). */
  private claimBody(): boolean {
    if (this.bodyStarted) return false;
    this.bodyStarted = true;
    return true;
  }

  /**
   * The whole body as bytes, read once and cached (limits as `stream`). With `parseFormData`,
   * a form body is parsed first (so the bytes come back empty for form bodies, as Werkzeug's
   * `get_data(parse_form_data=True)` and `data` do).
   */
  getData(options?: { parseFormData?: boolean }): Promise<Uint8Array> {
    if (options?.parseFormData && this.dataPromise === undefined) return this.parseForm().then(() => this.getData());
    if (this.dataPromise === undefined) {
      try {
        checkDeclaredLength(this.contentLength, this.maxContentLength);
      } catch (error) {
        return Promise.reject(error);
      }
      this.dataPromise = this.claimBody()
        ? readLimited(this.init.body ?? null, this.contentLength, this.maxContentLength, this.readTimeoutMs)
        : Promise.resolve(new Uint8Array(0));
    }
    return this.dataPromise;
  }

  /** The body decoded as UTF-8 (bad bytes as U+FFFD). */
  async getText(): Promise<string> {
    return utf8(await this.getData());
  }

  /**
   * The body parsed as JSON. Not a JSON mimetype: 415 UnsupportedMediaType (unless `force`);
   * invalid JSON: 400 "Failed to decode JSON object: ..."; `silent` gives undefined instead.
   */
  getJson(options?: JsonOptions): Promise<unknown> {
    if (options?.force || options?.silent) return this.loadJson(options);
    return (this.jsonPromise ??= this.loadJson({}));
  }

  /** `await request.json()`: the body as JSON (415 when not JSON, 400 when invalid). */
  json(): Promise<unknown> {
    return this.getJson();
  }

  private loadJson(options: JsonOptions): Promise<unknown> {
    if (!options.force && !this.isJson) {
      if (options.silent) return Promise.resolve(undefined);
      return Promise.reject(new UnsupportedMediaType("Did not attempt to load JSON data because the request Content-Type was not 'application/json'."));
    }
    return this.getData().then((data) => {
      try {
        return JSON.parse(utf8(data));
      } catch (error) {
        if (options.silent) return undefined;
        return this.onJsonLoadingFailed(error);
      }
    });
  }

  /** Called with the parse error; throws a 400 by default. Override to change the response. */
  onJsonLoadingFailed(error: unknown): unknown {
    throw new BadRequest(`Failed to decode JSON object: ${error instanceof Error ? error.message : String(error)}`);
  }

  private parseForm(): Promise<ParsedFormData> {
    if (this.formPromise === undefined) {
      // Bytes already read by getData() are parsed from memory; otherwise the body streams in.
      const cached = this.dataPromise;
      // Other content types give an empty form and leave the body for getData()/json().
      const mimetype = this.mimetype;
      const isForm = mimetype === "multipart/form-data" || mimetype === "application/x-www-form-urlencoded";
      const unread = isForm && cached === undefined && this.claimBody();
      this.formPromise = (async () => {
        if (!isForm) return parseFormData({ body: null, contentType: undefined, contentLength: 0 });
        const bytes = cached === undefined ? undefined : await cached;
        return parseFormData({
          body: bytes !== undefined ? [bytes] : unread ? (this.init.body ?? null) : [],
          contentType: this.contentType,
          contentLength: bytes !== undefined ? bytes.byteLength : unread ? this.contentLength : 0,
          limits: {
            maxContentLength: this.maxContentLength,
            maxFormMemorySize: this.maxFormMemorySize,
            maxFormParts: this.maxFormParts,
            spoolThreshold: this.spoolThreshold,
            readTimeoutMs: this.readTimeoutMs,
            ...(this.streamFactory === undefined ? {} : { streamFactory: this.streamFactory }),
          },
        });
      })();
    }
    return this.formPromise;
  }

  /**
   * Form fields of a urlencoded or multipart body (any method); other types give an empty
   * MultiDict. Malformed bodies give an empty form; limits give 413.
   */
  async form(): Promise<MultiDict<string>> {
    return (await this.parseForm()).form;
  }

  /** Uploaded files of a multipart body (parts with a `filename`). */
  async files(): Promise<MultiDict<FileStorage>> {
    return (await this.parseForm()).files;
  }

  /** `args` and `form` combined; the form is left out for GET (Werkzeug 2.0). */
  async values(): Promise<CombinedMultiDict<string>> {
    if (this.method === "GET") return new CombinedMultiDict<string>([this.args]);
    return new CombinedMultiDict<string>([this.args, await this.form()]);
  }

  /** True when `close()` has something to release (a parsed form). */
  get needsClose(): boolean {
    return this.formPromise !== undefined;
  }

  /** Releases uploaded files (memory and temp files). Run by the server when the request ends. */
  async close(): Promise<void> {
    const parsed = this.formPromise;
    if (parsed === undefined) return;
    try {
      await (await parsed).cleanup();
    } catch {
      // a failed parse has already cleaned up after itself
    }
  }

  toString(): string {
    let url: string;
    try {
      url = this.url;
    } catch (error) {
      url = `(invalid URL: ${error instanceof Error ? error.message : String(error)})`;
    }
    return `<${this.constructor.name} ${JSON.stringify(url)} [${this.method}]>`;
  }
}

// `[a-z0-9.-]+` or `[ipv6]`, optional `:port` (Werkzeug 3.1.8).
const validHost = /^(?:[a-z0-9.-]+|\[[a-f0-9]*:[a-f0-9.:]+\])(?::[0-9]+)?$/i;

/** Werkzeug `host_is_trusted`: valid characters, and in `trusted` when that is given. */
export function hostIsTrusted(host: string, trusted: readonly string[] | null): boolean {
  if (!host || !validHost.test(host)) return false;
  if (trusted === null || trusted.length === 0) return true;
  const hostname = host.split(":")[0]!; // as Werkzeug (partition at the first ":")
  for (let ref of trusted) {
    const suffixMatch = ref.startsWith(".");
    if (suffixMatch) ref = ref.slice(1);
    ref = ref.split(":")[0]!;
    const ascii = /^[\x00-\x7f]*$/.test(ref) ? ref : domainToASCII(ref);
    if (!ascii) return false;
    if (ascii === hostname || (suffixMatch && hostname.endsWith(`.${ascii}`))) return true;
  }
  return false;
}

/** UTF-8 text of bytes (U+FFFD for bad sequences), without copying. */
function utf8(data: Uint8Array): string {
  return (Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength)).toString("utf8");
}

function bytesSource(bytes: Uint8Array): BodySource {
  return (async function* () {
    if (bytes.byteLength > 0) yield bytes;
  })();
}
