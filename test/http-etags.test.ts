// Expected answers were asked of Werkzeug 3.1.8 (PYTHONPATH=/tmp/wzsrc/src python3).
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  quoteEtag,
  unquoteEtag,
  generateEtag,
  ETags,
  isResourceModified,
  Headers,
  ImmutableHeaders,
  removeEntityHeaders,
  removeHopByHopHeaders,
  isEntityHeader,
  isHopByHopHeader,
} from "wz";

test("quoteEtag wraps the tag in quotes, with W/ when weak, and refuses a quote inside", () => {
  assert.equal(quoteEtag("abc"), '"abc"');
  assert.equal(quoteEtag("abc", true), 'W/"abc"');
  assert.throws(() => quoteEtag('a"b'), { message: "invalid etag" });
});

test("unquoteEtag splits off the weakness marker", () => {
  assert.deepEqual(unquoteEtag(null), [null, null]);
  assert.deepEqual(unquoteEtag('W/"x"'), ["x", true]);
  assert.deepEqual(unquoteEtag('w/"x"'), ["x", true]);
  assert.deepEqual(unquoteEtag('"y"'), ["y", false]);
  assert.deepEqual(unquoteEtag("z"), ["z", false]);
});

test("generateEtag is the SHA-1 hex digest of the body (Werkzeug 3.1)", () => {
  assert.equal(generateEtag(Buffer.from("hello")), "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d");
  assert.equal(generateEtag("héllo"), "35b5ea45c5e41f78b46a937cc74d41dfea920890");
});

test("ETags separates strong and weak tags and compares strongly by default", () => {
  const etags = ETags.fromHeader('"a", W/"b", c, W/"d"');
  assert.equal(etags.contains("a"), true);
  assert.equal(etags.contains("b"), false);
  assert.equal(etags.containsWeak("b"), true);
  assert.equal(etags.contains("c"), true);
  assert.equal(etags.isWeak("d"), true);
  assert.equal(etags.isStrong("a"), true);
  assert.equal(etags.containsRaw('W/"b"'), true);
  assert.equal(etags.containsRaw('"b"'), false);
  assert.equal(etags.containsRaw('"a"'), true);
  assert.equal(etags.size, 2);
  assert.deepEqual([...etags].sort(), ["a", "c"]);
  assert.deepEqual([...etags.asSet(true)].sort(), ["a", "b", "c", "d"]);
  assert.equal(etags.toHeader(), '"a", "c", W/"b", W/"d"');
});

test("ETags matches checks tags (or the tag of a body) without consulting *", () => {
  const etags = ETags.fromHeader('"a", W/"b"');
  assert.equal(etags.matches("a"), true);
  assert.equal(etags.matches("b"), false);
  assert.equal(etags.matches("b", undefined, true), true);
  assert.equal(etags.matches(null, Buffer.from("hello")), false);
  assert.equal(ETags.fromHeader('"aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d"').matches(null, "hello"), true);
  assert.throws(() => etags.matches(null), TypeError);
});

test("a * header contains every tag", () => {
  const star = ETags.fromHeader("*");
  assert.equal(star.contains("x"), true);
  assert.equal(star.containsWeak("x"), true);
  assert.equal(star.starTag, true);
  assert.equal(star.toHeader(), "*");
  assert.equal(star.matches("x"), false);
  assert.equal(star.isEmpty, false);
  assert.equal(star.size, 0);
});

test("a missing or empty header gives an empty ETags", () => {
  assert.equal(ETags.fromHeader(null).isEmpty, true);
  assert.equal(ETags.fromHeader("").isEmpty, true);
  assert.equal(ETags.fromHeader(undefined).contains("x"), false);
});

test("ETags parsing is lenient like Werkzeug's", () => {
  assert.equal(ETags.fromHeader('W/"a"').toHeader(), 'W/"a"');
  assert.deepEqual([...ETags.fromHeader(' "a" ,  "b" , ').asSet()].sort(), [' "a"', "b"]);
  assert.deepEqual([...ETags.fromHeader('"d" "e"')], ['d" "e']);
});

test("isResourceModified compares If-None-Match weakly and * matches", () => {
  assert.equal(isResourceModified({ ifNoneMatch: '"abc"' }, { etag: "abc" }), false);
  assert.equal(isResourceModified({ ifNoneMatch: 'W/"abc"' }, { etag: "abc" }), false);
  assert.equal(isResourceModified({ ifNoneMatch: '"abc"' }, { etag: 'W/"abc"' }), false);
  assert.equal(isResourceModified({ ifNoneMatch: "*" }, { etag: "zzz" }), false);
  assert.equal(isResourceModified({ ifNoneMatch: '"x"' }, { etag: "abc" }), true);
});

test("isResourceModified treats a failing If-Match as unmodified, including If-Match: *", () => {
  assert.equal(isResourceModified({ ifMatch: '"abc"' }, { etag: "abc" }), true);
  assert.equal(isResourceModified({ ifMatch: '"x"' }, { etag: "abc" }), false);
  assert.equal(isResourceModified({ ifMatch: "*" }, { etag: "abc" }), false);
  assert.equal(isResourceModified({ ifMatch: 'W/"abc"' }, { etag: "abc" }), false);
});

test("isResourceModified compares If-Modified-Since at whole seconds", () => {
  const lastModified = new Date(Date.UTC(2020, 0, 1, 12, 0, 0, 500));
  assert.equal(isResourceModified({ ifModifiedSince: "Wed, 01 Jan 2020 12:00:00 GMT" }, { lastModified }), false);
  assert.equal(isResourceModified({ ifModifiedSince: "Wed, 01 Jan 2020 11:59:59 GMT" }, { lastModified }), true);
  assert.equal(isResourceModified({ ifModifiedSince: "Wed, 01 Jan 2020 12:00:00 GMT" }, { lastModified: "Wed, 01 Jan 2020 12:00:01 GMT" }), true);
  // an ETag mismatch overrides a date match
  assert.equal(isResourceModified({ ifModifiedSince: "Wed, 01 Jan 2020 12:00:00 GMT", ifNoneMatch: '"x"' }, { lastModified, etag: "abc" }), true);
});

test("isResourceModified uses If-Range only with a Range header and ignoreIfRange false", () => {
  assert.equal(isResourceModified({ range: "bytes=0-1", ifRange: '"abc"' }, { etag: "abc", ignoreIfRange: false }), false);
  assert.equal(isResourceModified({ range: "bytes=0-1", ifRange: '"x"' }, { etag: "abc", ignoreIfRange: false }), true);
  assert.equal(isResourceModified({ range: "bytes=0-1", ifRange: '"x"', ifNoneMatch: '"abc"' }, { etag: "abc" }), false);
  const lastModified = new Date(Date.UTC(2020, 0, 1, 12, 0, 0, 500));
  assert.equal(isResourceModified({ range: "bytes=0-1", ifRange: "Wed, 01 Jan 2020 12:00:00 GMT" }, { lastModified, ignoreIfRange: false }), false);
  assert.equal(isResourceModified({ ifRange: '"abc"' }, { etag: "abc", ignoreIfRange: false }), true);
});

test("isResourceModified hashes data when no etag is given, and refuses both", () => {
  assert.equal(isResourceModified({ ifNoneMatch: generateEtag("data") }, { data: "data" }), false);
  assert.equal(isResourceModified({}), true);
  assert.throws(() => isResourceModified({}, { etag: "a", data: "b" }), TypeError);
});

test("isResourceModified reads request headers, joining repeated list headers", () => {
  const headers = ImmutableHeaders.fromRaw(["If-None-Match", '"x"', "if-none-match", '"abc"']);
  assert.equal(isResourceModified(headers, { etag: "abc" }), false);
  assert.equal(isResourceModified(new Headers({ "If-Match": '"x"' }), { etag: "abc" }), false);
});

test("entity and hop-by-hop headers are recognised and removed", () => {
  assert.equal(isEntityHeader("Content-Type"), true);
  assert.equal(isEntityHeader("ETag"), false);
  assert.equal(isHopByHopHeader("Transfer-Encoding"), true);
  const headers = new Headers([
    ["Content-Type", "text/html"],
    ["Expires", "x"],
    ["ETag", '"a"'],
    ["Last-Modified", "y"],
    ["Connection", "close"],
    ["Content-Location", "/a"],
  ]);
  removeEntityHeaders(headers);
  assert.deepEqual([...headers.keys()], ["Expires", "ETag", "Connection", "Content-Location"]);
  removeHopByHopHeaders(headers);
  assert.deepEqual([...headers.keys()], ["Expires", "ETag", "Content-Location"]);
});
