// Differential test: the generated matcher against the reference matcher (Werkzeug's algorithm
// written plainly from the rule strings, sharing no code with the compiler) on seeded random route
// tables and request paths. Both run behind the same adapter, so a disagreement is the analysis's
// or the emitter's.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { analyseRoutes } from "../compiler/analyse.js";
import { emitModule } from "../compiler/emit/index.js";
import { DEFAULT_MAP_OPTIONS, type DeclNode, type RoutesSource } from "../compiler/model.js";
import { RouteMap } from "wz/routing";
import { ReferenceMatcher, referenceRoutes, type ReferenceRule } from "./support/reference-matcher.js";
import { importGenerated, repoRoot } from "./support/oracle.js";
import { prng } from "./support/prng.js";


const WORDS = ["a", "b", "ab", "users", "api", "v1", "x.json", "édit", "-", "~t", "%41"];
const DYNAMIC = [
  "<NAME>", "<int:NAME>", "<int(signed=True):NAME>", "<int(fixed_digits=2):NAME>", "<int(min=3, max=50):NAME>",
  "<float:NAME>", "<float(signed=True):NAME>", "<uuid:NAME>", "<any(a, b, cd, ab):NAME>", "<string(length=2):NAME>",
  "<string(minlength=2, maxlength=3):NAME>", "<string(minlength=0):NAME>", "v<int:NAME>", "<NAME>.json", "<NAME>-<NAME2>",
  "<int:NAME>.<int:NAME2>", "x<any(a, ab):NAME>y",
];
const METHODS = ["GET", "POST", "PUT", "DELETE"];

function randomTable(rand: () => number, size: number): DeclNode[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const rules: DeclNode[] = [];
  for (let r = 0; r < size; r++) {
    let n = 0;
    const segments: string[] = [];
    const count = 1 + Math.floor(rand() * 4);
    for (let s = 0; s < count; s++) {
      const roll = rand();
      if (roll < 0.55) segments.push(pick(WORDS));
      else if (roll < 0.93) segments.push(pick(DYNAMIC).replace("NAME2", `q${n++}`).replace("NAME", `p${n++}`));
      else {
        segments.push(`<path:p${n++}>`);
        if (rand() < 0.4) segments.push(pick(WORDS));
        break;
      }
    }
    let rule = "/" + segments.join("/");
    if (rand() < 0.3) rule += "/";
    const options: Record<string, unknown> = { endpoint: `e${r % Math.max(3, Math.floor(size / 2))}` };
    if (rand() < 0.4) options.methods = METHODS.filter(() => rand() < 0.4);
    if (rand() < 0.2) options.strictSlashes = false;
    if (rand() < 0.05) options.websocket = true, (options.methods = undefined);
    if (rand() < 0.1) options.mergeSlashes = false;
    if (rand() < 0.08) options.defaults = { extra: 1 };
    if (rand() < 0.05) options.redirectTo = "/moved";
    rules.push({ kind: "rule", path: rule, options: options as any });
  }
  return rules;
}

function randomPath(rand: () => number, rules: DeclNode[]): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const fill = () =>
    pick(["7", "42", "-3", "05", "1.5", "-2.25", "a", "b", "cd", "ab", "zz", "abc", "x", "é", "😀", "", "12", "0a", "x.json",
      "v9", "a-b", "1.2", "xay", "xaby", "C0FFEE00-0000-4000-8000-0123456789AB", "a/b", "a//b", "x\ny"]);
  if (rand() < 0.15) return "/" + Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick([...WORDS, fill()])).join("/");
  const rule = pick(rules) as { path: string };
  let p = rule.path.replace(/<[^>]+>/g, fill);
  const roll = rand();
  if (roll < 0.15) p = p.endsWith("/") ? p.slice(0, -1) : p + "/";
  else if (roll < 0.25) p = p.replace("/", "//");
  else if (roll < 0.3) p = p + "/" + fill();
  else if (roll < 0.33) p = p.slice(1);
  return p;
}

function outcome(run: () => unknown): string {
  try {
    return "ok " + JSON.stringify(run(), (_k, v) => (typeof v === "bigint" ? String(v) : v));
  } catch (e: any) {
    return `${e?.constructor?.name} ${e?.newUrl ?? ""} ${JSON.stringify(e?.validMethods ?? "")}`;
  }
}

test("the generated matcher agrees with the reference matcher on 100,000 seeded random lookups", async (t) => {
  const dir = path.join(repoRoot, ".wz-tmp", "differential", String(process.pid));
  let lookups = 0;
  const kinds = new Map<string, number>();
  const disagreements: string[] = [];
  const tables = 40;
  for (let seed = 1; seed <= tables; seed++) {
    const rand = prng(seed);
    const rules = randomTable(rand, 10 + Math.floor(rand() * 60));
    const file = path.join(dir, `routes-${seed}.ts`);
    const source: RoutesSource = {
      file,
      options: { ...DEFAULT_MAP_OPTIONS, strictSlashes: rand() < 0.8, mergeSlashes: rand() < 0.8 },
      converters: [],
      rules,
    };
    const { table, diagnostics } = analyseRoutes(source);
    assert.deepEqual(diagnostics.filter((d) => d.severity === "error"), [], `seed ${seed} builds`);
    const outFile = path.join(dir, `routes-${seed}.gen.ts`);
    const generated: RouteMap = (await importGenerated(emitModule(table, { outFile }))).default;
    const flat = rules.map((r) => ({ rule: (r as { path: string }).path, ...(r as { options: object }).options }) as ReferenceRule);
    const reference = new RouteMap(referenceRoutes(new ReferenceMatcher(flat, { ...source.options }), generated.compiled));
    const a = generated.bind("example.com"), b = reference.bind("example.com");
    for (let k = 0; k < 100_000 / tables; k++) {
      const p = randomPath(rand, rules);
      const method = rand() < 0.7 ? "GET" : METHODS[Math.floor(rand() * METHODS.length)]!;
      const websocket = rand() < 0.03;
      const x = outcome(() => a.match(p, method, { websocket, queryString: "q=1" }));
      const y = outcome(() => b.match(p, method, { websocket, queryString: "q=1" }));
      lookups++;
      const kind = x.split(" ")[0]!;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      if (x !== y && disagreements.length < 20) disagreements.push(`seed ${seed} ${method} ${JSON.stringify(p)}: generated ${x}, reference ${y}`);
    }
  }
  t.diagnostic(`${lookups} lookups over ${tables} tables: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(", ")}`);
  // The tables and paths must exercise every outcome, or agreement says little.
  for (const kind of ["ok", "NotFound", "MethodNotAllowed", "RequestRedirect", "WebsocketMismatch"]) assert.ok((kinds.get(kind) ?? 0) > 100, `${kind} is exercised`);
  assert.equal(lookups, 100_000);
  assert.deepEqual(disagreements, []);
});
