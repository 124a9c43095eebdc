// Expected answers were asked of Werkzeug 3.1.8 (PYTHONPATH=/tmp/wzsrc/src python3).
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  parseOptionsHeader,
  dumpOptionsHeader,
  parseListHeader,
  parseDictHeader,
  dumpHeader,
  quoteHeaderValue,
  unquoteHeaderValue,
  parsePlainInt,
  getContentLength,
} from "wz";

test("parseOptionsHeader splits the value from its lower-cased parameters", () => {
  assert.deepEqual(parseOptionsHeader(null), ["", {}]);
  assert.deepEqual(parseOptionsHeader(""), ["", {}]);
  assert.deepEqual(parseOptionsHeader("text/html"), ["text/html", {}]);
  assert.deepEqual(parseOptionsHeader("text/html; charset=utf-8"), ["text/html", { charset: "utf-8" }]);
  assert.deepEqual(parseOptionsHeader(`text/plain; Charset="UTF-8"; x='y'`), ["text/plain", { charset: "UTF-8", x: "'y'" }]);
  assert.deepEqual(parseOptionsHeader("  ;b=1"), ["", {}]);
});

test("parseOptionsHeader unquotes backslash and %22 escapes", () => {
  assert.deepEqual(parseOptionsHeader(`form-data; name="a\\"b"; filename="c%22d"`), ["form-data", { name: 'a"b', filename: 'c"d' }]);
  assert.deepEqual(parseOptionsHeader(`a; b="\\\\x"`), ["a", { b: "\\x" }]);
});

test("parseOptionsHeader decodes RFC 2231 values only for the safe charsets", () => {
  assert.deepEqual(parseOptionsHeader("attachment; filename*=UTF-8''%E2%82%AC.txt"), ["attachment", { filename: "€.txt" }]);
  assert.deepEqual(parseOptionsHeader("attachment; filename*=utf-7''%E2%82%AC"), ["attachment", { filename: "%E2%82%AC" }]);
  assert.deepEqual(parseOptionsHeader("a; filename*=iso-8859-1'en'%E9"), ["a", { filename: "é" }]);
  assert.deepEqual(parseOptionsHeader("a; f*=ascii''%E9x"), ["a", { f: "\uFFFDx" }]);
});

test("parseOptionsHeader joins continuations, carrying the charset across parts", () => {
  assert.deepEqual(parseOptionsHeader(`a; key*0="foo"; key*1=bar`), ["a", { key: "foobar" }]);
  assert.deepEqual(parseOptionsHeader("a; key*0*=UTF-8''%E2%82; key*1*=%AC"), ["a", { key: "\uFFFD\uFFFD" }]);
});

test("parseOptionsHeader skips invalid parts instead of throwing", () => {
  assert.deepEqual(parseOptionsHeader(`a;;b=1; =x; c; d="unterminated`), ["a", { b: "1" }]);
  assert.deepEqual(parseOptionsHeader("a; b=1;c=2 ; d = 3"), ["a", { b: "1", c: "2" }]);
});

test("parseOptionsHeader keeps a __proto__ parameter as data", () => {
  const [, params] = parseOptionsHeader("a; __proto__=x; constructor=y");
  assert.equal(Object.getPrototypeOf(params), Object.prototype);
  assert.equal(params["__proto__"], "x");
  assert.equal(params["constructor"], "y");
});

test("dumpOptionsHeader quotes non-tokens, skips nulls and leaves starred keys alone", () => {
  assert.equal(
    dumpOptionsHeader("text/html", { charset: "utf-8", x: null, name: "a b", empty: "", "filename*": "UTF-8''%E2", q: 0.5 }),
    `text/html; charset=utf-8; name="a b"; empty=""; filename*=UTF-8''%E2; q=0.5`,
  );
  assert.equal(dumpOptionsHeader(null, { a: "b" }), "a=b");
});

test("parseListHeader splits at commas outside quotes", () => {
  assert.deepEqual(parseListHeader(`a, "b, c", d`), ["a", "b, c", "d"]);
  assert.deepEqual(parseListHeader("a,,b, ,"), ["a", "b"]);
  assert.deepEqual(parseListHeader(`x="a b", "q\\"r"`), [`x="a b"`, `q"r`]);
  assert.deepEqual(parseListHeader(`a"b"c, d`), [`a"b"c`, "d"]);
  assert.deepEqual(parseListHeader(""), []);
});

test("parseListHeader gives an empty list for an unclosed quote", () => {
  assert.deepEqual(parseListHeader(`"unclosed, a`), []);
});

test("parseDictHeader maps keys to values, bare keys to null, and skips =value items", () => {
  assert.deepEqual(parseDictHeader(`a=1, b="x y", c, =d, e = 2 `), { a: "1", b: "x y", c: null, e: "2" });
  assert.deepEqual(parseDictHeader("a=b=c"), { a: "b=c" });
  assert.deepEqual(parseDictHeader(`x="unclosed`), {});
});

test("parseDictHeader decodes starred keys for the safe charsets", () => {
  assert.deepEqual(parseDictHeader("title*=UTF-8''%E2%82%AC"), { title: "€" });
  assert.deepEqual(parseDictHeader("k*=bad''%E9"), { k: "%E9" });
  assert.deepEqual(parseDictHeader("k*=x"), { k: "x" });
});

test("parseDictHeader keeps a __proto__ key as data", () => {
  const result = parseDictHeader("__proto__=1, b=2");
  assert.equal(Object.getPrototypeOf(result), Object.prototype);
  assert.equal(Object.hasOwn(result, "__proto__"), true);
  assert.equal(result.b, "2");
});

test("dumpHeader joins lists and records with a comma", () => {
  assert.equal(dumpHeader(["a", "b c", 'd"e', ""]), `a, "b c", "d\\"e", ""`);
  assert.equal(dumpHeader({ "max-age": 60, public: null, x: "a b", "y*": "q r" }), `max-age=60, public, x="a b", y*=q r`);
});

test("quoteHeaderValue leaves tokens bare and escapes quotes and backslashes", () => {
  assert.deepEqual(
    ["", "abc", "a b", 'a"b\\c', 5, "a/b"].map((v) => quoteHeaderValue(v)),
    ['""', "abc", '"a b"', '"a\\"b\\\\c"', "5", '"a/b"'],
  );
  assert.equal(quoteHeaderValue("abc", false), '"abc"');
});

test("unquoteHeaderValue removes quotes and backslash escapes", () => {
  assert.deepEqual(['"a\\"b\\\\c"', '"x', "y", '"', '""'].map(unquoteHeaderValue), ['a"b\\c', '"x', "y", '"', ""]);
});

test("numbers in headers are ASCII digits with an optional minus only", () => {
  assert.deepEqual([" 42 ", "-3", "+5", "1_0", "٣", "", "0x1", "007"].map(parsePlainInt), [42, -3, null, null, null, null, null, 7]);
});

test("getContentLength is null for chunked bodies and 0 for invalid values", () => {
  const cases: [string | null, string | null, number | null][] = [
    ["10", null, 10],
    [null, null, null],
    ["10", "chunked", null],
    ["10", "gzip, Chunked", null],
    ["-5", null, 0],
    ["abc", null, 0],
    [" 7 ", "identity", 7],
    ["10", '"chunked"', null],
  ];
  for (const [length, encoding, expected] of cases) assert.equal(getContentLength(length, encoding), expected, `${length} / ${encoding}`);
});
