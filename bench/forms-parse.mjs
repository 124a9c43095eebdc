// Helper for bench/forms.mjs (not a bench part): times one multipart parser in a process of
// its own, so neither parser's garbage or JIT state slows the other.
//   node bench/forms-parse.mjs wz|busboy discard|disk sizeMb warmups rounds boundary
// Prints a JSON array of seconds, one per measured round.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes, randomUUID } from "node:crypto";
import { Readable, Writable } from "node:stream";
import busboy from "busboy";
import { parseFormData } from "wz";

const [parser, sink, sizeArg, warmupArg, roundsArg] = process.argv.slice(2);
const sizeMb = Number(sizeArg);
const MB = 1024 * 1024;
const boundary = `----wzBench${randomBytes(12).toString("hex")}`;
const contentType = `multipart/form-data; boundary=${boundary}`;
const block = randomBytes(MB);
const body = Buffer.concat([
  Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nbench upload\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="tags"\r\n\r\na,b,c\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="data.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  ),
  ...Array.from({ length: sizeMb }, () => block),
  Buffer.from(`\r\n--${boundary}--\r\n`),
]);
// Cut as a socket delivers it.
const chunks = [];
for (let at = 0; at < body.length; at += 65536) chunks.push(body.subarray(at, at + 65536));

async function* feed() {
  yield* chunks;
}

async function wz() {
  const parsed = await parseFormData({
    body: feed(),
    contentType,
    contentLength: body.length,
    limits: sink === "disk" ? {} : { streamFactory: () => new Writable({ write: (_chunk, _encoding, done) => done() }) },
  });
  const size = parsed.files.get("file").size;
  await parsed.cleanup();
  if (size !== sizeMb * MB) throw new Error(`wz read ${size} bytes`);
}

function rawBusboy() {
  return new Promise((resolve, reject) => {
    const bb = busboy({ headers: { "content-type": contentType } });
    let size = 0;
    let written = Promise.resolve();
    bb.on("file", (_name, stream) => {
      stream.on("data", (chunk) => (size += chunk.length));
      if (sink !== "disk") {
        stream.resume();
        return;
      }
      const file = path.join(os.tmpdir(), `bench-busboy-${randomUUID()}`);
      const out = fs.createWriteStream(file);
      written = new Promise((done) =>
        out.on("close", () => {
          fs.rmSync(file, { force: true });
          done();
        }),
      );
      stream.pipe(out);
    });
    bb.on("error", reject);
    bb.on("close", async () => {
      await written;
      if (size !== sizeMb * MB) reject(new Error(`busboy read ${size} bytes`));
      else resolve();
    });
    Readable.from(chunks).pipe(bb);
  });
}

const run = parser === "wz" ? wz : rawBusboy;
for (let i = 0; i < Number(warmupArg); i++) await run();
const seconds = [];
for (let i = 0; i < Number(roundsArg); i++) {
  const started = performance.now();
  await run();
  seconds.push((performance.now() - started) / 1000);
}
console.log(JSON.stringify(seconds));
