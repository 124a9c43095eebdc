// The peers' app as TypeScript (for tsx watch).
import http from "node:http";

const version: string = "v0";

http.createServer((req: http.IncomingMessage, res: http.ServerResponse) => {
  res.setHeader("Content-Type", "text/plain");
  res.end(version);
}).listen(Number(process.env.PORT), "127.0.0.1");
