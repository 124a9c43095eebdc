// sharedData and sendFromDirectory over a real socket: request targets go out byte for byte
// (node:net, so no client normalises `..` or `%2F`), and the answers are compared with
// Werkzeug 3.1.8's recorded in test/support/werkzeug-utilities.json.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Client, Response, sendFromDirectory, serve, sharedData, type App, type WzServer } from "wz";

interface FileSpec {
  name: string;
  text: string;
  mtime: number;
}
interface Answer {
  method: string;
  target: string;
  headers: Record<string, string>;
  status: number;
  responseHeaders: Record<string, string>;
  hasExpires: boolean;
  body: string;
}
const recorded = JSON.parse(readFileSync(new URL("../../test/support/werkzeug-utilities.json", import.meta.url), "utf8")) as {
  sharedData: { files: FileSpec[]; secret: FileSpec; answers: Answer[]; sendFromDirectory: { path: string; status: number }[] };
};

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** One request on its own connection, the target sent exactly as given. */
async function raw(port: number, method: string, target: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const socket = connect(port, "127.0.0.1");
  const chunks: Buffer[] = [];
  socket.on("data", (chunk: Buffer) => chunks.push(chunk));
  await once(socket, "connect");
  const lines = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("");
  socket.write(`${method} ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n${lines}\r\n`, "latin1");
  await once(socket, "close");
  return parse(Buffer.concat(chunks));
}

function parse(bytes: Buffer): RawAnswer {
  const end = bytes.indexOf("\r\n\r\n");
  const [statusLine, ...lines] = bytes.subarray(0, end).toString("latin1").split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine!.split(" ")[1]), headers, body: bytes.subarray(end + 4) };
}

let root: string;
let staticDir: string;
let server: WzServer;
const fallback: App = () => new Response("fallback", { status: 404, contentType: "text/plain" });

before(async () => {
  root = mkdtempSync(join(tmpdir(), "wz-shared-"));
  staticDir = join(root, "static");
  for (const spec of [...recorded.sharedData.files, { ...recorded.sharedData.secret, name: "../secret.txt" }]) {
    const path = join(staticDir, spec.name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, spec.text);
    utimesSync(path, spec.mtime, spec.mtime);
  }
  writeFileSync(join(staticDir, "big.bin"), Buffer.alloc(32 * 1024 * 1024, 7));
  server = await serve(sharedData(fallback, { "/static": staticDir, "/favicon.ico": join(staticDir, "hello.txt") }), { port: 0 });
});

after(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

// Headers a server adds on its own, and Accept-Ranges (wz serves byte ranges; Werkzeug's does not).
const transportHeaders = new Set(["date", "expires", "connection", "keep-alive", "accept-ranges", "transfer-encoding"]);

test("sharedData answers each recorded request over a socket as Werkzeug's SharedDataMiddleware did", async () => {
  for (const answer of recorded.sharedData.answers) {
    const label = `${answer.method} ${answer.target} ${JSON.stringify(answer.headers)}`;
    const got = await raw(server.port, answer.method, answer.target, answer.headers);
    assert.equal(got.status, answer.status, label);
    if (answer.body === "fallback") {
      assert.equal(got.body.toString(), "fallback", `${label} reaches the app`);
      continue;
    }
    const expected = Object.fromEntries(Object.entries(answer.responseHeaders).map(([name, value]) => [name.toLowerCase(), value]));
    const own = Object.fromEntries(Object.entries(got.headers).filter(([name]) => !transportHeaders.has(name)));
    assert.deepEqual(own, expected, label);
    assert.equal("expires" in got.headers, answer.hasExpires, `${label} Expires`);
    assert.ok("date" in got.headers, `${label} Date`);
    assert.equal(got.body.toString(), answer.method === "HEAD" || answer.status === 304 ? "" : answer.body, label);
  }
});

test("sharedData refuses every traversal spelling: the file outside the export is never sent", async () => {
  const spellings = [
    "/static/../secret.txt",
    "/static/..%2Fsecret.txt",
    "/static/..%2fsecret.txt",
    "/static/%2e%2e/secret.txt",
    "/static/%2E%2E%2Fsecret.txt",
    "/static/.%2e/secret.txt",
    "/static/..%5Csecret.txt",
    "/static/..\\secret.txt",
    "/static/%252e%252e%252fsecret.txt",
    "/static/%2e%2e%5csecret.txt",
    "/static/sub/..%2F..%2Fsecret.txt",
    "/static/%00../secret.txt",
    "/static/..%00/secret.txt",
    "/static//../secret.txt",
    "/static/%2F..%2Fsecret.txt",
    `/static/${encodeURIComponent(staticDir)}/../secret.txt`,
    "/static/%2E%2E%5C%2E%2E%5Csecret.txt",
  ];
  for (const target of spellings) {
    const got = await raw(server.port, "GET", target);
    assert.equal(got.status, 404, target);
    assert.equal(got.body.toString(), "fallback", target);
  }
});

test("sharedData serves a single byte range as 206 and an unsatisfiable one as 416", async () => {
  const part = await raw(server.port, "GET", "/static/hello.txt", { Range: "bytes=0-4" });
  assert.equal(part.status, 206);
  assert.equal(part.body.toString(), "Hello");
  assert.equal(part.headers["content-range"], "bytes 0-4/14");
  assert.equal(part.headers["content-length"], "5");
  const tail = await raw(server.port, "GET", "/static/hello.txt", { Range: "bytes=-6" });
  assert.equal(tail.body.toString(), "world!\n".slice(-6));
  const outside = await raw(server.port, "GET", "/static/hello.txt", { Range: "bytes=100-" });
  assert.equal(outside.status, 416);
  assert.equal(outside.headers["content-range"], "bytes */14");
  const full = await raw(server.port, "GET", "/static/hello.txt");
  const stale = await raw(server.port, "GET", "/static/hello.txt", { Range: "bytes=0-4", "If-Range": '"stale"' });
  assert.equal(stale.status, 200, "a Range whose If-Range no longer matches gets the whole file");
  assert.equal(stale.body.toString(), full.body.toString());
  const current = await raw(server.port, "GET", "/static/hello.txt", { Range: "bytes=7-", "If-Range": full.headers["etag"]! });
  assert.equal(current.status, 206);
  assert.equal(current.body.toString(), "world!\n");
});

/** The server side of the next connection. */
function nextServerSocket(): Promise<Socket> {
  return once(server.server, "connection").then(([socket]) => socket as Socket);
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

test("sharedData streams a large file with backpressure: a client that stops reading holds the server's buffer small", async () => {
  const serverSide = nextServerSocket();
  const client = connect(server.port, "127.0.0.1");
  await once(client, "connect");
  client.pause();
  client.write("GET /static/big.bin HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
  const socket = await serverSide;
  await until(() => socket.writableNeedDrain, "the server waits for the stalled client");
  const size = 32 * 1024 * 1024;
  assert.ok(socket.writableLength < 2 * 1024 * 1024, `the server buffers ${socket.writableLength} bytes, not the file`);
  assert.ok(socket.bytesWritten < size, "the file is not all written while the client reads nothing");
  const hash = createHash("sha256");
  let head = true;
  let pending = Buffer.alloc(0);
  let bodyBytes = 0;
  client.on("data", (chunk: Buffer) => {
    if (head) {
      pending = Buffer.concat([pending, chunk]);
      const end = pending.indexOf("\r\n\r\n");
      if (end === -1) return;
      head = false;
      chunk = pending.subarray(end + 4);
    }
    hash.update(chunk);
    bodyBytes += chunk.byteLength;
  });
  client.resume();
  await once(client, "close");
  assert.equal(bodyBytes, size);
  assert.equal(hash.digest("hex"), createHash("sha256").update(Buffer.alloc(size, 7)).digest("hex"));
});

const openFiles = () =>
  readdirSync("/proc/self/fd")
    .map((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return "";
      }
    })
    .filter((target) => target.endsWith("big.bin")).length;

test("a client that leaves in the middle of a large file gets the file closed on the server", { skip: !existsSync("/proc/self/fd") }, async () => {
  const serverSide = nextServerSocket();
  const client = connect(server.port, "127.0.0.1");
  await once(client, "connect");
  client.pause();
  client.write("GET /static/big.bin HTTP/1.1\r\nHost: localhost\r\n\r\n");
  const socket = await serverSide;
  await until(() => socket.writableNeedDrain, "the server waits for the stalled client");
  assert.equal(openFiles(), 1, "the file is open while it is being sent");
  client.destroy();
  await until(() => openFiles() === 0, "the server closed the file");
});

test("sharedData options: fallback mimetype, no caching headers, refused names, a package's files", async () => {
  const app = sharedData(
    fallback,
    { "/static": staticDir, "/pkg": { package: "mime-types" } },
    {
      fallbackMimetype: "text/x-unknown",
      cache: false,
      isAllowed: (name) => !name.endsWith(".css"),
    },
  );
  const client = new Client(app);
  const unknown = await client.get("/static/data.unknownext");
  assert.equal(unknown.headers.get("content-type"), "text/x-unknown; charset=utf-8");
  assert.equal(unknown.headers.get("cache-control"), "public");
  assert.equal(unknown.headers.get("etag"), undefined);
  assert.equal(
    (await client.get("/static/hello.txt", { headers: { "If-Modified-Since": "Tue, 14 Nov 2023 22:13:20 GMT" } })).statusCode,
    200,
    "no 304 without caching",
  );
  assert.equal((await client.get("/static/style.css")).text, "fallback");
  const manifest = await client.get("/pkg/package.json");
  assert.equal(manifest.statusCode, 200);
  assert.equal((manifest.json as { name: string }).name, "mime-types");
  assert.equal((await client.get("/pkg/../package.json")).text, "fallback");
  assert.equal((await client.get("/static/big.bin", { method: "HEAD" })).headers.get("content-length"), String(32 * 1024 * 1024));
});

test("sendFromDirectory finds what Werkzeug's send_from_directory finds, and 404s the rest", async () => {
  for (const { path, status } of recorded.sharedData.sendFromDirectory) {
    const response = await new Client((request) => sendFromDirectory(staticDir, path, request)).get("/");
    assert.equal(response.statusCode, status, JSON.stringify(path));
  }
  const sent = await new Client((request) => sendFromDirectory(staticDir, "sub/page.html", request, { asAttachment: true })).get("/");
  assert.equal(sent.headers.get("content-disposition"), "attachment; filename=page.html");
  assert.equal(sent.text, "<p>sub</p>\n");
});
