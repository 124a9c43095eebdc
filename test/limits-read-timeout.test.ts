// A body that stalls must end in a 408 after the request's read timeout, whichever way the app
// reads it. Werkzeug leaves read timeouts to the server (gunicorn kills a worker silent for
// `timeout` = 30 s); wz applies `Request.readTimeoutMs` (default 30 s) to every body read.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, Request, Response, openTempFileCount, type WzServer } from "wz";
import { exchange, stallAfter } from "./support/raw-http.js";

class QuickTimeout extends Request {
  static override readTimeoutMs: number | null = 300;
}

const readers: Record<string, (request: Request) => Promise<unknown>> = {
  "/form": (request) => request.form(),
  "/files": (request) => request.files(),
  "/values": (request) => request.values(),
  "/data": (request) => request.getData(),
  "/json": (request) => request.json(),
  "/text": (request) => request.getText(),
  "/stream": async (request) => {
    for await (const _ of request.stream);
  },
};

async function app(request: Request): Promise<Response> {
  if (request.args.get("timeout") !== undefined) request.readTimeoutMs = Number(request.args.get("timeout"));
  await readers[request.path]!(request);
  return new Response("read");
}

let quick: WzServer;
let defaults: WzServer;

before(async () => {
  quick = await serve(app, { host: "127.0.0.1", port: 0, requestClass: QuickTimeout });
  defaults = await serve(app, { host: "127.0.0.1", port: 0 });
});

after(async () => {
  await quick.close({ timeoutMs: 100 });
  await defaults.close({ timeoutMs: 100 });
});

// How long a stalled client waits before it would send the rest: far beyond every timeout tested,
// so an answer within it can only come from the server's timer.
const STALL_MS = 20_000;

function head(path: string, contentType: string, contentLength: number): string {
  return `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${contentType}\r\nContent-Length: ${contentLength}\r\n\r\n`;
}

const kinds: [string, string, string][] = [
  ["/form", "application/x-www-form-urlencoded", "a=1&b="],
  ["/files", "multipart/form-data; boundary=B", `--B\r\nContent-Disposition: form-data; name="f"; filename="a.bin"\r\n\r\n${"x".repeat(1000)}`],
  ["/values", "application/x-www-form-urlencoded", "a=1&b="],
  ["/data", "application/octet-stream", "0123456789"],
  ["/json", "application/json", '{"a": '],
  ["/text", "text/plain", "hello "],
  ["/stream", "application/octet-stream", "0123456789"],
];

test("Request.readTimeoutMs defaults to 30 s, and a per-request value leaves the class's alone", () => {
  assert.equal(Request.readTimeoutMs, 30_000);
  const request = Request.fromValues({ path: "/" });
  assert.equal(request.readTimeoutMs, 30_000);
  request.readTimeoutMs = 5;
  assert.equal(request.readTimeoutMs, 5);
  assert.equal(Request.readTimeoutMs, 30_000);
  assert.equal(new QuickTimeout({ method: "GET", target: "/", headers: [] }).readTimeoutMs, 300);
});

for (const [path, contentType, start] of kinds) {
  test(`a body that stalls while ${path.slice(1)} reads it is a 408 after the class's readTimeoutMs`, async () => {
    // The client stalls for 20 s: a 408 before then is the server's read timeout, not the client.
    const response = await exchange(quick.port, head(path, contentType, 100_000), stallAfter(Buffer.from(start), STALL_MS), 60_000);
    assert.equal(response.status, 408);
    assert.ok(response.responseMs >= 250 && response.responseMs < STALL_MS, `answered after ${response.responseMs} ms`);
    assert.equal(response.headers["connection"], "close");
    assert.equal(response.closedByServer, true);
  });
}

test("a per-request readTimeoutMs applies to that request", async () => {
  const response = await exchange(
    defaults.port,
    head("/form?timeout=200", "application/x-www-form-urlencoded", 100),
    stallAfter(Buffer.from("a=1"), STALL_MS),
    60_000,
  );
  assert.equal(response.status, 408);
  assert.ok(response.responseMs < STALL_MS, `answered after ${response.responseMs} ms, not during the stall`);
});

test("the timeout is between chunks: a slow but steady body is read to the end", async () => {
  async function* steady(): AsyncGenerator<Uint8Array> {
    // Each gap is well inside the 2 s timeout, all of them together well past it.
    for (let i = 0; i < 10; i++) {
      yield Buffer.from("a=1&");
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
  const response = await exchange(defaults.port, head("/form?timeout=2000", "application/x-www-form-urlencoded", 40), steady(), 60_000);
  assert.equal(response.status, 200);
  assert.equal(response.body, "read");
});

test("a stalled upload's spooled temp file is released after the 408", async () => {
  const start = `--B\r\nContent-Disposition: form-data; name="f"; filename="big.bin"\r\n\r\n`;
  const response = await exchange(
    quick.port,
    head("/files", "multipart/form-data; boundary=B", 10_000_000),
    stallAfter(Buffer.concat([Buffer.from(start), Buffer.alloc(700_000, 1)]), STALL_MS),
    60_000,
  );
  assert.equal(response.status, 408);
  // The release follows the 408 on the server's schedule; 60 s is a safety net, not a limit.
  for (const deadline = Date.now() + 60_000; openTempFileCount() > 0 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(openTempFileCount(), 0);
});
