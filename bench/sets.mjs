// The route sets of the match benchmark and their lookups. Each route is { method, rule, endpoint }
// with a Werkzeug rule string; peers get the neutral path (":name", "*name") of the same rule.
// Lookups are concrete requests with the answer every router must give before it is timed.
import fs from "node:fs";
import path from "node:path";
import { neutralPath, ruleParams, repoRoot } from "../fixtures/neutral.mjs";
// mulberry32 (the generator's own), so lookups are the same on every run.
import { prng, writeGenerated } from "../fixtures/generated/gen.mjs";

const get = (rule, endpoint) => ({ method: "GET", rule, endpoint });

const SMALL_STATIC = [
  get("/", "home"),
  get("/about", "about"),
  get("/contact", "contact"),
  get("/pricing", "pricing"),
  get("/blog", "blog"),
  get("/docs", "docs"),
  get("/docs/getting-started", "docs.start"),
  get("/docs/api", "docs.api"),
  get("/user/settings", "user.settings"),
  get("/user/settings/notifications", "user.settings.notifications"),
];

const SMALL_DYNAMIC = [
  get("/users/<id>", "users.show"),
  get("/users/<id>/posts", "users.posts"),
  get("/users/<id>/posts/<post_id>", "users.post"),
  get("/teams/<team>/members/<member>", "teams.member"),
  get("/orgs/<org>", "orgs.show"),
  get("/orgs/<org>/repos/<repo>", "orgs.repo"),
  get("/orgs/<org>/repos/<repo>/issues/<number>", "orgs.issue"),
  get("/posts/<slug>", "posts.show"),
  get("/tags/<tag>/posts", "tags.posts"),
  get("/p/<a>/<b>/<c>", "deep"),
];

const WILDCARD = [
  get("/", "home"),
  get("/static/<path:file>", "static"),
  get("/assets/<path:file>", "assets"),
  get("/files/<user>/<path:rest>", "files"),
  get("/api/health", "health"),
  get("/download/<path:file>", "download"),
];

// The 12-route mix used by the classic JavaScript router benchmarks (the hono / medley /
// find-my-way comparisons), with "/static/*" as a path converter.
const MIX12 = [
  get("/user", "user"),
  get("/user/comments", "user.comments"),
  get("/user/avatar", "user.avatar"),
  get("/user/lookup/username/<username>", "user.lookup.username"),
  get("/user/lookup/email/<address>", "user.lookup.email"),
  get("/event/<id>", "event"),
  get("/event/<id>/comments", "event.comments"),
  { method: "POST", rule: "/event/<id>/comment", endpoint: "event.comment" },
  get("/map/<location>/events", "map.events"),
  get("/status", "status"),
  get("/very/deeply/nested/route/hello/there", "deep"),
  get("/static/<path:file>", "static"),
];
const MIX12_LOOKUPS = [
  ["GET", "/user", "user", {}],
  ["GET", "/user/comments", "user.comments", {}],
  ["GET", "/user/lookup/username/hey", "user.lookup.username", { username: "hey" }],
  ["GET", "/event/abcd1234/comments", "event.comments", { id: "abcd1234" }],
  ["POST", "/event/abcd1234/comment", "event.comment", { id: "abcd1234" }],
  ["GET", "/very/deeply/nested/route/hello/there", "deep", {}],
  ["GET", "/static/index.html", "static", { file: "index.html" }],
];

// 157 static routes, as a documentation site has them: made from a seeded pick of words, one to
// four segments, some with an extension; "/" included. (The size follows the classic Go router
// benchmark's static set; the paths are wz's own.)
const DOC_WORDS = [
  "doc",
  "docs",
  "cmd",
  "pkg",
  "src",
  "blog",
  "help",
  "install",
  "tour",
  "play",
  "project",
  "security",
  "license",
  "articles",
  "wiki",
  "go1",
  "effective",
  "faq",
  "spec",
  "mem",
  "code",
  "contribute",
  "release",
  "history",
  "devel",
  "weekly",
  "gopher",
  "talks",
  "community",
  "conduct",
  "download",
  "testing",
  "debugging",
  "profiling",
  "modules",
  "reference",
  "tutorial",
  "getting-started",
  "overview",
  "changelog",
  "roadmap",
  "examples",
];
function staticDocs(count, seed = 157) {
  const random = prng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const seen = new Set(["/"]);
  const routes = [get("/", "root")];
  while (routes.length < count) {
    const depth = 1 + Math.floor(random() * 4);
    let path = "";
    for (let d = 0; d < depth; d++) path += "/" + pick(DOC_WORDS);
    const roll = random();
    if (roll < 0.25) path += ".html";
    else if (roll < 0.3) path += ".txt";
    if (seen.has(path)) continue;
    seen.add(path);
    routes.push(get(path, `page${routes.length}`));
  }
  return routes;
}
const STATIC157 = staticDocs(157);

/** Whether a neutral route path (":name" one segment, "*name" the rest) matches a request path. */
function neutralMatches(route, path) {
  const want = route.split("/"),
    got = path.split("/");
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith("*")) return got.slice(i).join("/") !== "";
    if (i >= got.length) return false;
    if (want[i].startsWith(":") ? got[i] === "" : want[i] !== got[i]) return false;
  }
  return got.length === want.length;
}

/**
 * Misses near the set's own paths: 404s (a hit's last character or first segment changed, and a
 * path no route has) and 405s (a hit's path with a method none of its routes takes). Candidates
 * some route matches are dropped, so every router must answer "no match".
 */
function missesFor(routes, hits, { count = 40, seed = 405 } = {}) {
  const random = prng(seed);
  const matching = (path) => routes.filter((r) => neutralMatches(r.path, path));
  const out = [{ method: "GET", path: "/nothing/here", endpoint: null, params: null, status: 404 }];
  for (let k = 0; out.length < count && k < count * 20; k++) {
    const hit = hits[Math.floor(random() * hits.length)];
    if (hit.endpoint === null) continue;
    if (k % 2 === 0) {
      const methods = new Set(matching(hit.path).map((r) => r.method));
      const method = ["PUT", "DELETE", "PATCH", "POST", "GET"].find((m) => !methods.has(m));
      if (method) out.push({ method, path: hit.path, endpoint: null, params: null, status: 405 });
    } else {
      const segments = hit.path.split("/");
      const path =
        random() < 0.5 || segments.length < 2
          ? hit.path.slice(0, -1) + (hit.path.endsWith("q") ? "z" : "q")
          : ["", "q" + segments[1].slice(1), ...segments.slice(2)].join("/");
      if (path.length > 1 && path.startsWith("/") && !path.endsWith("/") && matching(path).length === 0)
        out.push({ method: "GET", path, endpoint: null, params: null, status: 404 });
    }
  }
  return out;
}

/** A concrete request for a route: a value per converter that every router accepts, as text. */
function sampleLookup(route, random) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const alnum = (n) => Array.from({ length: n }, () => pick("abcdefghijklmnopqrstuvwxyz0123456789")).join("");
  const hex = (n) => Array.from({ length: n }, () => pick("0123456789abcdef")).join("");
  const params = {};
  let path = route.rule;
  for (const p of ruleParams(route.rule)) {
    let value;
    if (p.converter === "int") value = String(1 + Math.floor(random() * 99998));
    else if (p.converter === "uuid") value = `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
    else if (p.converter === "any") value = pick(p.args.split(",").map((s) => s.trim()));
    else if (p.converter === "path") value = `${pick(["docs", "src", "img", "heads"])}/${alnum(5)}/${alnum(6)}.${pick(["md", "js", "png"])}`;
    else if (p.converter === "string" && /length=(\d+)/.test(p.args)) value = alnum(Number(/length=(\d+)/.exec(p.args)[1]));
    else value = `x${alnum(5)}`; // never a static segment of any set
    params[p.name] = value;
    path = path.replace(/<[^>]+>/, value);
  }
  return { method: route.method, path, endpoint: route.endpoint, params };
}

function withNeutral(routes) {
  return routes.map((r) => ({ ...r, path: neutralPath(r.rule) }));
}

function lookupsFor(routes, { sample = routes.length, seed = 7 } = {}) {
  const random = prng(seed);
  const chosen = sample >= routes.length ? routes : Array.from({ length: sample }, () => routes[Math.floor(random() * routes.length)]);
  return chosen.map((r) => sampleLookup(r, random));
}

const readJson = (file) => JSON.parse(fs.readFileSync(file, "utf8"));

/** The names of the sets, in report order. */
export const setNames = ["mix12", "wildcard", "github", "static157", "gen10k"];
/** Sets kept for comparison with older results (`--sets static,dynamic`), and the 1k table (bench/match-tiers.mjs). */
export const extraSetNames = ["static", "dynamic", "gen1k"];

/**
 * The sets named (all by default): { name, title, routes, lookups, routesFile? }. A set without
 * routesFile gets one written from its routes (wz needs a routes file); the GitHub and generated
 * sets have their own. The generated tables are written (into outDir) only when asked for.
 */
export function loadSets({ outDir, names = setNames }) {
  const withMisses = (set) => ({ ...set, misses: missesFor(set.routes, set.lookups) });
  const make = {
    static157: () => ({ title: "157 static routes", routes: withNeutral(STATIC157), lookups: lookupsFor(STATIC157) }),
    static: () => ({ title: "small static (10 routes)", routes: withNeutral(SMALL_STATIC), lookups: lookupsFor(SMALL_STATIC) }),
    dynamic: () => ({ title: "small dynamic (10 routes)", routes: withNeutral(SMALL_DYNAMIC), lookups: lookupsFor(SMALL_DYNAMIC) }),
    wildcard: () => ({ title: "wildcard (6 routes)", routes: withNeutral(WILDCARD), lookups: lookupsFor(WILDCARD) }),
    mix12: () => ({
      title: "12-route mix",
      routes: withNeutral(MIX12),
      lookups: MIX12_LOOKUPS.map(([method, path, endpoint, params]) => ({ method, path, endpoint, params })),
    }),
    github: () => {
      const github = readJson(path.join(repoRoot, "fixtures/github-api/routes.json"));
      return {
        title: `GitHub API (${github.length} routes)`,
        routes: github,
        routesFile: path.join(repoRoot, "fixtures/github-api/routes.ts"),
        lookups: lookupsFor(github),
      };
    },
    gen1k: () => {
      const gen1k = writeGenerated(path.join(outDir, "generated"), 1000);
      const routes = readJson(gen1k.neutralFile);
      return { title: "generated 1k routes", routes, routesFile: gen1k.routesFile, lookups: lookupsFor(routes, { sample: 1000 }) };
    },
    gen10k: () => {
      const generatedDir = path.join(outDir, "generated");
      const gen10k = writeGenerated(generatedDir, 10000);
      const gen1k = writeGenerated(generatedDir, 1000);
      const routes = readJson(gen10k.neutralFile);
      return {
        title: "generated 10k routes",
        routes,
        routesFile: gen10k.routesFile,
        lookups: lookupsFor(routes, { sample: 1000 }),
        sizes: { "1k": gen1k.routesFile, "10k": gen10k.routesFile },
      };
    },
  };
  return [...setNames, ...extraSetNames].filter((n) => names.includes(n)).map((name) => ({ name, ...withMisses(make[name]()) }));
}

/** wz routes-file source for a set declared here (one rule per route, in order). */
export function routesSourceFor(set) {
  const lines = set.routes.map(
    (r) => `  rule(${JSON.stringify(r.rule)}, { endpoint: ${JSON.stringify(r.endpoint)}, methods: [${JSON.stringify(r.method)}] }),`,
  );
  return `// Written by bench/sets.mjs for the "${set.name}" set.\nimport { routes, rule } from "wz/routing";\n\nexport default routes({}, [\n${lines.join("\n")}\n]);\n`;
}

/** The set's routes file: its own, or one written from its routes into outDir/sets/<name>/. */
export function routesFileFor(set, outDir) {
  if (set.routesFile) return set.routesFile;
  const file = path.join(outDir, "sets", set.name, "routes.ts");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, routesSourceFor(set));
  return file;
}
