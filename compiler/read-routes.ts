// Reader: the default export of a routes file -> RoutesSource (the declaration tree with
// source locations). Only syntax and symbol resolution are used; nothing is executed.
import type { Project, ts as TS } from "ts-morph";
import { ts } from "./ts-morph-lazy.js";
import { existsSync } from "node:fs";
import type { DeclNode, Diagnostic, MapOptions, RoutesSource, RuleOptionsInput, SourceSpan } from "./model.js";
import { DEFAULT_MAP_OPTIONS } from "./model.js";
import { fileDiagnostic, hasErrors, spanAt, spanOf, uniqueDiagnostics } from "./diagnostics.js";
import { closest } from "../runtime/suggest.js";
import { createRoutesProject, toProjectPath } from "./read-project.js";
import { readConverters } from "./read-converters.js";
import { EXPECTED, MAP_OPTIONS, RULE_OPTIONS, hasKind, type OptionKind } from "./option-kinds.js";
import { StaticReader, UNREADABLE, describe, type Readable, type StaticValue } from "./read-values.js";

export interface ReadResult {
  /** The declarations, or null when any error was found. */
  source: RoutesSource | null;
  diagnostics: Diagnostic[];
}

/** The module route declarations are imported from. */
const ROUTING_MODULE = "wz/routing";

type Factory = "routes" | "rule" | "submount" | "subdomain" | "endpointPrefix";
const FACTORIES: readonly Factory[] = ["routes", "rule", "submount", "subdomain", "endpointPrefix"];

const MAP_OPTION_NAMES = [...Object.keys(MAP_OPTIONS), "converters"];

/**
 * Read the routes file's default export statically. Pass a long-lived `project` to reuse
 * parsed files (the caller refreshes files that changed on disk).
 */
export function readRoutes(file: string, project: Project = createRoutesProject()): ReadResult {
  const filePath = toProjectPath(file);
  const morphFile = project.getSourceFile(filePath) ?? (existsSync(filePath) ? project.addSourceFileAtPath(filePath) : undefined);
  if (morphFile === undefined) return { source: null, diagnostics: [fileDiagnostic(filePath, `cannot read routes file: ${filePath} does not exist`)] };
  const reader = new RoutesReader(project);
  const source = reader.read(morphFile.compilerNode);
  const diagnostics = uniqueDiagnostics(reader.diagnostics);
  return { source: hasErrors(diagnostics) ? null : source, diagnostics };
}

class RoutesReader extends StaticReader {
  readonly #routingImports = new WeakMap<TS.SourceFile, RoutingImports>();
  readonly #syntaxChecked = new WeakSet<TS.SourceFile>();

  read(sourceFile: TS.SourceFile): RoutesSource | null {
    if (!this.syntaxOk(sourceFile)) return null;
    const exported = defaultExport(sourceFile);
    if (exported === undefined) {
      const routesName = this.localName(sourceFile, "routes") ?? "routes";
      this.diagnostics.push(fileDiagnostic(sourceFile.fileName, `a routes file needs a default export: \`export default ${routesName}({ ... }, [ ... ])\``));
      return null;
    }
    const call = this.resolve(exported, "the default export");
    if (call === UNREADABLE) return null;
    if (!ts.isCallExpression(call) || this.factoryOf(call) !== "routes") {
      if (ts.isCallExpression(call) && this.reportUnknownCall(call)) return null;
      this.error(call, `the default export must be a routes(...) call from "${ROUTING_MODULE}"; ${describe(call)}`);
      return null;
    }
    const [first, second, ...extra] = call.arguments;
    if (extra.length > 0) this.error(extra[0]!, "routes() takes an options object and a list of rules");
    if (first === undefined) {
      this.error(call, 'routes() needs the list of rules: routes([rule("/", { endpoint: "index" })])');
      return null;
    }
    // routes([...]) or routes(rulesConst): a single argument is the rule list, not options.
    const { options, converters } = second === undefined ? { options: { ...DEFAULT_MAP_OPTIONS }, converters: [] } : this.mapOptions(first);
    const rules = this.declarationList(second ?? first, "the rule list of routes()");
    return { file: sourceFile.fileName, options, converters, rules };
  }

  /** Syntax errors, reported once per file (a broken file would otherwise read as nonsense). */
  private syntaxOk(sourceFile: TS.SourceFile): boolean {
    if (this.#syntaxChecked.has(sourceFile)) return true;
    this.#syntaxChecked.add(sourceFile);
    // parseDiagnostics is internal to TypeScript but stable; the public alternative
    // (program.getSyntacticDiagnostics) would build a program for every read.
    const errors = (sourceFile as unknown as { parseDiagnostics?: TS.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
    for (const error of errors) {
      const span = spanAt(sourceFile, error.start, error.length);
      this.diagnostics.push({ ...span, message: ts.flattenDiagnosticMessageText(error.messageText, "\n"), severity: "error" });
    }
    return errors.length === 0;
  }

  // --- map options -------------------------------------------------------------------------

  private mapOptions(expression: TS.Expression): { options: MapOptions; converters: RoutesSource["converters"] } {
    const options: MapOptions = { ...DEFAULT_MAP_OPTIONS };
    let converters: RoutesSource["converters"] = [];
    const literal = this.resolve(expression, "the routes() options");
    if (literal === UNREADABLE) return { options, converters };
    if (!ts.isObjectLiteralExpression(literal)) {
      this.error(literal, `the first argument of routes() must be an options object or the rule list; ${describe(literal)}`);
      return { options, converters };
    }
    const entries = this.objectEntries(literal, "the routes() options");
    if (entries === UNREADABLE) return { options, converters };
    for (const entry of entries) {
      if (entry.key === "converters") {
        converters = readConverters(this, entry.value);
        continue;
      }
      const kind = Object.hasOwn(MAP_OPTIONS, entry.key) ? MAP_OPTIONS[entry.key as keyof MapOptions] : undefined;
      if (kind === undefined) {
        this.unknownOption(entry.keyNode, entry.key, "map option", MAP_OPTION_NAMES);
        continue;
      }
      const value = this.checkedOption(entry.value, `map option "${entry.key}"`, kind);
      if (value !== UNREADABLE && value !== undefined) (options as unknown as Record<string, StaticValue>)[entry.key] = value;
    }
    return { options, converters };
  }

  private unknownOption(keyNode: TS.Node, key: string, what: string, known: readonly string[]): void {
    // Werkzeug's snake_case spelling maps straight onto wz's camelCase.
    const camel = key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
    const suggestion = known.includes(camel) ? camel : closest(key, known);
    this.error(keyNode, `unknown ${what} "${key}"`, suggestion);
  }

  private checkedOption(expression: TS.Expression, what: string, kind: OptionKind): Readable<StaticValue> {
    const value = this.value(expression, what);
    if (value === UNREADABLE) return UNREADABLE;
    if (value === undefined) {
      this.warning(expression, `${what} is undefined, which is the same as leaving it out`);
      return undefined;
    }
    if (!hasKind(value, kind)) return this.error(expression, `${what} must be ${EXPECTED[kind]}, not ${shownValue(value)}`);
    return value;
  }

  // --- declarations --------------------------------------------------------------------------

  /** `subject` names the list in messages: "the rule list of submount()", "a spread in a rule list". */
  private declarationList(expression: TS.Expression, subject: string): DeclNode[] {
    const list = this.resolve(expression, subject);
    if (list === UNREADABLE) return [];
    if (!ts.isArrayLiteralExpression(list)) {
      this.error(list, `${subject} must be an array of rules (a literal or a const); ${describe(list)}`);
      return [];
    }
    const nodes: DeclNode[] = [];
    for (const element of list.elements) {
      if (ts.isSpreadElement(element)) nodes.push(...this.declarationList(element.expression, "a spread in a rule list"));
      else if (ts.isOmittedExpression(element)) this.error(element, `${subject} has a hole (an empty array slot)`);
      else {
        const node = this.declaration(element);
        if (node !== UNREADABLE) nodes.push(node);
      }
    }
    return nodes;
  }

  private declaration(expression: TS.Expression): Readable<DeclNode> {
    const call = this.resolve(expression, "a rule list entry");
    if (call === UNREADABLE) return UNREADABLE;
    if (!ts.isCallExpression(call)) {
      return this.error(call, `a rule list holds rule(), submount(), subdomain() and endpointPrefix() calls; ${describe(call)}`);
    }
    const factory = this.factoryOf(call);
    if (factory === undefined) {
      if (!this.reportUnknownCall(call)) {
        this.error(
          call,
          `a rule list entry cannot be read statically: ${describe(call)}; only rule(), submount(), subdomain() and endpointPrefix() from "${ROUTING_MODULE}" are read`,
        );
      }
      return UNREADABLE;
    }
    if (factory === "routes")
      return this.error(call, "routes() is the default export of a routes file; inside a rule list use submount(), subdomain() or endpointPrefix()");
    for (const argument of call.arguments) {
      if (ts.isSpreadElement(argument)) return this.error(argument, `${factory}() arguments cannot be read statically when spread; write them out`);
    }
    const span = spanOf(call);
    if (factory === "rule") return this.ruleDeclaration(call, span);

    const [first, second, ...extra] = call.arguments;
    const usage =
      factory === "submount" ? `submount("/prefix", [ ... ])` : factory === "subdomain" ? `subdomain("<name>", [ ... ])` : `endpointPrefix("prefix.", [ ... ])`;
    if (first === undefined || second === undefined) return this.error(call, `${factory}() needs a string and a rule list: ${usage}`);
    if (extra.length > 0) this.error(extra[0]!, `${factory}() takes two arguments: ${usage}`);
    const text = this.stringArgument(first, `the ${factory}() ${factory === "endpointPrefix" ? "prefix" : factory === "subdomain" ? "subdomain" : "path"}`);
    const rules = this.declarationList(second, `the rule list of ${factory}()`);
    if (text === UNREADABLE) return UNREADABLE;
    if (factory === "submount") return { kind: "submount", path: text.value, rules, span };
    if (factory === "subdomain") return { kind: "subdomain", subdomain: text.value, rules, span };
    return { kind: "endpointPrefix", prefix: text.value, rules, span };
  }

  private ruleDeclaration(call: TS.CallExpression, span: SourceSpan): Readable<DeclNode> {
    const [pathArgument, optionsArgument, ...extra] = call.arguments;
    if (pathArgument === undefined) return this.error(call, `rule() needs a rule string: rule("/path", { endpoint: "name" })`);
    if (extra.length > 0) this.error(extra[0]!, `rule() takes a rule string and an options object`);
    const path = this.stringArgument(pathArgument, "the rule string");
    const options = optionsArgument === undefined ? {} : this.ruleOptions(optionsArgument);
    if (path === UNREADABLE || options === UNREADABLE) return UNREADABLE;
    return { kind: "rule", path: path.value, options, span, pathSpan: path.contentSpan };
  }

  private ruleOptions(expression: TS.Expression): Readable<RuleOptionsInput> {
    const literal = this.resolve(expression, "the rule options");
    if (literal === UNREADABLE) return UNREADABLE;
    if (ts.isIdentifier(literal) && literal.text === "undefined") return {};
    if (!ts.isObjectLiteralExpression(literal)) {
      return this.error(literal, `the rule options must be an object literal or a const; ${describe(literal)}`);
    }
    const entries = this.objectEntries(literal, "the rule options");
    if (entries === UNREADABLE) return UNREADABLE;
    const options: Record<string, StaticValue> = {};
    let readable = true;
    for (const entry of entries) {
      const kind = Object.hasOwn(RULE_OPTIONS, entry.key) ? RULE_OPTIONS[entry.key as keyof RuleOptionsInput] : undefined;
      if (kind === undefined) {
        this.unknownOption(entry.keyNode, entry.key, "rule option", Object.keys(RULE_OPTIONS));
        readable = false;
        continue;
      }
      const value = this.checkedOption(entry.value, `rule option "${entry.key}"`, kind);
      if (value === UNREADABLE) readable = false;
      else if (value !== undefined) options[entry.key] = value;
    }
    return readable ? (options as RuleOptionsInput) : UNREADABLE;
  }

  /** A string argument and, when written as a literal, the span of its contents (inside the quotes). */
  private stringArgument(expression: TS.Expression, what: string): Readable<{ value: string; contentSpan?: SourceSpan }> {
    const node = this.resolve(expression, what);
    if (node === UNREADABLE) return UNREADABLE;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      const sourceFile = node.getSourceFile();
      const start = node.getStart(sourceFile);
      // The contents start one past the opening quote; the length is the raw source length, so
      // a column inside the string maps one-to-one as long as it holds no escape sequences.
      return { value: node.text, contentSpan: spanAt(sourceFile, start + 1, node.end - start - 2) };
    }
    const value = this.value(node, what);
    if (value === UNREADABLE) return UNREADABLE;
    return this.error(node, `${what} must be a string, not ${shownValue(value)}`);
  }

  // --- which function a call is --------------------------------------------------------------

  /** The wz/routing factory a call invokes, under whatever local name it was imported. */
  private factoryOf(call: TS.CallExpression): Factory | undefined {
    const imports = this.routingImports(call.getSourceFile());
    const callee = call.expression;
    if (ts.isIdentifier(callee)) return imports.names.get(callee.text);
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && imports.namespaces.has(callee.expression.text)) {
      return FACTORIES.find((f) => f === callee.name.text);
    }
    return undefined;
  }

  /** Report a call that looks like a misspelt or unimported factory; false when it looks like neither. */
  private reportUnknownCall(call: TS.CallExpression): boolean {
    const imports = this.routingImports(call.getSourceFile());
    const callee = call.expression;
    let name: string;
    let candidates: string[];
    if (ts.isIdentifier(callee)) {
      name = callee.text;
      candidates = FACTORIES.map((f) => this.localName(call.getSourceFile(), f) ?? f);
    } else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && imports.namespaces.has(callee.expression.text)) {
      name = callee.name.text;
      candidates = [...FACTORIES];
    } else {
      return false;
    }
    if ((FACTORIES as readonly string[]).includes(name) && ts.isIdentifier(callee)) {
      this.error(callee, `${name}() is not imported from "${ROUTING_MODULE}"; add \`import { ${name} } from "${ROUTING_MODULE}"\``);
      return true;
    }
    const suggestion = closest(name, candidates);
    if (suggestion === undefined) return false;
    this.error(ts.isPropertyAccessExpression(callee) ? callee.name : callee, `"${name}" is not a declaration from "${ROUTING_MODULE}"`, suggestion);
    return true;
  }

  private localName(sourceFile: TS.SourceFile, factory: Factory): string | undefined {
    for (const [local, imported] of this.routingImports(sourceFile).names) if (imported === factory) return local;
    return undefined;
  }

  private routingImports(sourceFile: TS.SourceFile): RoutingImports {
    let imports = this.#routingImports.get(sourceFile);
    if (imports === undefined) {
      this.syntaxOk(sourceFile);
      imports = routingImportsOf(sourceFile);
      this.#routingImports.set(sourceFile, imports);
    }
    return imports;
  }
}

interface RoutingImports {
  /** Local name -> factory, e.g. `r` -> `rule` for `import { rule as r }`. */
  names: Map<string, Factory>;
  /** Local names of `import * as x from "wz/routing"`. */
  namespaces: Set<string>;
}

function routingImportsOf(sourceFile: TS.SourceFile): RoutingImports {
  const imports: RoutingImports = { names: new Map(), namespaces: new Set() };
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (statement.moduleSpecifier.text !== ROUTING_MODULE) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings === undefined) continue;
    if (ts.isNamespaceImport(bindings)) {
      imports.namespaces.add(bindings.name.text);
      continue;
    }
    for (const specifier of bindings.elements) {
      const imported = (specifier.propertyName ?? specifier.name).text;
      const factory = FACTORIES.find((f) => f === imported);
      if (factory !== undefined && !specifier.isTypeOnly) imports.names.set(specifier.name.text, factory);
    }
  }
  return imports;
}

/** The expression of `export default <expr>` or of `export { x as default }`. */
function defaultExport(sourceFile: TS.SourceFile): TS.Expression | undefined {
  for (const statement of sourceFile.statements) {
    if (ts.isExportAssignment(statement) && !statement.isExportEquals) return statement.expression;
  }
  for (const statement of sourceFile.statements) {
    if (!ts.isExportDeclaration(statement) || statement.moduleSpecifier !== undefined || statement.isTypeOnly) continue;
    const clause = statement.exportClause;
    if (clause === undefined || !ts.isNamedExports(clause)) continue;
    for (const specifier of clause.elements) {
      if (specifier.name.text === "default") return (specifier.propertyName as TS.Identifier) ?? specifier.name;
    }
  }
  return undefined;
}

function shownValue(value: StaticValue): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 40 ? `${json.slice(0, 39)}…` : json;
}
