// When the server answers before the request body has arrived (a limit, a timeout, or an app that
// never reads it), it must not read the rest of a hostile body to keep the connection: the
// response says `Connection: close` and the socket closes once it is flushed (Werkzeug's dev
// server closes every connection; gunicorn's sync workers too). Small bodies keep keep-alive.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, Client, Request, Response, type WzServer } from "wz";
import { chunkedPieces, exchange, sequence } from "./support/raw-http.js";

const MB = 1024 * 1024;
const piece = Buffer.alloc(64 * 1024, 0x61);
const hundredMbChunks = 1600; // 1600 x 64 KiB = 100 MiB

class OneMegabyte extends Request {
  static override maxContentLength: number | null = MB;
}

async function app(request: Request): Promise<Response> {
  switch (request.path) {
    case "/form":
      return new Response(`fields: ${(await request.form()).size}`);
    case "/data":
      return new Response(`bytes: ${(await request.getData()).byteLength}`);
    case "/stream": {
      let total = 0;
      for await (const chunk of request.stream) total += chunk.byteLength;
      return new Response(`bytes: ${total}`);
    }
    case "/parts":
      request.maxContentLength = null;
      request.maxFormParts = 10;
      return new Response(`fields: ${(await request.form()).size}`);
    case "/ignore":
      return new Response("not reading that");
    default:
      return new Response("hello");
  }
}

let server: WzServer;

before(async () => {
  server = await serve(app, { host: "127.0.0.1", port: 0, requestClass: OneMegabyte });
});

after(async () => {
  await server.close({ timeoutMs: 100 });
});

function chunkedHead(path: string, contentType = "application/octet-stream"): string {
  return `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${contentType}\r\nTransfer-Encoding: chunked\r\n\r\n`;
}

function lengthHead(path: string, length: number, contentType = "application/octet-stream"): string {
  return `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${contentType}\r\nContent-Length: ${length}\r\n\r\n`;
}

async function stillServing(): Promise<void> {
  const [response] = await sequence(server.port, ["GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"]);
  assert.equal(response?.status, 200);
  assert.equal(response?.body, "hello");
}

// Kernel buffers on 127.0.0.1 take a few MB before the sender blocks; 100 MB read would be 100.
const FAR_LESS = 24 * MB;

for (const [path, contentType] of [
  ["/data", "application/octet-stream"],
  ["/stream", "application/octet-stream"],
  ["/form", "application/x-www-form-urlencoded"],
] as const) {
  test(`a 100 MB chunked upload to ${path} over maxContentLength 1 MB is a quick 413 and the rest is never read`, async (t) => {
    const response = await exchange(server.port, chunkedHead(path, contentType), chunkedPieces(piece, hundredMbChunks), 15_000);
    assert.equal(response.status, 413);
    assert.equal(response.headers["connection"], "close");
    assert.equal(response.closedByServer, true);
    assert.ok(response.bytesSent < FAR_LESS, `the server took ${(response.bytesSent / MB).toFixed(1)} MB`);
    assert.ok(response.ms < 5000, `took ${response.ms} ms`);
    t.diagnostic(
      `413 after ${response.responseMs.toFixed(0)} ms; closed after ${response.ms.toFixed(0)} ms; ${(response.bytesSent / MB).toFixed(1)} MB accepted of 100 MB`,
    );
    await stillServing();
  });
}

test("a declared 100 MB body over maxContentLength is a 413 before reading, and the connection closes", async () => {
  const response = await exchange(
    server.port,
    lengthHead("/data", 100 * MB),
    (function* () {
      for (let i = 0; i < hundredMbChunks; i++) yield piece;
    })(),
    15_000,
  );
  assert.equal(response.status, 413);
  assert.equal(response.headers["connection"], "close");
  assert.ok(response.bytesSent < FAR_LESS, `the server took ${(response.bytesSent / MB).toFixed(1)} MB`);
  await stillServing();
});

test("an app that never reads a large body answers, closes the connection, and does not drain it", async () => {
  const response = await exchange(server.port, chunkedHead("/ignore"), chunkedPieces(piece, hundredMbChunks), 15_000);
  assert.equal(response.status, 200);
  assert.equal(response.body, "not reading that");
  assert.equal(response.headers["connection"], "close");
  assert.ok(response.bytesSent < FAR_LESS, `the server took ${(response.bytesSent / MB).toFixed(1)} MB`);
  await stillServing();
});

test("a multipart stream past maxFormParts is a 413 that closes the connection", async () => {
  const part = Buffer.from(`--B\r\nContent-Disposition: form-data; name="f"\r\n\r\nv\r\n`);
  const parts = Buffer.concat(Array.from({ length: 1000 }, () => part));
  const response = await exchange(server.port, chunkedHead("/parts", "multipart/form-data; boundary=B"), chunkedPieces(parts, 2000), 15_000);
  assert.equal(response.status, 413);
  assert.equal(response.headers["connection"], "close");
  assert.ok(response.bytesSent < FAR_LESS, `the server took ${(response.bytesSent / MB).toFixed(1)} MB`);
});

test("a large multipart body without a boundary gives an empty form at once and is not drained", async () => {
  const response = await exchange(server.port, chunkedHead("/parts", "multipart/form-data"), chunkedPieces(piece, hundredMbChunks), 15_000);
  assert.equal(response.status, 200);
  assert.equal(response.body, "fields: 0");
  assert.equal(response.headers["connection"], "close");
  assert.ok(response.bytesSent < FAR_LESS, `the server took ${(response.bytesSent / MB).toFixed(1)} MB`);
  await stillServing();
});

test("a small unread body keeps the connection alive for the next request", async () => {
  const responses = await sequence(server.port, [`${lengthHead("/ignore", 10)}0123456789`, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"]);
  assert.deepEqual(
    responses.map((response) => response.status),
    [200, 200],
  );
  assert.notEqual(responses[0]!.headers["connection"], "close");
  assert.equal(responses[1]!.body, "hello");
});

test("a body read to the end keeps the connection alive", async () => {
  const body = "x".repeat(100_000);
  const responses = await sequence(server.port, [`${lengthHead("/data", body.length)}${body}`, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"]);
  assert.deepEqual(
    responses.map((response) => [response.status, response.body]),
    [
      [200, "bytes: 100000"],
      [200, "hello"],
    ],
  );
  assert.notEqual(responses[0]!.headers["connection"], "close");
});

test("the test Client gives the same statuses without a socket", async () => {
  const client = new Client(app, { requestClass: OneMegabyte });
  const big = Buffer.alloc(2 * MB, 0x61);
  assert.equal((await client.post("/data", { data: big })).statusCode, 413);
  assert.equal((await client.post("/stream", { data: big })).statusCode, 413);
  assert.equal((await client.post("/form", { data: big, contentType: "application/x-www-form-urlencoded" })).statusCode, 413);
  const ignored = await client.post("/ignore", { data: big });
  assert.equal(ignored.statusCode, 200);
  assert.equal(ignored.text, "not reading that");
  const parts = Array.from({ length: 11 }, (_, i) => `--B\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nv\r\n`).join("") + "--B--\r\n";
  assert.equal((await client.post("/parts", { data: parts, contentType: "multipart/form-data; boundary=B" })).statusCode, 413);
});
