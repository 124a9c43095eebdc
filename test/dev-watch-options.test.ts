// wz dev --extra-file and --exclude (Werkzeug's extra_files and exclude_patterns), through the bin.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { copyFixture, get, startDevServer, wzBin } from "./support/dev-server-process.js";

test("--extra-file reloads on a file the app never imports, and --exclude keeps an imported file from reloading", async () => {
  const fixture = copyFixture("dev-app");
  const config = join(fixture.dir, "settings.json");
  writeFileSync(config, `{"v": 0}\n`);
  const server = await startDevServer([wzBin, "dev", "app.ts", "--port", "0", "--extra-file", "settings.json", "--exclude", "*greeting.ts"], fixture.dir);
  try {
    const greeting = join(fixture.dir, "greeting.ts");
    // The excluded file is saved first; the extra file after it. chokidar reports them in order, so
    // once the extra file's reload is logged, a reload for the excluded file would be logged too.
    writeFileSync(greeting, readFileSync(greeting, "utf8").replace(/"[^"]*"/, `"Bonjour"`));
    writeFileSync(config, `{"v": 1}\n`);
    await server.waitForLog(/Detected change in '[^']*settings\.json', reloading[\s\S]*Reloaded/, 60_000);
    assert.doesNotMatch(server.log(), /Detected change in '[^']*greeting\.ts'/);
    // The reload the extra file caused loads the greeting module as it is now.
    assert.equal((await get(`${server.url}/`, 20_000)).body, "Bonjour v0");
  } finally {
    await server.stop();
    fixture.cleanup();
  }
});
