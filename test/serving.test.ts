// Serving on node:http: keep-alive, error pages, streaming with backpressure, aborted clients,
// graceful close. Servers listen on 127.0.0.1 with port 0.
import { test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { once } from "node:events";
import { serve, toNodeListener, Response, Request, NotFound, type WzServer } from "wz";

function get(
  server: WzServer,
  path: string,
  options: http.RequestOptions = {},
  body?: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string; socket: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${server.url}${path}`, options, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString(), socket: req.socket }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const quiet = { onError: () => {} };

test("serves an app on node:http and keeps connections alive", async () => {
  const server = await serve((request) => new Response(`hello ${request.path}`), { port: 0 });
  let connections = 0;
  server.server.on("connection", () => connections++);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const first = await get(server, "/a", { agent });
    const second = await get(server, "/b", { agent });
    assert.equal(first.text, "hello /a");
    assert.equal(second.text, "hello /b");
    assert.equal(first.headers["content-length"], "8");
    assert.equal(connections, 1);
  } finally {
    agent.destroy();
    await server.close();
  }
});

test("an app error becomes a 500 page without the error text; HTTP exceptions render as themselves", async () => {
  const errors: unknown[] = [];
  const server = await serve(
    (request) => {
      if (request.path === "/missing") throw new NotFound();
      if (request.path === "/value") return "not a response" as unknown as Response;
      throw new Error("secret details");
    },
    { port: 0, onError: (error) => errors.push(error) },
  );
  try {
    const failed = await get(server, "/boom");
    assert.equal(failed.status, 500);
    assert.match(failed.text, /<title>500 Internal Server Error<\/title>/);
    assert.doesNotMatch(failed.text, /secret/);
    assert.equal((errors[0] as Error).message, "secret details");
    assert.equal((await get(server, "/missing")).status, 404);
    assert.equal((await get(server, "/value")).status, 500);
    assert.match(String(errors[1]), /returned string, not a Response/);
  } finally {
    await server.close();
  }
});

test("a response node:http cannot write (status 0) becomes a 500 page", async () => {
  const errors: unknown[] = [];
  const server = await serve(() => new Response("x", { status: "no code" }), { port: 0, onError: (error) => errors.push(error) });
  try {
    assert.equal((await get(server, "/")).status, 500);
    assert.equal(errors.length, 1);
  } finally {
    await server.close();
  }
});

test("HEAD gets the headers and Content-Length without a body", async () => {
  const server = await serve(() => new Response("hello"), { port: 0 });
  try {
    const head = await get(server, "/", { method: "HEAD" });
    assert.equal(head.headers["content-length"], "5");
    assert.equal(head.text, "");
  } finally {
    await server.close();
  }
});

test("a streamed body is sent chunked and its producer waits for the client (backpressure)", async () => {
  let produced = 0;
  const chunk = Buffer.alloc(64 * 1024, 120);
  const server = await serve(
    () =>
      new Response(
        (async function* () {
          for (let i = 0; i < 200; i++) {
            produced++;
            yield chunk;
          }
        })(),
      ),
    { port: 0 },
  );
  try {
    const res = await new Promise<http.IncomingMessage>((resolve) => http.get(`${server.url}/`, resolve));
    assert.equal(res.headers["transfer-encoding"], "chunked");
    res.pause();
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.ok(produced < 100, `producer ran ahead: ${produced} chunks of 200 while the client read nothing`);
    res.resume();
    let received = 0;
    for await (const part of res) received += (part as Buffer).byteLength;
    assert.equal(received, 200 * chunk.byteLength);
  } finally {
    await server.close();
  }
});

test("a client leaving mid-response stops and closes the stream, and the server keeps serving", async () => {
  let closed = false;
  let closeCallback = false;
  const server = await serve(
    (request) => {
      if (request.path === "/ok") return new Response("still here");
      const response = new Response(
        (async function* () {
          try {
            for (;;) {
              yield Buffer.alloc(16 * 1024);
              await new Promise((resolve) => setTimeout(resolve, 1));
            }
          } finally {
            closed = true;
          }
        })(),
      );
      response.callOnClose(() => {
        closeCallback = true;
      });
      return response;
    },
    { port: 0 },
  );
  try {
    const res = await new Promise<http.IncomingMessage>((resolve) => http.get(`${server.url}/stream`, resolve));
    await once(res, "data");
    res.destroy();
    for (const deadline = Date.now() + 60_000; !(closed && closeCallback) && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(closed, true);
    assert.equal(closeCallback, true);
    assert.equal((await get(server, "/ok")).text, "still here");
  } finally {
    await server.close();
  }
});

test("a declared body over maxContentLength is answered 413 before the app reads it", async () => {
  class Limited extends Request {
    static override maxContentLength = 10;
  }
  const server = await serve(async (request) => new Response(await request.getText()), { port: 0, requestClass: Limited, ...quiet });
  try {
    const tooBig = await get(server, "/", { method: "POST", headers: { "Content-Length": "20" } }, "x".repeat(20));
    assert.equal(tooBig.status, 413);
    const fine = await get(server, "/", { method: "POST" }, "small");
    assert.equal(fine.text, "small");
  } finally {
    await server.close();
  }
});

test("a chunked body growing past maxContentLength is answered 413, and the connection stays usable", async () => {
  class Limited extends Request {
    static override maxContentLength = 10;
  }
  const server = await serve(async (request) => new Response(await request.getText()), { port: 0, requestClass: Limited });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const tooBig = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${server.url}/`, { method: "POST", agent }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode!));
      });
      req.on("error", reject);
      req.write("x".repeat(8));
      req.write("x".repeat(8));
      req.end();
    });
    assert.equal(tooBig, 413);
    assert.equal((await get(server, "/", { method: "POST", agent }, "ok")).text, "ok");
  } finally {
    agent.destroy();
    await server.close();
  }
});

test("a client leaving while its body is read does not crash the server", async () => {
  const seen: unknown[] = [];
  const server = await serve(
    async (request) => {
      try {
        await request.getData();
      } catch (error) {
        seen.push(error);
        throw error;
      }
      return new Response("unreachable");
    },
    { port: 0 },
  );
  try {
    const req = http.request(`${server.url}/`, { method: "POST", headers: { "Content-Length": "100" } });
    req.on("error", () => {});
    req.write("partial");
    await new Promise((resolve) => setTimeout(resolve, 50));
    req.destroy();
    // Waits for the server to notice the abort (a safety net of 60 s, not a speed limit).
    for (const deadline = Date.now() + 60_000; seen.length === 0 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal((seen[0] as { code?: number }).code, 400);
    assert.equal((await get(server, "/x", { method: "POST" }, "")).status, 200);
  } finally {
    await server.close();
  }
});

test("close() lets a request in flight finish, then stops", async () => {
  let release!: () => void;
  let markStarted!: () => void;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const server = await serve(
    async () => {
      markStarted();
      await new Promise<void>((resolve) => (release = resolve));
      return new Response("done");
    },
    { port: 0 },
  );
  const pending = get(server, "/");
  await started;
  const closing = server.close();
  release();
  assert.equal((await pending).text, "done");
  await closing;
  assert.equal(server.server.listening, false);
});

test("toNodeListener works with a plain http.createServer and a root path", async () => {
  const server = http.createServer(toNodeListener((request) => new Response(`${request.rootPath}|${request.path}|${request.url}`), { rootPath: "/app" }));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as { port: number }).port;
  try {
    const res = await fetch(`http://127.0.0.1:${port}/app/x?y=1`);
    assert.equal(await res.text(), `/app|/x|http://127.0.0.1:${port}/app/x?y=1`);
  } finally {
    server.close();
  }
});
