// What goes on the wire is checked before it is sent (issue 15, part 2): a status reason or
// header value node:http would refuse is refused by wz at the same point for the test Client and
// the socket (the status when set, CR/LF/NUL in a header when set, the rest in prepareResponse),
// so both answer alike; the fallback 500 says Internal Server Error; a 500 page speaks JSON to a
// JSON client; two Host headers are a 400 (RFC 9112 section 3.2); cookie expiry strings are checked.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Client, Headers, Response, dumpCookie, serve, type App, type WzServer } from "wz";
import { exchange } from "./support/raw-http.js";

const quiet = { port: 0, onError: () => {} };
// The Client rethrows an app's error by default (as Werkzeug's); rendered, it answers as the wire.
const rendered = { raiseErrors: false };

async function overTheWire(app: App, head: string): Promise<{ status: number; statusLine: string; headers: Record<string, string>; body: string }> {
  const server: WzServer = await serve(app, quiet);
  try {
    return await exchange(server.port, head);
  } finally {
    await server.close();
  }
}

const GET = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";

test("a status reason with CR, LF or another control character is refused when the Response is built", () => {
  for (const status of ["200 OK\r\nSet-Cookie: x=1", "200 OK\nX: y", "200 O\0K", "200 O\x7fK", "299 Caf\u20ac"]) {
    assert.throws(() => new Response("b", { status }), TypeError, JSON.stringify(status));
    const response = new Response("b");
    assert.throws(() => (response.status = status), TypeError, JSON.stringify(status));
  }
  assert.equal(new Response("b", { status: "299 Caf\u00e9\tok" }).status, "299 Caf\u00e9\tok");
});

test("a header value with CR, LF or NUL is refused when set; one outside Latin-1 or with another control character when sent", async () => {
  for (const value of ["a\rb", "a\nb", "a\0b"]) {
    assert.throws(() => new Headers({ X: value }), TypeError, JSON.stringify(value));
    assert.throws(() => new Response("b", { headers: { X: value } }), TypeError, JSON.stringify(value));
    assert.throws(() => new Response("b").headers.set("X", value), TypeError, JSON.stringify(value));
  }
  // Headers also hold multipart part headers (UTF-8 text) and IRIs a Location is converted from.
  assert.equal(new Headers({ X: "\u2603" }).get("X"), "\u2603");
  for (const value of ["\u20ac", "a\x01b", "a\x7fb"]) {
    await assert.rejects(new Client(() => new Response("b", { headers: { X: value } })).get("/"), TypeError, JSON.stringify(value));
  }
  const sent = await new Client(() => new Response("b", { headers: { X: "caf\u00e9\tok \u00ff", Location: "/\u2603" } })).get("/");
  assert.equal(sent.headers.get("X"), "caf\u00e9\tok \u00ff");
  assert.equal(sent.headers.get("Location"), "/%E2%98%83");
});

test("the Client and the socket answer a status reason with CR/LF alike: a 500 Internal Server Error", async () => {
  const app: App = () => new Response("b", { status: "200 OK\r\nSet-Cookie: x=1" });
  await assert.rejects(new Client(app).get("/"), TypeError);
  const client = await new Client(app, rendered).get("/");
  assert.equal(client.statusCode, 500);
  assert.equal(client.headers.get("set-cookie"), undefined);
  const wire = await overTheWire(app, GET);
  assert.equal(wire.status, 500);
  assert.equal(wire.statusLine, "HTTP/1.1 500 Internal Server Error");
  assert.equal(wire.headers["set-cookie"], undefined);
});

test("the Client and the socket answer a header value outside Latin-1 alike: a 500 Internal Server Error", async () => {
  const app: App = () => new Response("b", { headers: { "X-Name": "\u20ac" } });
  await assert.rejects(new Client(app).get("/"), TypeError);
  assert.equal((await new Client(app, rendered).get("/")).statusCode, 500);
  const wire = await overTheWire(app, GET);
  assert.equal(wire.statusLine, "HTTP/1.1 500 Internal Server Error");
});

test("a 500 page answers JSON to a client that prefers JSON, on the Client and the socket", async () => {
  const app: App = () => {
    throw new Error("secret");
  };
  const client = await new Client(app, rendered).get("/", { headers: { Accept: "application/json" } });
  assert.equal(client.statusCode, 500);
  const json = client.json as { code: number; name: string; description: string };
  assert.deepEqual(json, { code: 500, name: "Internal Server Error", description: json.description });
  assert.doesNotMatch(client.text, /secret/);
  const wire = await overTheWire(app, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\nConnection: close\r\n\r\n");
  assert.equal(wire.status, 500);
  assert.match(wire.headers["content-type"]!, /^application\/json/);
  assert.equal(JSON.parse(wire.body).code, 500);
  assert.match((await new Client(app, rendered).get("/")).text, /<title>500 Internal Server Error<\/title>/);
});

test("two Host headers are answered 400 before the app runs, on the socket and the Client", async () => {
  let calls = 0;
  const app: App = (request) => {
    calls += 1;
    return new Response(request.host);
  };
  const wire = await overTheWire(app, "GET / HTTP/1.1\r\nHost: good.example\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
  assert.equal(wire.status, 400);
  const client = await new Client(app).get("/", {
    headers: [
      ["Host", "good.example"],
      ["Host", "evil.example"],
    ],
  });
  assert.equal(client.statusCode, 400);
  assert.equal(calls, 0);
  assert.equal((await new Client(app).get("/", { headers: { Host: "good.example" } })).text, "good.example");
});

test("cookie expires and maxAge given as strings must be an HTTP date or a number of seconds", () => {
  assert.throws(() => dumpCookie("a", "b", { expires: "x; Domain=evil.example" }), TypeError);
  assert.throws(() => dumpCookie("a", "b", { expires: "tomorrow" }), TypeError);
  assert.throws(() => dumpCookie("a", "b", { maxAge: "60; Domain=evil.example" as unknown as number }), TypeError);
  assert.throws(() => new Response("").setCookie("a", "b", { expires: "x; Domain=evil.example" }), TypeError);
  assert.equal(dumpCookie("a", "b", { expires: "Sun, 06 Nov 1994 08:49:37 GMT" }), "a=b; Expires=Sun, 06 Nov 1994 08:49:37 GMT; Path=/");
  assert.equal(dumpCookie("a", "b", { maxAge: "60" as unknown as number, expires: 0 }), "a=b; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=60; Path=/");
  assert.equal(dumpCookie("a", "b", { maxAge: 60, expires: 0 }), "a=b; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=60; Path=/");
});
