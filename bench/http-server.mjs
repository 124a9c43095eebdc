// Helper for bench/http.mjs (not a bench part): one HTTP server process.
//   node bench/http-server.mjs bare|wz|fastify|express|hono [wz-routes-module]
// Listens on 127.0.0.1 on a free port and prints the port on stdout. Every server answers
//   GET /            -> "hello" (text/plain)
//   GET /users/:id   -> {"id": <id>} (JSON), with ~100 other routes registered beside it
//   POST /echo       -> the JSON body parsed and sent back
// Only the server under test is loaded, so peers' code never shares a process with wz.
import http from "node:http";

const kind = process.argv[2];
const OTHER_ROUTES = 100;
// Route shapes of a typical API, registered before the measured ones so routers do real work.
const otherPaths = Array.from({ length: OTHER_ROUTES }, (_, i) => [`/api/v1/resource${i}`, `/api/v1/resource${i}/:item`][i % 2]);

function listen(server) {
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => console.log(server.address().port));
}

async function bare() {
  // The floor: node:http with a hand-written dispatch and no router.
  const userPath = /^\/users\/(\d+)$/;
  listen(
    http.createServer((req, res) => {
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
      if (req.method === "POST" && req.url === "/echo") {
        const chunks = [];
        req.on("data", (chunk) => chunks.push(chunk));
        req.on("end", () => {
          const body = JSON.stringify(JSON.parse(Buffer.concat(chunks).toString()));
          res.writeHead(200, ["Content-Type", "application/json", "Content-Length", String(Buffer.byteLength(body))]);
          res.end(body);
        });
        return;
      }
      res.writeHead(404);
      res.end();
    }),
  );
}

async function wz(routesModule) {
  const { Response, NotFound, toNodeListener } = await import("wz");
  const map = (await import(routesModule)).default;
  // Host matching is off, so one adapter serves every request (no per-request bind).
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
      default:
        return new Response(match.endpoint);
    }
  };
  listen(http.createServer(toNodeListener(app)));
}

async function fastify() {
  const { default: Fastify } = await import("fastify");
  const app = Fastify({ logger: false });
  for (const path of otherPaths) app.get(path, async () => "other");
  app.get("/", async (_request, reply) => reply.type("text/plain; charset=utf-8").send("hello"));
  app.get("/users/:id", async (request) => ({ id: Number(request.params.id) }));
  app.post("/echo", async (request) => request.body);
  await app.ready();
  listen(app.server);
}

async function express() {
  const { default: Express } = await import("express");
  const app = Express();
  for (const path of otherPaths) app.get(path, (_req, res) => res.send("other"));
  app.get("/", (_req, res) => res.type("text/plain").send("hello"));
  app.get("/users/:id", (req, res) => res.json({ id: Number(req.params.id) }));
  app.post("/echo", Express.json(), (req, res) => res.json(req.body));
  listen(http.createServer(app));
}

async function hono() {
  const { Hono } = await import("hono");
  const { createAdaptorServer } = await import("@hono/node-server");
  const app = new Hono();
  for (const path of otherPaths) app.get(path, (c) => c.text("other"));
  app.get("/", (c) => c.text("hello"));
  app.get("/users/:id", (c) => c.json({ id: Number(c.req.param("id")) }));
  app.post("/echo", async (c) => c.json(await c.req.json()));
  listen(createAdaptorServer({ fetch: app.fetch }));
}

const servers = { bare, wz, fastify, express, hono };
if (!servers[kind]) {
  console.error(`http-server: unknown kind "${kind}" (${Object.keys(servers).join(", ")})`);
  process.exit(2);
}
await servers[kind](process.argv[3]);
// Exit cleanly on SIGTERM so `node --cpu-prof bench/http-server.mjs ...` writes its profile.
process.on("SIGTERM", () => process.exit(0));
