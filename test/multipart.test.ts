// Multipart form bodies. Expected values were produced by Werkzeug 3.1.8
// (Request.from_values(...).form / .files); where wz differs on purpose the test says so.
import { test } from "node:test";
import assert from "node:assert/strict";
import busboy from "busboy";
import { Readable } from "node:stream";
import { parseFormData, MultipartDecoder, BadRequest, RequestEntityTooLarge, type MultipartEvent } from "wz";
import { chunked, inPieces, pairs, summarize, type Summary } from "./support/forms.js";

const FOO = "multipart/form-data; boundary=foo";
const bytes = (text: string) => Buffer.from(text, "latin1");

test("fields and files are read with their headers, filename as sent", async () => {
  const body = bytes(
    '--foo\r\nContent-Disposition: form-data; name="a"\r\n\r\nhello\r\n--foo\r\nContent-Disposition: form-data; name="f"; filename="a b.txt"\r\nContent-Type: text/plain\r\nX-Custom: yes\r\n\r\nfile\r\ncontent\r\n--foo--\r\n',
  );
  const parsed = await parseFormData({ body: [body], contentType: FOO, contentLength: body.length });
  assert.deepEqual(pairs(parsed.form), [["a", "hello"]]);
  const file = parsed.files.get("f")!;
  assert.equal(file.name, "f");
  assert.equal(file.filename, "a b.txt");
  assert.equal(file.contentType, "text/plain");
  assert.equal(file.mimetype, "text/plain");
  assert.equal(file.headers.get("x-custom"), "yes");
  assert.equal(file.headers.get("Content-Disposition"), 'form-data; name="f"; filename="a b.txt"');
  assert.equal(file.size, 13);
  assert.equal((await file.bytes()).toString(), "file\r\ncontent");
  await parsed.cleanup();
});

const werkzeugCases: [string, string, string, { form: [string, string][]; files?: [string, string, string][] }][] = [
  ["a part without Content-Disposition makes the whole form empty", FOO, "--foo\r\nX: y\r\n\r\nhello\r\n--foo--", { form: [] }],
  ["a body that ends inside a part gives an empty form", FOO, '--foo\r\nContent-Disposition: form-data; name="a"\r\n\r\nhello', { form: [] }],
  [
    "a file part without its closing boundary gives no files",
    FOO,
    '--foo\r\nContent-Disposition: form-data; name="test"; filename="test.txt"\r\nContent-Type: text/plain\r\n\r\nfile contents and no end',
    { form: [] },
  ],
  [
    "a missing boundary parameter gives an empty form",
    "multipart/form-data",
    '--foo\r\nContent-Disposition: form-data; name="a"\r\n\r\nhello\r\n--foo--',
    { form: [] },
  ],
  [
    "a non-ASCII boundary gives an empty form",
    "multipart/form-data; boundary=é",
    '--\xc3\xa9\r\nContent-Disposition: form-data; name="a"\r\n\r\nv\r\n--\xc3\xa9--',
    { form: [] },
  ],
  ["part headers that are not UTF-8 give an empty form", FOO, '--foo\r\nContent-Disposition: form-data; name="\xff"\r\n\r\nhello\r\n--foo--', { form: [] }],
  [
    "UTF-8 names and filenames are decoded",
    FOO,
    '--foo\r\nContent-Disposition: form-data; name="\xc3\xb1"; filename="\xe2\x98\x83 x.txt"\r\n\r\nhi\r\n--foo--',
    { form: [], files: [["ñ", "☃ x.txt", "hi"]] },
  ],
  [
    "only ascii, utf-8 and iso-8859-1 part charsets are honoured; others read as UTF-8 with replacement",
    FOO,
    '--foo\r\nContent-Disposition: form-data; name="a"\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\n\xe9\r\n--foo\r\nContent-Disposition: form-data; name="b"\r\nContent-Type: text/plain; charset=utf-7\r\n\r\n+AOk-\xc3\xa9\r\n--foo\r\nContent-Disposition: form-data; name="c"\r\nContent-Type: text/plain; charset=ascii\r\n\r\n\xe9x\r\n--foo\r\nContent-Disposition: form-data; name="d"\r\n\r\n\xff\xc3\xa9\r\n--foo--',
    {
      form: [
        ["a", "é"],
        ["b", "+AOk-é"],
        ["c", "\ufffdx"],
        ["d", "\ufffdé"],
      ],
    },
  ],
  [
    "a folded first header line is joined, never a crash (dicer CVE-2022-24434)",
    FOO,
    '--foo\r\n Content-Disposition: form-data; name="x"\r\n\r\n\r\n--foo--',
    { form: [["x", ""]] },
  ],
  ["folded header lines are joined", FOO, '--foo\r\nContent-Disposition: form-data;\r\n name="x"\r\n\r\nv\r\n--foo--', { form: [["x", "v"]] }],
  [
    "a header line without a colon does not spoil the part",
    FOO,
    '--foo\r\nContent-Disposition: form-data; name="x"\r\ngarbage\r\n\r\nv\r\n--foo--',
    { form: [["x", "v"]] },
  ],
  [
    "an empty field name is kept as the empty key (multer CVE-2025-48997 crashed)",
    FOO,
    '--foo\r\nContent-Disposition: form-data; name=""\r\n\r\nv\r\n--foo--',
    { form: [["", "v"]] },
  ],
  [
    "an empty filename still makes a file part",
    FOO,
    '--foo\r\nContent-Disposition: form-data; name="f"; filename=""\r\n\r\n\r\n--foo--',
    { form: [], files: [["f", "", ""]] },
  ],
  [
    "a filename with a path is kept as sent",
    FOO,
    '--foo\r\nContent-Disposition: form-data; name="f"; filename="../../etc/passwd"\r\n\r\nx\r\n--foo--',
    { form: [], files: [["f", "../../etc/passwd", "x"]] },
  ],
  [
    "%22 and backslash-escaped quotes in a filename are both a quote",
    FOO,
    '--foo\r\nContent-Disposition: form-data; name="f"; filename="a%22b\\"c.txt"\r\n\r\nx\r\n--foo--',
    { form: [], files: [["f", 'a"b"c.txt', "x"]] },
  ],
  [
    "an RFC 2231 filename with continuations is joined and decoded",
    FOO,
    "--foo\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Disposition: form-data; name=rfc2231;\r\n\tfilename*0*=ascii''a%20b%20;\r\n\tfilename*1*=c%20d%20;\r\n\tfilename*2=\"e f.txt\"\r\n\r\nfile contents\r\n--foo--",
    { form: [], files: [["rfc2231", "a b c d e f.txt", "file contents"]] },
  ],
  [
    "filename* written after filename wins",
    FOO,
    "--foo\r\nContent-Disposition: form-data; name=f; filename=\"fallback.txt\"; filename*=UTF-8''%E2%98%83.txt\r\n\r\nx\r\n--foo--",
    { form: [], files: [["f", "☃.txt", "x"]] },
  ],
  ["a body of only the closing boundary is an empty form", FOO, "--foo--", { form: [] }],
  [
    "preamble and epilogue are ignored",
    FOO,
    'preamble\r\n--foo\r\nContent-Disposition: form-data; name="a"\r\n\r\nv\r\n--foo--\r\nepilogue',
    { form: [["a", "v"]] },
  ],
  [
    "extra line breaks before the first boundary are ignored",
    FOO,
    '\r\n\r\n--foo\r\nContent-Disposition: form-data; name="foo"\r\n\r\na string\r\n--foo--',
    { form: [["foo", "a string"]] },
  ],
  [
    "spaces and tabs may follow a boundary",
    FOO,
    '--foo  \r\nContent-Disposition: form-data; name="a"\r\n\r\nv\r\n--foo \t\r\nContent-Disposition: form-data; name="b"\r\n\r\nw\r\n--foo--',
    {
      form: [
        ["a", "v"],
        ["b", "w"],
      ],
    },
  ],
  [
    "a boundary line inside a value starts a new part",
    FOO,
    '--foo\r\nContent-Disposition: form-data; name="a"\r\n\r\n--foo\r\n--fooX\r\nx--foo\r\n--foo--',
    { form: [] },
  ],
  [
    "regex-special characters in the boundary are literal",
    'multipart/form-data; boundary="a.*+?b"',
    '--a.*+?b\r\nContent-Disposition: form-data; name="a"\r\n\r\nv\r\n--a.*+?b--',
    { form: [["a", "v"]] },
  ],
  ["the disposition type is not checked", FOO, '--foo\r\nContent-Disposition: attachment; name="a"\r\n\r\nv\r\n--foo--', { form: [["a", "v"]] }],
  ["a value with no blank line before the boundary is empty", FOO, '--foo\r\nContent-Disposition: form-data; name="a"\r\n\r\n--foo--', { form: [["a", ""]] }],
  [
    "a byte order mark stays in the value",
    FOO,
    '--foo\r\nContent-Disposition: form-data; name="x"\r\n\r\n\xef\xbb\xbfv\r\n--foo--',
    { form: [["x", "\ufeffv"]] },
  ],
  [
    "the mimetype is matched without regard to case",
    "Multipart/Form-Data; boundary=foo",
    '--foo\r\nContent-Disposition: form-data; name="x"\r\n\r\nv\r\n--foo--',
    { form: [["x", "v"]] },
  ],
  [
    "bare LF line breaks are accepted",
    FOO,
    "--foo\nContent-Disposition: form-data; name=foo\n\nthis is just bar\n--foo\nContent-Disposition: form-data; name=bar\n\nblafasel\n--foo--",
    {
      form: [
        ["foo", "this is just bar"],
        ["bar", "blafasel"],
      ],
    },
  ],
  [
    "bare CR line breaks are accepted",
    FOO,
    "--foo\rContent-Disposition: form-data; name=foo\r\rthis is just bar\r--foo\rContent-Disposition: form-data; name=bar\r\rblafasel\r--foo--",
    {
      form: [
        ["foo", "this is just bar"],
        ["bar", "blafasel"],
      ],
    },
  ],
];

for (const [title, contentType, body, expected] of werkzeugCases) {
  test(title, async () => {
    const summary = await summarize([bytes(body)], contentType);
    assert.deepEqual(summary.form, expected.form);
    assert.deepEqual(summary.files, expected.files ?? []);
  });
}

test("every two-chunk split of each body parses the same as one chunk", async () => {
  for (const [, contentType, text] of werkzeugCases) {
    const body = bytes(text);
    const whole = await summarize([body], contentType);
    for (let cut = 1; cut < body.length; cut++) {
      assert.deepEqual(await summarize(chunked(body, [cut]), contentType), whole, `cut at ${cut} of ${JSON.stringify(text)}`);
    }
    assert.deepEqual(await summarize(inPieces(body, 1), contentType), whole, `one byte at a time: ${JSON.stringify(text)}`);
  }
});

test("line breaks split across chunks at a 64 KiB edge stay in the value (Werkzeug issue 3065)", async () => {
  const body = Buffer.concat([
    bytes("--thirteenbytes\r\n"),
    bytes("Content-Disposition: form-data; name=tx3065\r\n\r\n"),
    bytes([...Array(2045).fill("\r".repeat(31)), "y".repeat(31)].join("\n")),
    bytes("\r\n"),
    bytes([...Array(2047).fill("\r".repeat(31)), "x".repeat(30)].join("\n")),
    bytes("\r\n--thirteenbytes--"),
  ]);
  const { form } = await summarize(inPieces(body, 65536), "multipart/form-data; boundary=thirteenbytes");
  const value = form[0]![1];
  assert.equal(value.length, 131072 - 64 - 1);
  assert.equal(value.at(-1), "x");
  assert.equal(value.slice(65470, 65473), "y\r\n");
});

test("trailing CRs at the end of a file are content (Werkzeug test_parse_form_post_data_trailing_CR)", async () => {
  for (const k of [1, 2]) {
    const sample = Buffer.concat([Buffer.alloc(65535), Buffer.alloc(k, 0x0d)]);
    const body = Buffer.concat([bytes('--foo\r\nContent-Disposition: form-data; name="foo"; filename="test.txt"\r\n\r\n'), sample, bytes("\r\n--foo--\r\n")]);
    for (const size of [65536, 4096, 7]) {
      const parsed = await parseFormData({ body: inPieces(body, size), contentType: FOO, contentLength: body.length });
      assert.deepEqual(await parsed.files.get("foo")!.bytes(), sample);
      await parsed.cleanup();
    }
  }
});

test("a field over maxFormMemorySize is a 413 even when it arrives in small chunks (CVE-2024-49767)", async () => {
  const body = Buffer.concat([bytes("--bound\r\nContent-Disposition: form-field; name=a\r\n\r\n"), Buffer.alloc(15, 0x61), bytes("\r\n--bound--")]);
  await assert.rejects(summarize(inPieces(body, 5), "multipart/form-data; boundary=bound", { maxFormMemorySize: 10 }), RequestEntityTooLarge);
  const big = Buffer.concat([bytes('--foo\r\nContent-Disposition: form-data; name="a"\r\n\r\n'), Buffer.alloc(600_000, 0x78), bytes("\r\n--foo--")]);
  await assert.rejects(summarize(inPieces(big, 1024), FOO), RequestEntityTooLarge);
});

test("a file part over maxFormMemorySize is accepted: only maxContentLength limits files", async () => {
  const big = Buffer.concat([
    bytes('--foo\r\nContent-Disposition: form-data; name="a"; filename="f"\r\n\r\n'),
    Buffer.alloc(600_000, 0x78),
    bytes("\r\n--foo--"),
  ]);
  const { files } = await summarize(inPieces(big, 65536), FOO);
  assert.equal(files[0]![2].length, 600_000);
});

test("the limits of Werkzeug's test_limiting give the same answers", async () => {
  const body = bytes(
    "--foo\r\nContent-Disposition: form-field; name=foo\r\n\r\nHello World\r\n--foo\r\nContent-Disposition: form-field; name=bar\r\n\r\nbar=baz\r\n--foo--",
  );
  assert.deepEqual((await summarize([body], FOO, { maxContentLength: 400 }, body.length)).form, [
    ["foo", "Hello World"],
    ["bar", "bar=baz"],
  ]);
  await assert.rejects(summarize([body], FOO, { maxFormMemorySize: 7 }, body.length), RequestEntityTooLarge);
  assert.deepEqual((await summarize([body], FOO, { maxFormMemorySize: 400 }, body.length)).form[0], ["foo", "Hello World"]);
  await assert.rejects(summarize([body], FOO, { maxFormParts: 1 }, body.length), RequestEntityTooLarge);
});

test("part headers that never end are a 413 once they exceed maxFormMemorySize", async () => {
  const body = Buffer.concat([bytes("--foo\r\nContent-Disposition: form-data; name=a\r\nX-Long: "), Buffer.alloc(2000, 0x61)]);
  await assert.rejects(summarize(inPieces(body, 100), FOO, { maxFormMemorySize: 1000 }), RequestEntityTooLarge);
});

test("silent: false turns malformed input into a 400", async () => {
  await assert.rejects(
    parseFormData({ body: [bytes("--foo\r\nX: y\r\n\r\nv\r\n--foo--")], contentType: FOO, contentLength: null, silent: false }),
    (error: unknown) => error instanceof BadRequest && /Content-Disposition/.test(error.description),
  );
});

test("the sans-IO decoder emits Werkzeug's events", () => {
  const decoder = new MultipartDecoder("foo");
  decoder.receiveData(bytes('--foo\r\nContent-Disposition: form-data; name="a"\r\n\r\nxy\r\n--foo--'));
  decoder.receiveData(null);
  const events: MultipartEvent[] = [];
  for (let event = decoder.nextEvent(); ; event = decoder.nextEvent()) {
    events.push(event);
    if (event.type === "epilogue" || event.type === "needData") break;
  }
  assert.deepEqual(
    events.map((event) => event.type),
    ["preamble", "field", "data", "epilogue"],
  );
  const data = events[2] as Extract<MultipartEvent, { type: "data" }>;
  assert.equal(Buffer.from(data.data).toString(), "xy");
  assert.equal(data.moreData, false);
});

// busboy as an oracle on well-formed bodies: both must see the same fields and files.
function randomForm(seed: number): { body: Buffer; boundary: string } {
  let state = seed;
  const random = (n: number) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
  const boundary = `----b${seed}x${random(1e6)}`;
  const parts: Buffer[] = [];
  for (let i = random(6); i >= 0; i--) {
    const isFile = random(2) === 0;
    const size = random(3) === 0 ? random(200_000) : random(300);
    const content = Buffer.alloc(size);
    for (let k = 0; k < size; k++) content[k] = isFile ? random(256) : 0x20 + random(95);
    if (size > 3 && random(2) === 0) content.write("\r\n--", random(size - 3), "latin1");
    const disposition = isFile ? `form-data; name="p${i}"; filename="f${i}.bin"` : `form-data; name="p${i}"`;
    parts.push(
      bytes(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${isFile ? "Content-Type: application/octet-stream\r\n" : ""}\r\n`),
      content,
      bytes("\r\n"),
    );
  }
  parts.push(bytes(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), boundary };
}

async function viaBusboy(body: Buffer, contentType: string): Promise<{ form: [string, string][]; files: [string, string, string][] }> {
  const form: [string, string][] = [];
  const files: [string, string, string][] = [];
  await new Promise<void>((resolve, reject) => {
    const parser = busboy({ headers: { "content-type": contentType }, defParamCharset: "utf8", preservePath: true, limits: { fieldSize: Infinity } });
    parser.on("field", (name, value) => form.push([name, value]));
    parser.on("file", (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => files.push([name, info.filename ?? "", Buffer.concat(chunks).toString("latin1")]));
    });
    parser.on("close", resolve);
    parser.on("error", reject);
    Readable.from(inPieces(body, 16384)).pipe(parser);
  });
  return { form, files };
}

test("well-formed random forms parse the same as with busboy", async () => {
  for (let seed = 1; seed <= 25; seed++) {
    const { body, boundary } = randomForm(seed);
    const contentType = `multipart/form-data; boundary=${boundary}`;
    const expected = await viaBusboy(body, contentType);
    const ours = await summarize(inPieces(body, 1 + ((seed * 7919) % 70_000)), contentType, { maxFormMemorySize: null });
    const byName = (a: [string, ...string[]], b: [string, ...string[]]) => a[0].localeCompare(b[0]);
    assert.deepEqual(ours.form.sort(byName), expected.form.sort(byName), `seed ${seed}`);
    assert.deepEqual(ours.files.sort(byName), expected.files.sort(byName), `seed ${seed}`);
  }
});

test("a small maxFormMemorySize does not refuse file parts, whatever the boundary length or chunk size", async () => {
  const boundary = "-".repeat(20) + "x".repeat(40);
  const content = Buffer.alloc(5000, 0x0d);
  const body = Buffer.concat([bytes(`--${boundary}\r\nContent-Disposition: form-data; name=f; filename=a\r\n\r\n`), content, bytes(`\r\n--${boundary}--`)]);
  for (const size of [65536, 1000, 3]) {
    const { files } = await summarize(inPieces(body, size), `multipart/form-data; boundary=${boundary}`, { maxFormMemorySize: 100 });
    assert.equal(files[0]![2].length, 5000);
  }
});

test("boundaries and boundary look-alikes straddling large chunk edges are found exactly", async () => {
  const boundary = "----edgeBoundary0123456789";
  let seed = 42;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const content = Buffer.alloc(40_000);
  for (let i = 0; i < content.length; i++) content[i] = random(256);
  // Look-alikes: line breaks followed by partial boundaries, some ending right at chunk edges.
  for (let i = 0; i < 60; i++) content.write(`\r\n--${boundary.slice(0, random(boundary.length))}`, random(content.length - 40), "latin1");
  const head = bytes(`--${boundary}\r\nContent-Disposition: form-data; name="f"; filename="x"\r\n\r\n`);
  // A long second part, so the chunk after the edge is a large one.
  const after = Buffer.alloc(20_000, 0x0a);
  const tail = Buffer.concat([
    bytes(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="g"; filename="y"\r\n\r\n`),
    after,
    bytes(`\r\n--${boundary}--\r\n`),
  ]);
  const body = Buffer.concat([head, content, tail]);
  const contentType = `multipart/form-data; boundary=${boundary}`;
  const expected: Summary = {
    form: [],
    files: [
      ["f", "x", content.toString("latin1")],
      ["g", "y", after.toString("latin1")],
    ],
  };
  const boundaryAt = head.length + content.length;
  for (const size of [4096, 8192, 16384]) {
    // Shift the chunking so the closing boundary of the file part lands on every offset of a chunk edge.
    for (let shift = -40; shift <= 40; shift++) {
      const first = (boundaryAt + shift) % size || size;
      const cuts: number[] = [];
      for (let cut = first; cut < body.length; cut += size) cuts.push(cut);
      assert.deepEqual(await summarize(chunked(body, cuts), contentType), expected, `size ${size}, shift ${shift}`);
    }
  }
});
