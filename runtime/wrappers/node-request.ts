// The node:http side of a Request: an IncomingMessage described as a RequestInit. Headers stay
// node's rawHeaders array (so repeated Host, Authorization or Cookie lines are all kept, and
// nothing is copied); the scheme comes from the TLS socket.
import type { IncomingMessage } from "node:http";
import type { RequestInit } from "./request.js";

export interface NodeRequestOptions {
  /** The prefix the app is mounted under (stripped from the path, kept as `rootPath`). */
  rootPath?: string;
}

/** Describes a node:http request for `new Request(...)`. */
export function requestInitFromNode(req: IncomingMessage, options?: NodeRequestOptions): RequestInit {
  const socket = req.socket;
  const encrypted = (socket as { encrypted?: boolean }).encrypted === true;
  return {
    method: req.method ?? "GET",
    target: req.url ?? "/",
    headers: req.rawHeaders,
    scheme: encrypted ? "https" : "http",
    server: serverAddress(socket.localAddress, socket.localPort),
    rootPath: options?.rootPath ?? "",
    remoteAddr: socket.remoteAddress ?? null,
    body: req,
  };
}

function serverAddress(address: string | undefined, port: number | undefined): [string, number | null] | null {
  return address === undefined ? null : [address, port ?? null];
}
