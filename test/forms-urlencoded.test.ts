// Urlencoded form bodies. Expected values were produced by Werkzeug 3.1.8
// (Request.from_values(...).form.items(multi=True)).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { BadRequest, parseFormData, parseUrlencoded, RequestEntityTooLarge, type MultiDict } from "wz";

const URLENCODED = "application/x-www-form-urlencoded";

function pairs(form: MultiDict<string>): [string, string][] {
  return [...form.lists()].flatMap(([key, values]) => values.map((value): [string, string] => [key, value]));
}

async function parse(body: string | Uint8Array, limits = {}, contentLength: number | null = null) {
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  return parseFormData({ body: [bytes], contentType: URLENCODED, contentLength: contentLength ?? bytes.length, limits });
}

test("pairs keep order and duplicates, grouped by key like Werkzeug's MultiDict", async () => {
  const { form } = await parse("a=1&b=2&a=3");
  assert.deepEqual(pairs(form), [
    ["a", "1"],
    ["a", "3"],
    ["b", "2"],
  ]);
  assert.equal(form.get("a"), "1");
  assert.deepEqual(form.getList("a"), ["1", "3"]);
});

test("invalid escapes and undecodable bytes are kept percent-encoded", async () => {
  const { form } = await parse("a=%E2%98%83&b=%FF%zz&c&&d=1+2&%e2%98=x&=v&e=%41%4");
  assert.deepEqual(pairs(form), [
    ["a", "☃"],
    ["b", "%FF%zz"],
    ["c", ""],
    ["d", "1 2"],
    ["%E2%98", "x"],
    ["", "v"],
    ["e", "A%4"],
  ]);
});

test("escapes are decoded within ASCII runs and invalid sequences are cut at maximal subparts", async () => {
  const { form } = await parse("k=é%E9%C3%A9%e2%98%83x%F0%9F%98");
  assert.deepEqual(pairs(form), [["k", "é%E9é☃x%F0%9F%98"]]);
});

test("a body that is not UTF-8 gives an empty form, not an error", async () => {
  const { form } = await parse(Buffer.from([0x61, 0x3d, 0x80]));
  assert.equal(form.size, 0);
});

test("a UTF-8 byte order mark stays part of the first key", async () => {
  const { form } = await parse(Buffer.from("\ufeffa=1"));
  assert.deepEqual(pairs(form), [["\ufeffa", "1"]]);
});

test("semicolons are not separators", async () => {
  assert.deepEqual(pairs((await parse("a=1;b=2")).form), [["a", "1;b=2"]]);
});

test("bracketed and prototype-looking keys stay flat strings", async () => {
  const { form } = await parse("a[b]=1&__proto__[x]=2&constructor.prototype.y=3&__proto__=4");
  assert.deepEqual(pairs(form), [
    ["a[b]", "1"],
    ["__proto__[x]", "2"],
    ["constructor.prototype.y", "3"],
    ["__proto__", "4"],
  ]);
  assert.equal(({} as Record<string, unknown>)["x"], undefined);
  assert.equal(Object.hasOwn(Object.prototype, "y"), false);
});

test("a declared length over maxFormMemorySize is a 413 before anything is read", async () => {
  let read = false;
  const body = (async function* () {
    read = true;
    yield Buffer.from("foo=Hello+World&bar=baz");
  })();
  await assert.rejects(parseFormData({ body, contentType: URLENCODED, contentLength: 23, limits: { maxFormMemorySize: 7 } }), RequestEntityTooLarge);
  assert.equal(read, false);
});

test("a chunked body growing past maxFormMemorySize is a 413 (a wz addition: the body is held in memory)", async () => {
  const body = [Buffer.from("a=".padEnd(6, "x")), Buffer.from("y".repeat(10))];
  await assert.rejects(parseFormData({ body, contentType: URLENCODED, contentLength: null, limits: { maxFormMemorySize: 10 } }), RequestEntityTooLarge);
});

test("maxContentLength is checked against Content-Length before reading", async () => {
  await assert.rejects(parse("foo=123456", { maxContentLength: 4 }), RequestEntityTooLarge);
  assert.equal((await parse("foo=Hello+World", { maxContentLength: 400 })).form.get("foo"), "Hello World");
});

test("urlencoded bodies are not limited by maxFormParts", async () => {
  const { form } = await parse("a=1&b=2", { maxFormParts: 1 });
  assert.deepEqual(pairs(form), [
    ["a", "1"],
    ["b", "2"],
  ]);
});

test("the content type is matched without regard to case and other types are not read", async () => {
  const upper = await parseFormData({ body: [Buffer.from("a=1")], contentType: "Application/X-WWW-Form-Urlencoded", contentLength: 3 });
  assert.equal(upper.form.get("a"), "1");
  let read = false;
  const body = (async function* () {
    read = true;
    yield Buffer.from("a=1");
  })();
  const other = await parseFormData({ body, contentType: "application/json", contentLength: 3 });
  assert.equal(other.form.size, 0);
  assert.equal(read, false);
});

test("parseUrlencoded accepts a string", () => {
  assert.deepEqual(pairs(parseUrlencoded("x=%20y+z")), [["x", " y z"]]);
});

test("random urlencoded bodies give Werkzeug's answers", async () => {
  // test/support/werkzeug-urlencoded-cases.json: 300 bodies and Werkzeug 3.1.8's parse of each
  // (made by test/support/gen-werkzeug-urlencoded-cases.py).
  const file = new URL("../../test/support/werkzeug-urlencoded-cases.json", import.meta.url);
  const { cases } = JSON.parse(readFileSync(file, "utf8")) as { cases: { body: string; werkzeug: [string, string][] }[] };
  for (const item of cases) {
    const body = Buffer.from(item.body, "base64");
    assert.deepEqual(pairs((await parse(body)).form), item.werkzeug, JSON.stringify(body.toString("latin1")));
  }
});

test("silent: false makes a body that is not UTF-8 a 400", async () => {
  await assert.rejects(
    parseFormData({ body: [Buffer.from([0x61, 0x3d, 0x80])], contentType: URLENCODED, contentLength: 3, silent: false }),
    (error: unknown) => error instanceof BadRequest && /UTF-8/.test(error.description),
  );
});
