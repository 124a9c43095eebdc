// The ts-morph Project the reader works in. Reading a routes file needs its syntax and, for
// const values and converters, symbol resolution across local modules -- never a type check.
// So the project parses on demand (no tsconfig, no lib files, no eager dependency walk), and
// a long-lived one (watch mode) is refreshed file by file instead of being rebuilt.
import type { Project, ts as TS } from "ts-morph";
import { ts, tsMorph } from "./ts-morph-lazy.js";
import path from "node:path";
import { toProjectPath } from "./project-path.js";

let compilerOptions: TS.CompilerOptions | undefined;
/** Made on first use: the enums are TypeScript's, loaded with ts-morph. */
export const readerCompilerOptions = (): TS.CompilerOptions =>
  (compilerOptions ??= {
    allowJs: true,
    noEmit: true,
    noLib: true,
    types: [],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
  });

/** A project for reading routes files; pass it to `readRoutes` to reuse parsed files. */
export function createRoutesProject(): Project {
  return new (tsMorph().Project)({
    compilerOptions: readerCompilerOptions(),
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
    skipLoadingLibFiles: true,
  });
}

export { toProjectPath };

const isLocalSpecifier = (specifier: string): boolean => specifier.startsWith("./") || specifier.startsWith("../");

/**
 * The file a relative import names: resolved like TypeScript does (`./a.js` -> `a.ts`), or,
 * when it does not exist yet, the path it would have (so watch mode sees it appear).
 */
export function resolveLocalImport(specifier: string, fromFile: string): string {
  const resolved = ts.resolveModuleName(specifier, fromFile, readerCompilerOptions(), ts.sys).resolvedModule;
  if (resolved !== undefined) return toProjectPath(resolved.resolvedFileName);
  const guess = path.resolve(path.dirname(fromFile), specifier).replace(/\.(m|c)?js$/, ".$1ts");
  return toProjectPath(guess);
}

/** Module specifiers a source file imports or re-exports statically. */
function moduleSpecifiers(sourceFile: TS.SourceFile): string[] {
  const specifiers: string[] = [];
  for (const statement of sourceFile.statements) {
    if (
      (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
      statement.moduleSpecifier !== undefined &&
      ts.isStringLiteral(statement.moduleSpecifier)
    ) {
      specifiers.push(statement.moduleSpecifier.text);
    }
  }
  return specifiers;
}

/**
 * The routes file and every local file it imports, directly or not (relative specifiers only:
 * packages do not change while you edit routes). Files that do not exist are included, so a
 * watcher notices them being created.
 */
export function localDependencies(project: Project, routesFile: string): string[] {
  const seen = new Set<string>();
  const pending = [toProjectPath(routesFile)];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const sourceFile = project.getSourceFile(file) ?? project.addSourceFileAtPathIfExists(file);
    if (sourceFile === undefined) continue;
    for (const specifier of moduleSpecifiers(sourceFile.compilerNode)) {
      if (!isLocalSpecifier(specifier)) continue;
      const target = resolveLocalImport(specifier, file);
      if (!target.includes("/node_modules/")) pending.push(target);
    }
  }
  return [...seen];
}
