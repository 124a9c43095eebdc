// Helper for the bench parts (not a bench part): where a result came from. Every results file
// states its date, the commit it measured (with "+changes" when the working tree differed) and
// the load average at its start and end, so a figure quoted in the docs can be judged.
//   const run = startRun();  ...measure...  const line = run.finish();   // one Markdown line
import os from "node:os";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));

function git(...args) {
  const run = spawnSync("git", args, { cwd: repoRoot, encoding: "utf8" });
  return run.status === 0 ? run.stdout.trim() : "";
}

const loads = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" / ");

/** Call before measuring; `finish()` gives the provenance line and `fields()` the same as data. */
export function startRun() {
  const started = new Date();
  const loadAtStart = loads();
  const commit = (git("rev-parse", "--short", "HEAD") || "unknown") + (git("status", "--porcelain", "runtime", "compiler", "bench") ? "+changes" : "");
  const fields = () => ({
    date: started.toISOString(),
    commit,
    node: process.version,
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}`,
    loadAverageAtStart: loadAtStart,
    loadAverageAtEnd: loads(),
  });
  return {
    fields,
    finish() {
      const f = fields();
      return (
        `Measured ${f.date.slice(0, 16).replace("T", " ")} UTC at commit ${f.commit}, Node ${f.node}, ${f.cpus}; ` +
        `load average (1 / 5 / 15 min) ${f.loadAverageAtStart} at the start, ${f.loadAverageAtEnd} at the end.`
      );
    },
  };
}
