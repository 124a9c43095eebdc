// Request properties, Response helpers and every HTTP exception class against Werkzeug 3.1.8's
// answers (test/support/werkzeug-request-properties.json, recorded by the .py beside it). The
// header parsers have their own oracle (http-werkzeug-answers.test.ts); this file tests that each
// documented property is wired to the right header and returns Werkzeug's value.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import * as wz from "wz";
import { Request, Response } from "wz";
import { repoRoot } from "./support/oracle.js";

const answers = JSON.parse(fs.readFileSync(path.join(repoRoot, "test/support/werkzeug-request-properties.json"), "utf8"));

const request = (headers: string[][]) => new Request({ method: "GET", target: "/", headers: ["Host", "localhost", ...headers.flat()] });
const items = (accept: Iterable<readonly [string, number]>) => Array.from(accept, ([v, q]) => [v, q]);

test("the recorded answers cover every request case and every exception class", () => {
  assert.equal(answers.werkzeug, "3.1.8");
  assert.equal(answers.request.length, 21);
  assert.equal(answers.addEtag.length, 6);
  assert.equal(answers.csp.length, 3);
  assert.equal(answers.exceptions.length, 35);
});

for (const c of answers.request) {
  const label = c.headers.map(([k, v]: string[]) => `${k}: ${v}`).join("; ") || "no headers";
  test(`request properties answer as Werkzeug for ${label}`, () => {
    const r = request(c.headers);
    assert.deepEqual(items(r.acceptLanguages), c.acceptLanguages, "acceptLanguages");
    assert.equal(r.acceptLanguages.bestMatch(["en", "de-AT", "fr-FR", "en-GB", "pt"]), c.acceptLanguagesBest, "acceptLanguages.bestMatch");
    assert.deepEqual(items(r.acceptEncodings), c.acceptEncodings, "acceptEncodings");
    assert.equal(r.acceptEncodings.bestMatch(["gzip", "br", "identity", "deflate"]), c.acceptEncodingsBest, "acceptEncodings.bestMatch");
    assert.deepEqual(items(r.acceptCharsets), c.acceptCharsets, "acceptCharsets");
    assert.equal(r.acceptCharsets.bestMatch(["utf-8", "iso-8859-1", "ascii"]), c.acceptCharsetsBest, "acceptCharsets.bestMatch");
    assert.equal(r.ifUnmodifiedSince === null ? null : r.ifUnmodifiedSince.getTime() / 1000, c.ifUnmodifiedSince, "ifUnmodifiedSince");
    assert.equal(r.referrer ?? null, c.referrer, "referrer");
    assert.equal(r.maxForwards, c.maxForwards, "maxForwards");
    assert.equal(r.pragma.toHeader(), c.pragma, "pragma");
    assert.equal(r.pragma.has("no-cache"), c.pragmaNoCache, "pragma has no-cache");
    assert.deepEqual([...r.accessControlRequestHeaders], c.accessControlRequestHeaders, "accessControlRequestHeaders");
    assert.equal(r.accessControlRequestMethod ?? null, c.accessControlRequestMethod, "accessControlRequestMethod");
    assert.equal(r.origin ?? null, c.origin, "origin");
  });
}

for (const c of answers.addEtag) {
  test(`addEtag(${c.overwrite}, ${c.weak}) on ${JSON.stringify(c.body)}${c.preset ? ` with ETag ${c.preset} set` : ""} gives Werkzeug's ETag`, async () => {
    const response = new Response(c.body);
    if (c.preset) response.setEtag(c.preset);
    await response.addEtag(c.overwrite, c.weak);
    assert.equal(response.headers.get("ETag"), c.etag);
  });
}

const camel = (s: string) => s.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());

for (const c of answers.csp) {
  test(`contentSecurityPolicy writes Werkzeug's header for ${c.directives.map(([k]: string[]) => k).join(", ")}`, () => {
    const response = new Response("");
    for (const [key, value] of c.directives) (response.contentSecurityPolicy as any)[camel(key)] = value;
    response.contentSecurityPolicyReportOnly.defaultSrc = "'none'";
    assert.equal(response.headers.get("Content-Security-Policy") ?? null, c.header);
    assert.equal(response.headers.get("Content-Security-Policy-Report-Only") ?? null, c.reportOnly);
  });
}

function construct(name: string): wz.HTTPException {
  const Class = (wz as any)[name];
  assert.ok(Class, `wz exports ${name}`);
  switch (name) {
    case "MethodNotAllowed":
      return new Class(["POST", "GET"]);
    case "Unauthorized":
      return new Class(undefined, undefined, new wz.WWWAuthenticate("basic", { realm: "wz" }));
    case "RequestedRangeNotSatisfiable":
      return new Class(100);
    case "TooManyRequests":
      return new Class(undefined, undefined, 120);
    case "ServiceUnavailable":
      return new Class(undefined, undefined, 30);
    default:
      return new Class();
  }
}

for (const c of answers.exceptions) {
  test(`${c.class} has Werkzeug's code, name, description, status line, headers and HTML body`, async () => {
    const e = construct(c.class);
    assert.equal(e.code, c.code);
    assert.equal(e.name, c.name);
    assert.equal(e.description, c.description);
    const response = e.getResponse();
    assert.equal(response.status, c.status);
    const want = new Map<string, string>(c.headers.map(([k, v]: string[]) => [k.toLowerCase(), v]));
    for (const [k, v] of want) assert.equal(response.headers.get(k), v, `header ${k}`);
    assert.equal(await response.getData(true), c.body);
  });
}
