// request.form() and request.files() through the in-process Client and over node:http
// (serve): both paths must give the same answers, the same limit errors, and release files.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { connect } from "node:net";
import { Client, FileStorage, Response, serve, openTempFileCount, type Request, type WzServer } from "wz";

async function describe(request: Request): Promise<Response> {
  const limit = request.args.get("maxFormParts");
  if (limit !== undefined) request.maxFormParts = Number(limit);
  const form = await request.form();
  const files = await request.files();
  const fileSummaries = [];
  for (const [name, list] of files.lists()) {
    for (const file of list) {
      fileSummaries.push({
        name,
        filename: file.filename,
        contentType: file.contentType,
        size: file.size,
        sha: (await file.bytes()).toString("base64").slice(0, 16),
      });
    }
  }
  return new Response(JSON.stringify({ form: [...form.lists()], files: fileSummaries }), { mimetype: "application/json" });
}

let server: WzServer;
const client = new Client(describe);
before(async () => {
  server = await serve(describe, { port: 0 });
});
after(() => server.close());

const bigFile = Buffer.alloc(700_000);
for (let i = 0; i < bigFile.length; i++) bigFile[i] = (i * 7) & 0xff;

test("fields and files sent by the Client are read back by request.form() and request.files()", async () => {
  const response = await client.post("/", {
    data: {
      name: ["Ada", "Grace"],
      note: "a b&c",
      doc: new FileStorage({ data: "hello", filename: "h.txt", contentType: "text/plain" }),
      big: { data: bigFile, filename: "big.bin" },
    },
  });
  assert.equal(response.statusCode, 200);
  assert.deepEqual(response.json, {
    form: [
      ["name", ["Ada", "Grace"]],
      ["note", ["a b&c"]],
    ],
    files: [
      { name: "doc", filename: "h.txt", contentType: "text/plain", size: 5, sha: Buffer.from("hello").toString("base64") },
      { name: "big", filename: "big.bin", contentType: "application/octet-stream", size: 700_000, sha: bigFile.toString("base64").slice(0, 16) },
    ],
  });
});

test("the same multipart body gives the same answer in-process and over node:http", async () => {
  const form = new FormData();
  form.append("name", "Ada");
  form.append("name", "Grace");
  form.append("big", new Blob([bigFile], { type: "application/octet-stream" }), "big.bin");
  // Let fetch encode it (a real client's encoder), then replay the same bytes in-process.
  const encoded = new globalThis.Response(form);
  const body = Buffer.from(await encoded.arrayBuffer());
  const contentType = encoded.headers.get("content-type")!;
  const overHttp = await fetch(`${server.url}/`, { method: "POST", body, headers: { "content-type": contentType } });
  const inProcess = await client.post("/", { data: body, contentType });
  assert.equal(overHttp.status, 200);
  assert.deepEqual(await overHttp.json(), inProcess.json);
});

test("a urlencoded body gives the same answer in-process and over node:http", async () => {
  const body = "a=1&a=%FF&b=x+y&c[d]=e";
  const overHttp = await fetch(`${server.url}/`, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } });
  const inProcess = await client.post("/", { data: body, contentType: "application/x-www-form-urlencoded" });
  assert.deepEqual(await overHttp.json(), inProcess.json);
  assert.deepEqual(inProcess.json, {
    form: [
      ["a", ["1", "%FF"]],
      ["b", ["x y"]],
      ["c[d]", ["e"]],
    ],
    files: [],
  });
});

test("a per-request maxFormParts gives the same 413 in-process and over node:http", async () => {
  const data = { a: "1", b: "2", f: { data: "x", filename: "x.txt" } };
  const inProcess = await client.post("/?maxFormParts=2", { data });
  assert.equal(inProcess.statusCode, 413);
  const encoded = await client.post("/", { data });
  assert.equal(encoded.statusCode, 200);
  const form = new FormData();
  form.append("a", "1");
  form.append("b", "2");
  form.append("f", new Blob(["x"]), "x.txt");
  const overHttp = await fetch(`${server.url}/?maxFormParts=2`, { method: "POST", body: form });
  assert.equal(overHttp.status, 413);
});

test("temp files are released when the request ends, in-process and over node:http", async () => {
  const baseline = openTempFileCount();
  await client.post("/", { data: { big: { data: bigFile, filename: "big.bin" } } });
  assert.equal(openTempFileCount(), baseline);
  const form = new FormData();
  form.append("big", new Blob([bigFile]), "big.bin");
  const response = await fetch(`${server.url}/`, { method: "POST", body: form });
  await response.arrayBuffer();
  const deadline = Date.now() + 2000;
  while (openTempFileCount() !== baseline && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(openTempFileCount(), baseline);
});

test("uploads aborted by the client release their temp files over serve", async () => {
  const baseline = openTempFileCount();
  const boundary = "b0undary";
  const headPart = `--${boundary}\r\nContent-Disposition: form-data; name="f"; filename="a.bin"\r\n\r\n`;
  for (let i = 0; i < 20; i++) {
    await new Promise<void>((resolve) => {
      const socket = connect(server.port, "127.0.0.1", () => {
        socket.write(`POST / HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: 4000000\r\n\r\n${headPart}`);
        socket.write(Buffer.alloc(1_000_000, 1), () =>
          setTimeout(() => {
            socket.destroy();
            resolve();
          }, 5),
        );
      });
      socket.on("error", () => resolve());
    });
  }
  const deadline = Date.now() + 3000;
  while (openTempFileCount() !== baseline && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(openTempFileCount(), baseline);
  assert.equal((await fetch(`${server.url}/`, { method: "POST", body: new URLSearchParams({ still: "serving" }) })).status, 200);
});
