// Routes files for compiler tests, written into a scratch directory inside the repo (.wz-tmp/,
// git-ignored) so that "wz/routing" resolves there as it does in a user's project.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this file runs from dist/test/support/). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export interface RoutesDir {
  dir: string;
  /** Absolute path of a file in the directory. */
  path(name: string): string;
  write(name: string, text: string): string;
  remove(): void;
}

/** A fresh directory holding `files` (name -> text). */
export function routesDir(files: Record<string, string> = {}): RoutesDir {
  const base = path.join(repoRoot, ".wz-tmp");
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(path.join(base, "compiler-"));
  const routes: RoutesDir = {
    dir,
    path: (name) => path.join(dir, name),
    write(name, text) {
      const file = path.join(dir, name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  for (const [name, text] of Object.entries(files)) routes.write(name, text);
  return routes;
}

/** 1-based line and column of the first occurrence of `needle` in `text` (after `after`, if given). */
export function positionOf(text: string, needle: string, after = ""): { line: number; column: number } {
  const from = after === "" ? 0 : text.indexOf(after);
  const index = text.indexOf(needle, from);
  if (from < 0 || index < 0) throw new Error(`"${needle}" not found`);
  const before = text.slice(0, index).split("\n");
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

export const IMPORTS = `import { routes, rule, submount, subdomain, endpointPrefix } from "wz/routing";\n`;

/** A routes file of `count` rules, for timing: each a converter and a few options. */
export function generatedRoutes(count: number): string {
  const lines = [IMPORTS, "export default routes({ strictSlashes: true }, ["];
  for (let i = 0; i < count; i++) {
    const group = `g${i % 50}`;
    lines.push(`  rule("/${group}/item${i}/<int:id>", { endpoint: "${group}.item${i}", methods: ["GET", "POST"], defaults: { page: 1 } }),`);
  }
  lines.push("]);", "");
  return lines.join("\n");
}
