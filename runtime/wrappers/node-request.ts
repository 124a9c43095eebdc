// The node:http side of a Request: an IncomingMessage described as a RequestInit. Headers stay
// node's rawHeaders array (so repeated Host, Authorization or Cookie lines are all kept, and
// nothing is copied); the scheme comes from the TLS socket. Socket addresses are read only
// when asked for: each is a system call the first time on a connection.
import type { IncomingMessage } from "node:http";
import type { RequestInit } from "./request.js";

export interface NodeRequestOptions {
  /** The prefix the app is mounted under (stripped from the path, kept as `rootPath`). */
  rootPath?: string;
}

class NodeRequestInit implements RequestInit {
  readonly method: string;
  readonly target: string;
  readonly headers: string[];
  readonly rootPath: string;
  readonly body: IncomingMessage;

  constructor(req: IncomingMessage, rootPath: string) {
    this.method = req.method ?? "GET";
    this.target = req.url ?? "/";
    this.headers = req.rawHeaders;
    this.rootPath = rootPath;
    this.body = req;
  }

  get scheme(): string {
    return (this.body.socket as { encrypted?: boolean }).encrypted === true ? "https" : "http";
  }

  get server(): [string, number | null] | null {
    const socket = this.body.socket;
    const address = socket.localAddress;
    return address === undefined ? null : [address, socket.localPort ?? null];
  }

  get remoteAddr(): string | null {
    return this.body.socket.remoteAddress ?? null;
  }
}

/** Describes a node:http request for `new Request(...)`. */
export function requestInitFromNode(req: IncomingMessage, options?: NodeRequestOptions): RequestInit {
  return new NodeRequestInit(req, options?.rootPath ?? "");
}
