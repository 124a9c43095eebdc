// An HTTP server that never listens: the parent accepts connections and hands them over, and
// this server serves them, logs each request, and on retirement finishes what is in flight
// before it reports that it is empty.
import { createServer, type RequestListener, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { formatRequestLine, useColour } from "./request-log.js";

export interface ConnectionServer {
  /** Serve a connection the parent accepted. */
  accept(socket: Socket): void;
  /** Take no new requests on idle connections; resolve once every connection has closed. */
  retire(graceMs: number): Promise<void>;
}

export function createConnectionServer(listener: RequestListener, log: (line: string) => void): ConnectionServer {
  const colour = useColour(process.stderr);
  const inFlight = new Map<Socket, Set<ServerResponse>>();
  // Connections that have not sent a request yet may have it in the kernel buffer: closing one
  // would fail a request the client already sent, so those get served (with "close") instead.
  const answered = new WeakSet<Socket>();
  let retiring = false;
  let emptied: (() => void) | undefined;

  const server = createServer((req, res) => {
    const socket = req.socket;
    const active = inFlight.get(socket);
    active?.add(res);
    // A retiring process answers what it was given but tells the client to reconnect, so the
    // next request reaches the new code.
    if (retiring) res.shouldKeepAlive = false;
    res.on("close", () => {
      active?.delete(res);
      answered.add(socket);
      log(formatRequestLine({
        remoteAddress: socket.remoteAddress,
        method: req.method ?? "-",
        target: req.url ?? "-",
        httpVersion: req.httpVersion,
        status: res.statusCode,
      }, colour));
      if (retiring && active?.size === 0) socket.end();
    });
    listener(req, res);
  });

  function checkEmpty(): void {
    if (retiring && inFlight.size === 0) emptied?.();
  }

  return {
    accept(socket) {
      inFlight.set(socket, new Set());
      socket.on("close", () => {
        inFlight.delete(socket);
        checkEmpty();
      });
      server.emit("connection", socket);
      if (retiring) closeWhenIdle(socket);
    },
    retire(graceMs) {
      retiring = true;
      const done = new Promise<void>((resolve) => {
        emptied = resolve;
        // A response that never ends (a stream, a long poll) must not keep old code alive.
        setTimeout(resolve, graceMs).unref();
      });
      for (const socket of inFlight.keys()) closeWhenIdle(socket);
      checkEmpty();
      return done;
    },
  };

  function closeWhenIdle(socket: Socket): void {
    const active = inFlight.get(socket);
    if (active === undefined) return;
    if (active.size === 0) {
      if (answered.has(socket)) socket.end();
      return;
    }
    for (const res of active) if (!res.headersSent) res.shouldKeepAlive = false;
  }
}
