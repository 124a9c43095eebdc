// Serving without the reloader (`wz dev --no-reload`, `runSimple` without useReloader): one
// process, the same request log and banner.
import { createServer, type AddressInfo } from "node:net";
import { listenerFor, type Application } from "./app-listener.js";
import { startupBanner } from "./banner.js";
import { createConnectionServer } from "./connection-server.js";
import { useColour } from "./request-log.js";

export interface DirectServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function startDirectServer(app: Application, host: string, port: number, log: (line: string) => void): Promise<DirectServer> {
  const connections = createConnectionServer(listenerFor(app), log);
  const listener = createServer((socket) => connections.accept(socket));
  await new Promise<void>((resolve, reject) => {
    listener.once("error", reject);
    listener.listen(port, host, () => {
      listener.off("error", reject);
      resolve();
    });
  });
  const bound = (listener.address() as AddressInfo).port;
  for (const line of startupBanner(host, bound, useColour(process.stderr))) log(line);
  return {
    port: bound,
    async close() {
      const closed = new Promise<void>((resolve) => listener.close(() => resolve()));
      await connections.retire(1000);
      await closed;
    },
  };
}
