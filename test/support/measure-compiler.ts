// Timing of the route compiler's front half, for docs/compiler.md. Not a test: run it with
//   node dist/test/support/measure-compiler.js
// It prints, for generated files of 1k and 10k rules: a cold `wz-compile` run (new process),
// the reader's share in-process (readRoutes vs the rest), and watch mode's save-to-disk latency.
import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { compileRoutes, readRoutes, createRoutesProject, watchRoutes, type WatchResult } from "wz/compiler";
import { generatedRoutes, repoRoot, routesDir } from "./routes-files.js";

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${Math.round(value)} ms`;

async function main(): Promise<void> {
  const dir = routesDir();
  try {
    for (const count of [1000, 10000]) {
      const file = dir.write(`routes${count}.ts`, generatedRoutes(count));
      const cold: number[] = [];
      const coldRead: number[] = [];
      const readOnly = `import { readRoutes } from "wz/compiler"; if (readRoutes(${JSON.stringify(file)}).source === null) process.exit(1);`;
      for (let i = 0; i < 3; i++) {
        let started = performance.now();
        execFileSync(process.execPath, ["--input-type=module", "-e", readOnly], { cwd: repoRoot });
        coldRead.push(performance.now() - started);
        started = performance.now();
        try {
          execFileSync(process.execPath, [path.join(repoRoot, "bin/wz-compile.js"), file, "-o", dir.path(`out${count}-${i}.gen.ts`)], { stdio: "ignore" });
          cold.push(performance.now() - started);
        } catch {
          cold.push(NaN);
        }
      }
      const read: number[] = [];
      const whole: number[] = [];
      for (let i = 0; i < 3; i++) {
        let started = performance.now();
        const result = readRoutes(file, createRoutesProject());
        read.push(performance.now() - started);
        if (result.source === null) throw new Error("generated routes did not read");
        started = performance.now();
        const compiled = await compileRoutes({ file }).catch(() => undefined);
        whole.push(compiled === undefined ? NaN : performance.now() - started);
      }
      console.log(`${count} rules: cold process: read only ${ms(median(coldRead))}, whole wz-compile ${ms(median(cold))}; in-process warm: read ${ms(median(read))}, read+compile ${ms(median(whole))} (medians of 3; NaN = the pipeline failed)`);
    }
    const file = dir.path("routes1000.ts");
    const outFile = dir.path("watch.gen.ts");
    let lastResult: WatchResult | undefined;
    const watcher = watchRoutes({ file, outFile, onResult: (r) => { lastResult = r; } });
    await watcher.ready;
    const latencies: number[] = [];
    const compileTimes: number[] = [];
    for (let i = 0; i < 9; i++) {
      const before = readFileSync(outFile, "utf8");
      await new Promise((resolve) => setTimeout(resolve, 300));
      const saved = performance.now();
      dir.write("routes1000.ts", generatedRoutes(1000).replace("/g0/item0/", `/g0/item0v${i}/`));
      for (;;) {
        if (statSync(outFile).size > 0 && readFileSync(outFile, "utf8") !== before) break;
        if (performance.now() - saved > 10_000) throw new Error("watch did not rewrite the output");
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      latencies.push(performance.now() - saved);
      compileTimes.push(lastResult?.durationMs ?? NaN);
    }
    await watcher.close();
    console.log(`watch, 1000 rules: save -> regenerated file on disk ${ms(median(latencies))} median (min ${ms(Math.min(...latencies))}, max ${ms(Math.max(...latencies))}, 9 saves; debounce 30 ms included); compile part ${ms(median(compileTimes))}`);
  } finally {
    dir.remove();
  }
}

await main();
