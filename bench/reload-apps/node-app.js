// The peers' app: a plain node:http server answering its version (PORT from the environment).
import http from "node:http";

const version = "v0";

http.createServer((req, res) => {
  res.setHeader("Content-Type", "text/plain");
  res.end(version);
}).listen(Number(process.env.PORT), "127.0.0.1");
