// Where a Request puts uploaded files: `spoolThreshold` (memory up to it, then a temp file) and
// `streamFactory` (Werkzeug's `_get_file_stream`), both static on Request and settable per request.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { Client, Request, Response, openTempFileCount } from "wz";

const file = { data: Buffer.alloc(4000, 0x62), filename: "b.bin" };

async function tempFilesWhileOpen(request: Request): Promise<Response> {
  if (request.args.get("threshold") !== undefined) request.spoolThreshold = Number(request.args.get("threshold"));
  const files = await request.files();
  return new Response(`${openTempFileCount()} ${files.get("f")?.size}`);
}

test("a file over the request's spoolThreshold goes to a temp file; the default keeps it in memory", async () => {
  const client = new Client(tempFilesWhileOpen);
  const baseline = openTempFileCount();
  assert.equal(Request.spoolThreshold, 500 * 1024);
  assert.equal((await client.post("/", { data: { f: file } })).text, `${baseline} 4000`);
  assert.equal((await client.post("/?threshold=1000", { data: { f: file } })).text, `${baseline + 1} 4000`);
  assert.equal(openTempFileCount(), baseline);
});

test("a class-level spoolThreshold and streamFactory reach the form parser", async () => {
  const received: Buffer[] = [];
  class Small extends Request {
    static override spoolThreshold = 1000;
  }
  class Sink extends Request {
    static override streamFactory = () =>
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          received.push(chunk);
          callback();
        },
      });
  }
  const baseline = openTempFileCount();
  assert.equal((await new Client(tempFilesWhileOpen, { requestClass: Small }).post("/", { data: { f: file } })).text, `${baseline + 1} 4000`);
  await new Client(tempFilesWhileOpen, { requestClass: Sink }).post("/", { data: { f: file } });
  assert.equal(Buffer.concat(received).byteLength, 4000);
});
