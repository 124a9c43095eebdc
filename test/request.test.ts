// Request: expected values recorded from Werkzeug 3.1.8 (EnvironBuilder + Request).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Request, BadRequest, SecurityError, RequestEntityTooLarge, UnsupportedMediaType, ClientDisconnected } from "wz";

function request(target: string, headers: string[] = ["Host", "localhost"], extra: Partial<ConstructorParameters<typeof Request>[0]> = {}): Request {
  return new Request({ method: "GET", target, headers, ...extra });
}

function body(...chunks: string[]): AsyncIterable<Uint8Array> {
  return (async function* () {
    for (const chunk of chunks) yield Buffer.from(chunk);
  })();
}

test("the path is percent-decoded as UTF-8 with U+FFFD for bad bytes, and %2F becomes /", () => {
  assert.equal(request("/%FF%E2%82%AC/x").path, "/\uFFFD€/x");
  assert.equal(request("/a%2Fb?x=1").path, "/a/b");
  assert.equal(request("/a%2Fb?x=1").rawTarget, "/a%2Fb?x=1");
  assert.equal(request("/%zz").path, "/%zz");
});

test("a target starting with // stays a path and never becomes the host", () => {
  const r = request("//evil.example/path", ["Host", "good.example"]);
  assert.equal(r.host, "good.example");
  assert.equal(r.path, "/evil.example/path");
});

test("an absolute-form target supplies the host", () => {
  const r = request("http://example.com:8080/p?q=1", ["Host", "other"]);
  assert.equal(r.host, "example.com:8080");
  assert.equal(r.path, "/p");
  assert.equal(r.args.get("q"), "1");
});

test("args keep order and duplicates, '+' is space, bad escapes and bytes stay encoded", () => {
  const r = request("/x?a=1&a=2&b=%FF&c&d=%ZZ+x&e=%E2%82%AC&a[b]=1");
  assert.deepEqual(r.args.getList("a"), ["1", "2"]);
  assert.equal(r.args.get("b"), "%FF");
  assert.equal(r.args.get("c"), "");
  assert.equal(r.args.get("d"), "%ZZ x");
  assert.equal(r.args.get("e"), "€");
  assert.equal(r.args.get("a[b]"), "1");
  assert.throws(() => r.args.require("missing"), BadRequest);
  assert.equal(r.fullPath, "/x?a=1&a=2&b=%FF&c&d=%ZZ+x&e=%E2%82%AC&a[b]=1");
  assert.equal(request("/x").fullPath, "/x?");
});

test("the URL family is built from scheme, host, root path, path and query as an IRI", () => {
  const r = request("/app/%C3%BC%20x?q=%C3%A9&x=%20", ["Host", "example.com"], { rootPath: "/app/" });
  assert.equal(r.rootPath, "/app");
  assert.equal(r.scriptRoot, "/app");
  assert.equal(r.path, "/ü x");
  assert.equal(r.url, "http://example.com/app/ü%20x?q=é&x=%20");
  assert.equal(r.baseUrl, "http://example.com/app/ü%20x");
  assert.equal(r.rootUrl, "http://example.com/app/");
  assert.equal(r.hostUrl, "http://example.com/");
  assert.equal(r.fullPath, "/ü x?q=%C3%A9&x=%20");
});

test("host strips the default port and is empty when invalid", () => {
  const host = (value: string, scheme = "http") => new Request({ method: "GET", target: "/", headers: ["Host", value], scheme }).host;
  assert.equal(host("a b"), "");
  assert.equal(host("ex_ample.com"), "");
  assert.equal(host("exaé.com"), "");
  assert.equal(host("Example.COM:80"), "Example.COM");
  assert.equal(host("[::1]:8080"), "[::1]:8080");
  assert.equal(host("example.com:443"), "example.com:443");
  assert.equal(host("example.com:443", "https"), "example.com");
  assert.equal(new Request({ method: "GET", target: "/", headers: [], server: ["::1", 8000] }).host, "[::1]:8000");
  assert.equal(new Request({ method: "GET", target: "/", headers: [], server: ["/tmp/sock", null] }).host, "");
});

test("trustedHosts accepts subdomains of a dotted entry and rejects others with a 400", () => {
  const trusted = (value: string) => {
    const r = request("/", ["Host", value]);
    r.trustedHosts = [".example.com"];
    return r.host;
  };
  assert.equal(trusted("a.example.com"), "a.example.com");
  assert.equal(trusted("example.com:8080"), "example.com:8080");
  assert.throws(
    () => trusted("evil.com"),
    (error: unknown) => error instanceof SecurityError && error.code === 400 && error.description === 'Host "evil.com" is not trusted.',
  );
});

test("isSecure is true for https and wss", () => {
  assert.equal(request("/", [], { scheme: "https" }).isSecure, true);
  assert.equal(request("/", [], { scheme: "wss" }).isSecure, true);
  assert.equal(request("/").isSecure, false);
});

test("contentLength accepts ASCII digits only and is null for chunked bodies", () => {
  const length = (value: string, te?: string) =>
    request("/", te ? ["Content-Length", value, "Transfer-Encoding", te] : ["Content-Length", value]).contentLength;
  assert.equal(length("+5"), 0);
  assert.equal(length("1_0"), 0);
  assert.equal(length(" 12 "), 12);
  assert.equal(length("-3"), 0);
  assert.equal(length("abc"), 0);
  assert.equal(length("12", "gzip, chunked"), null);
  assert.equal(request("/").contentLength, null);
});

test("cookies from every Cookie line; nameless pairs are dropped", () => {
  const r = request("/", ["Cookie", "a=1; b=2", "Cookie", "a=3"]);
  assert.deepEqual(r.cookies.getList("a"), ["1", "3"]);
  assert.deepEqual(request("/", ["Cookie", "==__Host-eq=bad;__Host-eq=good;"]).cookies.toDict(), { "__Host-eq": "good" });
  assert.deepEqual(request("/", ["Cookie", "=__Host-x=bad"]).cookies.toDict(), {});
});

test("mimetype is lower-cased without parameters; mimetypeParams holds them", () => {
  const r = request("/", ["Content-Type", "Text/HTML; charset=UTF-8"]);
  assert.equal(r.mimetype, "text/html");
  assert.deepEqual(r.mimetypeParams, { charset: "UTF-8" });
  assert.equal(request("/", ["Content-Type", "application/vnd.api+json"]).isJson, true);
});

test("accessRoute is X-Forwarded-For (client first), else the remote address", () => {
  assert.deepEqual(request("/", ["X-Forwarded-For", "1.2.3.4, 5.6.7.8"]).accessRoute, ["1.2.3.4", "5.6.7.8"]);
  assert.deepEqual(request("/", [], { remoteAddr: "127.0.0.1" }).accessRoute, ["127.0.0.1"]);
});

test("structured headers are parsed lazily and cached", () => {
  const r = request("/", [
    "Accept",
    "text/html;q=0.9, application/json, */*;q=0.1",
    "If-None-Match",
    '"a", W/"b"',
    "Range",
    "bytes=0-499",
    "Authorization",
    "Basic dXNlcjpwYXNz",
    "Cache-Control",
    "max-age=5",
    "If-Modified-Since",
    "Sun, 06 Nov 1994 08:49:37 GMT",
  ]);
  assert.equal(r.acceptMimetypes.bestMatch(["text/html", "application/json"]), "application/json");
  assert.equal(r.acceptMimetypes, r.acceptMimetypes);
  assert.equal(r.ifNoneMatch.contains("a"), true);
  assert.equal(r.ifMatch.isEmpty, true);
  assert.deepEqual(r.range?.ranges, [[0, 500]]);
  assert.equal(r.authorization?.username, "user");
  assert.equal(r.authorization?.password, "pass");
  assert.equal(r.cacheControl.maxAge, 5);
  assert.equal(r.ifModifiedSince?.toISOString(), "1994-11-06T08:49:37.000Z");
  assert.equal(request("/").range, null);
  assert.equal(request("/").authorization, null);
});

test("getData reads the body once and caches it", async () => {
  const r = request("/", ["Content-Length", "5"], { method: "POST", body: body("he", "llo") });
  assert.equal(Buffer.from(await r.getData()).toString(), "hello");
  assert.equal(Buffer.from(await r.getData()).toString(), "hello");
  assert.equal(await r.getText(), "hello");
});

test("a Content-Length over maxContentLength is a 413 before reading", async () => {
  let read = false;
  const source = (async function* () {
    read = true;
    yield Buffer.from("x");
  })();
  const r = request("/", ["Content-Length", "100"], { method: "POST", body: source });
  r.maxContentLength = 10;
  await assert.rejects(r.getData(), RequestEntityTooLarge);
  assert.throws(() => r.stream, RequestEntityTooLarge);
  assert.equal(read, false);
});

test("a chunked body growing past maxContentLength is a 413 while streaming", async () => {
  const r = request("/", ["Transfer-Encoding", "chunked"], { method: "POST", body: body("12345", "67890", "x") });
  r.maxContentLength = 10;
  await assert.rejects(r.getData(), RequestEntityTooLarge);
});

test("a body ending before its Content-Length is a ClientDisconnected 400", async () => {
  const r = request("/", ["Content-Length", "10"], { method: "POST", body: body("abc") });
  await assert.rejects(r.getData(), (error: unknown) => error instanceof ClientDisconnected && error.code === 400);
});

test("json() gives 415 for other mimetypes and 400 for invalid JSON; silent gives undefined", async () => {
  const post = (type: string, text: string) =>
    request("/", ["Content-Type", type, "Content-Length", String(text.length)], { method: "POST", body: body(text) });
  assert.deepEqual(await post("application/json", '{"a":1}').json(), { a: 1 });
  await assert.rejects(
    post("text/plain", "{}").json(),
    (error: unknown) =>
      error instanceof UnsupportedMediaType &&
      error.description === "Did not attempt to load JSON data because the request Content-Type was not 'application/json'.",
  );
  await assert.rejects(
    post("application/json", "{").json(),
    (error: unknown) => error instanceof BadRequest && error.description.startsWith("Failed to decode JSON object: "),
  );
  assert.equal(await post("application/json", "{").getJson({ silent: true }), undefined);
  assert.deepEqual(await post("text/plain", "[1]").getJson({ force: true }), [1]);
});

test("form() and files() parse the body once; values() leaves the form out for GET", async () => {
  const text = "a=1&b=x+y";
  const r = request("/?q=1", ["Content-Type", "application/x-www-form-urlencoded", "Content-Length", String(text.length)], {
    method: "POST",
    body: body(text),
  });
  assert.deepEqual((await r.form()).toDict(), { a: "1", b: "x y" });
  assert.equal((await r.files()).size, 0);
  assert.deepEqual((await r.values()).getList("q"), ["1"]);
  assert.equal((await r.values()).get("a"), "1");
  const get = request("/?q=1", ["Content-Type", "application/x-www-form-urlencoded", "Content-Length", String(text.length)], { body: body(text) });
  assert.equal((await get.values()).get("a"), undefined);
  assert.equal((await get.form()).get("a"), "1");
});

test("getData({ parseFormData: true }) is empty for a form body and the bytes for others", async () => {
  const form = request("/", ["Content-Type", "application/x-www-form-urlencoded", "Content-Length", "3"], { method: "POST", body: body("a=1") });
  assert.equal((await form.getData({ parseFormData: true })).byteLength, 0);
  assert.equal((await form.form()).get("a"), "1");
  const other = request("/", ["Content-Type", "text/plain", "Content-Length", "3"], { method: "POST", body: body("abc") });
  assert.equal(Buffer.from(await other.getData({ parseFormData: true })).toString(), "abc");
});

test("form() reuses bytes already read by getData()", async () => {
  const text = "a=1";
  const r = request("/", ["Content-Type", "application/x-www-form-urlencoded", "Content-Length", "3"], { method: "POST", body: body(text) });
  await r.getData();
  assert.equal((await r.form()).get("a"), "1");
});

test("Request.fromValues builds a request for scripts and tests", () => {
  const r = Request.fromValues({ method: "post", path: "/p", query: "a=1", body: "x" });
  assert.equal(r.method, "POST");
  assert.equal(r.url, "http://localhost/p?a=1");
  assert.equal(r.contentLength, 1);
});
