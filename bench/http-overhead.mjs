// Helper for bench/http.mjs (not a bench part): what wz adds per request, in process.
//   node bench/http-overhead.mjs <wz-routes-module> [rounds]
// Runs the bare handler of bench/http-server.mjs and wz's toNodeListener against fake
// node:http request and response objects (no socket, no parser), so the time is the layer's
// own: request object, routing, dispatch, body reading, response finalisation. Interleaved
// runs, minimum CPU time per request kept; prints JSON.
import { EventEmitter } from "node:events";
import { toNodeListener, Response, NotFound } from "wz";
const map = (await import(process.argv[2])).default;
const adapter = map.bind("localhost");
const app = (request) => {
  const match = adapter.tryMatch(request.path, request.method);
  if (match === null) throw new NotFound();
  switch (match.endpoint) {
    case "index":
      return new Response("hello");
    case "user":
      return new Response(JSON.stringify({ id: match.params.id }), { mimetype: "application/json" });
    case "echo":
      return request.json().then((data) => new Response(JSON.stringify(data), { mimetype: "application/json" }));
  }
};
const wz = toNodeListener(app);
const userPath = /^\/users\/(\d+)$/;
const bare = (req, res) => {
  if (req.method === "GET" && req.url === "/") {
    res.writeHead(200, ["Content-Type", "text/plain; charset=utf-8", "Content-Length", "5"]);
    res.end("hello");
    return;
  }
  const user = req.method === "GET" ? userPath.exec(req.url) : null;
  if (user) {
    const body = JSON.stringify({ id: Number(user[1]) });
    res.writeHead(200, ["Content-Type", "application/json", "Content-Length", String(Buffer.byteLength(body))]);
    res.end(body);
    return;
  }
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = JSON.stringify(JSON.parse(Buffer.concat(chunks).toString()));
    res.writeHead(200, ["Content-Type", "application/json", "Content-Length", String(Buffer.byteLength(body))]);
    res.end(body);
  });
};
const socket = { remoteAddress: "127.0.0.1", localAddress: "127.0.0.1", localPort: 8080 };
const payload = Buffer.from('{"name":"wz","tags":["a","b"],"n":1}');
class FakeReq extends EventEmitter {
  constructor(method, url, body) {
    super();
    this.method = method;
    this.url = url;
    this.socket = socket;
    this.complete = false;
    this.rawHeaders = ["Host", "127.0.0.1:8080", "User-Agent", "wrk", "Accept", "*/*"];
    if (body) {
      this.rawHeaders.push("Content-Type", "application/json", "Content-Length", String(body.length));
      this.body = body;
    }
  }
  read() {}
  pipe() {}
  on(event, fn) {
    super.on(event, fn);
    if (event === "data" && this.body) {
      const b = this.body;
      this.body = null;
      queueMicrotask(() => {
        this.emit("data", b);
        this.complete = true;
        this.emit("end");
      });
    }
    return this;
  }
}
let done;
const res = {
  destroyed: false,
  headersSent: false,
  writeHead() {},
  end() {
    done();
  },
  once() {},
  on() {},
  off() {},
};
function one(handler, method, url, body) {
  return new Promise((resolve) => {
    done = resolve;
    handler(new FakeReq(method, url, body), res);
  });
}
const scenarios = [
  ["GET", "/", null],
  ["GET", "/users/42", null],
  ["POST", "/echo", payload],
];
async function measure(handler, s, n) {
  const t = process.cpuUsage();
  for (let i = 0; i < n; i++) await one(handler, ...s);
  const u = process.cpuUsage(t);
  return (u.user + u.system) / n;
}
const rounds = Number(process.argv[3] ?? 7);
const n = 20000;
for (const s of scenarios) {
  await measure(bare, s, n);
  await measure(wz, s, n);
} // warm-up (JIT)
const results = [];
for (const s of scenarios) {
  const b = [],
    w = [];
  for (let k = 0; k < rounds; k++) {
    b.push(await measure(bare, s, n));
    w.push(await measure(wz, s, n));
  }
  // The minimum over interleaved runs: the least disturbed by other processes.
  results.push({ scenario: `${s[0]} ${s[1]}`, bareUs: Math.min(...b), wzUs: Math.min(...w) });
}
console.log(JSON.stringify(results));
