// Expected answers were asked of Werkzeug 3.1.8 (PYTHONPATH=/tmp/wzsrc/src python3).
import { test } from "node:test";
import assert from "node:assert/strict";
import { RequestCacheControl, ResponseCacheControl, ContentSecurityPolicy, HeaderSet, CallbackDict } from "wz";

test("RequestCacheControl exposes typed directives", () => {
  const cc = RequestCacheControl.fromHeader(
    'max-age=60, no-cache, no-store, max-stale, min-fresh=abc, only-if-cached, no-transform, stale-if-error=5, private="x"',
  );
  assert.equal(cc.maxAge, 60);
  assert.equal(cc.noCache, true);
  assert.equal(cc.noStore, true);
  assert.equal(cc.maxStale, true);
  assert.equal(cc.minFresh, null);
  assert.equal(cc.onlyIfCached, true);
  assert.equal(cc.noTransform, true);
  assert.equal(cc.staleIfError, 5);
  assert.equal(cc.provided, true);
  assert.equal(cc.get("private"), "x");
  assert.equal(cc.get("no-cache"), null);
});

test("RequestCacheControl: a valueless int is null, directive names are case-sensitive", () => {
  const cc = RequestCacheControl.fromHeader("max-stale=10, max-age, Max-Age=5");
  assert.equal(cc.maxStale, 10);
  assert.equal(cc.maxAge, null);
  assert.equal(cc.noCache, false);
  assert.equal(RequestCacheControl.fromHeader(null).provided, true);
  assert.equal(RequestCacheControl.fromHeader('max-age="7"').maxAge, 7);
  assert.equal(RequestCacheControl.fromHeader("max-age=+7").maxAge, 7);
});

test("RequestCacheControl is read-only", () => {
  const cc = RequestCacheControl.fromHeader("max-age=60");
  assert.throws(() => cc.set("max-age", "5"), { name: "TypeError", message: "'RequestCacheControl' objects are immutable" });
  assert.throws(() => cc.delete("max-age"), TypeError);
  assert.throws(() => ((cc as unknown as { maxAge: number }).maxAge = 5), TypeError);
});

test("ResponseCacheControl setters rewrite directives and call onUpdate each time", () => {
  const calls: string[] = [];
  const cc = new ResponseCacheControl([], (c) => calls.push(c.toHeader()));
  cc.maxAge = 60;
  cc.public = true;
  cc.noCache = true;
  assert.equal(cc.toHeader(), "max-age=60, public, no-cache");
  assert.deepEqual(calls, ["max-age=60", "max-age=60, public", "max-age=60, public, no-cache"]);
});

test("ResponseCacheControl writes every directive Werkzeug knows", () => {
  const cc = new ResponseCacheControl();
  cc.maxAge = 60;
  cc.public = true;
  cc.noCache = "Set-Cookie, X";
  cc.private = true;
  cc.sMaxage = "30" as unknown as number;
  cc.immutable = true;
  cc.mustRevalidate = true;
  cc.staleWhileRevalidate = 10;
  cc.proxyRevalidate = true;
  cc.mustUnderstand = true;
  cc.noTransform = true;
  cc.staleIfError = 3;
  cc.noStore = true;
  assert.equal(
    cc.toHeader(),
    'max-age=60, public, no-cache="Set-Cookie, X", private, s-maxage=30, immutable, must-revalidate, stale-while-revalidate=10, proxy-revalidate, must-understand, no-transform, stale-if-error=3, no-store',
  );
  assert.equal(cc.noCache, "Set-Cookie, X");
  assert.equal(cc.private, true);
  assert.equal(cc.sMaxage, 30);
  cc.public = false;
  cc.maxAge = null;
  cc.noCache = false;
  cc.private = null;
  assert.equal(
    cc.toHeader(),
    "s-maxage=30, immutable, must-revalidate, stale-while-revalidate=10, proxy-revalidate, must-understand, no-transform, stale-if-error=3, no-store",
  );
  cc.maxAge = 3.7;
  assert.equal(cc.maxAge, 3);
  assert.throws(() => {
    cc.maxAge = "abc" as unknown as number;
  });
});

test("ResponseCacheControl parses field lists in no-cache and private", () => {
  const cc = ResponseCacheControl.fromHeader('no-cache="a, b", private, max-age=0');
  assert.equal(cc.noCache, "a, b");
  assert.equal(cc.private, true);
  assert.equal(cc.maxAge, 0);
  assert.equal(cc.toHeader(), 'no-cache="a, b", private, max-age=0');
});

test("ContentSecurityPolicy splits directives and drops those without a value", () => {
  const csp = ContentSecurityPolicy.fromHeader("default-src 'self'; img-src *  ; upgrade-insecure-requests; script-src  'a' 'b';");
  assert.deepEqual(Object.fromEntries(csp), { "default-src": "'self'", "img-src": "*", "script-src": "'a' 'b'" });
  assert.equal(csp.defaultSrc, "'self'");
  assert.equal(csp.scriptSrc, "'a' 'b'");
  assert.equal(csp.toHeader(), "default-src 'self'; img-src *; script-src 'a' 'b'");
  const calls: string[] = [];
  csp.onUpdate = (c) => calls.push(c.toHeader());
  csp.imgSrc = null;
  csp.connectSrc = "'none'";
  assert.equal(csp.toHeader(), "default-src 'self'; script-src 'a' 'b'; connect-src 'none'");
  assert.equal(calls.length, 2);
  assert.equal(csp.fontSrc, null);
});

test("HeaderSet is a case-insensitive ordered set that keeps the original case", () => {
  const set = HeaderSet.fromHeader('Accept, "Cookie", accept-encoding');
  assert.deepEqual([...set], ["Accept", "Cookie", "accept-encoding"]);
  assert.equal(set.toHeader(), "Accept, Cookie, accept-encoding");
  assert.equal(set.has("COOKIE"), true);
  assert.equal(set.find("cookie"), 1);
  const calls: string[] = [];
  set.onUpdate = (s) => calls.push(s.toHeader());
  set.add("Origin");
  set.add("origin");
  set.discard("ACCEPT");
  assert.deepEqual([...set], ["Cookie", "accept-encoding", "Origin"]);
  assert.deepEqual(set.asSet(), new Set(["cookie", "accept-encoding", "origin"]));
  assert.deepEqual(calls, ["Accept, Cookie, accept-encoding, Origin", "Cookie, accept-encoding, Origin"]);
  assert.throws(() => set.remove("missing"), RangeError);
  assert.equal(HeaderSet.fromHeader(null).size, 0);
});

test("CallbackDict reports every change", () => {
  let count = 0;
  const dict = new CallbackDict<string>({ a: "1" }, () => count++);
  dict.set("b", "2");
  dict.delete("a");
  dict.delete("zz");
  dict.update({ c: "3", d: "4" });
  dict.clear();
  assert.equal(count, 4);
});
