// Random sequences of add/set/setList/pop/update/... run on Werkzeug 3.1.8's Headers and
// MultiDict; the values each call returned and the final items are recorded in
// test/support/werkzeug-dict-operations.json (regenerate with the .py file next to it).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Headers, MultiDict, BadRequestKeyError } from "wz";

type Operation = [op: string, key: string, value: string, values: string[]];
const recorded = JSON.parse(readFileSync(new URL("../../test/support/werkzeug-dict-operations.json", import.meta.url), "utf8")) as {
  cases: Operation[][];
  headers: unknown[][];
  multidict: unknown[][];
};

function record(log: unknown[], call: () => unknown): void {
  try {
    const result = call();
    if (result !== undefined) log.push(result);
  } catch (error) {
    if (!(error instanceof BadRequestKeyError)) throw error;
    log.push("KeyError");
  }
}

function runHeaders(ops: Operation[]): unknown[] {
  const h = new Headers();
  const log: unknown[] = [];
  for (const [op, k, v, vs] of ops) {
    record(log, () => {
      switch (op) {
        case "add":
          return void h.add(k, v);
        case "set":
          return void h.set(k, v);
        case "setlist":
          return void h.setList(k, vs);
        case "delete":
          return void h.remove(k);
        case "pop":
          return h.pop(k);
        case "popdef":
          return h.pop(k, "D");
        case "setdefault":
          return h.setDefault(k, v);
        case "update_pairs":
          return void h.update(vs.map((x) => [k, x] as const));
        case "update_dict":
          return void h.update({ [k]: vs });
        case "extend":
          return void h.extend({ [k]: vs });
        case "setlistdefault":
          return h.setListDefault(k, vs);
        case "popitem":
          return h.popItem();
        default:
          throw new Error(`unknown operation ${op}`);
      }
    });
  }
  log.push(h.toList());
  return log;
}

function runMultiDict(ops: Operation[]): unknown[] {
  const m = new MultiDict<string>();
  const log: unknown[] = [];
  for (const [op, k, v, vs] of ops) {
    record(log, () => {
      switch (op) {
        case "add":
          return void m.add(k, v);
        case "set":
          return void m.set(k, v);
        case "setlist":
          return void m.setList(k, vs);
        case "delete":
          return void m.pop(k, null);
        case "pop":
          return m.pop(k);
        case "popdef":
          return m.pop(k, "D");
        case "setdefault":
          return m.setDefault(k, v);
        case "update_pairs":
          return void m.update(vs.map((x) => [k, x] as const));
        case "update_dict":
        case "extend":
          return void m.update({ [k]: vs });
        case "setlistdefault":
          return [...m.setListDefault(k, vs)];
        case "popitem":
          return m.popItem();
        default:
          throw new Error(`unknown operation ${op}`);
      }
    });
  }
  log.push([...m.items(true)]);
  return log;
}

test("Headers behaves like Werkzeug's under random operation sequences", () => {
  recorded.cases.forEach((ops, i) => assert.deepEqual(runHeaders(ops), recorded.headers[i], JSON.stringify(ops)));
});

test("MultiDict behaves like Werkzeug's under random operation sequences", () => {
  recorded.cases.forEach((ops, i) => assert.deepEqual(runMultiDict(ops), recorded.multidict[i], JSON.stringify(ops)));
});
