// Static evaluation of the values a routes file writes: literals, `as const`, and `const`
// bindings followed through imports. Anything else is reported -- naming what could not be
// read -- and never guessed at.
import type { Project, ts as TS } from "ts-morph";
import { ts } from "./ts-morph-lazy.js";
import type { Diagnostic } from "./model.js";
import { diagnosticAt } from "./diagnostics.js";

/** Returned where a value could not be read; the reason is already in the diagnostics. */
export const UNREADABLE: unique symbol = Symbol("unreadable");
export type Readable<T> = T | typeof UNREADABLE;

/** A JSON-like value read from source. */
export type StaticValue = string | number | boolean | null | undefined | StaticValue[] | { [key: string]: StaticValue };

const MAX_REFERENCE_DEPTH = 50;

export class StaticReader {
  readonly diagnostics: Diagnostic[] = [];
  #checker: TS.TypeChecker | undefined;

  constructor(readonly project: Project) {}

  /** The checker is built on first use: a routes file of literals never needs one. */
  get checker(): TS.TypeChecker {
    return (this.#checker ??= this.project.getProgram().compilerObject.getTypeChecker());
  }

  error(node: TS.Node, message: string, suggestion?: string): typeof UNREADABLE {
    this.diagnostics.push(diagnosticAt(node, message, suggestion === undefined ? {} : { suggestion }));
    return UNREADABLE;
  }

  warning(node: TS.Node, message: string): void {
    this.diagnostics.push(diagnosticAt(node, message, { severity: "warning" }));
  }

  /**
   * The expression a value is written as: type-only wrappers removed (`(x)`, `x as const`,
   * `x satisfies T`, `<T>x`, `x!`) and `const` references replaced by their initializers,
   * across files. UNREADABLE (reported) when a reference leads to something that is not a
   * const initializer.
   */
  resolve(expression: TS.Expression, what: string): Readable<TS.Expression> {
    let current = stripTypeSyntax(expression);
    for (let depth = 0; isReference(current); depth++) {
      if (depth === MAX_REFERENCE_DEPTH) return this.error(expression, `${what} cannot be read statically: its const references go in a circle`);
      if (ts.isIdentifier(current) && current.text === "undefined") return current;
      const target = this.referencedInitializer(current, what);
      if (target === UNREADABLE) return UNREADABLE;
      current = stripTypeSyntax(target);
    }
    return current;
  }

  /** The declaration a reference names, past import aliases. */
  declarationOf(reference: TS.Expression): TS.Declaration | undefined {
    const node = ts.isPropertyAccessExpression(reference) ? reference.name : reference;
    let symbol: TS.Symbol | undefined;
    if (ts.isShorthandPropertyAssignment(node.parent) && node.parent.name === node) {
      symbol = this.checker.getShorthandAssignmentValueSymbol(node.parent);
    } else {
      symbol = this.checker.getSymbolAtLocation(node);
    }
    if (symbol !== undefined && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    return symbol?.declarations?.[0];
  }

  private referencedInitializer(reference: TS.Identifier | TS.PropertyAccessExpression, what: string): Readable<TS.Expression> {
    const shown = `\`${excerpt(reference)}\``;
    const declaration = this.declarationOf(reference);
    if (declaration === undefined || declaration.getSourceFile().isDeclarationFile) {
      const unresolved = this.unresolvedImport(reference);
      if (unresolved !== undefined) return this.error(reference, `${what} cannot be read statically: ${shown} ${unresolved}`);
      return this.error(reference, `${what} cannot be read statically: ${shown} does not resolve to a const declared in a local module`);
    }
    if (ts.isVariableDeclaration(declaration)) {
      if (!(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)) {
        return this.error(reference, `${what} cannot be read statically: ${shown} is not declared with const`);
      }
      if (!ts.isIdentifier(declaration.name)) {
        return this.error(reference, `${what} cannot be read statically: ${shown} comes from a destructuring pattern`);
      }
      if (declaration.initializer === undefined) {
        return this.error(reference, `${what} cannot be read statically: ${shown} has no initializer`);
      }
      return declaration.initializer;
    }
    if (ts.isPropertyAssignment(declaration)) return declaration.initializer;
    if (ts.isShorthandPropertyAssignment(declaration)) return declaration.name;
    return this.error(reference, `${what} cannot be read statically: ${shown} is ${kindPhrase(declaration)}, not a const value`);
  }

  /** Why an imported name leads nowhere ("is imported from "./x.js", which cannot be found"), if it was imported. */
  private unresolvedImport(reference: TS.Identifier | TS.PropertyAccessExpression): string | undefined {
    const head = ts.isPropertyAccessExpression(reference) ? reference.expression : reference;
    const declaration = this.checker.getSymbolAtLocation(head)?.declarations?.[0];
    if (declaration === undefined) return undefined;
    let statement: TS.Node = declaration;
    while (!ts.isSourceFile(statement) && !ts.isImportDeclaration(statement)) statement = statement.parent;
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) return undefined;
    const specifier = statement.moduleSpecifier.text;
    if (this.checker.getSymbolAtLocation(statement.moduleSpecifier) === undefined) {
      return `is imported from "${specifier}", which cannot be found`;
    }
    return `is imported from "${specifier}", which has no such export`;
  }

  /** A JSON-like value, or UNREADABLE with a diagnostic naming what stopped the reading. */
  value(expression: TS.Expression, what: string): Readable<StaticValue> {
    const node = this.resolve(expression, what);
    if (node === UNREADABLE) return UNREADABLE;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isNumericLiteral(node)) return Number(node.text);
    if (ts.isPrefixUnaryExpression(node) && (node.operator === ts.SyntaxKind.MinusToken || node.operator === ts.SyntaxKind.PlusToken)) {
      const operand = this.value(node.operand, what);
      if (operand === UNREADABLE) return UNREADABLE;
      if (typeof operand !== "number") return this.error(node, `${what} cannot be read statically: a sign applied to something other than a number`);
      return node.operator === ts.SyntaxKind.MinusToken ? -operand : operand;
    }
    if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
    if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
    if (node.kind === ts.SyntaxKind.NullKeyword) return null;
    if (ts.isIdentifier(node) && node.text === "undefined") return undefined;
    if (ts.isArrayLiteralExpression(node)) return this.arrayValue(node, what);
    if (ts.isObjectLiteralExpression(node)) return this.objectValue(node, what);
    return this.error(node, `${what} cannot be read statically: ${describe(node)}; write a literal or a const`);
  }

  private arrayValue(node: TS.ArrayLiteralExpression, what: string): Readable<StaticValue[]> {
    const items: StaticValue[] = [];
    let readable = true;
    for (const element of node.elements) {
      if (ts.isSpreadElement(element)) {
        const spread = this.value(element.expression, what);
        if (spread === UNREADABLE) readable = false;
        else if (!Array.isArray(spread))
          readable = this.error(element, `${what} cannot be read statically: spread of something that is not an array`) !== UNREADABLE;
        else items.push(...spread);
      } else if (ts.isOmittedExpression(element)) {
        readable = this.error(element, `${what} has a hole (an empty array slot)`) !== UNREADABLE;
      } else {
        const item = this.value(element, what);
        if (item === UNREADABLE) readable = false;
        else items.push(item);
      }
    }
    return readable ? items : UNREADABLE;
  }

  private objectValue(node: TS.ObjectLiteralExpression, what: string): Readable<{ [key: string]: StaticValue }> {
    const entries = this.objectEntries(node, what);
    if (entries === UNREADABLE) return UNREADABLE;
    const result: { [key: string]: StaticValue } = {};
    let readable = true;
    for (const entry of entries) {
      const item = this.value(entry.value, what);
      if (item === UNREADABLE) readable = false;
      // defineProperty: a computed ["__proto__"] key is an own key, as it is at run time.
      else Object.defineProperty(result, entry.key, { value: item, enumerable: true, writable: true, configurable: true });
    }
    return readable ? result : UNREADABLE;
  }

  /**
   * The `key: value` entries of an object literal, spreads of const objects flattened in,
   * later keys replacing earlier ones as at run time.
   */
  objectEntries(node: TS.ObjectLiteralExpression, what: string): Readable<ObjectEntry[]> {
    const entries = new Map<string, ObjectEntry>();
    let readable = true;
    for (const property of node.properties) {
      if (ts.isSpreadAssignment(property)) {
        const spread = this.resolve(property.expression, what);
        if (spread === UNREADABLE) {
          readable = false;
          continue;
        }
        if (!ts.isObjectLiteralExpression(spread)) {
          readable = false;
          this.error(property, `${what} cannot be read statically: spread of ${describe(spread)}`);
          continue;
        }
        const inner = this.objectEntries(spread, what);
        if (inner === UNREADABLE) {
          readable = false;
          continue;
        }
        for (const entry of inner) {
          entries.delete(entry.key);
          entries.set(entry.key, entry);
        }
        continue;
      }
      if (ts.isShorthandPropertyAssignment(property)) {
        entries.delete(property.name.text);
        entries.set(property.name.text, { key: property.name.text, keyNode: property.name, value: property.name, property });
        continue;
      }
      if (!ts.isPropertyAssignment(property)) {
        readable = false;
        this.error(property, `${what} cannot be read statically: ${describe(property)}`);
        continue;
      }
      const key = this.propertyKey(property.name, what);
      if (key === UNREADABLE) {
        readable = false;
        continue;
      }
      if (key === "__proto__" && !ts.isComputedPropertyName(property.name)) {
        // At run time this sets the object's prototype; it is not a key of the object.
        this.error(property.name, `${what} cannot use "__proto__" as a key`);
        readable = false;
        continue;
      }
      if (entries.has(key) && entries.get(key)!.property.parent === node) {
        this.error(property.name, `"${key}" is set twice in ${what}`);
        readable = false;
      }
      entries.delete(key);
      entries.set(key, { key, keyNode: property.name, value: property.initializer, property });
    }
    return readable ? [...entries.values()] : UNREADABLE;
  }

  private propertyKey(name: TS.PropertyName, what: string): Readable<string> {
    if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
    if (ts.isNumericLiteral(name)) return String(Number(name.text));
    if (ts.isComputedPropertyName(name)) {
      const key = this.value(name.expression, what);
      if (key === UNREADABLE) return UNREADABLE;
      if (typeof key === "string" || typeof key === "number") return String(key);
    }
    return this.error(name, `${what} cannot be read statically: a property name that is not a string`);
  }
}

export interface ObjectEntry {
  key: string;
  keyNode: TS.Node;
  value: TS.Expression;
  property: TS.ObjectLiteralElementLike;
}

export function stripTypeSyntax(expression: TS.Expression): TS.Expression {
  let current = expression;
  for (;;) {
    if (
      ts.isParenthesizedExpression(current) ||
      ts.isAsExpression(current) ||
      ts.isSatisfiesExpression(current) ||
      ts.isTypeAssertionExpression(current) ||
      ts.isNonNullExpression(current)
    ) {
      current = current.expression;
    } else {
      return current;
    }
  }
}

const isReference = (node: TS.Node): node is TS.Identifier | TS.PropertyAccessExpression =>
  ts.isIdentifier(node) || (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.name));

/** Source text of a node, shortened to one line for messages. */
export function excerpt(node: TS.Node, max = 40): string {
  const text = node.getText().replace(/\s+/g, " ");
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** What a node is, for "cannot be read statically: ..." messages. */
export function describe(node: TS.Node): string {
  const text = excerpt(node);
  const shown = text.includes("`") ? text : `\`${text}\``;
  if (ts.isCallExpression(node)) return `${shown} is a function call`;
  if (ts.isNewExpression(node)) return `${shown} constructs an object at run time`;
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node)) return `${shown} is a function`;
  if (ts.isTemplateExpression(node)) return `${shown} is a template literal with substitutions`;
  if (ts.isConditionalExpression(node)) return `${shown} is a conditional expression`;
  if (ts.isBinaryExpression(node)) return `${shown} is computed at run time`;
  if (ts.isElementAccessExpression(node)) return `${shown} is a computed member access`;
  if (ts.isObjectLiteralExpression(node)) return `${shown} is an object`;
  if (ts.isArrayLiteralExpression(node)) return `${shown} is an array`;
  if (ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node)) return `${shown} is an accessor`;
  return `${shown} is not a literal`;
}

function kindPhrase(declaration: TS.Declaration): string {
  if (ts.isFunctionDeclaration(declaration)) return "a function";
  if (ts.isClassDeclaration(declaration)) return "a class";
  if (ts.isParameter(declaration)) return "a parameter";
  if (ts.isEnumDeclaration(declaration) || ts.isEnumMember(declaration)) return "an enum";
  if (ts.isImportSpecifier(declaration) || ts.isImportClause(declaration) || ts.isNamespaceImport(declaration)) return "an unresolved import";
  return "declared in a way the compiler does not read";
}
