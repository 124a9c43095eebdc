import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readFileSync, unlinkSync } from "node:fs";
import path from "node:path";
import { compileRoutes, watchRoutes, type WatchResult } from "wz/compiler";
import { IMPORTS, repoRoot, routesDir } from "./support/routes-files.js";

const dirs: Array<{ remove(): void }> = [];
after(() => dirs.forEach((d) => d.remove()));

// A safety net for a hung watcher, not a speed limit: a loaded CI machine may take seconds.
const WAIT_MS = 60_000;

/** Results in arrival order; `next()` waits (bounded) for the one after the last taken. */
function resultQueue<T>() {
  const items: T[] = [];
  let taken = 0;
  let wake: (() => void) | undefined;
  return {
    push(item: T) {
      items.push(item);
      wake?.();
    },
    async next(what: string): Promise<T> {
      const deadline = Date.now() + WAIT_MS;
      while (items.length <= taken) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 100);
        });
      }
      return items[taken++]!;
    },
    get pending() {
      return items.length - taken;
    },
  };
}

const ROUTES = (extra = "") => `${IMPORTS}import { HOME } from "./paths.js";
export default routes([rule(HOME, { endpoint: "home" }), rule("/users/<int:id>", { endpoint: "user" })${extra}]);\n`;

test("watchRoutes recompiles on edits, keeps running through errors and survives the routes file being deleted", async () => {
  const dir = routesDir({ "routes.ts": ROUTES(), "paths.ts": `export const HOME = "/home";\n` });
  dirs.push(dir);
  const results = resultQueue<WatchResult>();
  const watcher = watchRoutes({ file: dir.path("routes.ts"), onResult: (r) => results.push(r) });
  try {
    await watcher.ready;
    const first = await results.next("the first compile");
    assert.equal(first.outcome, "written");
    assert.deepEqual(first.diagnostics, []);
    assert.deepEqual([...first.files].sort(), [dir.path("paths.ts"), dir.path("routes.ts")]);
    assert.equal(readFileSync(dir.path("routes.gen.ts"), "utf8"), first.code);

    dir.write("routes.ts", ROUTES(`, rule("/about", { endpoint: "about" })`));
    const edited = await results.next("the compile after an edit");
    assert.equal(edited.outcome, "written");
    assert.match(edited.code, /about/);
    assert.equal(edited.code, (await compileRoutes({ file: dir.path("routes.ts") })).code);
    assert.equal(readFileSync(dir.path("routes.gen.ts"), "utf8"), edited.code);

    dir.write("routes.ts", ROUTES(`, rule("/about", { endpont: "about" })`));
    const broken = await results.next("the compile of a broken file");
    assert.equal(broken.outcome, "failed");
    assert.equal(broken.code, "");
    assert.deepEqual(
      broken.diagnostics.map((d) => [d.message, d.suggestion]),
      [[`unknown rule option "endpont"`, "endpoint"]],
    );
    assert.equal(readFileSync(dir.path("routes.gen.ts"), "utf8"), edited.code, "a failed compile leaves the last good output");

    dir.write("routes.ts", ROUTES(`, rule("/about", { endpoint: "about" })`));
    const fixed = await results.next("the compile after the fix");
    assert.equal(fixed.outcome, "unchanged");
    assert.deepEqual(fixed.diagnostics, []);

    dir.write("paths.ts", `export const HOME = "/start";\n`);
    const imported = await results.next("the compile after an imported file changed");
    assert.equal(imported.outcome, "written");
    assert.match(imported.code, /start/);

    unlinkSync(dir.path("routes.ts"));
    const deleted = await results.next("the compile after the routes file was deleted");
    assert.equal(deleted.outcome, "failed");
    assert.match(deleted.diagnostics[0]!.message, /does not exist/);

    dir.write("routes.ts", ROUTES(`, rule("/back", { endpoint: "back" })`));
    const recreated = await results.next("the compile after the routes file came back");
    assert.equal(recreated.outcome, "written");
    assert.match(readFileSync(dir.path("routes.gen.ts"), "utf8"), /back/);
  } finally {
    await watcher.close();
  }
});

test("an imported file that does not exist yet is picked up when it is created", async () => {
  const dir = routesDir({ "routes.ts": ROUTES() });
  dirs.push(dir);
  const results = resultQueue<WatchResult>();
  const watcher = watchRoutes({ file: dir.path("routes.ts"), onResult: (r) => results.push(r) });
  try {
    await watcher.ready;
    const first = await results.next("the first compile");
    assert.equal(first.outcome, "failed");
    assert.match(first.diagnostics[0]!.message, /imported from "\.\/paths\.js", which cannot be found/);
    dir.write("paths.ts", `export const HOME = "/created";\n`);
    const created = await results.next("the compile after the import was created");
    assert.equal(created.outcome, "written");
    assert.match(created.code, /created/);
  } finally {
    await watcher.close();
  }
});

test("a burst of saves is compiled once", async () => {
  const dir = routesDir({ "routes.ts": ROUTES(), "paths.ts": `export const HOME = "/home";\n` });
  dirs.push(dir);
  const results = resultQueue<WatchResult>();
  const watcher = watchRoutes({ file: dir.path("routes.ts"), onResult: (r) => results.push(r), debounceMs: 100 });
  try {
    await watcher.ready;
    await results.next("the first compile");
    for (let i = 0; i < 5; i++) dir.write("routes.ts", ROUTES(`, rule("/n${i}")`));
    const burst = await results.next("the compile of the burst");
    assert.match(burst.code, /n4/);
    // A later save is the event that shows no other compile came from the burst: its compile must
    // be the very next result (events arrive in order, so a stray one would come before it).
    dir.write("routes.ts", ROUTES(`, rule("/marker")`));
    const next = await results.next("the compile of the save after the burst");
    assert.match(next.code, /marker/, "a second compile came from the burst");
  } finally {
    await watcher.close();
  }
});

test("wz-compile --watch prints a JSON line per compile and exits 0 on SIGINT", async () => {
  const dir = routesDir({ "routes.ts": ROUTES(), "paths.ts": `export const HOME = "/home";\n` });
  dirs.push(dir);
  const child = spawn(process.execPath, [path.join(repoRoot, "bin/wz-compile.js"), "routes.ts", "--watch", "--json"], {
    cwd: dir.dir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines = resultQueue<{ outcome: string; diagnostics: unknown[] }>();
  let buffered = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    buffered += chunk;
    for (let end = buffered.indexOf("\n"); end >= 0; end = buffered.indexOf("\n")) {
      lines.push(JSON.parse(buffered.slice(0, end)));
      buffered = buffered.slice(end + 1);
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  try {
    assert.equal((await lines.next("the first JSON line")).outcome, "written");
    // The first line comes before the directory watch is ready: save until the watcher reacts.
    for (const deadline = Date.now() + WAIT_MS; lines.pending === 0 && Date.now() < deadline; ) {
      dir.write("routes.ts", ROUTES(`, rule("/x", { endpont: "x" })`));
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const broken = await lines.next("the JSON line of a broken compile");
    assert.equal(broken.outcome, "failed");
    assert.equal(broken.diagnostics.length, 1);
    dir.write("routes.ts", ROUTES(`, rule("/x", { endpoint: "x" })`));
    assert.equal((await lines.next("the JSON line after the fix")).outcome, "written");
    assert.ok(existsSync(dir.path("routes.gen.ts")));
  } finally {
    child.kill("SIGINT");
  }
  const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve("timeout"), WAIT_MS))]);
  assert.equal(code, 0);
});

test("a second save right after a compile is not lost (chokidar drops repeated changes within 50 ms)", async () => {
  const dir = routesDir({ "routes.ts": ROUTES(), "paths.ts": `export const HOME = "/home";\n` });
  dirs.push(dir);
  const results = resultQueue<WatchResult>();
  const watcher = watchRoutes({ file: dir.path("routes.ts"), debounceMs: 0, onResult: (r) => results.push(r) });
  try {
    await watcher.ready;
    await results.next("the first compile");
    dir.write("routes.ts", ROUTES(`, rule("/first", { endpoint: "first" })`));
    // Not a wait for anything: the second save must land inside chokidar's 50 ms window.
    await new Promise((resolve) => setTimeout(resolve, 20));
    dir.write("routes.ts", ROUTES(`, rule("/second", { endpoint: "second" })`));
    let last = await results.next("a compile after the saves");
    while (!/second/.test(last.code)) last = await results.next("the compile of the second save");
    assert.match(readFileSync(dir.path("routes.gen.ts"), "utf8"), /second/);
  } finally {
    await watcher.close();
  }
});
