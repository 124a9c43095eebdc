import { test } from "node:test";
import assert from "node:assert/strict";
import { routes, rule, submount } from "wz/routing";

test("routes() returns a plain descriptor of options and rules in order", () => {
  const decl = routes({ strictSlashes: false }, [rule("/", { endpoint: "index" }), submount("/api", [rule("/x")])]);
  assert.equal(decl.kind, "routes");
  assert.deepEqual(decl.options, { strictSlashes: false });
  assert.equal(decl.rules.length, 2);
  assert.equal(decl.rules[1]!.kind, "submount");
});
