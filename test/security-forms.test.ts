// Regression tests for published advisories on form, multipart and cookie parsing, in
// Werkzeug and in the Node multipart stack (busboy/dicer, multer, formidable,
// express-fileupload, qs). Each attack is sent over a real socket to a node:http server that
// parses with parseFormData; each must get the expected status within bounded time and
// memory, and the server must keep serving afterwards.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { openTempFileCount, parseCookie } from "wz";
import { sendRaw, startFormServer, type FormServer } from "./support/forms.js";

const BOUNDARY = "XyZ";
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;

function head(contentType: string, contentLength: number | null): string {
  const length = contentLength === null ? "Transfer-Encoding: chunked\r\n" : `Content-Length: ${contentLength}\r\n`;
  return `POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${contentType}\r\n${length}Connection: close\r\n\r\n`;
}

/** Wraps pieces in HTTP/1.1 chunked framing. */
async function* chunkedEncoding(pieces: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  for await (const piece of pieces) {
    if (piece.length === 0) continue;
    yield Buffer.from(`${piece.length.toString(16)}\r\n`);
    yield piece;
    yield Buffer.from("\r\n");
  }
  yield Buffer.from("0\r\n\r\n");
}

function* repeat(piece: Uint8Array, times: number): Generator<Uint8Array> {
  for (let i = 0; i < times; i++) yield piece;
}

function field(name: string, value: string): string {
  return `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
}

function fileHead(name: string, filename: string): string {
  return `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
}

async function post(server: FormServer, body: string | Buffer, contentType = MULTIPART) {
  const bytes = typeof body === "string" ? Buffer.from(body, "latin1") : body;
  return sendRaw(server.port, head(contentType, bytes.length), [bytes]);
}

function bodyJson(text: string): { form: [string, string][]; files: [string, string, number][] } {
  return JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4));
}

/** Samples RSS while `work` runs; returns the peak growth in MB. */
async function peakRssGrowthMb(work: () => Promise<unknown>): Promise<number> {
  globalThis.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  return (peak - baseline) / 1e6;
}

async function assertStillServing(server: FormServer): Promise<void> {
  const response = await post(server, field("ok", "yes") + `--${BOUNDARY}--\r\n`);
  assert.equal(response.status, 200);
  assert.deepEqual(bodyJson(response.text).form, [["ok", "yes"]]);
}

let server: FormServer;
before(async () => {
  server = await startFormServer({ maxContentLength: 64 * 1024 * 1024 });
});
after(() => server.close());

test("CVE-2023-25577: 1001 parts are refused with 413; 1000 parts pass; file parts count too", async () => {
  const parts = (count: number, file: boolean) =>
    Array.from({ length: count }, (_, i) => (file ? `${fileHead("f", `${i}.txt`)}x\r\n` : field("a", "x"))).join("") + `--${BOUNDARY}--\r\n`;
  const ok = await post(server, parts(1000, false));
  assert.equal(ok.status, 200);
  assert.equal(bodyJson(ok.text).form.length, 1000);
  const tooMany = await post(server, parts(1001, false));
  assert.equal(tooMany.status, 413);
  assert.equal((await post(server, parts(1001, true))).status, 413);
});

test("CVE-2023-25577: a stream of 100,000 tiny parts is cut off at part 1001 without reading the rest", async () => {
  const hundredParts = Buffer.from(field("a", "x").repeat(100));
  const response = await sendRaw(server.port, head(MULTIPART, null), chunkedEncoding(repeat(hundredParts, 1000)));
  assert.equal(response.status, 413);
  assert.equal(response.bodyFinished, false, "the server answered before the client had sent the rest");
});

test("CVE-2023-25577: urlencoded bodies are not limited by parts", async () => {
  const body = Array.from({ length: 2000 }, (_, i) => `k${i}=v`).join("&");
  const response = await post(server, body, "application/x-www-form-urlencoded");
  assert.equal(response.status, 200);
  assert.equal(bodyJson(response.text).form.length, 2000);
});

test("CVE-2023-46136: a file starting with a line break and then no CR or LF parses in linear time and bounded memory", async () => {
  const timeFor = async (megabytes: number) => {
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    const prefix = Buffer.from(`${fileHead("f", "a.txt")}\n`);
    const suffix = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
    const length = prefix.length + megabytes * chunk.length + suffix.length;
    let response: Awaited<ReturnType<typeof sendRaw>> | undefined;
    const growth = await peakRssGrowthMb(async () => {
      response = await sendRaw(server.port, head(MULTIPART, length), [prefix, ...repeat(chunk, megabytes), suffix], 20_000);
    });
    assert.equal(response!.status, 200);
    assert.deepEqual(bodyJson(response!.text).files, [["f", "a.txt", megabytes * chunk.length + 1]]);
    return { ms: response!.ms, growth };
  };
  await timeFor(2); // warm-up
  const best = async (megabytes: number) => {
    const runs = [await timeFor(megabytes), await timeFor(megabytes)];
    return runs.reduce((a, b) => (a.ms < b.ms ? a : b));
  };
  const small = await best(8);
  const large = await best(32);
  // A ratio, not a time: 4x the body costs about 4x when parsing is linear and 16x when it is
  // quadratic (the original bug rescanned the whole held buffer for every 64 KiB chunk).
  assert.ok(large.ms < small.ms * 10, `8 MB: ${small.ms.toFixed(0)} ms, 32 MB: ${large.ms.toFixed(0)} ms`);
  assert.ok(large.growth < 48, `RSS grew ${large.growth.toFixed(1)} MB for a 32 MB upload`);
});

test("CVE-2024-49767: a field larger than maxFormMemorySize split over many chunks is a 413, and reading stops", async () => {
  const prefix = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name=a\r\n\r\n`);
  const piece = Buffer.alloc(16 * 1024, 0x61);
  let response: Awaited<ReturnType<typeof sendRaw>> | undefined;
  // 100 MB offered; the server must answer after about 500 kB.
  const growth = await peakRssGrowthMb(async () => {
    response = await sendRaw(server.port, head(MULTIPART, null), chunkedEncoding([prefix, ...repeat(piece, 6400)]));
  });
  assert.equal(response!.status, 413);
  assert.equal(response!.bodyFinished, false, "the server answered before the client had sent the rest");
  assert.ok(growth < 48, `RSS grew ${growth.toFixed(1)} MB`);
});

test("CVE-2024-49767: a 600,000-byte field is a 413 but a 600,000-byte file is accepted", async () => {
  const big = "a".repeat(600_000);
  assert.equal((await post(server, field("a", big) + `--${BOUNDARY}--\r\n`)).status, 413);
  const file = await post(server, `${fileHead("f", "big.txt")}${big}\r\n--${BOUNDARY}--\r\n`);
  assert.equal(file.status, 200);
  assert.deepEqual(bodyJson(file.text).files, [["f", "big.txt", 600_000]]);
});

test("CVE-2023-23934: nameless cookies cannot shadow a __Host- cookie", async () => {
  const cookieServer = createServer((request, response) => {
    response.end(JSON.stringify([...parseCookie(request.headers.cookie).lists()]));
  });
  await new Promise<void>((resolve) => cookieServer.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = cookieServer.address() as AddressInfo;
    const ask = async (cookie: string) => {
      const response = await sendRaw(port, `GET / HTTP/1.1\r\nHost: x\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`, []);
      return JSON.parse(response.text.slice(response.text.indexOf("\r\n\r\n") + 4));
    };
    assert.deepEqual(await ask("==__Host-eq=bad;__Host-eq=good;"), [["__Host-eq", ["good"]]]);
    assert.deepEqual(await ask("=__Host-x=bad"), []);
  } finally {
    cookieServer.close();
  }
});

test("dicer CVE-2022-24434: a folded first part header never crashes the server", async () => {
  const response = await post(server, `--${BOUNDARY}\r\n Content-Disposition: form-data; name="x"\r\n\r\n\r\n--${BOUNDARY}--`);
  assert.equal(response.status, 200);
  await assertStillServing(server);
});

test("busboy issue 265: a megabyte of part header bytes without a colon is refused in linear time", async () => {
  const line = Buffer.alloc(1000, 0x61);
  const pieces = [Buffer.from(`--${BOUNDARY}\r\n`), ...Array.from({ length: 1000 }, () => Buffer.concat([line, Buffer.from("\r\n")]))];
  const response = await sendRaw(server.port, head(MULTIPART, null), chunkedEncoding(pieces));
  assert.equal(response.status, 413);
  assert.equal(response.bodyFinished, false, "the server answered before the client had sent the rest");
  await assertStillServing(server);
});

test("multer CVE-2025-47944 / issue 1338: a truncated final boundary gives an empty form, not a crash", async () => {
  for (const body of [
    `${field("a", "x")}------FormBoundar`,
    `${field("a", "x")}--${BOUNDARY.slice(0, 2)}`,
    "--",
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name=a\r\n`,
  ]) {
    const response = await post(server, body);
    assert.equal(response.status, 200);
    assert.deepEqual(bodyJson(response.text), { form: [], files: [] });
  }
  await assertStillServing(server);
});

test("multer CVE-2025-48997: an empty field name is not an error", async () => {
  const response = await post(server, `${field("", "v")}${fileHead("", "f.txt")}x\r\n--${BOUNDARY}--\r\n`);
  assert.equal(response.status, 200);
  assert.deepEqual(bodyJson(response.text), { form: [["", "v"]], files: [["", "f.txt", 1]] });
});

test("multer GHSA-72gw-mp4g-v24j / GHSA-535w-7cp7-47q4, express-fileupload CVE-2020-7699, qs CVE-2022-24999: field names are never expanded", async () => {
  const names = ["a[b][c][d][e][f]", "arr[99999999999]", "__proto__[polluted]", "constructor[prototype][polluted]", "__proto__"];
  const multipart = await post(server, names.map((name) => field(name, "1")).join("") + `--${BOUNDARY}--\r\n`);
  assert.deepEqual(
    bodyJson(multipart.text).form,
    names.map((name) => [name, "1"]),
  );
  const urlencoded = await post(server, names.map((name) => `${encodeURIComponent(name)}=1`).join("&"), "application/x-www-form-urlencoded");
  assert.deepEqual(
    bodyJson(urlencoded.text).form,
    names.map((name) => [name, "1"]),
  );
  assert.equal(({} as Record<string, unknown>)["polluted"], undefined);
});

/** Runs `body` with os.tmpdir() (where uploads spool) pointing at a fresh private folder, so temp
 * files of other test files running in parallel cannot be mistaken for this test's. */
async function withPrivateTmp<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const saved = process.env.TMPDIR;
  const dir = await mkdtemp(join(tmpdir(), "wz-security-"));
  process.env.TMPDIR = dir;
  try {
    return await body(dir);
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    await rm(dir, { recursive: true, force: true });
  }
}

test("multer CVE-2025-47935 / GHSA-3p4h-7m6x-2hcm / GHSA-qfvm-cv95-jqjf, CVE-2026-3304: aborted uploads leave no temp file and no open descriptor", async () => {
  await withPrivateTmp(async (dir) => {
    const countFds = async () => (await readdir("/proc/self/fd").catch(() => [])).length;
    const tempFiles = async () => (await readdir(dir)).length;
    const baselineFiles = openTempFileCount();
    const baselineFds = await countFds();
    const payload = Buffer.concat([Buffer.from(fileHead("f", "big.bin")), Buffer.alloc(1024 * 1024, 0x62)]);
    const aborts = 100;
    for (let i = 0; i < aborts; i++) {
      await new Promise<void>((resolve) => {
        const socket = connect(server.port, "127.0.0.1", () => {
          // Promise 4 MB, send 1 MB (enough to spill to a temp file), then vanish.
          socket.write(head(MULTIPART, 4 * 1024 * 1024));
          socket.write(payload, () =>
            setImmediate(() => {
              socket.destroy();
              resolve();
            }),
          );
        });
        socket.on("error", () => resolve());
      });
    }
    // The server notices each abort on its own schedule: wait for the release (60 s is a safety
    // net for a hung server, not a speed limit).
    const settled = async (done: () => Promise<boolean>) => {
      for (const deadline = Date.now() + 60_000; !(await done()) && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    await settled(async () => openTempFileCount() === baselineFiles);
    assert.equal(openTempFileCount(), baselineFiles);
    await settled(async () => (await tempFiles()) === 0);
    assert.equal(await tempFiles(), 0, "no temp file is left in the folder uploads spooled to");
    await settled(async () => (await countFds()) <= baselineFds + 10);
    assert.ok((await countFds()) <= baselineFds + 10, `descriptors: ${baselineFds} before, ${await countFds()} after`);
    await assertStillServing(server);
  });
});

test("formidable CVE-2025-46653 / CVE-2022-29622: temp files have no name in the temp directory, and the client filename is never a path", async () => {
  await withPrivateTmp(async (dir) => {
    const seen: string[] = [];
    const spy = await startFormServer({}, async () => {
      seen.push(...(await readdir(dir)));
    });
    try {
      const response = await post(spy, `${fileHead("f", "../../evil.sh")}${"x".repeat(600_000)}\r\n--${BOUNDARY}--\r\n`);
      assert.equal(response.status, 200);
      assert.deepEqual(bodyJson(response.text).files, [["f", "../../evil.sh", 600_000]]);
      assert.deepEqual(seen, [], "while the handler ran, the spooled file had no name in the temp folder");
      assert.deepEqual(
        (await readdir(join(dir, ".."))).filter((name) => name.includes("evil")),
        [],
      );
    } finally {
      await spy.close();
    }
  });
});

test("maxContentLength: a declared length over the limit is a 413 before any body byte is read", async () => {
  const small = await startFormServer({ maxContentLength: 1000 });
  try {
    const response = await sendRaw(small.port, head(MULTIPART, 10_000_000), []);
    assert.equal(response.status, 413);
    // A chunked body is cut off as soon as it passes the limit.
    const chunked = await sendRaw(small.port, head(MULTIPART, null), chunkedEncoding(repeat(Buffer.alloc(512, 0x61), 100_000)));
    assert.equal(chunked.status, 413);
    assert.equal(chunked.bodyFinished, false, "the server answered before the client had sent the rest");
  } finally {
    await small.close();
  }
});

test("a body slower than readTimeoutMs is a 408 and its temp file is released", async () => {
  const slow = await startFormServer({ readTimeoutMs: 200 });
  const baselineFiles = openTempFileCount();
  try {
    const body = (async function* () {
      yield Buffer.from(fileHead("f", "slow.bin"));
      yield Buffer.alloc(600_000, 0x61);
      await new Promise((resolve) => setTimeout(resolve, 5000));
      yield Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
    })();
    const response = await sendRaw(slow.port, head(MULTIPART, null), chunkedEncoding(body));
    assert.equal(response.status, 408);
    assert.equal(response.bodyFinished, false, "the 408 came while the client was stalled");
    assert.equal(openTempFileCount(), baselineFiles);
    await assertStillServing(slow);
  } finally {
    await slow.close();
  }
});
