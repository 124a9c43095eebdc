// Every security rule of the debugger, each over a real socket: the PIN before any evaluation,
// the lockout after 10 wrong PINs, the PIN cookie's attributes and lifetime, the per-process
// secret, unguessable frame ids, POST-only commands, the Host allowlist (CVE-2024-34069) and
// the refusal of cross-site requests (Next.js CVE-2025-48068, `Origin: null`).
import { test, after, mock } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { createServer as createHttpsServer } from "node:https";
import { mkdtempSync, readFileSync, rmSync, mkdirSync, writeFileSync, symlinkSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { debuggedApplication, serve, toNodeListener, type App, type WzServer } from "wz";
import { command, cookieFrom, openPage, send, unlock } from "./support/debugger-client.js";
import { repoRoot } from "./support/dev-server-process.js";

const PIN = "123-456-789";
process.env.WZ_DEBUGGER_PIN = PIN;

function failing(): App {
  return async () => {
    const secretValue = "inner";
    await Promise.resolve();
    throw new Error(`failed with ${secretValue}`);
  };
}

const servers: WzServer[] = [];
after(() => Promise.all(servers.map((server) => server.close())));

/** A fresh debugger (its own secret, store and failure count) on a loopback port. */
async function start(options: Parameters<typeof debuggedApplication>[1] = { evalex: true }): Promise<string> {
  const server = await serve(debuggedApplication(failing(), options), { port: 0, onError: () => {} });
  servers.push(server);
  return `${server.url}/fail`;
}

test("no evaluation before the PIN; after it, the console runs", async () => {
  const url = await start();
  const page = await openPage(url);
  assert.equal(page.pinRequired, true);
  const locked = await command(url, page.secret, { cmd: "eval", console: page.consoles[0], code: "1 + 1" });
  assert.equal(locked.status, 403);
  assert.match(String(locked.body.error), /enter the PIN/);
  const wrong = await command(url, page.secret, { cmd: "pinauth", pin: "999-999-999" });
  assert.deepEqual(wrong.body, { auth: false, exhausted: false });
  assert.equal(wrong.headers["set-cookie"], undefined);
  const cookie = await unlock(url, page.secret, " 123 456-789 ");
  const open = await command(url, page.secret, { cmd: "eval", console: page.consoles[0], code: "1 + 1" }, { cookie });
  assert.deepEqual(open.body.result, { short: "2" });
  // A page opened with the cookie needs no PIN.
  assert.equal((await openPage(url, { cookie })).pinRequired, false);
});

test("a wrong PIN is answered only after a delay", async () => {
  const url = await start();
  const page = await openPage(url);
  const started = performance.now();
  await command(url, page.secret, { cmd: "pinauth", pin: "1" });
  assert.ok(performance.now() - started >= 450);
});

test("10 wrong PINs lock the console: the right PIN and an earlier cookie are refused from then on", async () => {
  const url = await start();
  const page = await openPage(url);
  const cookie = await unlock(url, page.secret, PIN);
  const wrong = await Promise.all(Array.from({ length: 10 }, () => command(url, page.secret, { cmd: "pinauth", pin: "000-000-000" })));
  assert.equal(wrong.filter((answer) => answer.body.auth === false).length, 10);
  const right = await command(url, page.secret, { cmd: "pinauth", pin: PIN });
  assert.deepEqual(right.body, { auth: false, exhausted: true });
  const withCookie = await command(url, page.secret, { cmd: "eval", console: page.consoles[0], code: "1" }, { cookie });
  assert.equal(withCookie.status, 403);
  assert.match(String(withCookie.body.error), /too many wrong PINs/);
});

test("the PIN cookie is HttpOnly, SameSite=Strict, for the whole site, and not Secure over plain HTTP", async () => {
  const url = await start();
  const page = await openPage(url);
  const answer = await command(url, page.secret, { cmd: "pinauth", pin: PIN });
  const header = answer.headers["set-cookie"]![0]!;
  assert.match(header, /^__wzd[0-9a-f]{20}=\d+\|[0-9a-f]{32}; HttpOnly; Path=\/; SameSite=Strict$/);
});

test("over HTTPS the PIN cookie is Secure", async () => {
  const dir = mkdtempSync(join(tmpdir(), "wz-tls-"));
  try {
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"), "-days", "1", "-subj", "/CN=localhost"],
      { stdio: "ignore" },
    );
    const server = createHttpsServer(
      { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) },
      toNodeListener(debuggedApplication(failing(), { evalex: true }), { onError: () => {} }),
    );
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    try {
      const { port } = server.address() as { port: number };
      const https = await import("node:https");
      const post = (path: string, body: string, headers: Record<string, string>) =>
        new Promise<{ status: number; headers: Record<string, unknown>; text: string }>((resolve, reject) => {
          const req = https.request({ host: "127.0.0.1", port, path, method: body === "" ? "GET" : "POST", headers, rejectUnauthorized: false }, (res) => {
            let text = "";
            res.on("data", (chunk) => (text += chunk));
            res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, text }));
          });
          req.on("error", reject);
          req.end(body === "" ? undefined : body);
        });
      const page = await post("/fail", "", { accept: "text/html" });
      const secret = /data-secret="([^"]+)"/.exec(page.text)![1]!;
      const answer = await post("/fail?__debugger__=yes", JSON.stringify({ s: secret, cmd: "pinauth", pin: PIN }), { "content-type": "application/json" });
      assert.match(String((answer.headers["set-cookie"] as string[])[0]), /; Secure; HttpOnly; Path=\/; SameSite=Strict$/);
    } finally {
      server.close();
      server.closeAllConnections();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the PIN cookie is accepted for 7 days, then the PIN is asked again", async () => {
  const url = await start();
  const page = await openPage(url);
  mock.timers.enable({ apis: ["Date"], now: Date.now() });
  try {
    const cookie = await unlock(url, page.secret, PIN);
    mock.timers.tick(6 * 24 * 3600 * 1000);
    assert.equal((await command(url, page.secret, { cmd: "eval", console: page.consoles[0], code: "1" }, { cookie })).status, 200);
    mock.timers.tick(24 * 3600 * 1000 + 1000);
    const expired = await command(url, page.secret, { cmd: "eval", console: page.consoles[0], code: "1" }, { cookie });
    assert.equal(expired.status, 403);
  } finally {
    mock.timers.reset();
  }
});

test("a forged PIN cookie is refused, deleted, and counted as a wrong PIN", async () => {
  const url = await start();
  const page = await openPage(url);
  const name = cookieFrom(await command(url, page.secret, { cmd: "pinauth", pin: PIN })).split("=")[0]!;
  const forged = `${name}=${Math.floor(Date.now() / 1000)}|00000000000000000000000000000000`;
  assert.equal((await command(url, page.secret, { cmd: "eval", console: page.consoles[0], code: "1" }, { cookie: forged })).status, 403);
  const answer = await command(url, page.secret, { cmd: "pinauth", pin: PIN }, { cookie: forged });
  assert.equal(answer.body.auth, false);
  assert.match(String(answer.headers["set-cookie"]![0]), new RegExp(`^${name}=; Expires=Thu, 01 Jan 1970`));
});

test("every command needs this process's secret", async () => {
  const url = await start();
  const page = await openPage(url);
  const cookie = await unlock(url, page.secret, PIN);
  const other = await openPage(await start());
  for (const secret of ["", "guess", other.secret]) {
    const answer = await command(url, secret, { cmd: "eval", console: page.consoles[0], code: "1" }, { cookie });
    assert.equal(answer.status, 403, secret);
    assert.match(String(answer.body.error), /secret/);
  }
  assert.equal((await command(url, "", { cmd: "pinauth", pin: PIN })).status, 403);
});

test("frame ids are random tokens, new for every traceback", async () => {
  const url = await start();
  const first = await openPage(url);
  const second = await openPage(url);
  assert.equal(first.consoles.length, 1);
  for (const id of [...first.consoles, ...second.consoles]) assert.match(id, /^[A-Za-z0-9_-]{16}$/);
  assert.notEqual(first.consoles[0], second.consoles[0]);
});

test("commands are POST requests: the same command as a GET runs nothing", async () => {
  const url = await start({ evalex: true, pinSecurity: false });
  const page = await openPage(url);
  const get = await send(`${url}?__debugger__=yes&cmd=eval&s=${page.secret}&console=${page.consoles[0]}&code=1`);
  assert.equal(get.status, 405);
  const text = await command(url, page.secret, { cmd: "eval", console: page.consoles[0], code: "1" }, { "content-type": "text/plain" });
  assert.equal(text.status, 400);
});

test("a foreign Host gets the traceback without consoles, and a 400 from every debugger command (CVE-2024-34069)", async () => {
  const url = await start();
  const trusted = await openPage(url);
  const cookie = await unlock(url, trusted.secret, PIN);
  for (const host of ["attacker.example", "localhost.attacker.example", "127.0.0.1.nip.io:5000", "[::2]:5000", "localhost@attacker.example"]) {
    const page = await openPage(url, { host });
    assert.equal(page.status, 500, host);
    assert.equal(page.evalex, false, host);
    assert.deepEqual(page.consoles, [], host);
    assert.equal(page.secret, "", host);
    const eval_ = await command(url, trusted.secret, { cmd: "eval", console: trusted.consoles[0], code: "1" }, { host, cookie });
    assert.equal(eval_.status, 400, host);
    assert.equal((await command(url, trusted.secret, { cmd: "pinauth", pin: PIN }, { host })).status, 400, host);
    assert.equal((await send(`${url}?__debugger__=yes&cmd=printpin`, { headers: { host } })).status, 400, host);
    // The page's stylesheet and script are served to it (nothing in them is secret).
    assert.equal((await send(`${url}?__debugger__=yes&cmd=resource&f=debugger.js`, { headers: { host } })).status, 200, host);
    assert.equal((await send(url.replace("/fail", "/console"), { headers: { host } })).status, 400, host);
  }
});

test("loopback names are trusted by default: localhost and its subdomains, 127.0.0.1, [::1]", async () => {
  const url = await start();
  const port = new URL(url).port;
  for (const host of [`localhost:${port}`, `app.localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, "localhost"]) {
    const page = await openPage(url, { host });
    assert.equal(page.evalex, true, host);
    assert.equal(page.consoles.length, 1, host);
  }
});

test("trustedHosts replaces the list", async () => {
  const url = await start({ evalex: true, trustedHosts: ["dev.example", ".corp.example"] });
  assert.equal((await openPage(url, { host: "dev.example" })).evalex, true);
  assert.equal((await openPage(url, { host: "a.corp.example:8080" })).evalex, true);
  assert.equal((await openPage(url)).evalex, false);
});

test("commands from another site are refused: Sec-Fetch-Site, a foreign Origin, and Origin: null", async () => {
  const url = await start();
  const page = await openPage(url);
  const cookie = await unlock(url, page.secret, PIN);
  const origin = new URL(url).origin;
  const refused: Record<string, string>[] = [
    { "sec-fetch-site": "cross-site" },
    { "sec-fetch-site": "same-site" },
    { origin: "http://attacker.example" },
    { origin: "null" },
    { origin: origin.replace("http:", "https:") },
  ];
  for (const headers of refused) {
    const answer = await command(url, page.secret, { cmd: "eval", console: page.consoles[0], code: "1" }, { ...headers, cookie });
    assert.equal(answer.status, 403, JSON.stringify(headers));
    assert.match(String(answer.body.error), /cross-site request refused/);
    assert.equal((await command(url, page.secret, { cmd: "pinauth", pin: PIN }, headers)).status, 403);
  }
  const same = await command(url, page.secret, { cmd: "eval", console: page.consoles[0], code: "1" }, { origin, "sec-fetch-site": "same-origin", cookie });
  assert.equal(same.status, 200);
});

test("pinSecurity: false and WZ_DEBUGGER_PIN=off open the console without a PIN", async () => {
  const url = await start({ evalex: true, pinSecurity: false });
  const page = await openPage(url);
  assert.equal(page.pinRequired, false);
  assert.deepEqual((await command(url, page.secret, { cmd: "eval", console: page.consoles[0], code: "secretValue" })).body.result, { short: "'inner'" });
  process.env.WZ_DEBUGGER_PIN = "off";
  try {
    const offUrl = await start();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const offPage = await openPage(offUrl);
    assert.equal(offPage.pinRequired, false);
    assert.equal((await command(offUrl, offPage.secret, { cmd: "eval", console: offPage.consoles[0], code: "1" })).status, 200);
  } finally {
    process.env.WZ_DEBUGGER_PIN = PIN;
  }
});

// The PIN as a separate process prints it: the same project on the same machine always gets the
// same PIN, another project another one, and WZ_DEBUGGER_PIN overrides it.
function printedPin(dir: string, env: Record<string, string | undefined>): Promise<string> {
  const child = spawn(process.execPath, [join(dir, "app.mjs")], {
    env: { ...process.env, WZ_DEBUGGER_PIN: undefined, ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk;
      if (/ \* Debugger PIN.*\n/.test(output)) child.kill();
    });
    child.on("exit", () => resolve(output));
    child.on("error", reject);
  });
}

test("the PIN is printed as Werkzeug prints it, stable per project and machine, and set or turned off by WZ_DEBUGGER_PIN", async () => {
  const root = mkdtempSync(join(tmpdir(), "wz-pin-"));
  try {
    // Wraps an app and waits (the test stops it once the PIN is printed).
    const script =
      `import { debuggedApplication } from "wz";\n` +
      `debuggedApplication(() => { throw new Error("x"); }, { evalex: true });\n` +
      `setInterval(() => {}, 1000);\n`;
    for (const name of ["one", "two"]) {
      mkdirSync(join(root, name, "node_modules"), { recursive: true });
      symlinkSync(repoRoot, join(root, name, "node_modules", "wz"), "dir");
      writeFileSync(join(root, name, "app.mjs"), script);
    }
    const first = await printedPin(join(root, "one"), {});
    assert.match(first, /^ \* Debugger is active!\n \* Debugger PIN: \d{3}-\d{3}-\d{3}\n/);
    assert.equal(await printedPin(join(root, "one"), {}), first);
    assert.notEqual(await printedPin(join(root, "two"), {}), first);
    assert.match(await printedPin(join(root, "one"), { WZ_DEBUGGER_PIN: "12345678" }), / \* Debugger PIN: 1234-5678\n/);
    assert.match(await printedPin(join(root, "one"), { WZ_DEBUGGER_PIN: "12-34" }), / \* Debugger PIN: 12-34\n/);
    assert.match(await printedPin(join(root, "one"), { WZ_DEBUGGER_PIN: "off" }), / \* Debugger PIN disabled\. DEBUGGER UNSECURED!\n/);
    const invalid = await printedPin(join(root, "one"), { WZ_DEBUGGER_PIN: "let-me-in" });
    assert.match(invalid, /WZ_DEBUGGER_PIN must be "off" or digits/);
    assert.ok(invalid.endsWith(first.split("\n")[1]! + "\n"), invalid);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("WZ_DEBUGGER_PIN is read as Werkzeug reads WERKZEUG_DEBUG_PIN (recorded from Werkzeug 3.1.8)", async () => {
  const recorded = JSON.parse(readFileSync(join(repoRoot, "test", "support", "werkzeug-debug-pins.json"), "utf8")) as {
    cases: { env: string; pin: string | null }[];
  };
  const root = mkdtempSync(join(tmpdir(), "wz-pin-"));
  try {
    mkdirSync(join(root, "node_modules"));
    symlinkSync(repoRoot, join(root, "node_modules", "wz"), "dir");
    // One process wraps an app once per value; a request through the test client waits for the
    // debugger to load, so its banner is out before the next value.
    writeFileSync(
      join(root, "pins.mjs"),
      `import { debuggedApplication, Client } from "wz";
const values = JSON.parse(process.argv[2]);
for (const value of [null, ...values]) {
  if (value === null) delete process.env.WZ_DEBUGGER_PIN;
  else process.env.WZ_DEBUGGER_PIN = value;
  await new Client(debuggedApplication(() => { throw new Error("x"); }, { evalex: true })).get("/");
  process.stderr.write("--- next\\n");
}
`,
    );
    const values = recorded.cases.map((entry) => entry.env);
    const child = spawn(process.execPath, [join(root, "pins.mjs"), JSON.stringify(values)], {
      env: { ...process.env, WZ_DEBUGGER_PIN: undefined },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let output = "";
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    const [code] = await once(child, "exit");
    assert.equal(code, 0, output);
    const shown = output
      .split("--- next\n")
      .slice(0, -1)
      .map((block) => {
        if (/DEBUGGER UNSECURED/.test(block)) return null;
        return / \* Debugger PIN: (.*)\n/.exec(block)?.[1];
      });
    const generated = shown[0];
    assert.match(generated!, /^\d{3}-\d{3}-\d{3}$/);
    recorded.cases.forEach((entry, index) => {
      assert.equal(shown[index + 1], entry.pin === "generated" ? generated : entry.pin, `WZ_DEBUGGER_PIN=${JSON.stringify(entry.env)}`);
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
