// What a browser does with the debugger, over a real socket: open an error page, read its
// secret and console ids, send commands (JSON POSTs with the secret), keep the PIN cookie.
import http from "node:http";

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface Sent {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** One request on a new connection; `headers.host` replaces the Host header. */
export function send(url: string, sent: Sent = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: sent.method ?? "GET", headers: sent.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(sent.body);
  });
}

export interface ErrorPage extends Answer {
  secret: string;
  /** Console ids in page order (frames that have one). */
  consoles: string[];
  evalex: boolean;
  pinRequired: boolean;
}

export async function openPage(url: string, headers: Record<string, string> = {}): Promise<ErrorPage> {
  const answer = await send(url, { headers: { accept: "text/html,*/*;q=0.8", ...headers } });
  return {
    ...answer,
    secret: /data-secret="([^"]*)"/.exec(answer.text)?.[1] ?? "",
    consoles: [...answer.text.matchAll(/<li [^>]*data-console="([^"]+)"/g)].map((match) => match[1]!),
    evalex: /data-evalex="true"/.test(answer.text),
    pinRequired: /data-pin-required="true"/.test(answer.text),
  };
}

export interface CommandAnswer extends Answer {
  body: Record<string, unknown>;
}

/** A debugger command as the page sends it: POST `<path>?__debugger__=yes`, JSON, with the secret. */
export async function command(pageUrl: string, secret: string, payload: Record<string, unknown>, headers: Record<string, string> = {}): Promise<CommandAnswer> {
  const url = new URL(pageUrl);
  url.search = "?__debugger__=yes";
  const answer = await send(url.href, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ s: secret, ...payload }),
  });
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(answer.text) as Record<string, unknown>;
  } catch {
    // an HTML error page (a 400 from the Host check)
  }
  return { ...answer, body };
}

/** The `name=value` part of the Set-Cookie a PIN answer carried. */
export function cookieFrom(answer: Answer): string {
  const header = answer.headers["set-cookie"]?.[0];
  if (header === undefined) throw new Error(`no Set-Cookie in the answer (status ${answer.status}): ${answer.text}`);
  return header.split(";")[0]!;
}

/** Unlocks with `pin`; returns the Cookie header for later commands. */
export async function unlock(pageUrl: string, secret: string, pin: string): Promise<string> {
  const answer = await command(pageUrl, secret, { cmd: "pinauth", pin });
  if (answer.body.auth !== true) throw new Error(`the PIN was refused: ${answer.text}`);
  return cookieFrom(answer);
}
