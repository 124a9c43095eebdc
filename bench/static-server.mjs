// Helper for bench/static.mjs (not a bench part): one static-file server process.
//   node bench/static-server.mjs wz|serve-static <directory>
// Serves <directory> under /static on 127.0.0.1 (a free port, printed on stdout); anything
// else is a 404. Only the server under test is loaded in the process.
import http from "node:http";

const [kind, directory] = process.argv.slice(2);

function listen(server) {
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => console.log(server.address().port));
}

if (kind === "wz") {
  const { NotFound, sharedData, toNodeListener } = await import("wz");
  const app = sharedData(() => new NotFound(), { "/static": directory });
  listen(http.createServer(toNodeListener(app)));
} else if (kind === "serve-static") {
  // express.static is serve-static (express 5 re-exports it); used bare on node:http, with the
  // /static prefix stripped by hand, so no express routing runs in front of it.
  const { default: express } = await import("express");
  const serveStatic = express.static(directory);
  const notFound = (res) => () => {
    res.statusCode = 404;
    res.end();
  };
  listen(
    http.createServer((req, res) => {
      if (!req.url.startsWith("/static/")) return notFound(res)();
      req.url = req.url.slice("/static".length);
      serveStatic(req, res, notFound(res));
    }),
  );
} else {
  throw new Error(`unknown server kind ${kind}`);
}
