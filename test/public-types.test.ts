// Every type that a public declaration mentions is itself exported by name from a public entry
// (`wz`, `wz/routing`, `wz/compiler`; a generated module counts as public too). Otherwise a user's
// `export const x = ...` whose type TypeScript infers through it cannot be written into a .d.ts:
// TypeScript 7 fails with TS2883 ("cannot be named without a reference to ...").
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { compileRoutes } from "wz/compiler";
import { repoRoot } from "./support/oracle.js";

const dist = path.join(repoRoot, "dist");
const entries = ["runtime/index.d.ts", "runtime/routing/index.d.ts", "compiler/index.d.ts"].map((f) => path.join(dist, f));

test("every type named in a public declaration of wz, wz/routing, wz/compiler or a generated module is exported by name", async () => {
  const scratch = path.join(repoRoot, ".wz-tmp", `public-types-${process.pid}`);
  fs.mkdirSync(scratch, { recursive: true });
  try {
    const routes = path.join(repoRoot, "fixtures", "flask-app", "routes.ts");
    const generated = path.join(scratch, "routes.gen.ts");
    const { code } = await compileRoutes({ file: routes, outFile: path.join(repoRoot, "fixtures", "flask-app", "routes.gen.ts") });
    // The converters it imports are resolved relative to the fixture; only the public types matter here.
    fs.writeFileSync(
      generated,
      code.replace(/from "\.\/converters\.js"/g, `from ${JSON.stringify(path.join(repoRoot, "fixtures", "flask-app", "converters.js"))}`),
    );
    const program = ts.createProgram([...entries, generated], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ["node"],
    });
    const checker = program.getTypeChecker();
    const resolve = (symbol: ts.Symbol) => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);

    const nameable = new Set<ts.Symbol>();
    const roots: ts.Symbol[] = [];
    for (const file of [...entries, generated]) {
      const source = program.getSourceFile(file);
      assert.ok(source, `${file} is not built`);
      for (const exported of checker.getExportsOfModule(checker.getSymbolAtLocation(source)!)) {
        const symbol = resolve(exported);
        nameable.add(symbol);
        roots.push(symbol);
      }
    }
    const inPackage = (declaration: ts.Declaration) => {
      const file = declaration.getSourceFile().fileName;
      return (file.startsWith(dist + path.sep) || file === generated) && !file.includes(`${path.sep}node_modules${path.sep}`);
    };

    const missing = new Map<string, string>();
    const seen = new Set<ts.Symbol>();
    const visit = (symbol: ts.Symbol, from: string) => {
      if (seen.has(symbol)) return;
      seen.add(symbol);
      for (const declaration of symbol.declarations ?? []) {
        if (!inPackage(declaration)) continue;
        const walk = (node: ts.Node): void => {
          // Private members are not part of the surface.
          if (ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword)) return;
          if (ts.isPrivateIdentifier(node)) return;
          // `keyof typeof TABLE` is printed as the union of its keys, never by the table's name.
          if (ts.isTypeOperatorNode(node) && node.operator === ts.SyntaxKind.KeyOfKeyword && ts.isTypeQueryNode(node.type)) return;
          if (ts.isTypeReferenceNode(node) || ts.isExpressionWithTypeArguments(node) || ts.isTypeQueryNode(node)) {
            const name = ts.isTypeReferenceNode(node) ? node.typeName : ts.isTypeQueryNode(node) ? node.exprName : node.expression;
            const right = ts.isQualifiedName(name) ? name.right : ts.isPropertyAccessExpression(name) ? name.name : name;
            const target = checker.getSymbolAtLocation(right);
            if (target) {
              const referenced = resolve(target);
              const declared = referenced.declarations ?? [];
              const isTypeParameter = declared.some((d) => ts.isTypeParameterDeclaration(d));
              if (!isTypeParameter && declared.some(inPackage)) {
                if (!nameable.has(referenced)) {
                  const where = path.relative(repoRoot, declared[0]!.getSourceFile().fileName);
                  missing.set(`${referenced.getName()} (${where})`, from);
                }
                visit(referenced, referenced.getName());
              }
            }
          }
          // A body (the generated module's functions) is implementation, not surface.
          if (ts.isFunctionLike(node) && "body" in node && node.body) {
            for (const child of [...node.parameters, ...(node.typeParameters ?? []), ...(node.type ? [node.type] : [])]) walk(child);
            return;
          }
          if (ts.isVariableDeclaration(node) && !node.type) return;
          ts.forEachChild(node, walk);
        };
        walk(declaration);
      }
    };
    for (const root of roots) visit(root, root.getName());
    assert.deepEqual(
      [...missing].map(([name, from]) => `${name}, named by ${from}`),
      [],
    );
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});
