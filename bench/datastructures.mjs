// bench part: datastructures and header parsers — ns per operation for the structures a request touches
//
//   node bench/datastructures.mjs [--rounds N]
//
// Each operation runs in its own loop (new Function, so call sites stay monomorphic) on fresh
// input strings made before the timed loop (a server gets a new header string per request).
// Interleaved rounds, order rotated; the median ns per operation and the p75 over rounds are
// reported. The Node-style header copy is what node:http's `req.headers` does (a lower-cased
// object), for comparison with wz's view over rawHeaders.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ImmutableHeaders, Headers, ImmutableMultiDict, MIMEAccept, parseCookie, dumpCookie, parseDate } from "wz";
import { startRun } from "./provenance.mjs";

const run = startRun();
const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf("--rounds") + 1] || 15);
const N = 4096; // distinct inputs per operation, cycled

// Fresh strings: sliced from a Buffer, as the HTTP parser hands them over.
const fresh = (text) => Buffer.from(text, "latin1").latin1Slice();
const CHROME_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";
function rawHeaders(i) {
  return [
    "Host",
    "example.com",
    "Connection",
    "keep-alive",
    "Cache-Control",
    "max-age=0",
    "sec-ch-ua",
    '"Chromium";v="131", "Not_A Brand";v="24"',
    "sec-ch-ua-mobile",
    "?0",
    "Upgrade-Insecure-Requests",
    "1",
    "User-Agent",
    `Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.${i}.0`,
    "Accept",
    CHROME_ACCEPT,
    "Sec-Fetch-Site",
    "none",
    "Accept-Encoding",
    "gzip, deflate, br, zstd",
    "Accept-Language",
    "en-US,en;q=0.9",
    "Cookie",
    `sid=abc${i}; theme=dark; lang=en`,
  ].map(fresh);
}

const operations = {
  "`ImmutableHeaders.fromRaw(rawHeaders)` (12 headers)": {
    input: (i) => rawHeaders(i),
    run: (raw) => ImmutableHeaders.fromRaw(raw),
  },
  "the same + 3 `get` calls": {
    input: (i) => rawHeaders(i),
    run: (raw) => {
      const headers = ImmutableHeaders.fromRaw(raw);
      return [headers.get("user-agent"), headers.get("accept"), headers.get("x-missing")];
    },
  },
  "Node-style lower-cased copy of the same 12 headers (for comparison)": {
    input: (i) => rawHeaders(i),
    run: (raw) => {
      const copy = {};
      for (let k = 0; k < raw.length; k += 2) copy[raw[k].toLowerCase()] = raw[k + 1];
      return copy;
    },
  },
  "`Headers`: 5 `set`/`add` + `toWireArray()`": {
    input: (i) => fresh(`"etag-${i}"`),
    run: (etag) => {
      const headers = new Headers();
      headers.set("Content-Type", "text/html; charset=utf-8");
      headers.set("ETag", etag);
      headers.add("Set-Cookie", "a=1; Path=/");
      headers.add("Set-Cookie", "b=2; Path=/");
      headers.set("Cache-Control", "no-cache");
      return headers.toWireArray();
    },
  },
  "`ImmutableMultiDict` from 5 pairs + `get`": {
    input: (i) => [
      ["q", fresh(`term${i}`)],
      ["page", "2"],
      ["sort", "asc"],
      ["tag", "a"],
      ["tag", "b"],
    ],
    run: (pairs) => new ImmutableMultiDict(pairs).get("tag"),
  },
  "`MIMEAccept.fromHeader(Chrome's Accept)` + `bestMatch` of 2": {
    input: () => fresh(CHROME_ACCEPT),
    run: (value) => MIMEAccept.fromHeader(value).bestMatch(["application/json", "text/html"]),
  },
  "`parseCookie` (3 cookies)": {
    input: (i) => fresh(`sid=abc${i}; theme=dark; lang=en`),
    run: (value) => parseCookie(value),
  },
  "`dumpCookie` with 5 attributes": {
    input: (i) => fresh(`value${i}`),
    run: (value) => dumpCookie("sid", value, { maxAge: 3600, path: "/", domain: "example.com", secure: true, httpOnly: true }),
  },
  "`parseDate` (IMF-fixdate)": {
    input: (i) => fresh(`Sun, 06 Nov 1994 08:${String(i % 60).padStart(2, "0")}:37 GMT`),
    run: (value) => parseDate(value),
  },
};

let sink = 0;
const consume = (value) => (value === undefined || value === null ? 0 : 1);
const live = Object.entries(operations).map(([name, op]) => ({
  name,
  inputs: Array.from({ length: N }, (_, i) => op.input(i)),
  fn: op.run,
  loop: new Function("fn", "inputs", "consume", "n", `let s = 0; for (let i = 0; i < n; i++) s += consume(fn(inputs[i & ${N - 1}])); return s;`),
  times: [],
}));
// Each sample about 20 ms of work, sized after a warm-up.
for (const op of live) {
  sink += op.loop(op.fn, op.inputs, consume, 20_000);
  const t0 = process.hrtime.bigint();
  sink += op.loop(op.fn, op.inputs, consume, 20_000);
  const ns = Number(process.hrtime.bigint() - t0) / 20_000;
  op.n = Math.max(1000, Math.round(20e6 / ns));
}
for (let round = 0; round < rounds; round++) {
  const order = live.map((_, k) => live[(k + round) % live.length]);
  for (const op of order) {
    const t0 = process.hrtime.bigint();
    sink += op.loop(op.fn, op.inputs, consume, op.n);
    op.times.push(Number(process.hrtime.bigint() - t0) / op.n);
  }
}
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const show = (ns) => (ns >= 1000 ? `${(ns / 1000).toFixed(2)} µs` : `${ns.toFixed(0)} ns`);
const text =
  [
    `## Datastructures: time per operation (${rounds} interleaved rounds)`,
    "",
    "| operation | median | p75 |",
    "|---|--:|--:|",
    ...live.map((op) => `| ${op.name} | ${show(quantile(op.times, 0.5))} | ${show(quantile(op.times, 0.75))} |`),
    "",
    "Fresh input strings per call, cycled over 4,096 made before timing; a request pays these only for the properties it reads.",
    "",
    run.finish(),
  ].join("\n") + "\n";
console.log(text);
fs.mkdirSync(path.join(repoRoot, "bench", "results"), { recursive: true });
fs.writeFileSync(path.join(repoRoot, "bench", "results", "datastructures.md"), text);
if (sink === -1) console.log("");
