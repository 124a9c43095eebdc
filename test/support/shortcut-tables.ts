// Seeded random route tables and requests aimed at the code tier's shortcuts: static first
// segments (the first-character guard), static siblings sharing a prefix with requests whose
// last segment differs at one character (the exact-static table's last-segment 404), rule-less
// states, doubled slashes in rules and requests (the folded chains' merge-slashes retry), wide
// states of siblings spread over many characters (the table tier's binary-searched trie nodes).
// Used by test/routing-shortcuts.test.ts and, at high volume, bench/fuzz/differential-tiers.mjs.
import path from "node:path";
import { analyseRoutes } from "../../compiler/analyse.js";
import { emitModule } from "../../compiler/emit/index.js";
import { DEFAULT_MAP_OPTIONS, type DeclNode } from "../../compiler/model.js";
import { RouteMap, type LookupResult, type MapAdapter } from "wz/routing";
import { ReferenceMatcher, referenceRoutes, type ReferenceRule } from "./reference-matcher.js";
import { importGenerated, repoRoot } from "./oracle.js";
import { prng } from "./prng.js";

const WORDS = ["docs", "install", "instal", "intro", "a", "b", "ab", "ba", "api", "v1", "users", "x.json", "é", "~t", "-", "%41", "A", "0", "abc", "abd"];
const DYNAMIC = [
  "<N>",
  "<int:N>",
  "<int(signed=True):N>",
  "<int(fixed_digits=2):N>",
  "<float:N>",
  "<uuid:N>",
  "<any(a, b, ab):N>",
  "<string(length=2):N>",
  "<string(minlength=0):N>",
  "v<int:N>",
  "<N>.json",
  "<path:N>",
];
const METHODS = ["GET", "POST", "PUT", "DELETE"];
const FILLS = ["7", "42", "-3", "05", "1.5", "a", "ab", "abc", "é", "", "x.json", "v9", "a/b", "12345678-1234-1234-1234-123456789abc"];
/** First characters of wide states' siblings: ASCII punctuation and letters, Latin-1, CJK, kana. */
const WIDE_BASES = [0x21, 0x41, 0x61, 0xe0, 0x4e00, 0x3041];

type Rand = () => number;
const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

/** A character from one of WIDE_BASES' ranges; "z" for those a rule's text cannot hold as such ("<", ">", "/"). */
function wideChar(rand: Rand): string {
  const c = String.fromCharCode(pick(rand, WIDE_BASES) + Math.floor(rand() * 300));
  return "<>/".includes(c) ? "z" : c;
}

function randomTable(rand: Rand): DeclNode[] {
  const staticFirst = rand() < 0.6;
  const rules: DeclNode[] = [];
  const count = 2 + Math.floor(rand() * 30);
  for (let r = 0; r < count; r++) {
    const segments: string[] = [];
    let n = 0;
    const depth = 1 + Math.floor(rand() * 4);
    for (let s = 0; s < depth; s++) {
      if ((s === 0 && staticFirst) || rand() < 0.7) segments.push(pick(rand, WORDS));
      else {
        const part = pick(rand, DYNAMIC).replace("N", `p${n++}`);
        segments.push(part);
        if (part.startsWith("<path:")) break;
      }
    }
    let rule = "/" + segments.join("/");
    if (rand() < 0.07) rule = rule.replace(/\/([^/]*)$/, "//$1");
    if (rand() < 0.25) rule += "/";
    const options: Record<string, unknown> = { endpoint: `e${r % 5}` };
    if (rand() < 0.35) options.methods = METHODS.filter(() => rand() < 0.4);
    if (rand() < 0.2) options.strictSlashes = false;
    if (rand() < 0.1) options.mergeSlashes = false;
    if (rand() < 0.05) {
      options.websocket = true;
      delete options.methods;
    }
    rules.push({ kind: "rule", path: rule, options } as DeclNode);
  }
  if (rand() < 0.3) {
    const base = pick(rand, ["", "/docs", "/a/b"]);
    const width = 9 + Math.floor(rand() * 40);
    for (let k = 0; k < width; k++) {
      const c = wideChar(rand);
      const options = { endpoint: `w${k % 3}`, ...(rand() < 0.3 ? { methods: ["GET"] } : {}) };
      rules.push({ kind: "rule", path: `${base}/${c}${rand() < 0.5 ? pick(rand, WORDS) : ""}`, options } as DeclNode);
    }
  }
  return rules;
}

function randomRequest(rand: Rand, rules: DeclNode[]): string {
  if (rand() < 0.05) return "/" + wideChar(rand) + (rand() < 0.5 ? pick(rand, WORDS) : "");
  if (rand() < 0.1) return "/" + Array.from({ length: Math.floor(rand() * 4) }, () => pick(rand, [...WORDS, ...FILLS])).join("/");
  let p = (pick(rand, rules) as { path: string }).path.replace(/<[^>]+>/g, () => pick(rand, FILLS));
  const roll = rand();
  const last = p.replace(/\/$/, "").lastIndexOf("/");
  if (roll < 0.3 && last >= 0 && last + 1 < p.length) {
    // The last segment at the same length with one character changed, or reversed.
    const at = last + 1 + Math.floor(rand() * (p.length - last - 1));
    p =
      rand() < 0.8
        ? p.slice(0, at) + pick(rand, ["q", "a", "/", "é", "1", "%"]) + p.slice(at + 1)
        : p.slice(0, last + 1) + [...p.slice(last + 1)].reverse().join("");
  } else if (roll < 0.4) p = p.endsWith("/") ? p.slice(0, -1) : p + "/";
  else if (roll < 0.5) p = p.replace(/\//g, (s) => (rand() < 0.3 ? "//" : s));
  else if (roll < 0.6) p = "/" + String.fromCharCode(pick(rand, [0x20, 0x21, 0x3f, 0x40, 0x60, 0x7f, 0x80, 0xe9, 0x4e00, 0x41, 0x7a])) + p.slice(2);
  else if (roll < 0.63) p = p.slice(1);
  return p;
}

/** A lookup's outcome as one comparable string. */
function outcome(adapter: MapAdapter, p: string, method: string, websocket: boolean): string {
  let r: LookupResult;
  try {
    r = adapter.lookup(p, method, { websocket });
  } catch (e) {
    return `threw ${e}`;
  }
  if (r === null) return "404";
  return JSON.stringify(r, (_k, v) => (typeof v === "bigint" ? String(v) : v));
}

export interface ShortcutRun {
  lookups: number;
  /** Outcomes by kind: "ok", "404", "405", "308", "400". */
  kinds: Map<string, number>;
  /** The first disagreements among the code tier, the table tier and the reference matcher. */
  disagreements: string[];
  /** Tables whose code tier has the first-character guard, the last-segment 404. */
  guards: number;
  lastSegments: number;
}

/** `tables` seeded tables, each compiled to both tiers and the reference matcher, asked `lookups` requests each. */
export async function runShortcutTables(seed: number, tables: number, lookups: number): Promise<ShortcutRun> {
  const dir = path.join(repoRoot, ".wz-tmp", "shortcuts", String(process.pid));
  const run: ShortcutRun = { lookups: 0, kinds: new Map(), disagreements: [], guards: 0, lastSegments: 0 };
  for (let t = 0; t < tables; t++) {
    const rand = prng(seed * 100003 + t);
    const rules = randomTable(rand);
    const options = { ...DEFAULT_MAP_OPTIONS, strictSlashes: rand() < 0.8, mergeSlashes: rand() < 0.7 };
    const file = path.join(dir, `routes-${t}.ts`);
    const { table, diagnostics } = analyseRoutes({ file, options, converters: [], rules });
    if (diagnostics.some((d) => d.severity === "error")) throw new Error(`table ${t} of seed ${seed} does not build: ${diagnostics[0]!.message}`);
    const outFile = file.replace(/\.ts$/, ".gen.ts");
    const codeText = emitModule(table, { outFile, tier: "code" });
    if (codeText.includes("const c = n > 1 ? p.charCodeAt(1)")) run.guards++;
    if (codeText.includes("another last segment after")) run.lastSegments++;
    const code: RouteMap = (await importGenerated(codeText)).default;
    const tableTier: RouteMap = (await importGenerated(emitModule(table, { outFile, tier: "table" }))).default;
    const flat = rules.map((r) => ({ rule: (r as { path: string }).path, ...(r as { options: object }).options }) as ReferenceRule);
    const reference = new RouteMap(referenceRoutes(new ReferenceMatcher(flat, { ...options }), code.compiled));
    const adapters = [code, tableTier, reference].map((m) => m.bind("example.com", { queryString: "q=1" }));
    for (let k = 0; k < lookups; k++) {
      const p = randomRequest(rand, rules);
      const method = rand() < 0.6 ? "GET" : pick(rand, METHODS);
      const websocket = rand() < 0.04;
      const [a, b, c] = adapters.map((adapter) => outcome(adapter, p, method, websocket)) as [string, string, string];
      run.lookups++;
      const kind = a === "404" ? "404" : a.startsWith('{"status"') ? String(JSON.parse(a).status) : "ok";
      run.kinds.set(kind, (run.kinds.get(kind) ?? 0) + 1);
      if ((a !== c || b !== c) && run.disagreements.length < 20)
        run.disagreements.push(
          `seed ${seed} table ${t} ${JSON.stringify(flat)} ${method} ${JSON.stringify(p)} ws=${websocket}: code ${a}, table ${b}, reference ${c}`,
        );
    }
  }
  return run;
}
