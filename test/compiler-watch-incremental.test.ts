// Watch mode keeps each rule's analysis and the last output between saves; whatever it reuses,
// every save must give exactly what a cold compile of the same file gives: the same bytes on
// disk, the same diagnostics. Seeded random edit sequences on a generated table, each save
// waited for through the watcher's own result (a real file event, no sleeps).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { compileRoutes, watchRoutes, type WatchResult } from "wz/compiler";
import { prng } from "./support/prng.js";
import { repoRoot, routesDir } from "./support/routes-files.js";
import { resultQueue } from "./support/result-queue.js";

const dirs: Array<{ remove(): void }> = [];
after(() => dirs.forEach((d) => d.remove()));

interface GeneratedRoute {
  method: string;
  rule: string;
  endpoint: string;
}
const generator = (await import(pathToFileURL(path.join(repoRoot, "fixtures", "generated", "gen.mjs")).href)) as {
  generateRoutes(size: number, seed: number): GeneratedRoute[];
};

/** The routes file as lines: a header, one rule per line, a footer; edits work on the rule lines. */
class RoutesText {
  options = "{}";
  preamble: string[] = [];
  /** Names the save in the output (an endpoint), so a result is known to be this save's. */
  step = 0;
  constructor(public rules: string[]) {}
  toString(): string {
    const marker = `  rule("/step", { endpoint: "step.${this.step}" }),`;
    return [
      `import { routes, rule, submount } from "wz/routing";`,
      ...this.preamble,
      "",
      `export default routes(${this.options}, [`,
      ...this.rules,
      marker,
      "]);",
      "",
    ].join("\n");
  }
}

const ruleLine = (r: GeneratedRoute, extra = "") =>
  `  rule(${JSON.stringify(r.rule)}, { endpoint: ${JSON.stringify(r.endpoint)}, methods: [${JSON.stringify(r.method)}]${extra} }),`;

type Edit = (text: RoutesText, random: () => number) => string;
const at = (list: unknown[], random: () => number) => Math.floor(random() * list.length);

/** Each edit changes the text and says what it did (shown when a comparison fails). */
const EDITS: Edit[] = [
  (t, r) => {
    const i = at(t.rules, r);
    t.rules.splice(i, 0, t.rules[i]!.replace(/rule\("\//, `rule("/new${i}/`));
    return `insert a rule at ${i}`;
  },
  (t, r) => {
    const i = at(t.rules, r);
    t.rules.splice(i, 1);
    return `delete rule ${i}`;
  },
  (t, r) => {
    const i = at(t.rules, r);
    t.rules[i] = t.rules[i]!.replace(/", \{ endpoint/, `/<int:extra${i}>", { endpoint`);
    return `add a variable to rule ${i}`;
  },
  (t, r) => {
    const i = at(t.rules, r);
    t.rules[i] = t.rules[i]!.replace(/endpoint: "([^"]+)"/, `endpoint: "$1.renamed"`);
    return `rename the endpoint of rule ${i}`;
  },
  (t, r) => {
    const i = at(t.rules, r);
    t.rules[i] = t.rules[i]!.replace(/methods: \[[^\]]*\]/, `methods: ["PUT", "GET"]`);
    return `change the methods of rule ${i}`;
  },
  (t, r) => {
    const i = at(t.rules, r);
    const j = at(t.rules, r);
    [t.rules[i], t.rules[j]] = [t.rules[j]!, t.rules[i]!];
    return `swap rules ${i} and ${j}`;
  },
  (t, r) => {
    const i = at(t.rules, r);
    t.rules.splice(i, 0, t.rules[i]!);
    return `duplicate rule ${i} (a shadowed rule)`;
  },
  (t, r) => {
    const i = at(t.rules, r);
    t.rules[i] = t.rules[i]!.replace(/ \}\),$/, `, defaults: { page: 1 } }),`);
    return `add defaults to rule ${i}`;
  },
  (t, r) => {
    const i = at(t.rules, r);
    t.rules[i] = t.rules[i]!.replace("endpoint:", "endpont:");
    return `misspell an option in rule ${i} (an error)`;
  },
  (t, r) => {
    const i = at(t.rules, r);
    t.rules.splice(i, 0, "  // a comment moves every later rule down a line");
    return `insert a comment at ${i}`;
  },
  (t) => {
    t.options = t.options === "{}" ? "{ strictSlashes: false, mergeSlashes: false }" : "{}";
    return `toggle the map options to ${t.options}`;
  },
  (t) => {
    // Every rule gets a domain part: rule-table rows, convert bodies and the matcher all change.
    t.options = t.options === "{}" ? `{ defaultSubdomain: "www" }` : "{}";
    return `toggle the default subdomain: ${t.options}`;
  },
  (t, r) => {
    const i = at(t.rules, r);
    t.rules[i] = t.rules[i]!.replace(/", \{ endpoint/, `/<any(csv, json):kind${i}>/<uuid:ref${i}>", { endpoint`);
    return `add an any and a uuid variable to rule ${i}`;
  },
  (t, r) => {
    const i = at(t.rules, r);
    t.rules[i] = `  submount("/mounted", [${t.rules[i]!.trim().replace(/,$/, "")}]),`;
    return `wrap rule ${i} in a submount`;
  },
  // The dynamic parts each matcher tier writes differently: two converters in one segment (a
  // regex, numbered in the order the states are written), a variable inside text, a path.
  (t, r) => {
    const i = at(t.rules, r);
    t.rules[i] = t.rules[i]!.replace(/", \{ endpoint/, `/<int:lo${i}>-<int:hi${i}>", { endpoint`);
    return `add a segment of two variables (a regex part) to rule ${i}`;
  },
  (t, r) => {
    const i = at(t.rules, r);
    t.rules[i] = t.rules[i]!.replace(/", \{ endpoint/, `/v<int:version${i}>.json", { endpoint`);
    return `add a variable between texts to rule ${i}`;
  },
  (t, r) => {
    const i = at(t.rules, r);
    t.rules[i] = t.rules[i]!.replace(/", \{ endpoint/, `/<path:rest${i}>", { endpoint`);
    return `add a path variable to rule ${i}`;
  },
  (t, r) => {
    const i = at(t.rules, r);
    t.rules[i] = t.rules[i]!.replace(/methods: \[[^\]]*\]/, `methods: []`);
    return `give rule ${i} no methods (it matches nothing)`;
  },
  (t, r) => {
    // A const makes the file TypeScript's to read (the literal reader gives up on it).
    if (t.preamble.length) {
      t.preamble = [];
      t.rules = t.rules.filter((l) => !l.includes("CONST_PATH"));
      return "remove the const";
    }
    t.preamble = [`const CONST_PATH = "/from-a-const";`];
    t.rules.splice(at(t.rules, r), 0, `  rule(CONST_PATH, { endpoint: "from.const" }),`);
    return "add a rule read from a const";
  },
];

// 120 rules get the code tier; from 1,000 the matcher is the table tier's rows (docs/matcher.md),
// which watch mode keeps per state and renumbers on every save.
for (const [seed, size, tier] of [
  [1, 120, "code"],
  [2, 120, "code"],
  [3, 120, "code"],
  [4, 1050, "table"],
  [5, 1050, "table"],
] as const) {
  test(`watch mode writes what a cold compile writes after every save of a seeded random edit sequence (seed ${seed}, ${size} rules: the ${tier} tier)`, async () => {
    const random = prng(seed * 7919);
    const text = new RoutesText(generator.generateRoutes(size, seed).map((route) => ruleLine(route)));
    const dir = routesDir({ "routes.ts": text.toString() });
    dirs.push(dir);
    const file = dir.path("routes.ts");
    const outFile = dir.path("routes.gen.ts");
    const results = resultQueue<WatchResult>();
    const watcher = watchRoutes({ file, outFile, onResult: (r) => results.push(r) });
    try {
      await watcher.ready;
      const first = await results.next();
      assert.equal(first.code.includes("new rt.TableMatcher("), tier === "table", `the ${tier} tier`);
      const history: string[] = [];
      for (let step = 0; step < 20; step++) {
        history.push(EDITS[Math.floor(random() * EDITS.length)]!(text, random));
        text.step = step + 1;
        dir.write("routes.ts", text.toString());
        const result = await results.next();
        if (result.outcome !== "failed") assert.match(result.code, new RegExp(`"step\\.${step + 1}"`), "the result of this save");
        const cold = await compileRoutes({ file, outFile });
        const where = `after: ${history.join("; ")}`;
        assert.equal(result.code, cold.code, where);
        assert.deepEqual(result.diagnostics, cold.diagnostics, where);
        if (result.outcome !== "failed") assert.equal(readFileSync(outFile, "utf8"), cold.code, where);
        // A broken file stays broken until a later edit of the same kind is fixed: undo errors at once.
        if (result.outcome === "failed") text.rules = text.rules.map((l) => l.replace("endpont:", "endpoint:"));
      }
    } finally {
      await watcher.close();
    }
  });
}
