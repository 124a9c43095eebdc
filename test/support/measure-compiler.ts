// Timing of the route compiler's front half, for the README's compiler section. Not a test: run it with
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
      // Each cold run reports its own wall time since process start and its CPU time, so a busy
      // machine shows up as wall >> CPU instead of silently inflating the figure.
      const timing = `const t = process.cpuUsage(); console.log(JSON.stringify({ wall: performance.now(), cpu: (t.user + t.system) / 1000 }));`;
      const readOnly = `import { readRoutes } from "wz/compiler"; if (readRoutes(${JSON.stringify(file)}).source === null) process.exit(1); ${timing}`;
      const wholeCompile = `import { main } from ${JSON.stringify(path.join(repoRoot, "dist/compiler/cli.js"))}; const code = await main([${JSON.stringify(file)}, "-o", ${JSON.stringify(dir.path(`out${count}.gen.ts`))}]); if (code !== 0) process.exit(code); ${timing}`;
      const coldRun = (script: string): { wall: number; cpu: number } => {
        try {
          return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: repoRoot, stdio: ["ignore", "pipe", "ignore"] }).toString().trim().split("\n").pop()!);
        } catch {
          return { wall: NaN, cpu: NaN };
        }
      };
      const coldRead = [0, 1, 2].map(() => coldRun(readOnly));
      const cold = [0, 1, 2].map(() => coldRun(wholeCompile));
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
      const pair = (runs: Array<{ wall: number; cpu: number }>) =>
        `${ms(median(runs.map((r) => r.wall)))} wall / ${ms(median(runs.map((r) => r.cpu)))} CPU`;
      console.log(`${count} rules, cold process (node start + load + work): read only ${pair(coldRead)}; whole wz-compile ${pair(cold)}`);
      console.log(`${count} rules, in-process warm: read ${ms(median(read))}, read+compile ${ms(median(whole))} (medians of 3; NaN = the pipeline failed)`);
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
