// The request context: the current request from deep code once enabled.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Client, Response, Request, currentRequest, maybeCurrentRequest, request, enableRequestContext, requestContextEnabled } from "wz";

async function deepHelper(): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
  return currentRequest().args.get("id") ?? "none";
}

test("outside a request, or before enabling, there is no current request and the error says why", () => {
  assert.equal(requestContextEnabled(), false);
  assert.throws(() => currentRequest(), /enableRequestContext\(\)/);
  assert.equal(maybeCurrentRequest(), undefined);
});

test("with the context enabled, deep async code sees its own request, even with requests interleaved", async () => {
  enableRequestContext();
  const client = new Client(async () => new Response(await deepHelper()));
  const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => client.get("/", { query: { id: String(i) } })));
  assert.deepEqual(
    answers.map((response) => response.text),
    Array.from({ length: 20 }, (_, i) => String(i)),
  );
  assert.throws(() => currentRequest(), /outside of a request/);
});

test("the request proxy forwards property reads, method calls and instanceof", async () => {
  enableRequestContext();
  const client = new Client(async () => {
    const isRequest = request instanceof Request;
    return new Response(`${request.method} ${request.path} ${request.args.get("a")} ${isRequest}`);
  });
  assert.equal((await client.post("/p", { query: { a: "1" } })).text, "POST /p 1 true");
});
