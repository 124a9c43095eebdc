// `wz routes <routes.ts>` through the bin, as `flask routes`: the rules as the compiler reads
// them, one row each, sortable by endpoint (the default), methods or rule.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { IMPORTS, repoRoot, routesDir } from "./support/routes-files.js";

const bin = path.join(repoRoot, "bin", "wz.js");
const dirs: Array<{ remove(): void }> = [];
after(() => dirs.forEach((d) => d.remove()));

const ROUTES = `${IMPORTS}export default routes({ strictSlashes: true }, [
  rule("/", { endpoint: "index" }),
  rule("/users/<int:id>", { endpoint: "user.show", methods: ["GET"] }),
  rule("/users/<int:id>", { endpoint: "user.update", methods: ["PUT", "PATCH"] }),
  rule("/page/", { endpoint: "page", defaults: { n: 1 }, strictSlashes: false }),
  rule("/old/<name>", { redirectTo: "/new/<name>" }),
  submount("/api", [endpointPrefix("api.", [rule("/items", { endpoint: "items", methods: ["POST"] })])]),
  subdomain("<tenant>", [rule("/", { endpoint: "tenant.home" })]),
  rule("/ws", { endpoint: "chat", websocket: true }),
]);
`;

function wzRoutes(...args: string[]) {
  const dir = routesDir({ "routes.ts": ROUTES, "broken.ts": `${IMPORTS}export default routes([rule("/", { endpont: "x" })]);\n` });
  dirs.push(dir);
  return spawnSync(process.execPath, [bin, "routes", ...args], { cwd: dir.dir, encoding: "utf8", timeout: 60_000 });
}

test("wz routes prints every rule with its endpoint, methods, subdomain and options, sorted by endpoint", () => {
  const run = wzRoutes("routes.ts");
  assert.equal(run.status, 0, run.stderr);
  assert.equal(
    run.stdout,
    [
      "Endpoint     Methods     Subdomain  Rule             Options",
      "-----------  ----------  ---------  ---------------  -------------------------------------",
      "-            *                      /old/<name>      redirectTo=/new/<name>",
      "api.items    POST                   /api/items",
      "chat         *                      /ws              websocket",
      "index        *                      /",
      'page         *                      /page/           defaults={"n":1}, strictSlashes=false',
      "tenant.home  *           <tenant>   /",
      "user.show    GET                    /users/<int:id>",
      "user.update  PATCH, PUT             /users/<int:id>",
      "",
    ].join("\n"),
  );
});

test("--sort rule and --sort methods order the rows by that column, keeping declaration order for ties", () => {
  const byRule = wzRoutes("routes.ts", "--sort", "rule")
    .stdout.split("\n")
    .slice(2, -1)
    .map((line) => line.split(/\s{2,}/)[0]);
  assert.deepEqual(byRule, ["index", "tenant.home", "api.items", "-", "page", "user.show", "user.update", "chat"]);
  const byMethods = wzRoutes("routes.ts", "--sort", "methods")
    .stdout.split("\n")
    .slice(2, -1)
    .map((line) => line.split(/\s{2,}/)[0]);
  assert.deepEqual(byMethods, ["index", "page", "-", "tenant.home", "chat", "user.show", "user.update", "api.items"]);
});

test("a routes file with errors prints the diagnostics and exits 1; a bad --sort exits 2 with a did-you-mean", () => {
  const broken = wzRoutes("broken.ts");
  assert.equal(broken.status, 1);
  assert.equal(broken.stdout, "");
  assert.match(broken.stderr, /unknown rule option "endpont"/);
  const usage = wzRoutes("routes.ts", "--sort", "rules");
  assert.equal(usage.status, 2);
  assert.ok(usage.stderr.startsWith(`wz: --sort takes endpoint, methods, rule, not "rules" (did you mean rule?)\n\nUsage:`), usage.stderr);
});
