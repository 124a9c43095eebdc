// Helpers shared by the server benchmarks (bench/http.mjs, bench/static.mjs); not a bench part.
import fs from "node:fs";
import { spawnSync } from "node:child_process";

/** `--name value` from the command line, else `fallback`. */
export function option(name, fallback) {
  const args = process.argv.slice(2);
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
}

export const hasTaskset = spawnSync("taskset", ["-c", "0", "true"]).status === 0;
/** `[command, args]` run on one core when taskset exists. */
export const pinned = (core, command, commandArgs) => (hasTaskset ? ["taskset", ["-c", String(core), command, ...commandArgs]] : [command, commandArgs]);
export const hasWrk = spawnSync("wrk", ["--version"]).error === undefined;

/** CPU time (user + system, in clock ticks) process `pid` has used so far. */
export function cpuTicks(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return Number(fields[11]) + Number(fields[12]);
}
export const TICK_US = 1e6 / Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim() || 100);

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
