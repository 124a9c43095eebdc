// The routers under comparison, each behind one shape:
//   build(routes) -> { lookup(method, path), answer(result) -> { endpoint, params } | null }
// `lookup` is the router's own lookup call, as a server would make it, and is what gets timed;
// `answer` turns its result into the common form only for the correctness check.
// Routes arrive in neutral form (":name" one segment, "*name" the rest of the path).
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { repoRoot } from "../fixtures/neutral.mjs";
import { createRouter, addRoute, findRoute } from "rou3";
import { compileRouter } from "rou3/compiler";
import { Memoirist } from "memoirist";
import { RegExpRouter } from "hono/router/reg-exp-router";
import { TrieRouter } from "hono/router/trie-router";

const require = createRequire(import.meta.url);
const FindMyWay = require("find-my-way");
const MedleyRouter = require("@medley/router");
const KoaTreeRouter = require("koa-tree-router");

/** The name of a route's trailing wildcard, for routers whose wildcard is anonymous. */
const wildcardName = (path) => (/\/\*([A-Za-z0-9_]+)$/.exec(path) ?? [])[1];
/** "/a/:id/*rest" in a router's own syntax. */
const toSyntax = (path, star) => path.replace(/\*([A-Za-z0-9_]+)$/, (_, name) => star(name));

function renameWildcard(params, data, key) {
  if (!params || !(key in params) || !data.wildcard) return { ...params };
  const out = { ...params };
  out[data.wildcard] = out[key];
  delete out[key];
  return out;
}

function findMyWay(compiled) {
  return (routes) => {
    const router = FindMyWay();
    const noop = () => {};
    for (const r of routes)
      router.on(
        r.method,
        toSyntax(r.path, () => "*"),
        noop,
        { endpoint: r.endpoint, wildcard: wildcardName(r.path) },
      );
    if (compiled) router.compile();
    return {
      lookup: (method, path) => router.find(method, path),
      answer: (m) => (m ? { endpoint: m.store.endpoint, params: renameWildcard(m.params, m.store, "*") } : null),
    };
  };
}

function rou3(compiled) {
  return (routes) => {
    const ctx = createRouter();
    for (const r of routes)
      addRoute(
        ctx,
        r.method,
        toSyntax(r.path, (name) => `**:${name}`),
        { endpoint: r.endpoint },
      );
    const answer = (m) => (m ? { endpoint: m.data.endpoint, params: { ...m.params } } : null);
    if (compiled) {
      const find = compileRouter(ctx);
      return { lookup: (method, path) => find(method, path), answer };
    }
    return { lookup: (method, path) => findRoute(ctx, method, path), answer };
  };
}

function memoirist(routes) {
  const router = new Memoirist();
  for (const r of routes)
    router.add(
      r.method,
      toSyntax(r.path, () => "*"),
      { endpoint: r.endpoint, wildcard: wildcardName(r.path) },
    );
  return {
    lookup: (method, path) => router.find(method, path),
    answer: (m) => (m ? { endpoint: m.store.endpoint, params: renameWildcard(m.params, m.store, "*") } : null),
  };
}

function medley(routes) {
  const router = new MedleyRouter();
  for (const r of routes) {
    const store = router.register(toSyntax(r.path, () => "*"));
    store[r.method] = { endpoint: r.endpoint, wildcard: wildcardName(r.path) };
  }
  // medley matches the path only; picking the method's handler from the store is the caller's
  // part of every lookup, so it is inside the timed call.
  return {
    lookup: (method, path) => {
      const m = router.find(path);
      if (m === null) return null;
      const handler = m.store[method];
      return handler === undefined ? null : { handler, params: m.params };
    },
    answer: (m) => (m ? { endpoint: m.handler.endpoint, params: renameWildcard(m.params, m.handler, "*") } : null),
  };
}

function koaTree(routes) {
  const router = new KoaTreeRouter();
  for (const r of routes) {
    const handler = () => {};
    handler.endpoint = r.endpoint;
    router.on(r.method, r.path, handler);
  }
  return {
    lookup: (method, path) => router.find(method, path),
    answer: (m) => {
      if (!m.handle) return null;
      const params = {};
      // httprouter-style catch-alls keep the leading slash of the rest of the path.
      for (const { key, value } of m.params)
        params[key] = wildcardName(routes.find((r) => r.endpoint === m.handle[0].endpoint).path) === key ? value.replace(/^\//, "") : value;
      return { endpoint: m.handle[0].endpoint, params };
    },
  };
}

/**
 * Static segments before parameters before the wildcard, position by position: the order in
 * which a hono app must register overlapping routes for the specific one to win, since hono
 * dispatches to the first registered match.
 */
function specificFirst(routes) {
  const key = (r) => r.path.split("/").map((s) => (s.startsWith("*") ? 2 : s.startsWith(":") ? 1 : 0));
  return [...routes].sort((a, b) => {
    const ka = key(a),
      kb = key(b);
    for (let i = 0; i < Math.min(ka.length, kb.length); i++) if (ka[i] !== kb[i]) return ka[i] - kb[i];
    return ka.length - kb.length;
  });
}

function hono(Router) {
  return (routes) => {
    const router = new Router();
    for (const r of specificFirst(routes))
      router.add(
        r.method,
        toSyntax(r.path, (name) => `:${name}{.+}`),
        r.endpoint,
      );
    return {
      lookup: (method, path) => router.match(method, path),
      // hono returns every matching handler in registration order (its middleware model); the
      // route a request dispatches to is the first one.
      answer: (m) => {
        const [handlers, stash] = m;
        if (handlers.length === 0) return null;
        const [endpoint, params] = handlers[0];
        if (!stash) return { endpoint, params: { ...params } };
        const out = {};
        for (const [k, i] of Object.entries(params)) out[k] = stash[i];
        return { endpoint, params: out };
      },
    };
  };
}

/** Peers, in the order the tables list them. */
export const peers = [
  { name: "find-my-way", build: findMyWay(false) },
  { name: "find-my-way compile()", build: findMyWay(true) },
  { name: "rou3 findRoute", build: rou3(false) },
  { name: "rou3 compileRouter", build: rou3(true) },
  { name: "memoirist", build: memoirist },
  { name: "@medley/router", build: medley },
  { name: "koa-tree-router", build: koaTree },
  { name: "hono RegExpRouter", build: hono(RegExpRouter) },
  { name: "hono TrieRouter", build: hono(TrieRouter) },
];

/**
 * wz through its generated module, as a server uses it: an adapter bound once, `lookup` per
 * request (every outcome a value). `status` tells a 405 from a 404 for the answer check.
 */
export function wzRouter(generatedModule) {
  return () => {
    const adapter = generatedModule.default.bind("localhost");
    const found = (m) => m !== null && m.status === undefined;
    return {
      lookup: (method, path) => adapter.lookup(path, method),
      answer: (m) => (found(m) ? { endpoint: m.endpoint, params: Object.fromEntries(Object.entries(m.params).map(([k, v]) => [k, String(v)])) } : null),
      status: (m) => (m === null ? 404 : (m.status ?? 200)),
    };
  };
}

export function versions() {
  const v = (name) => JSON.parse(fs.readFileSync(path.join(repoRoot, "node_modules", name, "package.json"), "utf8")).version;
  return Object.fromEntries(["find-my-way", "rou3", "memoirist", "@medley/router", "koa-tree-router", "hono"].map((n) => [n, v(n)]));
}
