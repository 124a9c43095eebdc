// The debugger as `wz dev` and runSimple turn it on: the PIN on the terminal, the page and its
// consoles for a TypeScript app run by esbuild (its source maps), the failure count that a
// reload does not reset, and the flags that turn it off.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { copyFixture, startDevServer, until, wzBin, type RunningDevServer } from "./support/dev-server-process.js";
import { command, openPage, send, unlock } from "./support/debugger-client.js";

async function devServer(args: string[], readyLog?: RegExp, env: Record<string, string> = {}) {
  const fixture = copyFixture("debugger-app");
  const saved = { ...process.env };
  Object.assign(process.env, env);
  let server: RunningDevServer;
  try {
    server = await startDevServer(args, fixture.dir, readyLog);
  } catch (error) {
    fixture.cleanup();
    throw error;
  } finally {
    for (const key of Object.keys(env)) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  }
  return {
    fixture,
    server,
    async stop() {
      await server.stop();
      fixture.cleanup();
    },
  };
}

const printedPin = (server: RunningDevServer) => server.waitForLog(/ \* Debugger PIN: (\d{3}-\d{3}-\d{3})\n/, 60_000).then((match) => match[1]!);

test("wz dev shows the debugger for an error in a TypeScript handler, with consoles on the live frames after the PIN", async () => {
  const dev = await devServer([wzBin, "dev", "app.ts", "--port", "0"]);
  try {
    const pin = await printedPin(dev.server);
    assert.match(dev.server.log(), / \* Debugger is active!\n \* Debugger PIN: \d{3}-\d{3}-\d{3}\n/);
    const url = `${dev.server.url}/profile?id=2`;
    const page = await openPage(url);
    assert.equal(page.status, 500);
    // esbuild's source map leads back to the .ts line of the throw.
    assert.match(page.text, /<code class="function">renderProfile<\/code> <span class="file">app\.ts:16:26<\/span>/);
    assert.match(page.text, /<span class="badge">async<\/span> <code class="function">app<\/code> <span class="file">app\.ts:34:\d+/);
    assert.equal(page.consoles.length, 2);
    const cookie = await unlock(url, page.secret, pin);
    const run = async (id: string, code: string) => (await command(url, page.secret, { cmd: "eval", console: id, code }, { cookie })).body;
    assert.deepEqual((await run(page.consoles[0]!, "greeting")).result, { short: "'Hello bob'" });
    assert.deepEqual((await run(page.consoles[1]!, "user.name + ' ' + id")).result, { short: "'bob 2'" });
    assert.deepEqual((await run(page.consoles[0]!, "counter.count += 100")).result, { short: "101" });
    assert.deepEqual((await run(page.consoles[1]!, "visits.count")).result, { short: "101" });
    // The terminal has the plain traceback too.
    assert.match(dev.server.log(), /Error: user 2 is banned\n\s+at renderProfile \(.*app\.ts:16:26\)/);
  } finally {
    await dev.stop();
  }
});

test("the count of wrong PINs lives in the dev server's parent: a reload does not reset the lockout", async () => {
  const dev = await devServer([wzBin, "dev", "app.ts", "--port", "0"]);
  try {
    const pin = await printedPin(dev.server);
    const url = `${dev.server.url}/profile`;
    const page = await openPage(url);
    const wrong = await Promise.all(Array.from({ length: 10 }, () => command(url, page.secret, { cmd: "pinauth", pin: "000000000" })));
    assert.ok(wrong.every((answer) => answer.body.auth === false));
    const file = join(dev.fixture.dir, "app.ts");
    writeFileSync(file, readFileSync(file, "utf8").replace("Hello ", "Hi "));
    await until(() => dev.server.log().includes("Reloaded"), 60_000, "the reload");
    const reloaded = await openPage(url);
    assert.notEqual(reloaded.secret, page.secret);
    const answer = await command(url, reloaded.secret, { cmd: "pinauth", pin });
    assert.deepEqual(answer.body, { auth: false, exhausted: true });
  } finally {
    await dev.stop();
  }
});

test("wz dev --no-evalex shows the traceback without consoles; --no-debugger a bare 500", async () => {
  const noEvalex = await devServer([wzBin, "dev", "app.ts", "--port", "0", "--no-evalex"]);
  try {
    const page = await openPage(`${noEvalex.server.url}/profile`);
    assert.match(page.text, /renderProfile/);
    assert.deepEqual(page.consoles, []);
    assert.equal(page.evalex, false);
    assert.doesNotMatch(noEvalex.server.log(), /Debugger PIN/);
    assert.notEqual((await send(`${noEvalex.server.url}/console`)).status, 200);
  } finally {
    await noEvalex.stop();
  }
  const noDebugger = await devServer([wzBin, "dev", "app.ts", "--port", "0", "--no-debugger"]);
  try {
    const page = await send(`${noDebugger.server.url}/profile`, { headers: { accept: "text/html" } });
    assert.equal(page.status, 500);
    assert.doesNotMatch(page.text, /renderProfile|banned/);
  } finally {
    await noDebugger.stop();
  }
});

for (const reload of [false, true]) {
  test(`runSimple with useDebugger${reload ? " and useReloader" : ""} serves the debugger with consoles`, async () => {
    const dev = await devServer(["serve.mjs"], reload ? /Watching for changes/ : /Press CTRL\+C to quit/, {
      RELOAD: reload ? "1" : "0",
      WZ_DEBUGGER_PIN: "321-654-987",
    });
    try {
      assert.match(await printedPin(dev.server), /^321-654-987$/);
      const url = `${dev.server.url}/lookup`;
      const page = await openPage(url);
      assert.match(page.text, /<code class="function">check<\/code> <span class="file">serve\.mjs:12:\d+/);
      const cookie = await unlock(url, page.secret, "321654987");
      const answer = await command(url, page.secret, { cmd: "eval", console: page.consoles[0], code: "record" }, { cookie });
      assert.deepEqual(answer.body.result, { short: "{ id: 7, state: 'missing' }" });
      // Printed once, by the process that owns the terminal.
      assert.equal(dev.server.log().match(/Debugger PIN/g)?.length, 1);
    } finally {
      await dev.stop();
    }
  });
}
