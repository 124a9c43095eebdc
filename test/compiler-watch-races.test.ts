// Saves that land where chokidar reports nothing: each must still be compiled. chokidar drops a
// file's change events for 50 ms after any it reports (with no trailing event), and reports
// nothing for a save made before its first scan; the watcher looks at the files itself after
// both. Every wait here is for a real event (a result, a file system notification).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { watch, utimesSync } from "node:fs";
import { stat } from "node:fs/promises";
import { watchRoutes, type WatchResult } from "wz/compiler";
import { IMPORTS, routesDir } from "./support/routes-files.js";
import { resultQueue } from "./support/result-queue.js";

const dirs: Array<{ remove(): void }> = [];
after(() => dirs.forEach((d) => d.remove()));

const routesText = (endpoint: string) => `${IMPORTS}export default routes([rule("/${endpoint}", { endpoint: "${endpoint}" })]);\n`;

// A lost save never gets its result: the timeout turns that hang into a failure (a safety net,
// not a speed limit).
const HANG = { timeout: 120_000 };

test("a save right after a report of text already compiled is compiled (chokidar then drops changes for 50 ms)", HANG, async () => {
  const dir = routesDir({ "routes.ts": routesText("s0") });
  dirs.push(dir);
  const file = dir.path("routes.ts");
  const results = resultQueue<WatchResult>();
  const watcher = watchRoutes({ file, onResult: (r) => results.push(r) });
  // A notification of our own for the file, to act right after chokidar has one.
  let notified: (() => void) | undefined;
  const own = watch(file, () => notified?.());
  try {
    await watcher.ready;
    await results.next();
    dir.write("routes.ts", routesText("s1"));
    assert.match((await results.next()).code, /"s1"/);
    for (let k = 2; k < 14; k++) {
      // Touch the file: chokidar reports a change whose text the last compile already read (the
      // watcher skips it, and chokidar drops changes for 50 ms from then)...
      const touched = new Promise<void>((resolve) => (notified = resolve));
      utimesSync(file, new Date(), new Date(Date.now() + k * 1000));
      await touched;
      // ...and save once chokidar has looked at the touch (its stat, queued before this one).
      await stat(file);
      await new Promise((resolve) => setImmediate(resolve));
      dir.write("routes.ts", routesText(`s${k}`));
      const result = await results.next();
      assert.match(result.code, new RegExp(`"s${k}"`), `the compile of save ${k}`);
    }
  } finally {
    own.close();
    await watcher.close();
  }
});

/**
 * Watches `files` ("routes.ts" the routes file), saves `saved` as `during` right after the first
 * compile (before chokidar's first scan of the directory), and returns the first two results.
 */
async function saveBeforeReady(files: Record<string, string>, saved: string, during: string): Promise<[WatchResult, WatchResult]> {
  const dir = routesDir(files);
  dirs.push(dir);
  const results = resultQueue<WatchResult>();
  let first = true;
  const watcher = watchRoutes({
    file: dir.path("routes.ts"),
    onResult: (r) => {
      results.push(r);
      if (first) dir.write(saved, during);
      first = false;
    },
  });
  try {
    await watcher.ready;
    return [await results.next(), await results.next()];
  } finally {
    await watcher.close();
  }
}

test("a save between the first compile and the watcher being ready is compiled", HANG, async () => {
  const [first, second] = await saveBeforeReady({ "routes.ts": routesText("before") }, "routes.ts", routesText("during"));
  assert.match(first.code, /"before"/);
  assert.match(second.code, /"during"/);
});

test("a save of an imported file between the first compile and the watcher being ready is compiled", HANG, async () => {
  const paths = (home: string) => `export const HOME = "/${home}";\n`;
  const routes = `${IMPORTS}import { HOME } from "./paths.js";\nexport default routes([rule(HOME, { endpoint: "home" })]);\n`;
  const [first, second] = await saveBeforeReady({ "routes.ts": routes, "paths.ts": paths("before") }, "paths.ts", paths("during"));
  assert.match(first.code, /"\/before"/);
  assert.match(second.code, /"\/during"/);
});
