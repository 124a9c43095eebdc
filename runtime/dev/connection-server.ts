// An HTTP server that never listens: the parent accepts connections and hands them over, and
// this server serves them and logs each request. On retirement it finishes what is in flight
// and gives every idle keep-alive connection back to the parent, which passes it to the new
// code: closing it instead would fail a request the client may be sending at that moment.
import { createServer, type RequestListener, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { formatRequestLine, useColour } from "./request-log.js";

export interface ConnectionServer {
  /** Serve a connection the parent accepted. */
  accept(socket: Socket): void;
  /** Take no new requests; resolve once every connection is answered and gone. */
  retire(graceMs: number): Promise<void>;
}

interface ConnectionState {
  inFlight: Set<ServerResponse>;
  /** Bytes arrived since the connection was last idle: a request has begun. */
  heard: boolean;
}

/**
 * `handBack` receives idle connections when retiring (they must not have been read from); without
 * it (a single-process server shutting down) idle connections are closed.
 */
export function createConnectionServer(listener: RequestListener, log: (line: string) => void, handBack?: (socket: Socket) => void): ConnectionServer {
  const colour = useColour(process.stderr);
  const connections = new Map<Socket, ConnectionState>();
  let retiring = false;
  let emptied: (() => void) | undefined;

  const server = createServer((req, res) => {
    const socket = req.socket;
    const state = connections.get(socket);
    state?.inFlight.add(res);
    // Answered by the old code, then the client reconnects and reaches the new code.
    if (retiring) res.shouldKeepAlive = false;
    res.on("close", () => {
      log(
        formatRequestLine(
          {
            remoteAddress: socket.remoteAddress,
            method: req.method ?? "-",
            target: req.url ?? "-",
            httpVersion: req.httpVersion,
            status: res.statusCode,
          },
          colour,
        ),
      );
      if (state === undefined) return;
      state.inFlight.delete(res);
      if (state.inFlight.size > 0) return;
      state.heard = false;
      // Without keep-alive node:http closes the connection itself.
      if (retiring && res.shouldKeepAlive) release(socket, state);
    });
    listener(req, res);
  });

  function checkEmpty(): void {
    if (retiring && connections.size === 0) emptied?.();
  }

  function release(socket: Socket, state: ConnectionState): void {
    if (state.inFlight.size > 0) {
      for (const res of state.inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
      return;
    }
    // A request that has begun is answered here (with "close"); nothing is cut off.
    if (state.heard) return;
    if (handBack !== undefined && stopReading(socket)) {
      connections.delete(socket);
      handBack(socket);
      checkEmpty();
    } else if (handBack === undefined) {
      socket.end();
    }
  }

  return {
    accept(socket) {
      const state: ConnectionState = { inFlight: new Set(), heard: false };
      connections.set(socket, state);
      socket.on("close", () => {
        connections.delete(socket);
        checkEmpty();
      });
      server.emit("connection", socket);
      // Listening to the bytes tells whether a request has begun on an idle connection (it also
      // makes node:http parse them through JavaScript rather than straight from the handle).
      socket.on("data", () => {
        state.heard = true;
      });
      if (retiring) release(socket, state);
    },
    retire(graceMs) {
      retiring = true;
      const done = new Promise<void>((resolve) => {
        emptied = resolve;
        // A response that never ends (a stream, a long poll) must not keep old code alive.
        setTimeout(resolve, graceMs).unref();
      });
      for (const [socket, state] of connections) release(socket, state);
      checkEmpty();
      return done;
    },
  };
}

// Bytes the kernel still holds travel with the connection; bytes read into this process would
// not. node:net has no public way to stop reading a socket (pause() only stops emitting), so
// this uses the handle's readStop, as node:net itself does. False when that is not possible.
export function stopReading(socket: Socket): boolean {
  const handle = (socket as unknown as { _handle?: { readStop?: () => number; reading?: boolean } })._handle;
  if (typeof handle?.readStop !== "function") return false;
  handle.readStop();
  handle.reading = false;
  return socket.readableLength === 0;
}
