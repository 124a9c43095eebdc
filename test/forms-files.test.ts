// Uploaded files: FileStorage, spooling to temp files and their cleanup, stream factories,
// secureFilename, and the multipart encoder used by the test client.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { encodeMultipart, FileStorage, openTempFileCount, parseFormData, secureFilename, ClientDisconnected } from "wz";
import { inPieces, pairs } from "./support/forms.js";

function upload(content: Buffer, filename = "data.bin", extra = ""): { body: Buffer; contentType: string } {
  const head = `--b\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n${extra}\r\n`;
  return { body: Buffer.concat([Buffer.from(head), content, Buffer.from("\r\n--b--\r\n")]), contentType: "multipart/form-data; boundary=b" };
}

async function wzTempFiles(): Promise<string[]> {
  return (await readdir(tmpdir())).filter((name) => name.startsWith("wz-upload-"));
}

test("files up to 500 KiB stay in memory; one byte more goes to a temp file", async () => {
  const before = openTempFileCount();
  for (const [size, onDisk] of [
    [500 * 1024, false],
    [500 * 1024 + 1, true],
  ] as const) {
    const content = Buffer.alloc(size, 7);
    const { body, contentType } = upload(content);
    const parsed = await parseFormData({ body: inPieces(body, 65536), contentType, contentLength: body.length });
    assert.equal(openTempFileCount() - before, onDisk ? 1 : 0, `size ${size}`);
    const file = parsed.files.get("file")!;
    assert.equal(file.size, size);
    assert.ok((await file.bytes()).equals(content));
    await parsed.cleanup();
    assert.equal(openTempFileCount(), before);
  }
});

test("the spool threshold is configurable", async () => {
  const before = openTempFileCount();
  const { body, contentType } = upload(Buffer.alloc(11, 1));
  const parsed = await parseFormData({ body: [body], contentType, contentLength: body.length, limits: { spoolThreshold: 10 } });
  assert.equal(openTempFileCount() - before, 1);
  await parsed.cleanup();
  assert.equal(openTempFileCount(), before);
});

test("a temp file never appears in the temp directory under a guessable or client-chosen name", async () => {
  const { body, contentType } = upload(Buffer.alloc(600_000, 1), "../../evil.sh");
  const parsed = await parseFormData({ body: inPieces(body, 65536), contentType, contentLength: body.length });
  assert.deepEqual(await wzTempFiles(), []);
  assert.equal(parsed.files.get("file")!.filename, "../../evil.sh");
  await parsed.cleanup();
});

test("stream, bytes and save read the whole content, each from the first byte", async () => {
  const dir = await mkdtemp(join(tmpdir(), "wz-forms-test-"));
  try {
    for (const size of [10, 700_000]) {
      const content = Buffer.alloc(size);
      for (let i = 0; i < size; i++) content[i] = (i * 31) & 0xff;
      const { body, contentType } = upload(content);
      const parsed = await parseFormData({ body: inPieces(body, 65536), contentType, contentLength: body.length });
      const file = parsed.files.get("file")!;
      const streamed: Buffer[] = [];
      for await (const chunk of file.stream as AsyncIterable<Buffer>) streamed.push(chunk);
      assert.ok(Buffer.concat(streamed).equals(content));
      assert.ok((await file.bytes()).equals(content));
      const target = join(dir, `saved-${size}`);
      await file.save(target);
      assert.ok((await readFile(target)).equals(content));
      const collected: Buffer[] = [];
      await file.save(
        new Writable({
          write(chunk, _encoding, done) {
            collected.push(chunk);
            done();
          },
        }),
      );
      assert.ok(Buffer.concat(collected).equals(content));
      await parsed.cleanup();
      await assert.rejects(file.bytes(), /closed/);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("temp files are closed when parsing fails part-way", async () => {
  const before = openTempFileCount();
  const { body, contentType } = upload(Buffer.alloc(800_000, 3));
  // The body ends before its Content-Length: the client went away.
  const truncated = body.subarray(0, 700_000);
  await assert.rejects(parseFormData({ body: inPieces(truncated, 65536), contentType, contentLength: body.length }), ClientDisconnected);
  assert.equal(openTempFileCount(), before);
});

test("a stream factory receives each file part's bytes and metadata", async () => {
  const seen: unknown[] = [];
  const sinks: Buffer[][] = [];
  const { body, contentType } = upload(Buffer.from("hello world"), "a.txt", "Content-Length: 11\r\n");
  const parsed = await parseFormData({
    body: [body],
    contentType,
    contentLength: body.length,
    limits: {
      streamFactory: (info) => {
        seen.push(info);
        const chunks: Buffer[] = [];
        sinks.push(chunks);
        return new Writable({
          write(chunk, _encoding, done) {
            chunks.push(chunk);
            done();
          },
        });
      },
    },
  });
  assert.deepEqual(seen, [{ name: "file", filename: "a.txt", contentType: "application/octet-stream", contentLength: 11, totalContentLength: body.length }]);
  assert.equal(Buffer.concat(sinks[0]!).toString(), "hello world");
  const file = parsed.files.get("file")!;
  assert.equal(file.size, 11);
  await assert.rejects(file.bytes(), TypeError);
  await parsed.cleanup();
});

test("a stream factory's readable stream becomes the file's content", async () => {
  const { body, contentType } = upload(Buffer.from("abc"));
  const parsed = await parseFormData({ body: [body], contentType, contentLength: body.length, limits: { streamFactory: () => new PassThrough() } });
  assert.equal((await parsed.files.get("file")!.bytes()).toString(), "abc");
  await parsed.cleanup();
});

test("FileStorage built from data exposes Werkzeug's members", async () => {
  const file = new FileStorage({ data: "x,y", name: "csv", filename: "t.csv", contentType: "text/csv; charset=utf-8" });
  assert.equal(file.name, "csv");
  assert.equal(file.filename, "t.csv");
  assert.equal(file.contentType, "text/csv; charset=utf-8");
  assert.equal(file.mimetype, "text/csv");
  assert.deepEqual(file.mimetypeParams, { charset: "utf-8" });
  assert.equal(file.contentLength, 0);
  assert.equal(file.size, 3);
  assert.equal((await file.bytes()).toString(), "x,y");
  assert.equal(String(file), '<FileStorage: "t.csv" ("text/csv; charset=utf-8")>');
});

test("secureFilename gives Werkzeug's answers", () => {
  // Werkzeug 3.1.8 secure_filename (on POSIX).
  const werkzeug: Record<string, string> = {
    "My cool movie.mov": "My_cool_movie.mov",
    "../../../etc/passwd": "etc_passwd",
    "i contain cool \u00fcml\u00e4uts.txt": "i_contain_cool_umlauts.txt",
    "..": "",
    "  ": "",
    "\u00bd file.txt": "12_file.txt",
    "._hidden_.": "hidden",
    "x\u001cy": "x_y",
    "r\u00e9sum\u00e9.pdf": "resume.pdf",
    "\ufb01le.txt": "file.txt",
  };
  for (const [input, expected] of Object.entries(werkzeug)) assert.equal(secureFilename(input), expected, input);
});

test("secureFilename applies the Windows rules on every OS (Werkzeug does only on Windows)", () => {
  assert.equal(secureFilename("a\\b/c"), "a_b_c"); // Werkzeug on POSIX: "ab_c"
  assert.equal(secureFilename("CON"), "_CON"); // Werkzeug on POSIX: "CON"
  assert.equal(secureFilename("NUL.tar.gz"), "_NUL.tar.gz");
  assert.equal(secureFilename("..\\..\\windows\\win.ini"), "windows_win.ini");
});

test("encodeMultipart output parses back to the same fields and files", async () => {
  const { body, contentType } = encodeMultipart(
    [
      ["name", "Ada"],
      ["name", "Grace"],
      ["quote", 'say "hi"\r\n'],
    ],
    [
      ["doc", { data: "hello", filename: "h.txt" }],
      ["doc", new FileStorage({ data: Buffer.from([0, 1, 2]), filename: 'we"ird.bin', headers: [["X-Extra", "1"]] })],
      ["raw", Buffer.from("zz")],
    ],
  );
  assert.match(contentType, /^multipart\/form-data; boundary=-+wzFormBoundary[0-9a-f]{32}$/);
  const parsed = await parseFormData({ body: [body], contentType, contentLength: body.length });
  assert.deepEqual(pairs(parsed.form), [
    ["name", "Ada"],
    ["name", "Grace"],
    ["quote", 'say "hi"\r\n'],
  ]);
  const docs = parsed.files.getList("doc");
  assert.deepEqual(
    docs.map((file) => [file.filename, file.contentType]),
    [
      ["h.txt", "text/plain"],
      ['we"ird.bin', "application/octet-stream"],
    ],
  );
  assert.equal(docs[1]!.headers.get("x-extra"), "1");
  assert.equal((await docs[0]!.bytes()).toString(), "hello");
  assert.deepEqual([...(await docs[1]!.bytes())], [0, 1, 2]);
  assert.equal(parsed.files.get("raw")!.filename, "");
  await parsed.cleanup();
});

test("many small files share a memory budget per request; the rest spill to temp files", async () => {
  const before = openTempFileCount();
  const content = Buffer.alloc(400_000, 5);
  const files: [string, { data: Buffer; filename: string }][] = Array.from({ length: 40 }, (_, i) => [`f${i}`, { data: content, filename: `${i}.bin` }]);
  const { body, contentType } = encodeMultipart(null, files);
  const parsed = await parseFormData({ body: inPieces(body, 65536), contentType, contentLength: body.length });
  // 16 x 500 KiB of memory holds 20 files of 400 kB; the other 20 are on disk.
  assert.equal(openTempFileCount() - before, 20);
  for (const [, file] of pairs(parsed.files)) assert.ok((await file.bytes()).equals(content));
  await parsed.cleanup();
  assert.equal(openTempFileCount(), before);
});
