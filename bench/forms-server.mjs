// Helper for bench/forms.mjs (not a bench part): a server process that receives uploads.
//   node bench/forms-server.mjs wz|busboy|drain
// Prints its port on stdout. POST / reads the upload (wz: request.files(), which spools files
// to temp files; busboy: raw busboy writing each file to a temp file; drain: node:http reading
// and dropping the body, the floor for memory) and answers with the bytes received; GET /stats
// answers with this process's peak RSS, open temp files and descriptors. Only the wz server
// loads wz.
import { createServer } from "node:http";
import { createWriteStream, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import busboy from "busboy";

const kind = process.argv[2] ?? "wz";
const wz = kind === "wz" ? await import("wz") : null;

function stats() {
  return {
    maxRssMb: (process.resourceUsage().maxRSS * 1024) / 1e6,
    rssMb: process.memoryUsage().rss / 1e6,
    openTempFiles: wz ? wz.openTempFileCount() : null,
    tempFilesInTmpdir: readdirSync(tmpdir()).filter((name) => name.startsWith("wz-upload-")).length,
    fds: readdirSync("/proc/self/fd").length,
  };
}

if (wz) {
  const app = async (request) => {
    if (request.method === "GET") return new wz.Response(JSON.stringify(stats()), { mimetype: "application/json" });
    const files = await request.files();
    let bytes = 0;
    for (const [, list] of files.lists()) for (const file of list) bytes += file.size;
    return new wz.Response(JSON.stringify({ bytes }), { mimetype: "application/json" });
  };
  const server = await wz.serve(app, { port: 0 });
  console.log(server.port);
} else if (kind === "drain") {
  const server = createServer((request, response) => {
    if (request.method === "GET") {
      response.end(JSON.stringify(stats()));
      return;
    }
    // Counts body bytes as a file part would hold them (the whole body here).
    let bytes = -1;
    request.on("data", (chunk) => (bytes += chunk.length));
    request.on("end", () => response.end(JSON.stringify({ bytes, drained: true })));
  });
  server.listen(0, "127.0.0.1", () => console.log(server.address().port));
} else {
  const server = createServer((request, response) => {
    if (request.method === "GET") {
      response.end(JSON.stringify(stats()));
      return;
    }
    let bytes = 0;
    const pending = [];
    const parser = busboy({ headers: request.headers });
    parser.on("file", (_name, stream) => {
      const path = join(tmpdir(), `bench-busboy-${randomUUID()}`);
      const out = createWriteStream(path);
      stream.on("data", (chunk) => (bytes += chunk.length));
      pending.push(
        new Promise((resolve) =>
          out.on("close", () => {
            rmSync(path, { force: true });
            resolve();
          }),
        ),
      );
      stream.pipe(out);
    });
    parser.on("close", async () => {
      await Promise.all(pending);
      response.end(JSON.stringify({ bytes }));
    });
    parser.on("error", () => {
      response.statusCode = 400;
      response.end();
    });
    request.pipe(parser);
  });
  server.listen(0, "127.0.0.1", () => console.log(server.address().port));
}
