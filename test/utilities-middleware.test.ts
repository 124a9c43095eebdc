// proxyFix and dispatcher beyond the recorded Werkzeug answers: the body, the request context,
// the Request class and its limits reach the inner app; uploads are released; stacking works.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { Client, Request, Response, dispatcher, enableRequestContext, proxyFix, proxyFixOriginal, request as current, type App } from "wz";

test("a mounted app reads the body the client sent, and its uploads are released with the response", async () => {
  const sinks: Writable[] = [];
  const upload: App = async (request) => {
    const form = await request.form();
    const files = await request.files();
    return Response.json({ field: form.get("field"), filename: files.get("doc")?.filename, rootPath: request.rootPath, path: request.path });
  };
  const mounted = dispatcher(() => new Response("root"), { "/upload": upload });
  const app: App = (request) => {
    request.streamFactory = () => {
      // Not auto-destroyed when it finishes: only FileStorage.close() destroys it.
      const sink = new Writable({ write: (_chunk, _encoding, done) => done(), autoDestroy: false });
      sinks.push(sink);
      return sink;
    };
    return mounted(request);
  };
  const response = await new Client(app).post("/upload/now", {
    data: { field: "value", doc: { data: "file body", filename: "a.txt" } },
  });
  assert.deepEqual(response.json, { field: "value", filename: "a.txt", rootPath: "/upload", path: "/now" });
  assert.equal(sinks.length, 1, "the mounted app's request used the outer request's stream factory");
  await until(() => sinks[0]!.destroyed);
});

async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; !condition(); turn++) {
    if (turn > 1000) throw new Error("condition never became true");
    await new Promise((resolve) => setImmediate(resolve));
  }
}

test("the inner app sees its own request as the current request, with the class and limits of the outer one", async () => {
  enableRequestContext();
  class SmallRequest extends Request {
    static override maxContentLength = 10;
  }
  const inner: App = (request) =>
    Response.json({
      sameAsCurrent: current.rootPath === request.rootPath && current.path === request.path,
      klass: request.constructor.name,
      limit: request.maxContentLength,
      formParts: request.maxFormParts,
    });
  const outer: App = (request) => {
    request.maxFormParts = 3;
    return dispatcher(() => new Response("root"), { "/in": inner })(request);
  };
  const response = await new Client(outer, { requestClass: SmallRequest }).get("/in/x");
  assert.deepEqual(response.json, { sameAsCurrent: true, klass: "SmallRequest", limit: 10, formParts: 3 });
});

test("proxyFix in front of dispatcher: the forwarded prefix and the mount both end up in rootPath", async () => {
  const api: App = (request) =>
    Response.json({ url: request.url, rootPath: request.rootPath, remoteAddr: request.remoteAddr, original: proxyFixOriginal(request) ?? null });
  const app = proxyFix(
    dispatcher(() => new Response("root"), { "/api": api }),
    { xFor: 1, xProto: 1, xHost: 1, xPrefix: 1 },
  );
  const response = await new Client(app).get("/api/items?page=2", {
    remoteAddr: "10.0.0.2",
    headers: { "X-Forwarded-For": "198.51.100.7", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "shop.example", "X-Forwarded-Prefix": "/shop" },
  });
  assert.equal((response.json as { url: string }).url, "https://shop.example/shop/api/items?page=2");
  assert.equal((response.json as { rootPath: string }).rootPath, "/shop/api");
  assert.equal((response.json as { remoteAddr: string }).remoteAddr, "198.51.100.7");
  assert.equal(
    (response.json as { original: unknown }).original,
    null,
    "the mounted app's request is a new one; proxyFixOriginal answers for the request proxyFix made",
  );
});

test("proxyFix with the defaults ignores X-Forwarded-Host, a header a client can forge when no proxy sets it", async () => {
  const app = proxyFix((request) => new Response(request.host));
  const response = await new Client(app).get("/", { headers: { "X-Forwarded-Host": "evil.example" } });
  assert.equal(response.text, "localhost");
});

test("errors thrown or returned by a mounted app reach the server as from the app itself", async () => {
  const app = dispatcher(() => new Response("root"), {
    "/boom": () => {
      throw new Error("inner failure");
    },
  });
  await assert.rejects(new Client(app).get("/boom"), /inner failure/);
  const lenient = await new Client(app, { raiseErrors: false }).get("/boom");
  assert.equal(lenient.statusCode, 500);
});
