// wz as a newcomer gets it: `npm pack`, install the tarball into a project outside the
// repository, and run README.md's quick start there, file for file: wz-compile the routes,
// type-check with tsc 6 and TypeScript 7 (`declaration: true`), run the tests with `node --test`,
// serve with plain `node` and with `wz dev`. The package's source maps must resolve.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { once } from "node:events";
import { repoRoot } from "./support/oracle.js";
import { docBlocks } from "./support/doc-blocks.js";
import { startDevServer, get } from "./support/dev-server-process.js";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "wz-pack-"));
const timings: string[] = [];
// As a user's shell would have it: without `npm test`'s npm_* settings (its prefix is this
// repository) and without NODE_TEST_CONTEXT (a nested `node --test` would report to this runner).
const cleanEnv: NodeJS.ProcessEnv = { NO_COLOR: "1" };
for (const [name, value] of Object.entries(process.env)) {
  if (!/^npm_/i.test(name) && name !== "NODE_TEST_CONTEXT" && name !== "INIT_CWD") cleanEnv[name] = value;
}
const bin = (name: string) => path.join(scratch, "node_modules", ".bin", name);

function run(command: string, args: string[], cwd = scratch): SpawnSyncReturns<string> {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: cleanEnv, timeout: 300_000 });
  timings.push(`${path.basename(command)} ${args.slice(0, 2).join(" ")}: ${Date.now() - started} ms`);
  assert.equal(result.status, 0, `${command} ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  return result;
}

/** The version of a package the repository has installed, so npm finds it in its cache. */
function installedVersion(name: string): string {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, "node_modules", name, "package.json"), "utf8")).version;
}

let tarball = "";

before(() => {
  // The repository is already built (npm test builds first); packing must not rebuild it under
  // the other test files, hence --ignore-scripts (the `prepare` script builds on a real pack).
  const packed = run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", scratch], repoRoot);
  tarball = path.join(scratch, JSON.parse(packed.stdout)[0].filename);
  fs.writeFileSync(path.join(scratch, "package.json"), JSON.stringify({ name: "quick-start", private: true, type: "module" }));
  for (const block of docBlocks(repoRoot, ["README.md"]).filter((b) => b.file !== undefined)) {
    fs.writeFileSync(path.join(scratch, block.file!), block.code + "\n");
  }
  run("npm", [
    "install",
    "--prefer-offline",
    "--no-audit",
    "--no-fund",
    "--loglevel=error",
    tarball,
    `typescript@${installedVersion("typescript")}`,
    `typescript-7@npm:typescript@${installedVersion("typescript-7")}`,
    `@types/node@${installedVersion("@types/node")}`,
  ]);
});

after(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
  console.log(`steps: ${timings.join("; ")}`);
});

test("the tarball holds the built package, its type declarations and the sources its maps point to", () => {
  const pkg = path.join(scratch, "node_modules", "wz");
  for (const file of [
    "dist/runtime/index.js",
    "dist/runtime/index.d.ts",
    "dist/runtime/routing/index.js",
    "dist/compiler/index.js",
    "runtime/index.ts",
    "bin/wz.js",
    "bin/wz-compile.js",
  ]) {
    assert.ok(fs.existsSync(path.join(pkg, file)), `${file} is missing from the package`);
  }
  assert.ok(!fs.existsSync(path.join(pkg, "dist", "test")), "the tests are not shipped");
  const unresolved: string[] = [];
  let maps = 0;
  for (const file of fs.readdirSync(path.join(pkg, "dist"), { recursive: true }) as string[]) {
    if (!file.endsWith(".map")) continue;
    maps++;
    const mapFile = path.join(pkg, "dist", file);
    const map = JSON.parse(fs.readFileSync(mapFile, "utf8")) as { sources: string[]; sourceRoot?: string };
    for (const source of map.sources) {
      const resolved = path.resolve(path.dirname(mapFile), map.sourceRoot ?? "", source);
      if (!resolved.startsWith(pkg + path.sep) || !fs.existsSync(resolved)) unresolved.push(`${file}: ${source}`);
    }
  }
  assert.ok(maps > 100, `only ${maps} source maps`);
  assert.deepEqual(unresolved, []);
});

test("the README quick start compiles its routes, type-checks with tsc 6 and TypeScript 7, and its tests pass under node --test", () => {
  run(bin("wz-compile"), ["routes.ts"]);
  assert.ok(fs.existsSync(path.join(scratch, "routes.gen.ts")));
  // An exported value whose type is inferred from wz must be nameable in the emitted .d.ts
  // (TypeScript 7 reports TS2883 when a type on the way is not exported by name).
  fs.writeFileSync(
    path.join(scratch, "exported.ts"),
    [
      `import { Response, type Request } from "wz";`,
      `import { defineEndpoints, urlFor } from "./routes.gen.js";`,
      `export const endpoints = defineEndpoints<Request, Response>({`,
      `  index: () => new Response("home"),`,
      `  hello: async (request, { name }) => new Response(name + (await request.getText())),`,
      `  item: (_request, { id }) => new Response(String(id)),`,
      `});`,
      `export const dispatch = endpoints.dispatch;`,
      `export const helloUrl = () => urlFor("hello", { name: "x" });`,
      ``,
    ].join("\n"),
  );
  run(process.execPath, [path.join(scratch, "node_modules", "typescript-7", "bin", "tsc"), "-p", ".", "--outDir", "dist-ts7"]);
  assert.ok(fs.existsSync(path.join(scratch, "dist-ts7", "exported.d.ts")));
  run(process.execPath, [path.join(scratch, "node_modules", "typescript", "bin", "tsc"), "-p", "."]);
  const tested = run(process.execPath, ["--test", "--test-reporter=spec", "dist/app.test.js"]);
  assert.match(tested.stdout, /pass 2/);
});

test("the quick start serves with plain node and with wz dev", async () => {
  const server = spawn(process.execPath, ["dist/server.js"], { cwd: scratch, env: { ...cleanEnv, PORT: "0" }, stdio: ["ignore", "pipe", "inherit"] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      server.stdout!.on("data", (chunk: Buffer) => {
        out += chunk;
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      server.once("exit", (code) => reject(new Error(`dist/server.js exited with ${code}: ${out}`)));
    });
    const hello = await get(`${url}/hello/node`, 10_000);
    assert.equal(hello.body, "Hello, node!");
    assert.equal((await get(`${url}/items/0`, 10_000)).status, 404);
  } finally {
    if (server.exitCode === null && server.signalCode === null) {
      const exited = once(server, "exit");
      server.kill("SIGTERM");
      await exited;
    }
  }

  const dev = await startDevServer([bin("wz"), "dev", "app.ts", "--port", "0"], scratch);
  try {
    const hello = await get(`${dev.url}/hello/dev`, 10_000);
    assert.equal(hello.status, 200);
    assert.equal(hello.body, "Hello, dev!");
  } finally {
    assert.equal(await dev.stop(), 0);
  }
});
