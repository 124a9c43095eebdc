// Expected answers were asked of Werkzeug 3.1.8 (PYTHONPATH=/tmp/wzsrc/src python3).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Accept, MIMEAccept, LanguageAccept, CharsetAccept } from "wz";

test("MIMEAccept sorts by specificity then quality and picks the best offer", () => {
  const accept = MIMEAccept.fromHeader("text/html;q=0.9, application/json, */*;q=0.1");
  assert.deepEqual(
    [...accept],
    [
      ["application/json", 1],
      ["text/html", 0.9],
      ["*/*", 0.1],
    ],
  );
  assert.equal(accept.bestMatch(["text/html", "application/json"]), "application/json");
  assert.equal(accept.bestMatch(["image/png"]), "image/png");
  assert.equal(accept.quality("text/html"), 0.9);
  assert.equal(accept.quality("image/png"), 0.1);
  assert.equal(accept.toHeader(), "application/json,text/html;q=0.9,*/*;q=0.1");
  assert.equal(accept.provided, true);
  assert.equal(accept.best, "application/json");
  assert.equal(accept.find("text/html"), 1);
  assert.equal(accept.acceptHtml, true);
  assert.equal(accept.acceptJson, true);
  assert.equal(accept.acceptXhtml, true);
});

test("more specific entries and parameters sort first; header order breaks ties", () => {
  assert.deepEqual(
    [...MIMEAccept.fromHeader("text/*, text/html, text/html;level=1, */*")],
    [
      ["text/html; level=1", 1],
      ["text/html", 1],
      ["text/*", 1],
      ["*/*", 1],
    ],
  );
});

test("items with an invalid q are dropped; other parameters stay in the value", () => {
  const accept = MIMEAccept.fromHeader("a/b;q=0.5, c/d;q=1.5, e/f;q=abc, g/h;q=-0.1, i/j;q=1.0, k/l;q=0, m/n; q=0.50; x=1");
  assert.deepEqual(
    [...accept],
    [
      ["m/n; x=1", 0.5],
      ["i/j", 1],
      ["a/b", 0.5],
      ["k/l", 0],
    ],
  );
  const gzip = Accept.fromHeader("gzip;q=1.5");
  assert.equal(gzip.provided, true);
  assert.equal(gzip.length, 0);
});

test("parameters must match when subtypes are equal", () => {
  const accept = MIMEAccept.fromHeader("text/html;level=1, text/html;q=0.5");
  assert.equal(accept.quality("text/html"), 0.5);
  assert.equal(accept.quality("text/html;level=1"), 1);
  assert.equal(accept.bestMatch(["text/html", "text/html;level=1"]), "text/html;level=1");
  assert.equal(accept.bestMatch(["text/plain"], "x"), "x");
  const charset = MIMEAccept.fromHeader("text/html ; charset=UTF-8");
  assert.deepEqual([...charset], [["text/html; charset=UTF-8", 1]]);
  assert.equal(charset.bestMatch(["text/html;charset=utf-8"]), "text/html;charset=utf-8");
});

test("on equal quality the more specific client entry wins, then server order", () => {
  const accept = MIMEAccept.fromHeader("text/*;q=0.5, application/json;q=0.5");
  assert.equal(accept.bestMatch(["text/plain", "application/json"]), "application/json");
  assert.equal(accept.bestMatch(["application/json", "text/plain"]), "application/json");
  assert.equal(MIMEAccept.fromHeader("*/*").bestMatch(["a/b", "c/d"]), "a/b");
});

test("q=0 never matches, even when a wildcard would", () => {
  assert.equal(MIMEAccept.fromHeader("text/html;q=0").bestMatch(["text/html"]), null);
  assert.equal(MIMEAccept.fromHeader("text/html;q=0, */*").bestMatch(["text/html"]), null);
  assert.equal(MIMEAccept.fromHeader("text/html;q=0").has("text/html"), true);
});

test("an offer that is not a media type throws; malformed client entries never match", () => {
  const accept = MIMEAccept.fromHeader("text/html");
  assert.throws(() => accept.bestMatch(["html"]), { name: "TypeError", message: `invalid mimetype "html"` });
  assert.throws(() => accept.quality("*/html"), TypeError);
  const odd = MIMEAccept.fromHeader("text, */html, text/plain");
  assert.equal(odd.bestMatch(["text/plain"]), "text/plain");
  assert.equal(MIMEAccept.fromHeader("text, */html").quality("text/html"), 0);
  assert.equal(MIMEAccept.fromHeader("TEXT/HTML").quality("text/html"), 1);
  assert.equal(MIMEAccept.fromHeader("application/xhtml+xml").acceptHtml, true);
});

test("a missing or empty header is not provided and matches nothing", () => {
  assert.equal(MIMEAccept.fromHeader("").provided, false);
  assert.equal(Accept.fromHeader(null).provided, false);
  assert.equal(MIMEAccept.fromHeader(undefined).bestMatch(["a/b"]), null);
  assert.equal(MIMEAccept.fromHeader(undefined).best, null);
});

test("fromHeader on a subclass returns that subclass", () => {
  assert.ok(MIMEAccept.fromHeader("a/b") instanceof MIMEAccept);
  assert.ok(LanguageAccept.fromHeader("en") instanceof LanguageAccept);
});

test("LanguageAccept falls back to primary tags, preferring an exact match at lower quality", () => {
  const accept = LanguageAccept.fromHeader("en-US, de;q=0.5");
  assert.equal(accept.bestMatch(["en", "de"]), "de");
  assert.equal(accept.bestMatch(["en-us", "fr"]), "en-us");
  assert.equal(accept.bestMatch(["en_US"]), "en_US");
  assert.equal(accept.bestMatch(["en-GB", "fr"]), null);
  assert.equal(accept.bestMatch(["en"]), "en");
  assert.equal(LanguageAccept.fromHeader("en").bestMatch(["en-US", "en-GB"]), "en-US");
  assert.equal(LanguageAccept.fromHeader("de-AT, fr;q=0.5").bestMatch(["de-CH", "fr"]), "fr");
  assert.equal(LanguageAccept.fromHeader("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5").bestMatch(["de", "en"]), "en");
  assert.equal(LanguageAccept.fromHeader("da, en-gb;q=0.8, en;q=0.7").bestMatch(["en-US", "xx"], "zz"), "en-US");
  assert.equal(LanguageAccept.fromHeader("da").bestMatch(["en"], "zz"), "zz");
});

test("Accept-Encoding: wildcards, q=0 exclusion and Python-style q formatting", () => {
  const accept = Accept.fromHeader("gzip, deflate;q=0.5, *;q=0.1, br;q=0");
  assert.deepEqual(
    [...accept],
    [
      ["gzip", 1],
      ["deflate", 0.5],
      ["br", 0],
      ["*", 0.1],
    ],
  );
  assert.equal(accept.bestMatch(["br", "identity"]), "identity");
  assert.equal(accept.bestMatch(["deflate", "gzip"]), "gzip");
  assert.equal(accept.quality("GZIP"), 1);
  assert.equal(accept.has("br"), true);
  assert.equal(accept.toHeader(), "gzip,deflate;q=0.5,br;q=0.0,*;q=0.1");
  assert.equal(Accept.fromHeader("a;q=0.0000001").toHeader(), "a;q=1e-07");
  assert.equal(Accept.fromHeader("a;q=1.00").toHeader(), "a");
  assert.equal(Accept.fromHeader("a;q=0").toHeader(), "a;q=0.0");
  assert.deepEqual([...accept.values()], ["gzip", "deflate", "br", "*"]);
  assert.throws(() => accept.index("zstd") && Accept.fromHeader("gzip").index("zstd"), RangeError);
});

test("CharsetAccept compares charset names through their aliases", () => {
  const accept = CharsetAccept.fromHeader("utf-8, ISO-8859-1;q=0.5");
  assert.equal(accept.quality("UTF8"), 1);
  assert.equal(accept.quality("latin1"), 0.5);
  assert.equal(accept.quality("l1"), 0.5);
  assert.equal(accept.bestMatch(["ascii", "iso-8859-1"]), "iso-8859-1");
});
