// Response: expected values recorded from Werkzeug 3.1.8.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Response, Request, RequestedRangeNotSatisfiable, prepareResponse, redirect, sendFile } from "wz";

const wire = (response: Response, method = "GET") => prepareResponse(response, method);

test("status renders code and upper-cased phrase; custom lines are kept", () => {
  assert.equal(new Response("x", { status: 404 }).status, "404 NOT FOUND");
  assert.equal(new Response("x", { status: 799 }).status, "799 UNKNOWN");
  assert.equal(new Response("x", { status: "299 Custom" }).status, "299 Custom");
  assert.equal(new Response("x", { status: "299 Custom" }).statusCode, 299);
  assert.equal(new Response("x", { status: "msg" }).status, "0 msg");
  assert.throws(() => new Response("x", { status: " " }));
  const response = new Response();
  response.statusCode = 201;
  assert.equal(response.status, "201 CREATED");
});

test("the charset rule: text, +xml and a few application types get charset=utf-8", () => {
  assert.equal(new Response("x").contentType, "text/plain; charset=utf-8");
  assert.equal(new Response("x", { mimetype: "application/xml" }).contentType, "application/xml; charset=utf-8");
  assert.equal(new Response("x", { mimetype: "image/svg+xml" }).contentType, "image/svg+xml; charset=utf-8");
  assert.equal(new Response("x", { mimetype: "application/json" }).contentType, "application/json");
  assert.equal(new Response("x", { contentType: "text/html" }).contentType, "text/html");
  assert.equal(new Response("x", { headers: { "Content-Type": "text/csv" } }).contentType, "text/csv");
});

test("a string or bytes body gets Content-Length; a streamed body does not", () => {
  const response = new Response("héllo");
  assert.equal(response.headers.get("content-length"), "6");
  assert.deepEqual(wire(response).headers, ["Content-Type", "text/plain; charset=utf-8", "Content-Length", "6"]);
  const streamed = new Response(
    (function* () {
      yield "a";
    })(),
  );
  assert.equal(streamed.isStreamed, true);
  assert.deepEqual(wire(streamed).headers, ["Content-Type", "text/plain; charset=utf-8"]);
});

test("setData replaces the body and updates Content-Length", async () => {
  const response = new Response("abc");
  response.headers.set("X-A", "1");
  response.setData("abcdef");
  assert.equal(response.headers.get("content-length"), "6");
  assert.equal(await response.getData(true), "abcdef");
});

test("getData buffers a stream (async iterables and Node streams) and keeps it as the body", async () => {
  const response = new Response(Readable.from([Buffer.from("a"), "b"]));
  assert.equal(await response.getData(true), "ab");
  assert.equal(response.isSequence, true);
  assert.equal(response.text, "ab");
  assert.throws(
    () =>
      new Response(
        (async function* () {
          yield "x";
        })(),
      ).text,
    /await response.getData/,
  );
  const passthrough = new Response(
    (function* () {
      yield "x";
    })(),
    { directPassthrough: true },
  );
  await assert.rejects(passthrough.getData(), /directPassthrough/);
});

test("json reads a JSON body and is undefined for other mimetypes", () => {
  assert.deepEqual(new Response('{"a":1}', { mimetype: "application/json" }).json, { a: 1 });
  assert.equal(new Response('{"a":1}').json, undefined);
});

test("mimetypeParams rewrites the Content-Type", () => {
  const response = new Response();
  response.mimetypeParams.set("charset", "latin-1");
  assert.equal(response.headers.get("content-type"), "text/plain; charset=latin-1");
  response.mimetypeParams = { charset: "utf-8", format: "flowed" };
  assert.equal(response.headers.get("content-type"), "text/plain; charset=utf-8; format=flowed");
});

test("setCookie writes every attribute in Werkzeug's order; Partitioned implies Secure", () => {
  const response = new Response();
  response.setCookie("k", "v w", {
    maxAge: 60,
    expires: new Date(Date.UTC(2026, 10, 26, 13, 49, 59)),
    secure: true,
    httpOnly: true,
    sameSite: "lax",
    partitioned: true,
  });
  assert.deepEqual(response.headers.getAll("set-cookie"), [
    'k="v w"; Expires=Thu, 26 Nov 2026 13:49:59 GMT; Max-Age=60; Secure; HttpOnly; Path=/; SameSite=Lax; Partitioned',
  ]);
  const partitioned = new Response();
  partitioned.setCookie("p", "1", { partitioned: true });
  assert.match(partitioned.headers.get("set-cookie")!, /; Secure; Path=\/; Partitioned$/);
});

test("deleteCookie expires the cookie at the epoch with Max-Age=0", () => {
  const response = new Response();
  response.deleteCookie("k");
  assert.equal(response.headers.get("set-cookie"), "k=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/");
});

test("cacheControl and vary are live views of their headers", () => {
  const response = new Response("x");
  const cc = response.cacheControl;
  cc.maxAge = 60;
  cc.public = true;
  cc.noCache = true;
  assert.equal(response.headers.get("cache-control"), "max-age=60, public, no-cache");
  response.vary.add("Accept");
  response.vary.add("Cookie");
  assert.equal(response.headers.get("vary"), "Accept, Cookie");
  response.vary = [];
  assert.equal(response.headers.has("vary"), false);
});

test("dates, ETag and age properties", () => {
  const response = new Response("x");
  response.lastModified = 1000000000;
  assert.equal(response.headers.get("last-modified"), "Sun, 09 Sep 2001 01:46:40 GMT");
  assert.equal(response.lastModified?.getTime(), 1000000000000);
  response.setEtag("abc", true);
  assert.equal(response.headers.get("etag"), 'W/"abc"');
  assert.deepEqual(response.getEtag(), ["abc", true]);
  assert.throws(() => response.setEtag('a"b'));
  response.age = 30;
  assert.equal(response.age, 30);
  assert.deepEqual(new Response().getEtag(), [null, null]);
});

test("Location is converted from IRI to URI at send time, kept relative", () => {
  const response = new Response("x");
  response.headers.set("Location", "/ünicode path?q=é");
  assert.deepEqual(wire(response).headers.slice(4), ["Location", "/%C3%BCnicode%20path?q=%C3%A9"]);
  assert.equal(response.headers.get("location"), "/ünicode path?q=é");
  const external = redirect("http://☃.net/påth");
  assert.equal(wire(external).headers[wire(external).headers.indexOf("Location") + 1], "http://xn--n3h.net/p%C3%A5th");
});

test("304 drops entity headers except Expires and Content-Location; 204 drops Content-Length", () => {
  const notModified = new Response("hello", { status: 304 });
  notModified.headers.set("ETag", '"a"');
  notModified.headers.set("Last-Modified", "Thu, 01 Jan 1970 00:00:00 GMT");
  notModified.headers.set("Expires", "x");
  notModified.headers.set("Vary", "Accept");
  const sent = wire(notModified);
  assert.deepEqual(sent.headers, ["ETag", '"a"', "Expires", "x", "Vary", "Accept"]);
  assert.equal(sent.body, null);
  const noContent = wire(new Response("hello", { status: 204 }));
  assert.deepEqual(noContent.headers, ["Content-Type", "text/plain; charset=utf-8"]);
  assert.equal(noContent.body, null);
});

test("HEAD sends no body but keeps the computed Content-Length", () => {
  const sent = wire(new Response("hello"), "HEAD");
  assert.equal(sent.body, null);
  assert.deepEqual(sent.headers, ["Content-Type", "text/plain; charset=utf-8", "Content-Length", "5"]);
});

test("close() closes the body and runs callbacks in order; callOnClose returns the function", () => {
  const calls: string[] = [];
  const response = new Response(
    (function* () {
      try {
        yield "x";
      } finally {
        calls.push("body");
      }
    })(),
  );
  const fn = () => calls.push("first");
  assert.equal(response.callOnClose(fn), fn);
  response.callOnClose(() => calls.push("second"));
  response.close();
  assert.deepEqual(calls, ["first", "second"]);
});

function conditional(headers: Record<string, string>, method = "GET") {
  const request = Request.fromValues({ method, headers });
  const response = new Response("0123456789");
  response.setEtag("abc");
  response.lastModified = 1000000000;
  return { request, response };
}

test("makeConditional: a matching If-None-Match gives 304, only for GET and HEAD", async () => {
  let { request, response } = conditional({ "If-None-Match": '"abc"' });
  assert.equal((await response.makeConditional(request)).statusCode, 304);
  assert.ok(response.headers.has("date"));
  ({ request, response } = conditional({ "If-None-Match": '"abc"' }, "POST"));
  assert.equal((await response.makeConditional(request)).statusCode, 200);
  ({ request, response } = conditional({ "If-Modified-Since": "Sun, 09 Sep 2001 01:46:40 GMT" }));
  assert.equal((await response.makeConditional(request)).statusCode, 304);
});

test("makeConditional: a failing If-Match gives 412, and so does If-Match: * (Werkzeug's quirk)", async () => {
  for (const ifMatch of ['"zzz"', "*"]) {
    const { request, response } = conditional({ "If-Match": ifMatch });
    assert.equal((await response.makeConditional(request)).statusCode, 412);
  }
});

test("makeConditional: one satisfiable range gives 206 with Content-Range and the slice", async () => {
  const { request, response } = conditional({ Range: "bytes=2-4" });
  await response.makeConditional(request, { acceptRanges: true, completeLength: 10 });
  assert.equal(response.statusCode, 206);
  assert.equal(response.headers.get("content-range"), "bytes 2-4/10");
  assert.equal(response.headers.get("content-length"), "3");
  assert.equal(response.headers.get("accept-ranges"), "bytes");
  assert.equal(await response.getData(true), "234");
});

test("makeConditional: unsatisfiable or multiple ranges throw a 416 with Content-Range */length", async () => {
  for (const range of ["bytes=20-30", "bytes=0-1,3-4"]) {
    const { request, response } = conditional({ Range: range });
    await assert.rejects(
      response.makeConditional(request, { acceptRanges: true, completeLength: 10 }),
      (error: unknown) => error instanceof RequestedRangeNotSatisfiable && error.getHeaders()[1]![1] === "bytes */10",
    );
  }
});

test("makeConditional: a stale If-Range or no Range gives the full body with Accept-Ranges", async () => {
  for (const headers of [{ Range: "bytes=2-4", "If-Range": '"other"' }, {}] as Record<string, string>[]) {
    const { request, response } = conditional(headers);
    await response.makeConditional(request, { acceptRanges: true, completeLength: 10 });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers.get("accept-ranges"), "bytes");
    assert.equal(await response.getData(true), "0123456789");
  }
});

test("a range of a streamed body skips and trims chunks", async () => {
  const request = Request.fromValues({ headers: { Range: "bytes=3-6" } });
  const response = new Response(Readable.from(["01", "2345", "6789"]));
  await response.makeConditional(request, { acceptRanges: true, completeLength: 10 });
  assert.equal(await response.getData(true), "3456");
});

test("sendFile sets type, disposition, no-cache, ETag and Last-Modified, and answers ranges", async () => {
  const dir = await mkdtemp(join(tmpdir(), "wz-sendfile-"));
  const path = join(dir, "résumé.txt");
  await writeFile(path, "0123456789");
  const response = await sendFile(path, Request.fromValues({}), { asAttachment: true });
  assert.equal(response.contentType, "text/plain; charset=utf-8");
  assert.equal(response.headers.get("content-disposition"), "attachment; filename=resume.txt; filename*=UTF-8''r%C3%A9sum%C3%A9.txt");
  assert.equal(response.headers.get("cache-control"), "no-cache");
  assert.equal(response.contentLength, 10);
  assert.match(response.headers.get("etag")!, /^"\d+(\.\d+)?-10-\d+"$/);
  assert.ok(response.lastModified);
  const ranged = await sendFile(path, Request.fromValues({ headers: { Range: "bytes=-3" } }));
  assert.equal(ranged.statusCode, 206);
  assert.equal(ranged.headers.get("content-disposition"), "inline; filename=resume.txt; filename*=UTF-8''r%C3%A9sum%C3%A9.txt");
  const chunks: Buffer[] = [];
  for await (const chunk of ranged.body as AsyncIterable<Buffer>) chunks.push(chunk);
  assert.equal(Buffer.concat(chunks).toString(), "789");
  const cached = await sendFile(path, Request.fromValues({}), { maxAge: 60 });
  assert.equal(cached.headers.get("cache-control"), "public, max-age=60");
  assert.ok(cached.expires);
  await assert.rejects(sendFile(new Uint8Array(1), Request.fromValues({})), TypeError);
});
