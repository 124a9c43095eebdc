// Expected answers were asked of Werkzeug 3.1.8 (PYTHONPATH=/tmp/wzsrc/src python3).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Headers, ImmutableHeaders, MultiDict, BadRequestKeyError, asInt } from "wz";

test("get is case-insensitive and returns undefined when the header is absent", () => {
  const h = new Headers([
    ["Content-Type", "text/plain"],
    ["X-A", "1"],
    ["x-a", "2"],
  ]);
  assert.equal(h.get("content-type"), "text/plain");
  assert.equal(h.get("X-a"), "1");
  assert.equal(h.get("missing"), undefined);
  assert.deepEqual(h.getAll("X-A"), ["1", "2"]);
  assert.equal(h.has("CONTENT-TYPE"), true);
  assert.equal(h.size, 3);
});

test("typed get and getList follow Werkzeug's type argument", () => {
  const h = new Headers([
    ["Content-Length", "42"],
    ["X-N", "1"],
    ["X-N", "x"],
  ]);
  assert.equal(h.get("Content-Length", asInt), 42);
  assert.equal(h.get("X-N", { type: () => asInt("x"), default: -1 }), -1);
  assert.deepEqual(h.getList("x-n", asInt), [1]);
});

test("iteration keeps order, duplicates and the original case", () => {
  const h = new Headers();
  h.add("Set-Cookie", "a=1");
  h.add("X-Thing", "y");
  h.add("set-cookie", "b=2");
  assert.deepEqual(
    [...h],
    [
      ["Set-Cookie", "a=1"],
      ["X-Thing", "y"],
      ["set-cookie", "b=2"],
    ],
  );
  assert.deepEqual([...h.keys(true)], ["set-cookie", "x-thing", "set-cookie"]);
  assert.deepEqual(h.toWireArray(), ["Set-Cookie", "a=1", "X-Thing", "y", "set-cookie", "b=2"]);
});

test("set replaces the first occurrence in place and removes the rest", () => {
  const h = new Headers([
    ["Content-Type", "text/plain"],
    ["X-A", "1"],
    ["x-a", "2"],
    ["X-B", "3"],
  ]);
  h.set("x-A", "new");
  assert.deepEqual(h.toList(), [
    ["Content-Type", "text/plain"],
    ["x-A", "new"],
    ["X-B", "3"],
  ]);
  h.set("X-C", 5);
  assert.equal(h.get("x-c"), "5");
});

test("add and set render parameters like Werkzeug's keyword arguments", () => {
  const h = new Headers();
  h.add("Content-Disposition", "attachment", { filename: "ä.txt", my_param: "x y" });
  assert.equal(h.get("content-disposition"), 'attachment; filename="ä.txt"; my-param="x y"');
});

test("values with CR, LF or NUL are rejected to prevent header injection", () => {
  const h = new Headers();
  assert.throws(() => h.add("X", "a\nb"), { name: "TypeError", message: /must not contain newline/ });
  assert.throws(() => h.set("X", "a\rb"), TypeError);
  assert.throws(() => h.add("X", "a\0b"), TypeError);
  assert.throws(() => new Headers({ X: "a\r\nSet-Cookie: x=1" }), TypeError);
  assert.equal(h.size, 0);
});

test("names that are not RFC 9110 tokens are rejected", () => {
  const h = new Headers();
  for (const name of ["", "X A", "X:A", "X\nA", "Ä"]) {
    assert.throws(() => h.add(name, "v"), { name: "TypeError", message: /invalid header name/ });
  }
});

test("update replaces per name, extend appends", () => {
  const h = new Headers([
    ["a", "1"],
    ["b", "2"],
    ["a", "3"],
  ]);
  h.update({ A: "x" });
  assert.deepEqual(h.toList(), [
    ["A", "x"],
    ["b", "2"],
  ]);
  h.extend({ b: ["3", "4"] });
  assert.deepEqual(h.getAll("B"), ["2", "3", "4"]);
});

test("update follows Werkzeug for each kind of input", () => {
  const pairs = new Headers([
    ["a", "0"],
    ["b", "1"],
  ]);
  pairs.update([
    ["a", "1"],
    ["a", "2"],
    ["c", "3"],
  ]); // each pair is a set: the last one wins
  assert.deepEqual(pairs.toList(), [
    ["a", "2"],
    ["b", "1"],
    ["c", "3"],
  ]);
  const fromHeaders = new Headers([
    ["a", "0"],
    ["b", "1"],
  ]);
  fromHeaders.update(
    new Headers([
      ["X-A", "1"],
      ["x-a", "2"],
    ]),
  );
  assert.deepEqual(fromHeaders.toList(), [
    ["a", "0"],
    ["b", "1"],
    ["x-a", "1"],
    ["x-a", "2"],
  ]);
  const fromMultiDict = new Headers([["a", "0"]]);
  fromMultiDict.update(
    new MultiDict([
      ["a", "1"],
      ["a", "2"],
    ]),
  );
  assert.deepEqual(fromMultiDict.toList(), [
    ["a", "1"],
    ["a", "2"],
  ]);
  const fromRecord = new Headers([["a", "0"]]);
  fromRecord.update({ a: ["1", "2"], b: "3" });
  assert.deepEqual(fromRecord.toList(), [
    ["a", "1"],
    ["a", "2"],
    ["b", "3"],
  ]);
  assert.deepEqual(
    new Headers(
      new Map<string, string | string[]>([
        ["a", ["1", "2"]],
        ["b", "3"],
      ]),
    ).toList(),
    [
      ["a", "1"],
      ["a", "2"],
      ["b", "3"],
    ],
  );
});

test("setList sets the first in place and appends the rest; an empty list removes the header", () => {
  const h = new Headers([
    ["a", "1"],
    ["b", "2"],
  ]);
  h.setList("A", ["p", "q"]);
  assert.deepEqual(h.toList(), [
    ["A", "p"],
    ["b", "2"],
    ["A", "q"],
  ]);
  h.setList("a", []);
  assert.deepEqual(h.toList(), [["b", "2"]]);
  assert.equal(h.setDefault("c", 5), "5");
  assert.equal(h.setDefault("C", 6), "5");
  assert.deepEqual(h.toList(), [
    ["b", "2"],
    ["c", "5"],
  ]);
});

test("delete, pop and popItem remove lines", () => {
  const h = new Headers([
    ["a", "1"],
    ["b", "2"],
    ["A", "3"],
    ["c", "4"],
  ]);
  assert.equal(h.pop("a"), "1");
  assert.deepEqual(h.toList(), [
    ["b", "2"],
    ["c", "4"],
  ]);
  assert.equal(h.pop("zz", "d"), "d");
  assert.throws(() => h.pop("zz"), BadRequestKeyError);
  assert.deepEqual(h.popItem(), ["c", "4"]);
  assert.equal(h.delete("B"), true);
  assert.equal(h.delete("B"), false);
  assert.equal(h.size, 0);
});

test("require throws a 400 BadRequestKeyError for a missing header", () => {
  const h = new Headers({ Host: "example.com" });
  assert.equal(h.require("host"), "example.com");
  assert.throws(
    () => h.require("Origin"),
    (e: unknown) => e instanceof BadRequestKeyError && e.code === 400,
  );
});

test("equality ignores order and name case", () => {
  assert.ok(
    new Headers([
      ["a", "1"],
      ["B", "2"],
    ]).equals(
      new Headers([
        ["b", "2"],
        ["A", "1"],
      ]),
    ),
  );
  assert.ok(!new Headers([["a", "1"]]).equals(new Headers([["a", "2"]])));
});

test("the string form is an HTTP header block", () => {
  assert.equal(
    String(
      new Headers([
        ["A", "1"],
        ["B", "2"],
      ]),
    ),
    "A: 1\r\nB: 2\r\n\r\n",
  );
});

test("headers can be built from a MultiDict, a Node header record and pairs", () => {
  assert.deepEqual(
    new Headers(
      new MultiDict([
        ["a", "1"],
        ["a", "2"],
      ]),
    ).getAll("a"),
    ["1", "2"],
  );
  assert.deepEqual(new Headers({ "set-cookie": ["a=1", "b=2"], skipped: undefined }).toList(), [
    ["set-cookie", "a=1"],
    ["set-cookie", "b=2"],
  ]);
  assert.deepEqual(new Headers(new Map([["x", "y"]])).toList(), [["x", "y"]]);
});

test("at reads a line by position", () => {
  const h = new Headers([
    ["a", "1"],
    ["b", "2"],
  ]);
  assert.deepEqual(h.at(0), ["a", "1"]);
  assert.deepEqual(h.at(-1), ["b", "2"]);
  assert.equal(h.at(2), undefined);
});

test("request headers wrap Node's rawHeaders without copying and refuse changes", () => {
  const raw = ["Host", "example.com", "Accept", "text/html", "accept", "application/json", "Cookie", "a=1", "Cookie", "b=2"];
  const h = ImmutableHeaders.fromRaw(raw);
  assert.equal(h.get("ACCEPT"), "text/html");
  assert.equal(h.getJoined("accept"), "text/html, application/json");
  assert.equal(h.getJoined("cookie", "; "), "a=1; b=2");
  assert.equal(h.getJoined("host"), "example.com");
  assert.equal(h.getJoined("missing"), undefined);
  assert.equal(h.size, 5);
  assert.throws(() => h.set("Host", "evil"), { name: "TypeError", message: "'ImmutableHeaders' objects are immutable" });
  assert.throws(() => h.add("X", "1"), TypeError);
  assert.throws(() => h.delete("Host"), TypeError);
  const copy = h.copy();
  copy.set("Host", "other");
  assert.equal(h.get("host"), "example.com");
  assert.equal(copy.get("host"), "other");
});

test("toWireArray goes straight into node:http writeHead, repeated lines included", async () => {
  const { createServer } = await import("node:http");
  const headers = new Headers([
    ["Content-Type", "text/plain; charset=utf-8"],
    ["Set-Cookie", "a=1"],
    ["Set-Cookie", "b=2"],
    ["X-Name", "Ä-latin1"],
  ]);
  const server = createServer((_req, res) => {
    res.writeHead(200, headers.toWireArray());
    res.end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = server.address() as { port: number };
    const response = await fetch(`http://127.0.0.1:${port}/`);
    assert.deepEqual(response.headers.getSetCookie(), ["a=1", "b=2"]);
    assert.equal(response.headers.get("content-type"), "text/plain; charset=utf-8");
    assert.equal(await response.text(), "ok");
  } finally {
    server.close();
  }
});

test("count gives the number of lines of a header, case-insensitively, 0 when absent", () => {
  const headers = new Headers([
    ["Host", "a"],
    ["X-A", "1"],
    ["host", "b"],
  ]);
  assert.equal(headers.count("HOST"), 2);
  assert.equal(headers.count("x-a"), 1);
  assert.equal(headers.count("missing"), 0);
});
