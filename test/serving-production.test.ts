// `wz serve` and `serve(app, { workers })` as production runs them: worker processes sharing the
// port, a dead worker replaced, a graceful stop on SIGTERM that finishes requests in flight, and
// the Combined Log Format access log. Real sockets on 127.0.0.1, port 0; every wait is on a
// log line, a response or a process exit.
import { test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { copyFixture, get, isAlive, spawnLogged, wzBin, type LoggedProcess } from "./support/dev-server-process.js";
import { serve, Response, type WzServer } from "wz";

async function startServe(dir: string, workers: number, extra: string[] = []): Promise<{ server: LoggedProcess; url: string; pids: number[] }> {
  const server = spawnLogged([wzBin, "serve", "app.ts", "--port", "0", "--workers", String(workers), ...extra], dir);
  try {
    const [, url] = await server.waitForLog(/ \* wz: serving \S+ on (http:\/\/127\.0\.0\.1:\d+)/);
    const pids = workers === 1 ? [server.process.pid!] : [...server.log().matchAll(/worker (\d+) listening/g)].map((match) => Number(match[1]));
    assert.equal(pids.length, workers);
    return { server, url: url!, pids };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** GETs on fresh connections (the cluster hands connections round-robin) until `pid` answers. */
async function answeredBy(url: string, pid: number, attempts = 50): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    if ((await get(url)).body === String(pid)) return true;
  }
  return false;
}

test("wz serve --workers 2 runs a TypeScript entry in two worker processes sharing one port", async () => {
  const fixture = copyFixture("serve-app");
  const { server, url, pids } = await startServe(fixture.dir, 2);
  try {
    assert.notEqual(pids[0], pids[1]);
    for (const pid of pids) {
      assert.notEqual(pid, server.process.pid);
      assert.ok(await answeredBy(url, pid), `worker ${pid} never answered`);
    }
    // The access log is on by default, on stdout, in the Combined Log Format.
    await server.waitForLog(/127\.0\.0\.1 - - \[[^\]]+\] "GET \/ HTTP\/1\.1" 200 \d+ "-" "-"\n/);
  } finally {
    assert.equal(await server.stop(), 0);
    fixture.cleanup();
  }
});

test("a worker that dies is replaced by a new one on the same port", async () => {
  const fixture = copyFixture("serve-app");
  const { server, url, pids } = await startServe(fixture.dir, 2);
  try {
    const [victim, survivor] = pids as [number, number];
    process.kill(victim, "SIGKILL");
    await server.waitForLog(new RegExp(`worker ${victim} exited \\(signal SIGKILL\\); starting a new one`));
    const [, replacement] = await server.waitForLog(new RegExp(`worker ${victim} exited[^]*worker (\\d+) listening on ${url.replace(/\./g, "\\.")}`));
    const newPid = Number(replacement);
    assert.ok(![victim, survivor].includes(newPid));
    assert.ok(await answeredBy(url, newPid), "the replacement never answered");
    assert.ok(await answeredBy(url, survivor), "the surviving worker stopped answering");
  } finally {
    assert.equal(await server.stop(), 0);
    fixture.cleanup();
  }
});

test("workers that keep dying are replaced after longer and longer waits", async () => {
  const fixture = copyFixture("serve-app");
  const { server, url } = await startServe(fixture.dir, 2, ["--no-access-log"]);
  try {
    for (const delay of [100, 200, 400]) {
      const listening = server.log().match(/listening on/g)!.length;
      await get(`${url}/crash`);
      await server.waitForLog(new RegExp(`exited \\(code 3\\); starting a new one in ${delay} ms`));
      // The replacement is up before the next crash, so each death follows a short life.
      await server.waitForLog(new RegExp(`(?:[^]*?listening on){${listening + 1}}`));
    }
  } finally {
    assert.equal(await server.stop(), 0);
    fixture.cleanup();
  }
});

for (const workers of [1, 2]) {
  test(`SIGTERM lets a request in flight finish, then the server exits with status 0 (${workers} worker${workers > 1 ? "s" : ""})`, async () => {
    const fixture = copyFixture("serve-app");
    const { server, url, pids } = await startServe(fixture.dir, workers, ["--no-access-log"]);
    try {
      const slow = get(`${url}/slow`);
      const [, servingPid] = await server.waitForLog(/slow request started in (\d+)/);
      server.process.kill("SIGTERM");
      const response = await slow;
      assert.equal(response.status, 200);
      assert.equal(response.body, `finished in ${servingPid}`);
      assert.equal(await server.exited, 0);
      for (const pid of pids) assert.equal(isAlive(pid), false, `process ${pid} is still running`);
      assert.doesNotMatch(server.log(), /"GET \/slow HTTP\/1\.1"/);
    } finally {
      await server.stop();
      fixture.cleanup();
    }
  });
}

test("a worker that fails while starting stops the start with status 1", async () => {
  const fixture = copyFixture("serve-app");
  const server = spawnLogged([wzBin, "serve", "slow.ts", "--port", "0", "--workers", "2"], fixture.dir);
  try {
    assert.equal(await server.exited, 1);
    assert.match(server.log(), /slow\.ts must export the app as its default export/);
    assert.match(server.log(), /worker \d+ exited \(code 1\) while starting/);
  } finally {
    await server.stop();
    fixture.cleanup();
  }
});

test("wz serve refuses a bad --workers value as a usage error", async () => {
  const fixture = copyFixture("serve-app");
  const server = spawnLogged([wzBin, "serve", "app.ts", "--workers", "0"], fixture.dir);
  try {
    assert.equal(await server.exited, 2);
    assert.match(server.log(), /--workers must be a positive integer or "auto", got 0/);
  } finally {
    fixture.cleanup();
  }
});

function request(server: WzServer, path: string, headers: http.OutgoingHttpHeaders = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${server.url}${path}`, { headers, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("the access log writes one Combined Log Format line per response, escaping what a client sent", async () => {
  const lines: string[] = [];
  let logged: () => void = () => {};
  const server = await serve(
    (request) => {
      if (request.path === "/empty") return new Response(null, { status: 204 });
      if (request.path === "/stream")
        return new Response(
          (function* () {
            yield "ab";
            yield "cde";
          })(),
        );
      return new Response("hello");
    },
    {
      port: 0,
      handleSignals: false,
      accessLog: (line) => {
        lines.push(line);
        logged();
      },
    },
  );
  const nextLine = () =>
    new Promise<string>((resolve) => {
      const count = lines.length;
      if (count > 0) return resolve(lines.shift()!);
      logged = () => resolve(lines.shift()!);
    });
  try {
    const time = String.raw`\[\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\]`;
    await request(server, "/a?x=1", { Referer: "http://example.com/start", "User-Agent": 'agent "quoted" \\ x' });
    assert.match(
      await nextLine(),
      new RegExp(`^127\\.0\\.0\\.1 - - ${time} "GET /a\\?x=1 HTTP/1\\.1" 200 5 "http://example\\.com/start" "agent \\\\"quoted\\\\" \\\\\\\\ x"$`),
    );
    await request(server, "/empty");
    assert.match(await nextLine(), new RegExp(`^127\\.0\\.0\\.1 - - ${time} "GET /empty HTTP/1\\.1" 204 - "-" "-"$`));
    await request(server, "/stream");
    assert.match(await nextLine(), /"GET \/stream HTTP\/1\.1" 200 5 "-" "-"$/);
    await request(server, "/", { "User-Agent": "caf\u00e9\tbar" });
    assert.match(await nextLine(), /"GET \/ HTTP\/1\.1" 200 5 "-" "caf\\xe9\\x09bar"$/);
  } finally {
    await server.close();
  }
});

test('serve refuses a worker count that is not a positive integer or "auto"', async () => {
  await assert.rejects(
    serve(() => new Response("x"), { port: 0, workers: 0 }),
    /workers must be a positive integer or "auto", got 0/,
  );
  await assert.rejects(
    serve(() => new Response("x"), { port: 0, workers: 1.5 }),
    /got 1\.5/,
  );
});
