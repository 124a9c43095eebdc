// `routes({ converters: { slug, range: rangeConverter } })`: where each custom converter is
// exported from, so the generated module can import it, and what of it is statically known.
import type { ts as TS } from "ts-morph";
import { ts } from "./ts-morph-lazy.js";
import type { CustomConverterRef } from "./model.js";
import { spanOf } from "./diagnostics.js";
import { type StaticReader, UNREADABLE, excerpt, stripTypeSyntax, type Readable } from "./read-values.js";

/** Werkzeug's converter-name syntax inside `<name(args):variable>`. */
const CONVERTER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function readConverters(reader: StaticReader, expression: TS.Expression): CustomConverterRef[] {
  const what = `map option "converters"`;
  const table = reader.resolve(expression, what);
  if (table === UNREADABLE) return [];
  if (!ts.isObjectLiteralExpression(table)) {
    reader.error(table, `${what} must be an object literal of converters ({ slug, range: rangeConverter })`);
    return [];
  }
  const entries = reader.objectEntries(table, what);
  if (entries === UNREADABLE) return [];
  const converters: CustomConverterRef[] = [];
  for (const entry of entries) {
    if (!CONVERTER_NAME.test(entry.key)) {
      reader.error(entry.keyNode, `converter name "${entry.key}" cannot be used in a rule string (letters, digits and _ only, not starting with a digit)`);
      continue;
    }
    const converter = readConverter(reader, entry.key, entry.value);
    if (converter !== UNREADABLE) converters.push({ ...converter, span: spanOf(entry.property) });
  }
  return converters;
}

type ConverterSite = Omit<CustomConverterRef, "span">;

function readConverter(reader: StaticReader, name: string, written: TS.Expression): Readable<ConverterSite> {
  const value = stripTypeSyntax(written);
  if (!ts.isIdentifier(value) && !(ts.isPropertyAccessExpression(value) && ts.isIdentifier(value.name))) {
    return reader.error(
      written,
      `converter "${name}" is written inline; the generated module imports converters by name, so declare it in a module with \`export const ${name} = ...\` and name it here`,
    );
  }
  const declaration = reader.declarationOf(value);
  const origin = importOrigin(reader, value);
  if (declaration === undefined) {
    return reader.error(value, `converter "${name}": \`${excerpt(value)}\` does not resolve to a declaration`);
  }
  const declaringFile = declaration.getSourceFile();
  let modulePath: string | undefined;
  let exportName: string | undefined;
  if (isLocalSourceFile(declaringFile)) {
    modulePath = declaringFile.fileName;
    exportName = exportNameOf(reader, declaringFile, declaration);
  }
  if (exportName === undefined && origin !== undefined && origin.resolvedFile !== undefined) {
    // Declared in a package or re-exported oddly: import it from the local module it came through.
    modulePath = origin.resolvedFile;
    exportName = origin.importedName;
  }
  if (exportName === undefined || modulePath === undefined) {
    if (origin !== undefined && !origin.local) {
      return reader.error(
        value,
        `converter "${name}" is imported from the package "${origin.specifier}"; re-export it from a local module and import it from there`,
      );
    }
    return reader.error(
      value,
      `converter "${name}" is declared in the routes file but not exported; add \`export\` to its declaration (the generated module imports it)`,
    );
  }
  const shape = converterShape(reader, declaration);
  if (shape === UNREADABLE) return UNREADABLE;
  return { name, modulePath, exportName, ...shape };
}

const isLocalSourceFile = (file: TS.SourceFile): boolean => !file.isDeclarationFile && !file.fileName.includes("/node_modules/");

interface ImportOrigin {
  specifier: string;
  importedName: string;
  local: boolean;
  /** The module the import names, when it resolves to a local source file. */
  resolvedFile?: string;
}

/** The import a reference came through, if it was imported rather than declared in place. */
function importOrigin(reader: StaticReader, reference: TS.Identifier | TS.PropertyAccessExpression): ImportOrigin | undefined {
  const head = ts.isPropertyAccessExpression(reference) ? reference.expression : reference;
  const symbol =
    ts.isShorthandPropertyAssignment(head.parent) && head.parent.name === head
      ? reader.checker.getShorthandAssignmentValueSymbol(head.parent)
      : reader.checker.getSymbolAtLocation(head);
  const declaration = symbol?.declarations?.[0];
  if (declaration === undefined) return undefined;
  let importedName: string;
  if (ts.isImportSpecifier(declaration)) importedName = (declaration.propertyName ?? declaration.name).text;
  else if (ts.isImportClause(declaration)) importedName = "default";
  else if (ts.isNamespaceImport(declaration)) {
    if (!ts.isPropertyAccessExpression(reference)) return undefined;
    importedName = reference.name.text;
  } else return undefined;
  let importDeclaration: TS.Node = declaration;
  while (!ts.isImportDeclaration(importDeclaration)) importDeclaration = importDeclaration.parent;
  const specifierNode = importDeclaration.moduleSpecifier;
  if (!ts.isStringLiteral(specifierNode)) return undefined;
  const specifier = specifierNode.text;
  const local = specifier.startsWith("./") || specifier.startsWith("../");
  const moduleSymbol = reader.checker.getSymbolAtLocation(specifierNode);
  const moduleFile = moduleSymbol?.declarations?.find(ts.isSourceFile);
  const origin: ImportOrigin = { specifier, importedName, local };
  if (local && moduleFile !== undefined && isLocalSourceFile(moduleFile)) origin.resolvedFile = moduleFile.fileName;
  return origin;
}

/** The name `file` exports `declaration` under ("default" for a default export), if any. */
function exportNameOf(reader: StaticReader, file: TS.SourceFile, declaration: TS.Declaration): string | undefined {
  const moduleSymbol = reader.checker.getSymbolAtLocation(file);
  if (moduleSymbol === undefined) return undefined;
  const names: string[] = [];
  for (const exported of reader.checker.getExportsOfModule(moduleSymbol)) {
    const target = exported.flags & ts.SymbolFlags.Alias ? reader.checker.getAliasedSymbol(exported) : exported;
    if (target.declarations?.includes(declaration)) names.push(exported.name);
  }
  // Prefer the declared name over an alias (`export const slug` + `export { slug as s }`).
  const declared = ts.getNameOfDeclaration(declaration);
  const ownName = declared !== undefined && ts.isIdentifier(declared) ? declared.text : undefined;
  return names.find((n) => n === ownName) ?? names.sort()[0];
}

type ConverterShape = Pick<CustomConverterRef, "isFactory" | "regex" | "partIsolating" | "weight">;

/** Whether the converter is a factory, and its statically written members when it is an object literal. */
function converterShape(reader: StaticReader, declaration: TS.Declaration): Readable<ConverterShape> {
  if (ts.isFunctionDeclaration(declaration)) return { isFactory: true };
  if (ts.isClassDeclaration(declaration)) {
    return reader.error(
      declaration.name ?? declaration,
      "a converter must be an object or a factory function, not a class; export an instance (`export const slug = new Slug()`)",
    );
  }
  let value: TS.Expression | undefined;
  if (ts.isVariableDeclaration(declaration)) value = declaration.initializer;
  else if (ts.isExportAssignment(declaration)) value = declaration.expression;
  for (let depth = 0; value !== undefined && depth < 20; depth++) {
    value = stripTypeSyntax(value);
    if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) return { isFactory: true };
    if (ts.isObjectLiteralExpression(value)) return { isFactory: false, ...readMembers(reader, value) };
    if (!ts.isIdentifier(value)) break;
    const next = reader.declarationOf(value);
    if (next === undefined || !ts.isVariableDeclaration(next)) {
      if (next !== undefined && ts.isFunctionDeclaration(next)) return { isFactory: true };
      break;
    }
    value = next.initializer;
  }
  // Not written as a literal (built by a call, an instance, ...): ask the type whether it is callable.
  const type = reader.checker.getTypeAtLocation(ts.getNameOfDeclaration(declaration) ?? declaration);
  return { isFactory: type.getCallSignatures().length > 0 };
}

/** `regex`, `partIsolating`, `weight` where written as literals; others are left to run time. */
function readMembers(reader: StaticReader, literal: TS.ObjectLiteralExpression): Omit<ConverterShape, "isFactory"> {
  const members: Omit<ConverterShape, "isFactory"> = {};
  const mark = reader.diagnostics.length;
  const entries = reader.objectEntries(literal, "converter");
  if (entries !== UNREADABLE) {
    for (const entry of entries) {
      if (!["regex", "partIsolating", "weight"].includes(entry.key)) continue;
      const value = reader.value(entry.value, `converter member "${entry.key}"`);
      if (entry.key === "regex" && typeof value === "string") members.regex = value;
      if (entry.key === "partIsolating" && typeof value === "boolean") members.partIsolating = value;
      if (entry.key === "weight" && typeof value === "number") members.weight = value;
    }
  }
  // Members are optional knowledge: what is not literal is read from the converter at run time.
  reader.diagnostics.length = mark;
  return members;
}
