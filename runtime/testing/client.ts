// The test client (Werkzeug `Client`): calls the app in-process, no socket, through the same
// dispatch and send-time finalisation node:http uses; only the transport is replaced by a
// RequestInit built here and a buffered TestResponse.
import { Headers, type HeadersInit, MultiDict, iterMultiItems, type MultiDictInit } from "../datastructures/index.js";
import { FileStorage, encodeMultipart, type MultipartFile } from "../forms/index.js";
import { dispatch, internalServerErrorResponse, type App } from "../serving/dispatch.js";
import { prepareResponse, type PreparedResponse } from "../wrappers/finalize.js";
import { quote, iriToUri } from "../wrappers/iri.js";
import { contentTypeFor } from "../wrappers/content-type.js";
import { Request } from "../wrappers/request.js";
import { Response } from "../wrappers/response.js";
import { CookieJar, type Cookie } from "./cookie-jar.js";
import type { CookieOptions } from "../http/index.js";
import { trimEndChars } from "../text/trim.js";

/** Form fields (and files) for `data`: a record, `[key, value]` pairs or a MultiDict. */
export type FormData = MultiDictInit<string | number | boolean | MultipartFile | FileStorage>;

export interface RequestOptions {
  method?: string;
  /** The query string: a string, or fields encoded as Werkzeug does (`+` as `%2B`). */
  query?: string | MultiDictInit<unknown>;
  headers?: HeadersInit;
  /**
   * A raw body (string, bytes, or a stream: any async iterable of chunks, read before the
   * request is made), or form fields; any file makes fields multipart, else urlencoded.
   */
  data?: string | Uint8Array | AsyncIterable<Uint8Array | string> | FormData;
  /** Sent as JSON with `Content-Type: application/json` (unless a Content-Type is given). */
  json?: unknown;
  /** Content-Type of the body (overrides the detected one). */
  contentType?: string;
  /** Mimetype of the body; text types get `; charset=utf-8` (as Response's `mimetype`). */
  mimetype?: string;
  /** Basic credentials `[username, password]`, or an Authorization header value/object. */
  auth?: readonly [string, string] | string | { toHeader(): string };
  /** `http://host[:port][/root]` the request is made to. Default the client's (`http://localhost/`). */
  baseUrl?: string;
  /** Follow 301, 302, 303, 305, 307 and 308 responses; the final response has a `history`. */
  followRedirects?: boolean;
  /** Client address seen by the app (`request.remoteAddr`). */
  remoteAddr?: string;
}

export interface ClientOptions {
  /** Default base URL for requests. Default `http://localhost/`. */
  baseUrl?: string;
  /** Keep cookies between requests (default true). */
  useCookies?: boolean;
  /** Allow followRedirects to go to a subdomain of the current host (default false). */
  allowSubdomainRedirects?: boolean;
  /**
   * Rethrow errors the app did not turn into an HTTP response (default true, as Werkzeug's
   * client does, so the test shows the real error); false renders them as the 500 page a
   * server would send.
   */
  raiseErrors?: boolean;
  /** The Request class to build. */
  requestClass?: typeof Request;
}

/** A redirect loop seen while following redirects. */
export class ClientRedirectError extends Error {
  override name = "ClientRedirectError";
}

/** A buffered response: everything a Response has, plus the request that was sent and the redirects followed. */
export class TestResponse extends Response {
  static override defaultMimetype: string | null = null;
  // The headers are what was sent (a HEAD response keeps its Content-Length with no body).
  static override automaticallySetContentLength = false;
  /** The request the app saw. */
  request!: Request;
  /** Responses of the redirects followed before this one, oldest first. */
  history: TestResponse[] = [];
}

const redirectCodes = new Set([301, 302, 303, 305, 307, 308]);

export class Client {
  readonly app: App;
  /** The cookie jar, or null when `useCookies` is false. */
  readonly cookieJar: CookieJar | null;
  private readonly settings: ClientOptions;

  constructor(app: App, options: ClientOptions = {}) {
    this.app = app;
    this.settings = options;
    this.cookieJar = options.useCookies === false ? null : new CookieJar();
  }

  get(path: string, options: RequestOptions = {}): Promise<TestResponse> {
    return this.open(path, { ...options, method: "GET" });
  }
  post(path: string, options: RequestOptions = {}): Promise<TestResponse> {
    return this.open(path, { ...options, method: "POST" });
  }
  put(path: string, options: RequestOptions = {}): Promise<TestResponse> {
    return this.open(path, { ...options, method: "PUT" });
  }
  patch(path: string, options: RequestOptions = {}): Promise<TestResponse> {
    return this.open(path, { ...options, method: "PATCH" });
  }
  delete(path: string, options: RequestOptions = {}): Promise<TestResponse> {
    return this.open(path, { ...options, method: "DELETE" });
  }
  head(path: string, options: RequestOptions = {}): Promise<TestResponse> {
    return this.open(path, { ...options, method: "HEAD" });
  }
  options(path: string, options: RequestOptions = {}): Promise<TestResponse> {
    return this.open(path, { ...options, method: "OPTIONS" });
  }
  trace(path: string, options: RequestOptions = {}): Promise<TestResponse> {
    return this.open(path, { ...options, method: "TRACE" });
  }

  /** Makes a request (GET unless `method` says otherwise) and returns the buffered response. */
  async open(path: string, options: RequestOptions = {}): Promise<TestResponse> {
    const data = options.data;
    if (
      data !== undefined &&
      typeof data !== "string" &&
      !(data instanceof Uint8Array) &&
      typeof (data as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function"
    ) {
      options = { ...options, data: await collect(data as AsyncIterable<Uint8Array | string>) };
    }
    let built = buildRequest(path, options, this.settings.baseUrl);
    let response = await this.run(built);
    if (!options.followRedirects) return response;
    const seen = new Set<string>();
    const history: TestResponse[] = [];
    while (redirectCodes.has(response.statusCode)) {
      const location = response.headers.get("location") ?? "";
      const entry = `${response.statusCode} ${location}`;
      if (seen.has(entry)) throw new ClientRedirectError(`Loop detected: A ${response.statusCode} redirect to ${location} was already made.`);
      seen.add(entry);
      response.history = history.slice();
      history.push(response);
      built = this.redirectedRequest(built, response, location);
      response = await this.run(built);
    }
    response.history = history;
    return response;
  }

  private async run(built: BuiltRequest): Promise<TestResponse> {
    const { url } = built;
    const headers = built.headers.copy();
    // As Werkzeug: the jar's cookies replace a Cookie header given by hand (none matching drops
    // it); without a jar the header is sent as given. Cookies match the host the app sees.
    const jarHost = hostnameOf(headers.get("host")) ?? (url.hostname || "localhost");
    if (this.cookieJar !== null) {
      const cookieHeader = this.cookieJar.headerFor(jarHost, url.pathname);
      if (cookieHeader !== undefined) headers.set("Cookie", cookieHeader);
      else headers.delete("cookie");
    }
    const RequestClass = this.settings.requestClass ?? Request;
    const request = new RequestClass({
      method: built.method,
      target: built.target,
      headers,
      scheme: url.protocol.slice(0, -1),
      server: [url.hostname || "localhost", Number(url.port) || (url.protocol === "https:" ? 443 : 80)],
      rootPath: built.rootPath,
      remoteAddr: built.remoteAddr,
      body: built.body === null ? null : once(built.body),
    });
    let unhandled: { error: unknown } | undefined;
    const raise = this.settings.raiseErrors !== false;
    const appResponse = await dispatch(this.app, request, (error) => {
      unhandled = { error };
      if (!raise) console.error(`wz: error while handling ${request.method} ${request.rawTarget}:`, error);
    });
    if (unhandled !== undefined && raise) {
      if (request.needsClose) await request.close();
      throw unhandled.error;
    }
    let sent = appResponse;
    let prepared: PreparedResponse;
    try {
      prepared = prepareResponse(appResponse, request.method, () => request.url);
    } catch (error) {
      // A response node:http could not send (a header value outside Latin-1): the error, or
      // the 500 the server answers instead.
      if (raise) {
        if (request.needsClose) await request.close();
        throw error;
      }
      console.error(`wz: error while sending the response to ${request.method} ${request.rawTarget}:`, error);
      sent = internalServerErrorResponse(error, request);
      prepared = prepareResponse(sent, request.method, () => request.url);
    }
    let body: Uint8Array;
    try {
      body = await collect(prepared.body);
    } finally {
      appResponse.close();
      if (request.needsClose) await request.close();
    }
    const pairs: [string, string][] = [];
    for (let i = 0; i < prepared.headers.length; i += 2) pairs.push([prepared.headers[i]!, prepared.headers[i + 1]!]);
    const response = new TestResponse(body, { status: sent.status, headers: pairs });
    response.request = request;
    this.cookieJar?.update(jarHost, url.pathname, response.headers.getAll("set-cookie"));
    return response;
  }

  private redirectedRequest(previous: BuiltRequest, response: TestResponse, location: string): BuiltRequest {
    const target = new URL(iriToUri(location), previous.url);
    const fromParts = (previous.url.hostname || "localhost").split(".");
    const toParts = (target.hostname || "localhost").split(".");
    if (toParts.join(".") !== fromParts.join(".")) {
      const isSubdomain = toParts.length > fromParts.length && toParts.slice(-fromParts.length).join(".") === fromParts.join(".");
      if (!isSubdomain) throw new Error(`wz: following external redirects is not supported (${location})`);
      if (!this.settings.allowSubdomainRedirects)
        throw new Error(`wz: following subdomain redirects is not enabled (${location}); pass allowSubdomainRedirects`);
    }
    const keepsBody = response.statusCode === 307 || response.statusCode === 308;
    const headers = previous.headers.copy();
    headers.set("Host", target.host);
    if (!keepsBody) for (const name of ["content-type", "content-length", "transfer-encoding"]) headers.delete(name);
    const rootPath = target.pathname === previous.rootPath || target.pathname.startsWith(`${previous.rootPath}/`) ? previous.rootPath : "";
    return {
      method: keepsBody || previous.method === "HEAD" ? previous.method : "GET",
      url: target,
      target: `${target.pathname}${target.search}`,
      rootPath,
      headers,
      body: keepsBody ? previous.body : null,
      remoteAddr: previous.remoteAddr,
    };
  }

  /** A stored cookie (decoded name), or undefined. */
  getCookie(key: string, domain = "localhost", path = "/"): Cookie | undefined {
    return this.jar().get(key, domain, path);
  }

  /** Stores a cookie as if a response had set it (host-only unless `originOnly: false`). */
  setCookie(key: string, value = "", options: CookieOptions & { domain?: string; originOnly?: boolean; path?: string } = {}): void {
    this.jar().set(key, value, options);
  }

  /** Removes a stored cookie. */
  deleteCookie(key: string, options: { domain?: string; path?: string } = {}): void {
    this.jar().delete(key, options.domain ?? "localhost", options.path ?? "/");
  }

  private jar(): CookieJar {
    if (this.cookieJar === null) throw new TypeError("wz: cookies are disabled (useCookies: false)");
    return this.cookieJar;
  }
}

interface BuiltRequest {
  method: string;
  url: URL;
  target: string;
  rootPath: string;
  headers: Headers;
  body: Uint8Array | null;
  remoteAddr: string | null;
}

function buildRequest(path: string, options: RequestOptions, defaultBaseUrl: string | undefined): BuiltRequest {
  const baseUrl = new URL(iriToUri(options.baseUrl ?? defaultBaseUrl ?? "http://localhost/"));
  if (baseUrl.search !== "" || baseUrl.hash !== "") throw new TypeError("wz: baseUrl must not contain a query string or fragment");
  const rootPath = trimEndChars(baseUrl.pathname, "/");
  const question = path.indexOf("?");
  if (question !== -1 && options.query !== undefined) throw new TypeError("wz: the query string is given in the path and as `query`");
  const rawPath = question === -1 ? path : path.slice(0, question);
  let queryString = question === -1 ? "" : path.slice(question + 1);
  if (options.query !== undefined) queryString = typeof options.query === "string" ? options.query : encodeForm(iterMultiItems(options.query));
  const pathPart = iriToUri(`${rootPath}/${rawPath.replace(/^\/+/, "")}`);
  const target = queryString === "" ? pathPart : `${pathPart}?${iriToUri(`?${queryString}`).slice(1)}`;

  const headers = new Headers(options.headers ?? []);
  // An explicit Host wins over the base URL's (several are kept, for the 400 a server gives).
  if (!headers.has("host")) headers.set("Host", baseUrl.host);
  let body: Uint8Array | null = null;
  let contentType: string | undefined;
  if (options.json !== undefined) {
    if (options.data !== undefined) throw new TypeError("wz: give either `json` or `data`, not both");
    body = Buffer.from(JSON.stringify(options.json));
    contentType = "application/json";
  } else if (typeof options.data === "string" || options.data instanceof Uint8Array) {
    body = typeof options.data === "string" ? Buffer.from(options.data) : options.data;
  } else if (options.data !== undefined) {
    const fields = new MultiDict<string>();
    const files = new MultiDict<MultipartFile>();
    for (const [key, value] of iterMultiItems(options.data as FormData)) {
      if (isFile(value)) files.add(key, value);
      else fields.add(key, String(value));
    }
    if (files.size > 0) {
      const encoded = encodeMultipart(fields, files);
      body = encoded.body;
      contentType = encoded.contentType;
    } else {
      body = Buffer.from(encodeForm(fields.items(true)));
      contentType = "application/x-www-form-urlencoded";
    }
  }
  if (options.contentType !== undefined) headers.set("Content-Type", options.contentType);
  else if (options.mimetype !== undefined) headers.set("Content-Type", contentTypeFor(options.mimetype));
  else if (contentType !== undefined && !headers.has("content-type")) headers.set("Content-Type", contentType);
  if (body !== null) headers.set("Content-Length", String(body.byteLength));
  if (options.auth !== undefined) headers.set("Authorization", authorizationHeader(options.auth));
  return {
    method: (options.method ?? "GET").toUpperCase(),
    url: new URL(target, baseUrl),
    target,
    rootPath,
    headers,
    body,
    remoteAddr: options.remoteAddr ?? null,
  };
}

/** The host name of a Host header value (`example.org` for `example.org:8080`), or undefined. */
function hostnameOf(host: string | undefined): string | undefined {
  if (host === undefined || host === "") return undefined;
  try {
    return new URL(`http://${host}/`).hostname;
  } catch {
    return undefined;
  }
}

function isFile(value: unknown): value is MultipartFile {
  return value instanceof FileStorage || value instanceof Uint8Array || (typeof value === "object" && value !== null && "data" in value);
}

/** `urlencode` with Werkzeug's safe set (so `+` is sent as `%2B` and space as `+`). */
function encodeForm(pairs: Iterable<readonly [string, unknown]>): string {
  const parts: string[] = [];
  for (const [key, value] of pairs) {
    if (value === null || value === undefined) continue;
    parts.push(`${quotePlus(key)}=${quotePlus(String(value))}`);
  }
  return parts.join("&");
}

function quotePlus(text: string): string {
  return quote(text, "!$'()*,/:;?@ ").replaceAll(" ", "+");
}

function authorizationHeader(auth: NonNullable<RequestOptions["auth"]>): string {
  if (typeof auth === "string") return auth;
  if (Array.isArray(auth)) return `Basic ${Buffer.from(`${auth[0]}:${auth[1]}`).toString("base64")}`;
  return (auth as { toHeader(): string }).toHeader();
}

async function collect(body: ReturnType<typeof prepareResponse>["body"]): Promise<Uint8Array> {
  if (body === null) return new Uint8Array(0);
  if (typeof body === "string") return Buffer.from(body);
  if (body instanceof Uint8Array) return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<string | Uint8Array>) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

function once(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  return (async function* () {
    if (bytes.byteLength > 0) yield bytes;
  })();
}
