// What generated modules build their typed helpers on: `urlFor` (with per-endpoint fast
// builders) and `defineEndpoints(...).dispatch(request)`.
import { HTTPException } from "../exceptions.js";
import { maybeCurrentRequest } from "../wrappers/context.js";
import {
  requestScheme,
  routingException,
  type BuildOptions,
  type LookupOutcome,
  type LookupResult,
  type MapAdapter,
  type MatchResult,
  type Params,
  type RequestLike,
  type RouteMap,
} from "./map.js";
import { encodeQuery, multiItems, quotePath } from "./url.js";
import type { FastBuilders } from "./fast-build.js";

export type { FastBuilder } from "./fast-build.js";

/** Query values `urlFor` accepts: arrays repeat the key. */
export type QueryValue = string | number | boolean | null | undefined;

export interface UrlForOptions extends BuildOptions {
  /** Query string pairs (arrays repeat the key), appended after the path. */
  query?: Record<string, QueryValue | readonly QueryValue[]>;
}

const adapters = new WeakMap<object, WeakMap<RouteMap, MapAdapter>>();
const localAdapters = new WeakMap<RouteMap, MapAdapter>();

/** The adapter `urlFor` builds with: the current request's, else one bound to localhost. */
export function adapterFor(map: RouteMap): MapAdapter {
  const request = maybeCurrentRequest() as RequestLike | undefined;
  if (request === undefined) {
    let adapter = localAdapters.get(map);
    if (!adapter) localAdapters.set(map, (adapter = map.bind("localhost")));
    return adapter;
  }
  let perRequest = adapters.get(request);
  if (!perRequest) adapters.set(request, (perRequest = new WeakMap()));
  let adapter = perRequest.get(map);
  if (!adapter) perRequest.set(map, (adapter = map.bindToRequest(request)));
  return adapter;
}

export function urlForWith(map: RouteMap, fast: FastBuilders, endpoint: string, params?: Params, options?: UrlForOptions): string {
  const adapter = adapterFor(map);
  if (options === undefined && params !== undefined && adapter.plainBuild) {
    const builder = fast.get(endpoint);
    const path = builder === null ? undefined : builder(params);
    if (path !== undefined) return adapter.scriptPrefix + path;
  }
  if (!options?.query) return adapter.build(endpoint, params, options);
  const { query, ...buildOptions } = options;
  let url = adapter.build(endpoint, params, { ...buildOptions, anchor: undefined });
  const encoded = encodeQuery(multiItems(query as Params));
  if (encoded) url += (url.includes("?") ? "&" : "?") + encoded;
  if (options.anchor !== undefined) url += "#" + quotePath(options.anchor);
  return url;
}

/** A value, or a promise of it: handlers may be sync or async. */
export type Awaitable<T> = T | PromiseLike<T>;

/**
 * A handler per endpoint, sync or async: it returns (or resolves to) the response, or an HTTP
 * exception, which the server renders as an app's would be.
 */
export type EndpointHandler<Req, P, Res> = (request: Req, params: P) => Awaitable<Res | HTTPException>;

/** What `defineEndpoints` returns. Both results are what an app may return. */
export interface Dispatcher<Req, Res> {
  /**
   * Matches the request and calls the endpoint's handler with its params. A routing outcome is
   * returned, not thrown, as its HTTP exception: NotFound (404), MethodNotAllowed (405, with
   * Allow), RequestRedirect (308 to `newUrl`), WebsocketMismatch (400). `serve`,
   * `toNodeListener` and `Client` render it; so `(request) => endpoints.dispatch(request)` is an app.
   */
  dispatch(request: Req): Awaitable<Res | HTTPException>;
  /** As dispatch, but routing outcomes are thrown. */
  handle(request: Req): Awaitable<Res | HTTPException>;
}

export function defineEndpointsWith<Req extends RequestLike, Res>(
  map: RouteMap,
  handlers: Record<string, EndpointHandler<Req, any, Res>>,
): Dispatcher<Req, Res> {
  const missing = map.endpoints.filter((e) => typeof handlers[e] !== "function");
  if (missing.length) throw new TypeError(`wz: defineEndpoints is missing handlers for ${missing.map((e) => `"${e}"`).join(", ")}`);
  const adapters = new RequestAdapters(map);
  const handle = (request: Req): Awaitable<Res | HTTPException> => {
    const result = adapters.lookup(request);
    if (result === null || (result as Partial<LookupOutcome>).status !== undefined) throw routingException(result as LookupOutcome | null);
    const found = result as MatchResult;
    return handlers[found.endpoint]!(request, found.params);
  };
  return {
    handle,
    dispatch(request: Req) {
      try {
        const result = adapters.lookup(request);
        if (result !== null && (result as Partial<LookupOutcome>).status === undefined) {
          const found = result as MatchResult;
          return handlers[found.endpoint]!(request, found.params);
        }
        // A routing outcome is handed back as a value (its HTTP exception, built without a
        // stack): no throw/catch on the miss path.
        return routingException(result as LookupOutcome | null);
      } catch (e) {
        // Binding refused the request's host (a 400): also a value.
        if (e instanceof HTTPException) return e;
        throw e;
      }
    },
  };
}

/** Adapters bound to more hosts than this are dropped (the Host header is the client's to choose). */
const MAX_ADAPTERS = 64;

/**
 * The adapter of a request, reused across requests: binding reads only the host, the scheme
 * (ws/wss for an upgrade) and the script root, so requests that agree on those share one adapter,
 * and the path, method and query string are passed to `lookup` per request.
 */
class RequestAdapters {
  private readonly adapters = new Map<string, MapAdapter>();

  constructor(private readonly map: RouteMap) {}

  lookup(request: RequestLike): LookupResult {
    const root = request.rootPath ?? request.scriptRoot ?? "/";
    const key = `${request.host}\n${requestScheme(request)}\n${root}`;
    let adapter = this.adapters.get(key);
    if (adapter === undefined) {
      if (this.adapters.size >= MAX_ADAPTERS) this.adapters.clear();
      adapter = this.map.bindToRequest(request);
      this.adapters.set(key, adapter);
    }
    const path = request.path ?? "/";
    const result = adapter.lookup(path, request.method);
    // A redirect carries the query string: this request's, not the one the adapter was bound for.
    if (result !== null && (result as Partial<LookupOutcome>).status === 308)
      return adapter.lookup(path, request.method, { queryString: request.queryString ?? "" });
    return result;
  }
}
