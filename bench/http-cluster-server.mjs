// Helper for bench/http-cluster.mjs (not a bench part): one server of N processes on 127.0.0.1.
//   node bench/http-cluster-server.mjs bare|wz <workers>
// Prints the port once every process listens. Both answer every request with "hello"
// (text/plain). bare: node:http, under node:cluster when workers > 1 (the primary forks, the
// workers listen on the shared port). wz: serve(app, { workers }) with the access log off (bare
// writes none either).
import cluster from "node:cluster";
import http from "node:http";

const [kind, count] = [process.argv[2], Number(process.argv[3])];

if (kind === "bare") {
  const listen = () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, ["Content-Type", "text/plain; charset=utf-8", "Content-Length", "5"]);
      res.end("hello");
    });
    server.keepAliveTimeout = 60_000;
    server.listen(0, "127.0.0.1", () => {
      if (count === 1) console.log(server.address().port);
    });
  };
  if (count === 1 || cluster.isWorker) listen();
  else {
    let listening = 0;
    cluster.on("listening", (_worker, address) => {
      if (++listening === count) console.log(address.port);
    });
    for (let i = 0; i < count; i++) cluster.fork();
    process.on("SIGTERM", () => {
      for (const worker of Object.values(cluster.workers)) worker.process.kill("SIGTERM");
      process.exit(0);
    });
  }
} else if (kind === "wz") {
  const { serve, Response } = await import("wz");
  const server = await serve(() => new Response("hello"), { host: "127.0.0.1", port: 0, workers: count, accessLog: false, log: () => {} });
  if ("server" in server) server.server.keepAliveTimeout = 60_000; // as bare
  if (cluster.isPrimary) console.log(server.port);
} else {
  console.error(`http-cluster-server: unknown kind "${kind}" (bare, wz)`);
  process.exit(2);
}
