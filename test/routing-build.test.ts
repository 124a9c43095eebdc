// URL building through the generated module: urlFor's fast builders agree with Werkzeug's
// general build, errors say what is wrong, urlFor follows the current request, and
// defineEndpoints dispatches, routing outcomes coming back as HTTP exceptions an app may return.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { compileRoutes } from "wz/compiler";
import { BuildError, MethodNotAllowed, NotFound, RequestRedirect } from "wz/routing";
import { Client, Request, Response, enableRequestContext, runInRequestContext } from "wz";
import { importGenerated, repoRoot } from "./support/oracle.js";
import { prng } from "./support/prng.js";
import { IMPORTS, routesDir } from "./support/routes-files.js";
import { analyseRoutes } from "../compiler/analyse.js";
import { emitModule } from "../compiler/emit/index.js";
import { DEFAULT_MAP_OPTIONS, type DeclNode } from "../compiler/model.js";

async function load(file: string) {
  const { code, diagnostics } = await compileRoutes({ file });
  assert.deepEqual(
    diagnostics.filter((d) => d.severity === "error"),
    [],
  );
  return importGenerated(code);
}

let typedModule: Promise<any> | undefined;
const typed = () => (typedModule ??= load(path.join(repoRoot, "test", "types", "routes.ts")));

test("urlFor builds relative URLs for each endpoint, with query pairs and an anchor", async () => {
  const { urlFor } = await typed();
  assert.equal(urlFor("index"), "/");
  assert.equal(urlFor("user.show", { id: 5 }), "/users/5");
  assert.equal(urlFor("page"), "/page/");
  assert.equal(urlFor("page", { n: 1 }), "/page/");
  assert.equal(urlFor("page", { n: 2 }), "/page/2");
  assert.equal(urlFor("files", { name: "a b/ü|x.txt" }), "/files/a%20b/%C3%BC%7Cx.txt");
  assert.equal(urlFor("api.item", { id: "8F7A2C1E-0000-4000-8000-000000000001" }), "/api/items/8F7A2C1E-0000-4000-8000-000000000001");
  assert.equal(urlFor("price", { amount: 3 }), "/price/3.0");
  assert.equal(urlFor("user.show", { id: 5 }, { query: { q: "a b", tag: ["x", "y"] }, anchor: "top" }), "/users/5?q=a+b&tag=x&tag=y#top");
  assert.equal(urlFor("user.show", { id: 5 }, { forceExternal: true }), "http://localhost/users/5");
});

test("urlFor rejects an unknown endpoint with a close-match suggestion", async () => {
  const { urlFor } = await typed();
  assert.throws(
    () => urlFor("user.shw", { id: 5 }),
    (e: unknown) => {
      assert.ok(e instanceof BuildError);
      assert.deepEqual(e.suggestions, ["user.show"]);
      assert.match(e.message, /unknown endpoint.*did you mean "user.show"/);
      return true;
    },
  );
});

test("urlFor names the missing parameter and a misspelt one", async () => {
  const { urlFor } = await typed();
  assert.throws(() => urlFor("user.show", {}), /missing "id"/);
  assert.throws(() => urlFor("user.show", { ids: 5 }), /missing "id" \(did you mean to pass "ids" as "id"\?\)/);
  assert.throws(() => urlFor("user.show", { id: 5 }, { method: "DELETE" }), /does not allow DELETE/);
});

test("a value the converter refuses is an error, not a wrong URL", async () => {
  const { urlFor } = await typed();
  assert.throws(() => urlFor("user.show", { id: "five" }), /invalid literal for int\(\)/);
});

test("inside a request, urlFor builds as that request's adapter (script root, host)", async () => {
  const { urlFor } = await typed();
  enableRequestContext();
  const request = new Request({ method: "GET", target: "/x", headers: ["Host", "example.org"], rootPath: "/app" });
  const [relative, external] = runInRequestContext(request, () => [urlFor("user.show", { id: 7 }), urlFor("user.show", { id: 7 }, { forceExternal: true })]);
  assert.equal(relative, "/app/users/7");
  assert.equal(external, "http://example.org/app/users/7");
  assert.equal(urlFor("user.show", { id: 7 }), "/users/7", "outside the request again");
});

test("defineEndpoints dispatches to the endpoint's handler with typed params", async () => {
  const { defineEndpoints } = await typed();
  const app = defineEndpoints({
    index: () => "home",
    "user.show": (_request: unknown, { id }: { id: number }) => `user ${id + 1}`,
    page: (_request: unknown, { n }: { n: number }) => `page ${n}`,
    files: (_request: unknown, { name }: { name: string }) => `file ${name}`,
    price: () => "price",
    "api.item": (_request: unknown, { id }: { id: string }) => `item ${id}`,
    person: (_request: unknown, params: { id?: number; name?: string }) => `person ${params.id ?? params.name}`,
    lang: (_request: unknown, { code }: { code: string }) => `lang ${code}`,
  });
  const req = (target: string, method = "GET") => new Request({ method, target, headers: ["Host", "example.com"] });
  assert.equal(app.dispatch(req("/users/41")), "user 42");
  assert.equal(app.dispatch(req("/page/")), "page 1");
  assert.equal(app.dispatch(req("/files/a/b.txt")), "file a/b.txt");
  assert.equal(app.dispatch(req("/people/by-name/ada")), "person ada");
  assert.equal(app.dispatch(req("/lang/")), "lang en");
  assert.equal(app.dispatch(req("/api/items/8F7A2C1E-0000-4000-8000-000000000001")), "item 8f7a2c1e-0000-4000-8000-000000000001");
  assert.ok(app.dispatch(req("/nope")) instanceof NotFound);
  const redirect = app.dispatch(req("/page/1?x=1"));
  assert.ok(redirect instanceof RequestRedirect);
  assert.equal(redirect.newUrl, "http://example.com/page/?x=1");
  const notAllowed = app.dispatch(req("/users/1", "DELETE"));
  assert.ok(notAllowed instanceof MethodNotAllowed);
  assert.deepEqual(notAllowed.validMethods, ["GET", "HEAD", "POST"]);
  assert.throws(() => app.handle(req("/users/1", "DELETE")), MethodNotAllowed);
});

test("an app that returns dispatch's result answers routing outcomes as Werkzeug does, async handlers included", async () => {
  const { defineEndpoints } = await typed();
  const endpoints = defineEndpoints({
    index: () => new Response("home"),
    "user.show": async (request: Request, { id }: { id: number }) => new Response(`user ${id} ${(await request.form()).get("name")}`),
    page: () => new Response("page"),
    files: async () => new NotFound("no such file"),
    price: () => new Response("price"),
    "api.item": async () => {
      throw new NotFound();
    },
    person: () => new Response("person"),
    lang: () => new Response("lang"),
  });
  const client = new Client((request: Request) => endpoints.dispatch(request));
  assert.equal((await client.post("/users/5", { data: { name: "ann" } })).text, "user 5 ann");
  assert.equal((await client.get("/nope")).statusCode, 404);
  assert.equal((await client.get("/files/x")).statusCode, 404);
  assert.equal((await client.get("/api/items/8f7a2c1e-0000-4000-8000-000000000001")).statusCode, 404);
  const redirect = await client.get("/page/1?x=1");
  assert.equal(redirect.statusCode, 308);
  assert.equal(redirect.headers.get("location"), "http://localhost/page/?x=1");
  const notAllowed = await client.delete("/users/1");
  assert.equal(notAllowed.statusCode, 405);
  assert.equal(notAllowed.headers.get("allow"), "GET, HEAD, POST");
});

test("dispatch answers each request with its own host, scheme, root and query string when requests share an adapter", async () => {
  const { defineEndpoints } = await typed();
  const app = defineEndpoints({
    index: () => "home",
    "user.show": () => "user",
    page: () => "page",
    files: () => "file",
    price: () => "price",
    "api.item": () => "item",
    person: () => "person",
    lang: () => "lang",
  });
  const req = (target: string, host: string, extra: Record<string, unknown> = {}) => new Request({ method: "GET", target, headers: ["Host", host], ...extra });
  const location = (r: unknown) => (r instanceof RequestRedirect ? r.newUrl : `not a redirect: ${String(r)}`);
  assert.equal(location(app.dispatch(req("/page/1?x=1", "example.com"))), "http://example.com/page/?x=1");
  assert.equal(location(app.dispatch(req("/page/1?y=2", "example.com"))), "http://example.com/page/?y=2");
  assert.equal(location(app.dispatch(req("/page/1", "example.com"))), "http://example.com/page/");
  assert.equal(location(app.dispatch(req("/page/1?z=3", "other.org"))), "http://other.org/page/?z=3");
  assert.equal(location(app.dispatch(req("/page/1", "example.com", { rootPath: "/app" }))), "http://example.com/app/page/");
  assert.equal(app.dispatch(req("/users/1", "example.com")), "user");
  assert.ok(app.dispatch(req("/nope", "other.org")) instanceof NotFound);
});

test("defineEndpoints refuses a handler table that misses endpoints", async () => {
  const { defineEndpoints } = await typed();
  assert.throws(() => defineEndpoints({ index: () => "" }), /missing handlers for "user.show", "page"/);
});

test("urlFor's fast builders agree with the general build on 20,000 seeded random values", async () => {
  const rand = prng(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const converters = ["<x>", "<int:x>", "<float:x>", "<path:x>", "<uuid:x>", "<any(a, b c, ü):x>", "<int(fixed_digits=3):x>", "<string(length=2):x>"];
  const rules: DeclNode[] = [];
  for (let r = 0; r < 60; r++) {
    const segments = Array.from({ length: 1 + Math.floor(rand() * 3) }, (_, k) =>
      rand() < 0.5 ? pick(["a", "b|c", "é", "x y"]) : pick(converters).replace("x", `v${k}`),
    );
    rules.push({ kind: "rule", path: "/" + segments.join("/") + (rand() < 0.2 ? "/" : ""), options: { endpoint: `e${r}` } });
  }
  const file = path.join(repoRoot, ".wz-tmp", "fast-build", "routes.ts");
  const { table } = analyseRoutes({ file, options: { ...DEFAULT_MAP_OPTIONS }, converters: [], rules });
  const mod = await importGenerated(emitModule(table, { outFile: file.replace(/\.ts$/, ".gen.ts") }));
  const general = mod.default.bind("localhost");
  const values = ["7", 7, -3, 1.5, 2, "a", "b c", "ü", "x/y", "ab", "C0FFEE00-0000-4000-8000-0123456789AB", true, null, undefined, [1, 2], "%41"];
  const outcome = (run: () => string) => {
    try {
      return run();
    } catch (e: any) {
      return `${e?.constructor?.name}: ${e?.message}`;
    }
  };
  let compared = 0;
  for (let k = 0; k < 20_000; k++) {
    const rule = pick(table.rules);
    const params: Record<string, unknown> = {};
    for (const v of rule.variables) if (rand() < 0.95) params[v.name] = pick(values);
    if (rand() < 0.05) params.extra = pick(values);
    const fast = outcome(() => mod.urlFor(rule.endpoint, params));
    const slow = outcome(() => general.build(rule.endpoint!, params));
    assert.equal(fast, slow, `${rule.rule} ${JSON.stringify(params)}`);
    compared++;
  }
  assert.equal(compared, 20_000);
});

test("the rule table keeps backticks, backslashes and ${ in rule texts, and variables and defaults named __proto__", async () => {
  // Werkzeug 3.1.8: build("odd", {"__proto__": 5}) == "/a%60b/$%7Bx%7D%5Cc/5", match("/a`b/${x}\\c/5") == ("odd", {"__proto__": 5});
  // build("odd2", {"__proto__": "q"}) == "/d/q", match("/d/q") == ("odd2", {"__proto__": "q"});
  // build("odd3", {}) == "/e", match("/e") == ("odd3", {"__proto__": "z"}).
  const rules: DeclNode[] = [
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the rule text holds a literal "${x}"
    { kind: "rule", path: "/a`b/${x}\\c/<int:__proto__>", options: { endpoint: "odd" } },
    { kind: "rule", path: "/d/<__proto__>", options: { endpoint: "odd2" } },
    { kind: "rule", path: "/e", options: { endpoint: "odd3", defaults: JSON.parse('{"__proto__": "z"}') } },
  ];
  const file = path.join(repoRoot, ".wz-tmp", "odd-rules", "routes.ts");
  const { table, diagnostics } = analyseRoutes({ file, options: { ...DEFAULT_MAP_OPTIONS }, converters: [], rules });
  assert.deepEqual(diagnostics, []);
  const mod = await importGenerated(emitModule(table, { outFile: file.replace(/\.ts$/, ".gen.ts") }));
  const adapter = mod.default.bind("localhost");
  const expectedParams = JSON.parse('{"__proto__": 5}');
  assert.equal(mod.urlFor("odd", expectedParams), "/a%60b/$%7Bx%7D%5Cc/5");
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the path holds a literal "${x}"
  assert.deepEqual(adapter.match("/a`b/${x}\\c/5"), { endpoint: "odd", params: expectedParams });
  assert.equal(mod.urlFor("odd2", JSON.parse('{"__proto__": "q"}')), "/d/q");
  assert.equal(adapter.build("odd2", JSON.parse('{"__proto__": "q"}')), "/d/q"); // the general build, not urlFor's fast one
  assert.deepEqual(adapter.match("/d/q").params, JSON.parse('{"__proto__": "q"}'));
  assert.equal(adapter.build("odd3", {}), "/e");
  assert.deepEqual(adapter.match("/e").params, JSON.parse('{"__proto__": "z"}'));
});

test("a rule with 10,000 variables gives a module TypeScript can parse and emit, and builds as Werkzeug's test_long_build", async () => {
  const names = Array.from({ length: 10_000 }, (_, i) => `v${i}`);
  const dir = routesDir({
    "routes.ts": `${IMPORTS}export default routes([rule("${names.map((n) => `/<${n}>`).join("")}", { endpoint: "bleep", buildOnly: true })]);\n`,
  });
  try {
    const mod = await load(dir.path("routes.ts")); // transpiled by TypeScript, then imported
    const values = Object.fromEntries(names.map((n, i) => [n, String(i)]));
    const url: string = mod.default.bind("localhost", { scriptName: "/" }).build("bleep", values);
    assert.equal(url, `/${names.map((_, i) => i).join("/")}`);
    assert.equal(mod.urlFor("bleep", values), url);
  } finally {
    dir.remove();
  }
});
