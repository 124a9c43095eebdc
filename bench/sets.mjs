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

function lookupsFor(routes, { sample = routes.length, seed = 7, misses = [] } = {}) {
  const random = prng(seed);
  const chosen = sample >= routes.length ? routes : Array.from({ length: sample }, () => routes[Math.floor(random() * routes.length)]);
  return [
    ...chosen.map((r) => sampleLookup(r, random)),
    ...misses.map(([method, path]) => ({ method, path, endpoint: null, params: null })),
  ];
}

const readJson = (file) => JSON.parse(fs.readFileSync(file, "utf8"));

/** The names of the sets, in report order. */
export const setNames = ["static", "dynamic", "wildcard", "mix12", "github", "gen10k"];

/**
 * The sets named (all by default): { name, title, routes, lookups, routesFile? }. A set without
 * routesFile gets one written from its routes (wz needs a routes file); the GitHub and generated
 * sets have their own. The generated tables are written (into outDir) only when asked for.
 */
export function loadSets({ outDir, names = setNames }) {
  const make = {
    static: () => ({ title: "small static (10 routes)", routes: withNeutral(SMALL_STATIC), lookups: lookupsFor(SMALL_STATIC, { misses: [["GET", "/nothing/here"]] }) }),
    dynamic: () => ({ title: "small dynamic (10 routes)", routes: withNeutral(SMALL_DYNAMIC), lookups: lookupsFor(SMALL_DYNAMIC, { misses: [["GET", "/users"]] }) }),
    wildcard: () => ({ title: "wildcard (6 routes)", routes: withNeutral(WILDCARD), lookups: lookupsFor(WILDCARD, { misses: [["GET", "/nope/x"]] }) }),
    mix12: () => ({
      title: "12-route mix (7 lookups)",
      routes: withNeutral(MIX12),
      lookups: MIX12_LOOKUPS.map(([method, path, endpoint, params]) => ({ method, path, endpoint, params })),
    }),
    github: () => {
      const github = readJson(path.join(repoRoot, "fixtures/github-api/routes.json"));
      return {
        title: `GitHub API (${github.length} routes, all)`,
        routes: github,
        routesFile: path.join(repoRoot, "fixtures/github-api/routes.ts"),
        lookups: lookupsFor(github),
      };
    },
    gen10k: () => {
      const generatedDir = path.join(outDir, "generated");
      const gen10k = writeGenerated(generatedDir, 10000);
      const gen1k = writeGenerated(generatedDir, 1000);
      const routes = readJson(gen10k.neutralFile);
      return {
        title: "generated 10k routes (1,000 lookups)",
        routes,
        routesFile: gen10k.routesFile,
        lookups: lookupsFor(routes, { sample: 1000, misses: [["GET", "/nothing/here"]] }),
        sizes: { "1k": gen1k.routesFile, "10k": gen10k.routesFile },
      };
    },
  };
  return setNames.filter((n) => names.includes(n)).map((name) => ({ name, ...make[name]() }));
}

/** wz routes-file source for a set declared here (one rule per route, in order). */
export function routesSourceFor(set) {
  const lines = set.routes.map((r) => `  rule(${JSON.stringify(r.rule)}, { endpoint: ${JSON.stringify(r.endpoint)}, methods: [${JSON.stringify(r.method)}] }),`);
  return `// Written by bench/sets.mjs for the "${set.name}" set.\nimport { routes, rule } from "wz/routing";\n\nexport default routes({}, [\n${lines.join("\n")}\n]);\n`;
}
