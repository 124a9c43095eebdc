// Helper for bench/forms.mjs (not a bench part): a server process that receives uploads.
//   node bench/forms-server.mjs wz|busboy
// Prints its port on stdout. POST / reads the upload (wz: request.files(), which spools files
// to temp files; busboy: raw busboy writing each file to a temp file) and answers with the
// bytes received; GET /stats answers with this process's peak RSS, open temp files and
// descriptors.
import { createServer } from "node:http";
import { createWriteStream, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import busboy from "busboy";
import { Response, serve, openTempFileCount } from "wz";

const kind = process.argv[2] ?? "wz";

function stats() {
  return {
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    rssMb: process.memoryUsage().rss / 1e6,
    openTempFiles: kind === "wz" ? openTempFileCount() : null,
    tempFilesInTmpdir: readdirSync(tmpdir()).filter((name) => name.startsWith("wz-upload-")).length,
    fds: readdirSync("/proc/self/fd").length,
  };
}

if (kind === "wz") {
  const app = async (request) => {
    if (request.method === "GET") return new Response(JSON.stringify(stats()), { mimetype: "application/json" });
    const files = await request.files();
    let bytes = 0;
    for (const [, list] of files.lists()) for (const file of list) bytes += file.size;
    return new Response(JSON.stringify({ bytes }), { mimetype: "application/json" });
  };
  const server = await serve(app, { port: 0 });
  console.log(server.port);
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
      pending.push(new Promise((resolve) => out.on("close", () => {
        rmSync(path, { force: true });
        resolve();
      })));
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
