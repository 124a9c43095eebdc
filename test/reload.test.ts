// `wz dev` reloads on every save without failing a request, and keeps the last good code
// serving when a save breaks it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { Agent } from "node:http";
import { join } from "node:path";
import { copyFixture, get, requestLoop, startDevServer, until, wzBin } from "./support/dev-server-process.js";

function setVersion(file: string, version: string): void {
  const source = readFileSync(file, "utf8").replace(/const version(: string)? = "[^"]*";/, `const version$1 = "${version}";`);
  writeFileSync(file, source);
}

test("ten saves during a request loop: every request succeeds and every change is served, in order", async () => {
  const fixture = copyFixture("dev-app");
  const server = await startDevServer([wzBin, "dev", "app.ts", "--port", "0"], fixture.dir);
  try {
    assert.equal((await get(`${server.url}/`)).body, "hello v0");
    const loop = requestLoop(`${server.url}/`, 55_000, 5);
    for (let n = 1; n <= 10; n++) {
      setVersion(join(fixture.dir, "app.ts"), `v${n}`);
      // Generous: each save here comes right after the previous reload, before the next
      // standby has booted, and a busy machine boots node slowly.
      await until(() => loop.latest() === `hello v${n}`, 60_000, `v${n} to be served`).catch((error: Error) =>
        assert.fail(
          `${error.message}\n${server
            .log()
            .split("\n")
            .filter((l) => !l.includes('"GET'))
            .join("\n")}`,
        ),
      );
    }
    const result = await loop.stop();
    assert.deepEqual(result.failed, []);
    assert.ok(result.total > 50, `only ${result.total} requests were made`);
    const versions = result.bodies.map((body) => Number(body.replace("hello v", "")));
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
      "an older version answered after a newer one",
    );
    for (let n = 1; n <= 10; n++) assert.ok(versions.includes(n), `v${n} was never served`);
  } finally {
    await server.stop();
    fixture.cleanup();
  }
});

test("a client reusing one keep-alive connection sees every reload and never a failed request", async () => {
  const fixture = copyFixture("dev-app");
  const server = await startDevServer([wzBin, "dev", "app.ts", "--port", "0"], fixture.dir);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  let connections = 0;
  const createConnection = agent.createConnection.bind(agent);
  agent.createConnection = ((...args: Parameters<typeof createConnection>) => {
    connections++;
    return createConnection(...args);
  }) as typeof agent.createConnection;
  try {
    const loop = requestLoop(`${server.url}/`, 55_000, 5, agent);
    for (let n = 1; n <= 4; n++) {
      setVersion(join(fixture.dir, "app.ts"), `v${n}`);
      await until(() => loop.latest() === `hello v${n}`, 60_000, `v${n} to be served`);
    }
    const result = await loop.stop();
    assert.deepEqual(result.failed, []);
    // The retired processes gave the idle connection back rather than closing it.
    assert.ok(connections < 4, `${connections} connections for ${result.total} requests`);
  } finally {
    agent.destroy();
    await server.stop();
    fixture.cleanup();
  }
});

test("a save with a syntax error keeps the previous code serving and reports the error with its file and line", async () => {
  const fixture = copyFixture("dev-app");
  const server = await startDevServer([wzBin, "dev", "app.ts", "--port", "0"], fixture.dir);
  const app = join(fixture.dir, "app.ts");
  try {
    assert.equal((await get(`${server.url}/`)).body, "hello v0");
    writeFileSync(app, readFileSync(app, "utf8").replace(`"v0";`, `"v1" +;`));
    await server.waitForLog(/Error while starting the app: SyntaxError: .*app\.ts:5:/);
    for (let i = 0; i < 5; i++) assert.equal((await get(`${server.url}/`)).body, "hello v0");
    setVersion(app, "v2");
    writeFileSync(app, readFileSync(app, "utf8").replace(`"v1" +;`, `"v2";`));
    await until(() => server.log().includes("Reloaded"), 60_000, "the fixed code to load");
    assert.equal((await get(`${server.url}/`)).body, "hello v2");
  } finally {
    await server.stop();
    fixture.cleanup();
  }
});

test("an app that fails to start answers with an error page naming the error and the file until a save fixes it", async () => {
  const fixture = copyFixture("dev-app");
  const app = join(fixture.dir, "app.ts");
  writeFileSync(app, readFileSync(app, "utf8").replace(`"v0";`, `undefinedName;`));
  const server = await startDevServer([wzBin, "dev", "app.ts", "--port", "0"], fixture.dir);
  try {
    await server.waitForLog(/The app failed to start|Error while starting the app/);
    const page = await get(`${server.url}/`);
    assert.equal(page.status, 500);
    assert.match(page.headers["content-type"] as string, /^text\/html/);
    assert.match(page.body, /ReferenceError: undefinedName is not defined/);
    assert.match(page.body, new RegExp(`${app.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:5`));
    writeFileSync(app, readFileSync(app, "utf8").replace(`undefinedName;`, `"v1";`));
    await until(() => server.log().includes("Reloaded"), 60_000, "the fixed code to load");
    assert.equal((await get(`${server.url}/`)).body, "hello v1");
  } finally {
    await server.stop();
    fixture.cleanup();
  }
});

test("a change to a module the entry imports reloads too", async () => {
  const fixture = copyFixture("dev-app");
  const server = await startDevServer([wzBin, "dev", "app.ts", "--port", "0"], fixture.dir);
  try {
    writeFileSync(join(fixture.dir, "greeting.ts"), `export const greeting: string = "bonjour";\n`);
    await until(() => server.log().includes("Reloaded"), 60_000, "the reload");
    assert.equal((await get(`${server.url}/`)).body, "bonjour v0");
  } finally {
    await server.stop();
    fixture.cleanup();
  }
});
