// Expected answers were asked of Werkzeug 3.1.8 (PYTHONPATH=/tmp/wzsrc/src python3).
import { test } from "node:test";
import assert from "node:assert/strict";
import { MultiDict, ImmutableMultiDict, CombinedMultiDict, BadRequestKeyError, BadRequest, asInt, asFloat } from "wz";

test("a MultiDict keeps key order and groups every value under its key", () => {
  const md = new MultiDict([
    ["a", "1"],
    ["b", "2"],
    ["a", "3"],
  ]);
  assert.deepEqual(
    [...md.items(true)],
    [
      ["a", "1"],
      ["a", "3"],
      ["b", "2"],
    ],
  );
  assert.deepEqual(
    [...md],
    [
      ["a", "1"],
      ["a", "3"],
      ["b", "2"],
    ],
  );
  assert.deepEqual([...md.keys()], ["a", "b"]);
  assert.deepEqual([...md.values()], ["1", "2"]);
  assert.deepEqual(
    [...md.items()],
    [
      ["a", "1"],
      ["b", "2"],
    ],
  );
  assert.deepEqual(md.toDict(), { a: "1", b: "2" });
  assert.deepEqual(md.toDict(false), { a: ["1", "3"], b: ["2"] });
  assert.equal(md.size, 2);
});

test("get returns the first value, or undefined when the key is missing", () => {
  const md = new MultiDict([
    ["a", "1"],
    ["a", "2"],
  ]);
  assert.equal(md.get("a"), "1");
  assert.equal(md.get("missing"), undefined);
  assert.deepEqual(md.getList("a"), ["1", "2"]);
  assert.deepEqual(md.getList("missing"), []);
});

test("a typed get falls back to the default when the conversion throws", () => {
  const md = new MultiDict([
    ["a", "1"],
    ["b", "2"],
  ]);
  assert.equal(md.get("a", asInt), 1);
  assert.equal(md.get("x", asInt), undefined);
  assert.equal(md.get("b", { default: 9, type: () => asInt("z") }), 9);
  assert.equal(md.get("x", { default: 9 }), 9);
});

test("a typed getList drops the values that fail to convert", () => {
  const md = new MultiDict([
    ["n", "1"],
    ["n", "x"],
    ["n", "3"],
  ]);
  assert.deepEqual(md.getList("n", asInt), [1, 3]);
});

test("a record builds several values from arrays and skips empty arrays", () => {
  const md = new MultiDict<string>({ a: [], b: ["1", "2"], c: "3" });
  assert.deepEqual(md.toDict(false), { b: ["1", "2"], c: ["3"] });
});

test("update extends the existing values instead of replacing them", () => {
  const md = new MultiDict([
    ["a", "1"],
    ["a", "3"],
  ]);
  md.update({ a: "4" });
  assert.deepEqual(md.getList("a"), ["1", "3", "4"]);
});

test("set replaces all values, add appends, setList replaces with a list", () => {
  const md = new MultiDict<string>();
  md.add("a", "1");
  md.add("a", "2");
  md.set("a", "x");
  assert.deepEqual(md.getList("a"), ["x"]);
  md.setList("a", ["p", "q"]);
  assert.deepEqual(md.getList("a"), ["p", "q"]);
  assert.equal(md.setDefault("b", "d"), "d");
  assert.equal(md.setDefault("b", "other"), "d");
  const live = md.setListDefault("c", ["1"]);
  live.push("2");
  assert.deepEqual(md.getList("c"), ["1", "2"]);
});

test("pop removes the key and returns its first value; a missing key is a 400 key error", () => {
  const md = new MultiDict([
    ["a", "1"],
    ["a", "3"],
    ["b", "2"],
  ]);
  assert.equal(md.pop("a"), "1");
  assert.equal(md.has("a"), false);
  assert.equal(md.pop("zz", null), null);
  assert.throws(
    () => md.pop("zz"),
    (error: unknown) => error instanceof BadRequestKeyError && error instanceof BadRequest && error.code === 400,
  );
  assert.deepEqual(md.popList("b"), ["2"]);
  assert.deepEqual(md.popList("b"), []);
});

test("popItem removes the last key", () => {
  const md = new MultiDict([
    ["a", "1"],
    ["b", "2"],
    ["b", "3"],
  ]);
  assert.deepEqual(md.popItem(), ["b", "2"]);
  assert.deepEqual(md.popItemList(), ["a", ["1"]]);
  assert.throws(() => md.popItem(), BadRequestKeyError);
});

test("require returns the first value or throws BadRequestKeyError", () => {
  const md = new MultiDict([["a", "1"]]);
  assert.equal(md.require("a"), "1");
  assert.throws(
    () => md.require("b"),
    (error: unknown) => error instanceof BadRequestKeyError && error.key === "b",
  );
});

test("copies are independent", () => {
  const md = new MultiDict([["a", "1"]]);
  const copy = md.copy();
  copy.add("a", "2");
  assert.deepEqual(md.getList("a"), ["1"]);
  assert.deepEqual(new MultiDict(copy).getList("a"), ["1", "2"]);
});

test("a __proto__ key stays plain data in toDict", () => {
  const md = new MultiDict([
    ["__proto__", "x"],
    ["constructor", "y"],
  ]);
  const dict = md.toDict();
  assert.equal(Object.getPrototypeOf(dict), Object.prototype);
  assert.equal(Object.hasOwn(dict, "__proto__"), true);
  assert.equal(md.get("constructor"), "y");
  assert.equal(new MultiDict().get("constructor"), undefined);
});

test("every mutator of an ImmutableMultiDict throws a TypeError naming the type", () => {
  const md = new ImmutableMultiDict([["a", "1"]]);
  for (const mutate of [
    () => md.set("a", "2"),
    () => md.add("a", "2"),
    () => md.setList("a", []),
    () => md.setDefault("a", "2"),
    () => md.setListDefault("a", []),
    () => md.delete("a"),
    () => md.clear(),
    () => md.pop("a"),
    () => md.popList("a"),
    () => md.popItem(),
    () => md.popItemList(),
    () => md.update({}),
  ]) {
    assert.throws(mutate, { name: "TypeError", message: "'ImmutableMultiDict' objects are immutable" });
  }
  assert.equal(md.get("a"), "1");
  const copy = md.copy();
  copy.add("a", "2");
  assert.deepEqual(copy.getList("a"), ["1", "2"]);
});

test("a CombinedMultiDict reads through its dicts in order", () => {
  const args = new MultiDict([
    ["a", "1"],
    ["x", "no"],
  ]);
  const form = new MultiDict([
    ["a", "2"],
    ["b", "3"],
    ["x", "5"],
  ]);
  const combined = new CombinedMultiDict([args, form]);
  assert.equal(combined.get("a"), "1");
  assert.deepEqual(combined.getList("a"), ["1", "2"]);
  assert.equal(combined.size, 3);
  assert.equal(combined.has("b"), true);
  // a value that fails to convert lets the next dict answer
  assert.equal(combined.get("x", asInt), 5);
  assert.deepEqual(combined.copy().toDict(false), { a: ["1", "2"], x: ["no", "5"], b: ["3"] });
});

test("asInt and asFloat follow Python's int() and float()", () => {
  assert.equal(asInt(" 42 "), 42);
  assert.equal(asInt("-1_000"), -1000);
  assert.throws(() => asInt("4.2"));
  assert.throws(() => asInt(""));
  assert.throws(() => asInt("0x10"));
  assert.equal(asFloat("1.5e3"), 1500);
  assert.equal(asFloat(".5"), 0.5);
  assert.equal(asFloat("-inf"), -Infinity);
  assert.throws(() => asFloat("abc"));
});

test("deepCopy clones the values as well", () => {
  const md = new MultiDict<{ n: number }>([["a", { n: 1 }]]);
  const copy = md.deepCopy();
  copy.get("a")!.n = 2;
  assert.equal(md.get("a")!.n, 1);
});
