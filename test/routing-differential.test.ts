// Differential test: the generated matcher against the reference matcher (Werkzeug's algorithm
// written plainly from the rule strings, sharing no code with the compiler) on seeded random route
// tables and request paths. Both run behind the same adapter, so a disagreement is the analysis's
// or the emitter's.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { analyseRoutes } from "../compiler/analyse.js";
import { emitModule, type MatcherTier } from "../compiler/emit/index.js";
import { DEFAULT_MAP_OPTIONS, type DeclNode, type RoutesSource } from "../compiler/model.js";
import { RouteMap, type LookupResult, type MapAdapter } from "wz/routing";
import { ReferenceMatcher, referenceRoutes, type ReferenceRule } from "./support/reference-matcher.js";
import { importGenerated, repoRoot } from "./support/oracle.js";
import { prng } from "./support/prng.js";

const WORDS = ["a", "b", "ab", "users", "api", "v1", "x.json", "édit", "-", "~t", "%41"];
const DYNAMIC = [
  "<NAME>",
  "<int:NAME>",
  "<int(signed=True):NAME>",
  "<int(fixed_digits=2):NAME>",
  "<int(min=3, max=50):NAME>",
  "<float:NAME>",
  "<float(signed=True):NAME>",
  "<uuid:NAME>",
  "<any(a, b, cd, ab):NAME>",
  "<string(length=2):NAME>",
  "<string(minlength=2, maxlength=3):NAME>",
  "<string(minlength=0):NAME>",
  "v<int:NAME>",
  "<NAME>.json",
  "<NAME>-<NAME2>",
  "<int:NAME>.<int:NAME2>",
  "x<any(a, ab):NAME>y",
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
    if (rand() < 0.05) (options.websocket = true), (options.methods = undefined);
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
    pick([
      "7",
      "42",
      "-3",
      "05",
      "1.5",
      "-2.25",
      "a",
      "b",
      "cd",
      "ab",
      "zz",
      "abc",
      "x",
      "é",
      "😀",
      "",
      "12",
      "0a",
      "x.json",
      "v9",
      "a-b",
      "1.2",
      "xay",
      "xaby",
      "C0FFEE00-0000-4000-8000-0123456789AB",
      "a/b",
      "a//b",
      "x\ny",
    ]);
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

interface RandomCase {
  seed: number;
  rules: DeclNode[];
  rand: () => number;
  /** Adapters of the generated and the reference matcher, bound to example.com with query "q=1". */
  generated: MapAdapter;
  reference: MapAdapter;
}

/** The 40 seeded tables, compiled once per matcher tier and shared by the tests below. */
const randomCases = new Map<MatcherTier, Promise<RandomCase[]>>();
function compiledRandomTables(tier: MatcherTier): Promise<RandomCase[]> {
  let cases = randomCases.get(tier);
  if (!cases) randomCases.set(tier, (cases = compileRandomTables(tier)));
  return cases;
}

async function compileRandomTables(tier: MatcherTier): Promise<RandomCase[]> {
  {
    const dir = path.join(repoRoot, ".wz-tmp", "differential", String(process.pid), tier);
    const cases: RandomCase[] = [];
    for (let seed = 1; seed <= 40; seed++) {
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
      assert.deepEqual(
        diagnostics.filter((d) => d.severity === "error"),
        [],
        `seed ${seed} builds`,
      );
      const outFile = path.join(dir, `routes-${seed}.gen.ts`);
      const code = emitModule(table, { outFile, tier });
      assert.equal(code.includes("new rt.TableMatcher("), tier === "table", `seed ${seed} has the ${tier} tier`);
      const generated: RouteMap = (await importGenerated(code)).default;
      const flat = rules.map((r) => ({ rule: (r as { path: string }).path, ...(r as { options: object }).options }) as ReferenceRule);
      const reference = new RouteMap(referenceRoutes(new ReferenceMatcher(flat, { ...source.options }), generated.compiled));
      const bound = { queryString: "q=1" };
      cases.push({ seed, rules, rand, generated: generated.bind("example.com", bound), reference: reference.bind("example.com", bound) });
    }
    return cases;
  }
}

/** `lookup`'s value written as `outcome` writes the exception `match` throws for it. */
function lookupOutcome(result: LookupResult): string {
  if (result === null) return `NotFound  ""`;
  if (!("status" in result)) return "ok " + JSON.stringify(result, (_k, v) => (typeof v === "bigint" ? String(v) : v));
  if (result.status === 405) return `MethodNotAllowed  ${JSON.stringify(result.allowedMethods)}`;
  if (result.status === 308) return `RequestRedirect ${result.location} ""`;
  return `WebsocketMismatch  ""`;
}

/** One to three of a path's slashes (not the leading one) doubled or tripled, or a "//" added at the end. */
function doubledSlashes(p: string, rand: () => number): string {
  let out = p;
  for (let k = 1 + Math.floor(rand() * 3); k > 0; k--) {
    const slashes = [...out.matchAll(/\//g)].map((m) => m.index!).filter((i) => i > 0);
    if (!slashes.length || rand() < 0.2) out += "//";
    else {
      const at = slashes[Math.floor(rand() * slashes.length)]!;
      out = out.slice(0, at) + (rand() < 0.7 ? "/" : "//") + out.slice(at);
    }
  }
  return out;
}

/**
 * Runs `lookups` random requests over the 40 tables (paths changed by `reshape`, if given);
 * `compare` returns the outcome's kind and a disagreement or "".
 */
async function overRandomTables(
  tier: MatcherTier,
  lookups: number,
  compare: (c: RandomCase, p: string, method: string, websocket: boolean) => [kind: string, disagreement: string],
  reshape: (p: string, rand: () => number) => string = (p) => p,
) {
  const kinds = new Map<string, number>();
  const disagreements: string[] = [];
  const cases = await compiledRandomTables(tier);
  for (const c of cases) {
    for (let k = 0; k < lookups / cases.length; k++) {
      const p = reshape(randomPath(c.rand, c.rules), c.rand);
      const method = c.rand() < 0.7 ? "GET" : METHODS[Math.floor(c.rand() * METHODS.length)]!;
      const websocket = c.rand() < 0.03;
      const [kind, disagreement] = compare(c, p, method, websocket);
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      if (disagreement && disagreements.length < 20) disagreements.push(`seed ${c.seed} ${method} ${JSON.stringify(p)}: ${disagreement}`);
    }
  }
  // The tables and paths must exercise every outcome, or agreement says little.
  for (const kind of ["ok", "NotFound", "MethodNotAllowed", "RequestRedirect", "WebsocketMismatch"])
    assert.ok((kinds.get(kind) ?? 0) > 100, `${kind} is exercised`);
  return { kinds, disagreements, summary: [...kinds].map(([k, n]) => `${k} ${n}`).join(", ") };
}

// Both matcher tiers, on every table: each must give the reference matcher's answers.
for (const tier of ["code", "table"] as const) {
  test(`${tier} tier: the generated matcher agrees with the reference matcher on 100,000 seeded random lookups`, async (t) => {
    const { kinds, disagreements, summary } = await overRandomTables(tier, 100_000, (c, p, method, websocket) => {
      const x = outcome(() => c.generated.match(p, method, { websocket, queryString: "q=1" }));
      const y = outcome(() => c.reference.match(p, method, { websocket, queryString: "q=1" }));
      return [x.split(" ")[0]!, x === y ? "" : `generated ${x}, reference ${y}`];
    });
    t.diagnostic(`100000 lookups over 40 tables: ${summary}`);
    assert.equal(
      [...kinds.values()].reduce((a, b) => a + b, 0),
      100_000,
    );
    assert.deepEqual(disagreements, []);
  });

  test(`${tier} tier: lookup returns as values exactly the outcomes match throws, and tryMatch returns null only for a 404, on 100,000 random requests`, async (t) => {
    const { disagreements, summary } = await overRandomTables(tier, 100_000, (c, p, method, websocket) => {
      const adapter = c.generated;
      const thrown = outcome(() => adapter.match(p, method, { websocket }));
      let looked: string;
      try {
        looked = lookupOutcome(adapter.lookup(p, method, { websocket }));
      } catch (e) {
        looked = `lookup threw ${e}`;
      }
      const tried = outcome(() => adapter.tryMatch(p, method, { websocket }));
      const wantTried = thrown.startsWith("NotFound") ? "ok null" : thrown;
      const problems = [looked === thrown ? "" : `lookup ${looked}, match ${thrown}`, tried === wantTried ? "" : `tryMatch ${tried}, match ${thrown}`];
      return [thrown.split(" ")[0]!, problems.filter(Boolean).join("; ")];
    });
    t.diagnostic(`100000 requests over 40 tables: ${summary}`);
    assert.deepEqual(disagreements, []);
  });

  test(`${tier} tier: the generated matcher agrees with the reference matcher on 100,000 random paths with doubled slashes (the merge-slashes retry)`, async (t) => {
    const { disagreements, summary } = await overRandomTables(
      tier,
      100_000,
      (c, p, method, websocket) => {
        const x = outcome(() => c.generated.match(p, method, { websocket, queryString: "q=1" }));
        const y = outcome(() => c.reference.match(p, method, { websocket, queryString: "q=1" }));
        return [x.split(" ")[0]!, x === y ? "" : `generated ${x}, reference ${y}`];
      },
      doubledSlashes,
    );
    t.diagnostic(`100000 lookups over 40 tables: ${summary}`);
    assert.deepEqual(disagreements, []);
  });
}
