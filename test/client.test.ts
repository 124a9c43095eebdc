// The test client: expected behaviour recorded from Werkzeug 3.1.8's Client.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { Client, ClientRedirectError, Response, redirect, NotFound, FileStorage, type Request } from "wz";

async function echo(request: Request): Promise<Response> {
  const files: Record<string, string> = {};
  for (const [name, file] of await request.files()) files[name] = `${file.filename}:${Buffer.from(await file.bytes()).toString()}`;
  const form = (await request.form()).toDict();
  return new Response(
    JSON.stringify({
      method: request.method,
      path: request.path,
      rootPath: request.rootPath,
      contentType: request.contentType ?? null,
      body: Object.keys(form).length > 0 || Object.keys(files).length > 0 ? "" : await request.getText(),
      form,
      files,
      cookies: request.cookies.toDict(),
      args: request.args.toDict(false),
      host: request.host,
      authorization: request.authorization?.username ?? null,
    }),
    { mimetype: "application/json" },
  );
}

async function app(request: Request): Promise<Response> {
  if (request.path.startsWith("/r/")) return redirect("/echo", Number(request.path.slice(3)));
  if (request.path === "/loop") return redirect("/loop");
  if (request.path === "/external") return redirect("http://elsewhere.test/");
  if (request.path === "/subdomain") return redirect("http://api.localhost/echo");
  if (request.path === "/set") {
    const response = new Response("ok");
    response.setCookie("a", "1");
    response.setCookie("sub", "2", { path: "/sub" });
    response.setCookie("dom", "3", { domain: "example.com" });
    response.setCookie("q", "a b");
    return response;
  }
  if (request.path === "/del") {
    const response = new Response("ok");
    response.deleteCookie("a");
    return response;
  }
  if (request.path === "/missing") throw new NotFound();
  if (request.path === "/boom") throw new Error("boom");
  if (request.path === "/stream") return new Response(Readable.from(["a", "b"]));
  return echo(request);
}

type Echo = {
  method: string;
  body: string;
  contentType: string | null;
  cookies: Record<string, string>;
  args: Record<string, string[]>;
  form: Record<string, string>;
  files: Record<string, string>;
  path: string;
  rootPath: string;
  host: string;
  authorization: string | null;
};

test("301, 302 and 303 switch to GET without the body; 307 and 308 keep method and body", async () => {
  const client = new Client(app);
  for (const [code, method, body] of [
    [301, "GET", ""],
    [302, "GET", ""],
    [303, "GET", ""],
    [307, "POST", "f=1"],
    [308, "POST", "f=1"],
  ] as const) {
    const response = await client.post(`/r/${code}`, { data: "f=1", contentType: "application/x-www-form-urlencoded", followRedirects: true });
    const seen = response.json as Echo;
    assert.equal(seen.method, method, `status ${code}`);
    assert.equal(seen.body === "" && Object.keys(seen.form).length === 0 ? "" : "f=1", body);
    assert.equal(seen.contentType, body ? "application/x-www-form-urlencoded" : null);
    assert.deepEqual(
      response.history.map((r) => r.statusCode),
      [code],
    );
  }
  assert.equal(((await client.put("/r/302", { data: "x", followRedirects: true })).json as Echo).method, "GET");
  assert.equal((await client.head("/r/302", { followRedirects: true })).request.method, "HEAD");
});

test("a redirect loop raises ClientRedirectError; external hosts and (by default) subdomains are refused", async () => {
  const client = new Client(app);
  await assert.rejects(
    client.get("/loop", { followRedirects: true }),
    (error: unknown) => error instanceof ClientRedirectError && error.message === "Loop detected: A 302 redirect to /loop was already made.",
  );
  await assert.rejects(client.get("/external", { followRedirects: true }), /external redirects/);
  await assert.rejects(client.get("/subdomain", { followRedirects: true }), /subdomain redirects/);
  const allowing = new Client(app, { allowSubdomainRedirects: true });
  assert.equal(((await allowing.get("/subdomain", { followRedirects: true })).json as Echo).host, "api.localhost");
  assert.equal((await client.get("/r/302")).statusCode, 302);
});

test("the cookie jar honours host-only cookies, Domain, Path and deletion", async () => {
  const client = new Client(app);
  const at = async (path: string, host: string) => ((await client.get(path, { baseUrl: `http://${host}/` })).json as Echo).cookies;
  await client.get("/set", { baseUrl: "http://www.example.com/" });
  assert.deepEqual(await at("/echo", "www.example.com"), { a: "1", dom: "3", q: "a b" });
  assert.deepEqual(await at("/sub/x", "www.example.com"), { a: "1", sub: "2", dom: "3", q: "a b" });
  assert.deepEqual(await at("/subx", "www.example.com"), { a: "1", dom: "3", q: "a b" });
  assert.deepEqual(await at("/echo", "other.example.com"), { dom: "3" });
  assert.deepEqual(await at("/echo", "example.com"), { dom: "3" });
  const cookie = client.getCookie("q", "www.example.com");
  assert.equal(cookie?.value, '"a b"');
  assert.equal(cookie?.decodedValue, "a b");
  assert.equal(cookie?.originOnly, true);
  await client.get("/del", { baseUrl: "http://www.example.com/" });
  assert.deepEqual(await at("/echo", "www.example.com"), { dom: "3", q: "a b" });
});

test("setCookie and deleteCookie change the jar directly; useCookies: false disables it", async () => {
  const client = new Client(app);
  client.setCookie("token", "xyz");
  assert.deepEqual(((await client.get("/echo")).json as Echo).cookies, { token: "xyz" });
  client.deleteCookie("token");
  assert.deepEqual(((await client.get("/echo")).json as Echo).cookies, {});
  const cookieless = new Client(app, { useCookies: false });
  await cookieless.get("/set");
  assert.deepEqual(((await cookieless.get("/echo")).json as Echo).cookies, {});
  assert.throws(() => cookieless.getCookie("a"), TypeError);
});

test("query fields are encoded as Werkzeug does ('+' as %2B); a query in the path and as an option is an error", async () => {
  const client = new Client(app);
  const response = await client.get("/echo", { query: { a: "1+2 3", b: ["x", "y"] } });
  assert.equal(response.request.queryString, "a=1%2B2+3&b=x&b=y");
  assert.deepEqual((response.json as Echo).args, { a: ["1+2 3"], b: ["x", "y"] });
  assert.deepEqual(((await client.get("/echo?x=1")).json as Echo).args, { x: ["1"] });
  await assert.rejects(client.get("/echo?x=1", { query: { y: "2" } }), /query string/);
});

test("json and form data set the body and Content-Type", async () => {
  const client = new Client(app);
  const json = (await client.post("/echo", { json: { a: 1 } })).json as Echo;
  assert.equal(json.contentType, "application/json");
  assert.equal(json.body, '{"a":1}');
  const form = await client.post("/echo", { data: { f: "x y", g: "é" } });
  assert.equal(form.request.contentType, "application/x-www-form-urlencoded");
  assert.equal(form.request.contentLength, "f=x+y&g=%C3%A9".length);
  assert.equal((await form.request.getData()).byteLength, 0, "form parsing consumed the body, as in Werkzeug");
  assert.deepEqual((form.json as Echo).form, { f: "x y", g: "é" });
  await assert.rejects(client.post("/echo", { json: {}, data: "x" }), TypeError);
});

test("a stream as data is sent as the raw body; mimetype adds the charset for text", async () => {
  const client = new Client(app);
  const response = await client.post("/echo", { data: Readable.from(["str", "eam"]), mimetype: "text/plain" });
  const seen = response.json as Echo;
  assert.equal(seen.body, "stream");
  assert.equal(seen.contentType, "text/plain; charset=utf-8");
  assert.equal(response.request.contentLength, 6);
});

test("a file in data makes the body multipart", async () => {
  const client = new Client(app);
  const response = await client.post("/echo", {
    data: { name: "n", upload: { data: "file body", filename: "a.txt" }, other: new FileStorage({ data: Buffer.from("fs"), filename: "b.bin" }) },
  });
  assert.match(response.request.contentType ?? "", /^multipart\/form-data; boundary=/);
  const seen = response.json as Echo;
  assert.deepEqual(seen.form, { name: "n" });
  assert.deepEqual(seen.files, { upload: "a.txt:file body", other: "b.bin:fs" });
});

test("HEAD gets headers with Content-Length and no body; streamed bodies are buffered", async () => {
  const client = new Client(app);
  const head = await client.head("/set");
  assert.equal(head.headers.get("content-length"), "2");
  assert.equal(head.data.byteLength, 0);
  const streamed = await client.get("/stream");
  assert.equal(streamed.text, "ab");
  assert.equal(await streamed.getData(true), "ab");
});

test("a thrown HTTPException becomes its page; other errors are rethrown unless raiseErrors is false", async () => {
  const client = new Client(app);
  const missing = await client.get("/missing");
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.status, "404 NOT FOUND");
  await assert.rejects(client.get("/boom"), /boom/);
  const original = console.error;
  console.error = () => {};
  try {
    const served = await new Client(app, { raiseErrors: false }).get("/boom");
    assert.equal(served.statusCode, 500);
    assert.doesNotMatch(served.text, /boom/);
  } finally {
    console.error = original;
  }
});

test("baseUrl sets host, scheme and root path; auth sends Basic credentials", async () => {
  const client = new Client(app);
  const response = await client.get("/echo", { baseUrl: "https://example.com:8443/app", auth: ["user", "pass"] });
  const seen = response.json as Echo;
  assert.equal(seen.host, "example.com:8443");
  assert.equal(seen.rootPath, "/app");
  assert.equal(seen.path, "/echo");
  assert.equal(seen.authorization, "user");
  assert.equal(response.request.url, "https://example.com:8443/app/echo");
});

test("an explicit Host header wins over the base URL, and an explicit Cookie header is sent when the jar is off (Werkzeug's answers)", async () => {
  const cases: Array<{ name: string; useCookies: boolean; baseUrl?: string; jar?: Record<string, string>; headers: Record<string, string>; answer: unknown }> =
    JSON.parse(readFileSync(new URL("../../test/support/werkzeug-client-headers.json", import.meta.url), "utf8"));
  const show = (request: Request) =>
    new Response(JSON.stringify({ host: request.host, cookie: request.headers.get("cookie") ?? null, serverName: request.server?.[0] }), {
      mimetype: "application/json",
    });
  for (const c of cases) {
    const client = new Client(show, { useCookies: c.useCookies });
    for (const [name, value] of Object.entries(c.jar ?? {})) client.setCookie(name, value);
    const response = await client.get("/", { headers: c.headers, baseUrl: c.baseUrl });
    assert.deepEqual(response.json, c.answer, c.name);
  }
});
