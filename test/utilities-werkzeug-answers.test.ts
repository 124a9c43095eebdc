// The utilities against Werkzeug 3.1.8's own answers, recorded in
// test/support/werkzeug-utilities.json by test/support/werkzeug-utilities.py.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  Client,
  type Request,
  Response,
  checkPasswordHash,
  dispatcher,
  escape,
  iriToUri,
  proxyFix,
  proxyFixOriginal,
  redirect,
  safeJoin,
  uriToIri,
  type App,
} from "wz";

type Failure = { error: string };
interface Recorded {
  safeJoin: { directory: string; untrusted: string[]; posix: string | null; windows: string | null }[];
  passwordHashes: {
    werkzeugMade: { method: string; password: string; hash: string }[];
    malformed: { hash: string; werkzeug: boolean | Failure }[];
    wzMade: { method: string | null; password: string; hash: string; werkzeugAccepts: boolean; werkzeugRejectsWrong: boolean }[];
  };
  proxyFix: { options: Record<string, number>; headers: Record<string, string>; remoteAddr: string; path: string; seen: Seen }[];
  dispatcher: { mounts: string[]; answers: { baseUrl: string; path: string; seen: { app: string; rootPath: string; path: string; url: string } }[] };
  urls: { url: string; uriToIri: string | Failure; iriToUri: string | Failure }[];
  escape: { text: string; escaped: string }[];
  redirect: { location: string; code: number; status: string; contentType: string; sentLocation: string; body: string }[];
}
interface Seen {
  remoteAddr: string | null;
  scheme: string;
  host: string;
  hostHeader: string | undefined;
  rootPath: string;
  path: string;
  url: string;
  hostUrl: string;
  accessRoute: string[];
  server: [string, number | null] | null;
  orig: { remoteAddr: string | null; scheme: string; host: string | undefined; rootPath: string } | null;
}

const recorded = JSON.parse(readFileSync(new URL("../../test/support/werkzeug-utilities.json", import.meta.url), "utf8")) as Recorded;
const label = (value: unknown) => JSON.stringify(value);

test("safeJoin answers as Werkzeug does on POSIX and refuses what Werkzeug refuses on Windows", () => {
  for (const { directory, untrusted, posix, windows } of recorded.safeJoin) {
    const expected = posix === null || windows === null ? null : posix;
    assert.equal(safeJoin(directory, ...untrusted), expected, `safeJoin(${label(directory)}, ${untrusted.map(label).join(", ")})`);
  }
});

test("safeJoin refuses backslashes, drive roots and device names on every OS", () => {
  for (const part of ["a\\b", "c:/x", "c:\\x", "CON", "a/nul.txt", " com1 ", "lpt²"]) assert.equal(safeJoin("static", part), null, part);
  assert.equal(safeJoin("static", "c:x"), "static/c:x", "a drive-relative name stays inside the directory, as on Werkzeug for Windows");
});

test("checkPasswordHash accepts every hash Werkzeug made and refuses a wrong password", async () => {
  for (const { method, password, hash } of recorded.passwordHashes.werkzeugMade) {
    assert.equal(await checkPasswordHash(hash, password), true, `${method} ${label(password)}`);
    assert.equal(await checkPasswordHash(hash, `${password}x`), false, `${method} wrong password`);
  }
});

test("hashes generatePasswordHash made were accepted by Werkzeug, and wz accepts them too", async () => {
  const { wzMade } = recorded.passwordHashes;
  assert.ok(
    wzMade.some(({ hash }) => hash.startsWith("scrypt:32768:8:1$")),
    "the default method is scrypt:32768:8:1",
  );
  for (const { method, password, hash, werkzeugAccepts, werkzeugRejectsWrong } of wzMade) {
    assert.equal(werkzeugAccepts, true, `Werkzeug checked the ${method ?? "default"} hash`);
    assert.equal(werkzeugRejectsWrong, true);
    assert.equal(await checkPasswordHash(hash, password), true, `${method}`);
  }
});

test("checkPasswordHash gives false for malformed hashes, where Werkzeug gives false or raises", async () => {
  for (const { hash, werkzeug } of recorded.passwordHashes.malformed) {
    assert.ok(werkzeug === false || typeof werkzeug === "object", `Werkzeug never accepted ${label(hash)}`);
    assert.equal(await checkPasswordHash(hash, "secret"), false, label(hash));
  }
  assert.equal(await checkPasswordHash(undefined as unknown as string, "secret"), false);
});

const describe = (request: Request): Seen => {
  const orig = proxyFixOriginal(request);
  return {
    remoteAddr: request.remoteAddr,
    scheme: request.scheme,
    host: request.host,
    hostHeader: request.headers.get("host"),
    rootPath: request.rootPath,
    path: request.path,
    url: request.url,
    hostUrl: request.hostUrl,
    accessRoute: request.accessRoute,
    server: request.server === null ? null : [...request.server],
    orig:
      orig === undefined
        ? null
        : {
            remoteAddr: orig.remoteAddr,
            scheme: orig.scheme,
            host: orig.host,
            rootPath: orig.rootPath,
          },
  };
};

test("proxyFix trusts the configured number of proxies per header as Werkzeug's ProxyFix", async () => {
  for (const { options, headers, remoteAddr, path, seen } of recorded.proxyFix) {
    const app = proxyFix((request) => Response.json(describe(request)), options);
    const response = await new Client(app).get(path, { headers, remoteAddr });
    assert.deepEqual(response.json, seen, `${label(options)} ${label(headers)}`);
  }
});

test("dispatcher mounts apps by the longest prefix and shifts it into rootPath, as DispatcherMiddleware", async () => {
  const named =
    (name: string): App =>
    (request) =>
      Response.json({ app: name, rootPath: request.rootPath, path: request.path, url: request.url });
  const app = dispatcher(named("default"), Object.fromEntries(recorded.dispatcher.mounts.map((mount) => [mount, named(mount)])));
  for (const { baseUrl, path, seen } of recorded.dispatcher.answers) {
    const response = await new Client(app).get(path, { baseUrl });
    assert.deepEqual(response.json, seen, `${baseUrl} ${path}`);
  }
});

test("uriToIri and iriToUri convert as Werkzeug's uri_to_iri and iri_to_uri", () => {
  for (const { url, uriToIri: toIri, iriToUri: toUri } of recorded.urls) {
    if (typeof toIri === "string") assert.equal(uriToIri(url), toIri, `uriToIri(${label(url)})`);
    // Werkzeug's idna codec raises on punycode it cannot decode; wz shows that label as written.
    else if (toIri.error === "UnicodeError") assert.equal(uriToIri(url), url);
    else assert.throws(() => uriToIri(url), TypeError, `uriToIri(${label(url)}) fails as Werkzeug's raised ${toIri.error}`);
    if (typeof toUri === "string") assert.equal(iriToUri(url), toUri, `iriToUri(${label(url)})`);
    else assert.doesNotThrow(() => iriToUri(url), "iriToUri keeps a bad authority encoded instead of raising");
  }
});

test("escape replaces the five characters MarkupSafe escapes", () => {
  for (const { text, escaped } of recorded.escape) assert.equal(escape(text), escaped, label(text));
});

test("redirect gives Werkzeug's status, page and Location (sent as a URI)", async () => {
  for (const { location, code, status, contentType, sentLocation, body } of recorded.redirect) {
    const response = await new Client(() => redirect(location, code)).get("/");
    assert.equal(response.status, status);
    assert.equal(response.headers.get("content-type"), contentType);
    assert.equal(response.headers.get("location"), sentLocation, location);
    assert.equal(response.text, body);
  }
});

test("Response.json answers as the WHATWG Response.json", async () => {
  const values: unknown[] = [{ a: [1, "two", null] }, "text", 3.5, null, [], { é: "☃" }];
  for (const value of values) {
    const wz = Response.json(value);
    const whatwg = globalThis.Response.json(value);
    assert.equal(wz.statusCode, whatwg.status);
    assert.equal(wz.headers.get("content-type"), whatwg.headers.get("content-type"));
    assert.equal(wz.text, await whatwg.text());
  }
  const created = Response.json({ id: 1 }, { status: 201, headers: { "X-Id": "1" } });
  assert.equal(created.statusCode, 201);
  assert.equal(created.headers.get("x-id"), "1");
  assert.equal(Response.json({}, { headers: { "Content-Type": "application/problem+json" } }).headers.get("content-type"), "application/problem+json");
  assert.throws(() => Response.json(undefined), TypeError);
  assert.throws(() => globalThis.Response.json(undefined), TypeError);
});
