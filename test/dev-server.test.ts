// `wz dev` and runSimple as a user meets them: the banner, the request log, TypeScript stack
// traces, shutdown, usage errors, runSimple's reloader and the route compiler's watch.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { appProcesses, copyFixture, descendants, get, isAlive, startDevServer, until, wzBin } from "./support/dev-server-process.js";

test("wz dev binds 127.0.0.1 by default and prints Werkzeug's banner", async () => {
  const fixture = copyFixture("dev-app");
  const server = await startDevServer([wzBin, "dev", "app.ts", "--port", "0"], fixture.dir);
  try {
    const lines = server.log().split("\n");
    assert.equal(lines[0], "WARNING: This is a development server. Do not use it in a production deployment. Use a production server instead.");
    assert.match(lines[1]!, /^ \* Running on http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(lines[2], "Press CTRL+C to quit");
  } finally {
    await server.stop();
    fixture.cleanup();
  }
});

test("each request is logged as Werkzeug logs it: address, time, request line with the path decoded, status", async () => {
  const fixture = copyFixture("dev-app");
  const server = await startDevServer([wzBin, "dev", "app.ts", "--port", "0"], fixture.dir);
  try {
    await get(`${server.url}/caf%C3%A9?q=%26`);
    await server.waitForLog(/127\.0\.0\.1 - - \[\d\d\/[A-Z][a-z]{2}\/\d{4} \d\d:\d\d:\d\d\] "GET \/café\?q=%26 HTTP\/1\.1" 200 -\n/);
    await get(`${server.url}/boom`);
    await server.waitForLog(/"GET \/boom HTTP\/1\.1" 500 -\n/);
  } finally {
    await server.stop();
    fixture.cleanup();
  }
});

test("stack traces of a TypeScript app point at the .ts source lines", async () => {
  const fixture = copyFixture("dev-app");
  const server = await startDevServer([wzBin, "dev", "app.ts", "--port", "0"], fixture.dir);
  try {
    await get(`${server.url}/boom`);
    // app.ts line 8: `  if (request.path === "/boom") throw new Error("boom");`, `new` at column 39
    await server.waitForLog(/Error: boom\n\s+at app \(.*app\.ts:8:39\)/);
  } finally {
    await server.stop();
    fixture.cleanup();
  }
});

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  test(`${signal} stops the server and every app process it started, with status 0`, async () => {
    const fixture = copyFixture("dev-app");
    const server = await startDevServer([wzBin, "dev", "app.ts", "--port", "0"], fixture.dir);
    try {
      await get(`${server.url}/`);
      // the serving process and the standby for the next save
      await until(() => appProcesses(server.process.pid!).length === 2, 60_000, "two app processes");
      const started = descendants(server.process.pid!);
      server.process.kill(signal);
      const code = await new Promise((resolve) => server.process.once("exit", resolve));
      assert.equal(code, 0);
      await until(() => started.every((pid) => !isAlive(pid)), 60_000, "the app processes and theirs to exit");
    } finally {
      await server.stop();
      fixture.cleanup();
    }
  });
}

test("an app process that crashes after starting is replaced by an error page until the next save, its stack printed once", async () => {
  const fixture = copyFixture("dev-app");
  const server = await startDevServer([wzBin, "dev", "app.ts", "--port", "0"], fixture.dir);
  try {
    await get(`${server.url}/crash`);
    await server.waitForLog(/The app process crashed: Error: crashed later/);
    const page = await get(`${server.url}/`);
    assert.equal(page.status, 500);
    assert.match(page.body, /crashed later/);
    // The stack is printed once, by the server (the app process only reports it).
    assert.equal(server.log().match(/^Error: crashed later$/gm)?.length, 1, server.log());
    writeFileSync(join(fixture.dir, "app.ts"), readFileSync(join(fixture.dir, "app.ts"), "utf8").replace(`"v0"`, `"v1"`));
    await until(() => server.log().includes("Reloaded"), 60_000, "the reload");
    assert.equal((await get(`${server.url}/`)).body, "hello v1");
  } finally {
    await server.stop();
    fixture.cleanup();
  }
});

test("--no-reload serves the TypeScript entry from a single process", async () => {
  const fixture = copyFixture("dev-app");
  const server = await startDevServer([wzBin, "dev", "app.ts", "--port", "0", "--no-reload"], fixture.dir, /Press CTRL\+C to quit/);
  try {
    assert.equal((await get(`${server.url}/`)).body, "hello v0");
    assert.deepEqual(appProcesses(server.process.pid!), []);
  } finally {
    await server.stop();
    fixture.cleanup();
  }
});

test("a port in use is reported as Werkzeug reports it, with status 1", async () => {
  const fixture = copyFixture("dev-app");
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
  try {
    const port = (blocker.address() as AddressInfo).port;
    const result = spawnSync(process.execPath, [wzBin, "dev", "app.ts", "--port", String(port)], { cwd: fixture.dir, encoding: "utf8", timeout: 10_000 });
    assert.equal(result.status, 1);
    assert.match(
      result.stderr,
      new RegExp(
        `Address already in use\\nPort ${port} is in use by another program\\. Either identify and stop that program, or start the server with a different port\\.`,
      ),
    );
  } finally {
    blocker.close();
    fixture.cleanup();
  }
});

test("usage errors exit with status 2 and show the usage", () => {
  for (const args of [["dev"], ["bogus", "app.ts"], ["dev", "app.ts", "--port", "http"], ["dev", "missing.ts"], ["dev", "app.ts", "--bogus"]]) {
    const result = spawnSync(process.execPath, [wzBin, ...args], { cwd: join(wzBin, "..", "..", "fixtures", "dev-app"), encoding: "utf8", timeout: 10_000 });
    assert.equal(result.status, 2, `wz ${args.join(" ")}: ${result.stderr}`);
    assert.match(result.stderr, /Usage: wz dev <entry>/);
  }
});

test("a misspelt option gets a did-you-mean", () => {
  const result = spawnSync(process.execPath, [wzBin, "dev", "app.ts", "--prot", "5001"], {
    cwd: join(wzBin, "..", "..", "fixtures", "dev-app"),
    encoding: "utf8",
    timeout: 10_000,
  });
  assert.equal(result.status, 2);
  assert.ok(result.stderr.startsWith("wz: unknown option --prot (did you mean --port?)\n"), result.stderr);
});

test("runSimple with useReloader re-runs the script for each version and reloads on save", async () => {
  const fixture = copyFixture("dev-app");
  const server = await startDevServer(["serve.mjs"], fixture.dir, /Watching for changes/);
  try {
    assert.equal((await get(`${server.url}/`)).body, "v0");
    writeFileSync(join(fixture.dir, "app.js"), readFileSync(join(fixture.dir, "app.js"), "utf8").replace(`"v0"`, `"v1"`));
    await until(() => server.log().includes("Reloaded"), 60_000, "the reload");
    assert.equal((await get(`${server.url}/`)).body, "v1");
  } finally {
    await server.stop();
    fixture.cleanup();
  }
});

test("with --routes a routes error is reported, and fixing it says so even when the output is unchanged", async () => {
  const fixture = copyFixture("dev-app-routes");
  const server = await startDevServer([wzBin, "dev", "app.ts", "--port", "0", "--routes", "routes.ts"], fixture.dir);
  try {
    const routes = join(fixture.dir, "routes.ts");
    const good = readFileSync(routes, "utf8");
    writeFileSync(routes, good.replace(`endpoint: "index"`, `endpont: "index"`));
    await server.waitForLog(/unknown rule option "endpont"[\s\S]* \* Routes not compiled: routes\.gen\.ts left as it was\n/, 60_000);
    writeFileSync(routes, good);
    await server.waitForLog(/Routes not compiled[\s\S]* \* Routes fixed: routes\.gen\.ts is up to date\n/, 60_000);
    assert.equal((await get(`${server.url}/`)).body, "endpoint index");
  } finally {
    await server.stop();
    fixture.cleanup();
  }
});

test("with --routes a change to the route file regenerates the routes and the app serves them", async () => {
  const fixture = copyFixture("dev-app-routes");
  const server = await startDevServer([wzBin, "dev", "app.ts", "--port", "0", "--routes", "routes.ts"], fixture.dir);
  try {
    assert.equal((await get(`${server.url}/`)).body, "endpoint index");
    assert.equal((await get(`${server.url}/about`)).status, 404);
    const routes = join(fixture.dir, "routes.ts");
    const before = readFileSync(routes, "utf8");
    const after = before.replace(`rule("/", { endpoint: "index" })`, `rule("/", { endpoint: "index" }), rule("/about", { endpoint: "about" })`);
    assert.notEqual(after, before, "the edit must change the routes file");
    writeFileSync(routes, after);
    await server.waitForLog(/Routes compiled[\s\S]*Routes compiled[\s\S]*Reloaded/, 60_000);
    assert.equal((await get(`${server.url}/about`)).body, "endpoint about");
    assert.doesNotMatch(server.log(), /Detected change in '[^']*routes\.ts'/, "the routes file itself triggered a reload");
  } finally {
    await server.stop();
    fixture.cleanup();
  }
});
