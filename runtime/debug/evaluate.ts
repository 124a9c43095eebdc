// Running console input against a frame's live scopes. The scope objects captured at the throw
// are put on a `with` chain (innermost searched first), and a direct `eval` inside it runs the
// input, so expressions, statements and assignments see the frame's variables and the objects
// they hold. Evaluation runs under vm's timeout (a watchdog interrupts an endless loop), and a
// returned promise is awaited for at most as long: a console can never hang the server.
import { runInThisContext } from "node:vm";
import { formatWithOptions, inspect } from "node:util";

export interface EvaluationTarget {
  /** Innermost first. */
  scopes: object[];
  thisValue: unknown;
  /** The console's own names: assignments to new names and `_` (the last result) live here. */
  namespace: Record<string, unknown>;
}

export interface Rendered {
  /** `util.inspect` at a shallow depth: what the console shows first. */
  short: string;
  /** Deeper, when different from `short`: shown when the result is expanded. */
  full?: string;
}

export interface EvaluationResult {
  /** What console.log and friends printed during the evaluation. */
  output: string[];
  result?: Rendered;
  /** The error the input threw, as a stack trace. */
  error?: string;
}

/**
 * A console's names to start with: `dump()` (Werkzeug's), the frame's variables scope by scope,
 * or `dump(object)`, an object's own properties, inherited getters included.
 */
export function consoleNamespace(scopes: { type: string; object: object }[], names: Record<string, unknown> = {}): Record<string, unknown> {
  const dump = (...args: unknown[]) => {
    if (args.length === 0) return Object.fromEntries(scopes.map((scope, index) => [`${index} ${scope.type}`, { ...scope.object }]));
    const value = args[0];
    if (value === null || (typeof value !== "object" && typeof value !== "function")) return value;
    const shown: Record<string, unknown> = {};
    for (let target: object | null = value as object; target !== null && target !== Object.prototype; target = Object.getPrototypeOf(target)) {
      for (const key of Object.getOwnPropertyNames(target)) {
        if (key in shown || key === "constructor") continue;
        try {
          shown[key] = (value as Record<string, unknown>)[key];
        } catch (error) {
          shown[key] = `<${(error as Error).message}>`;
        }
      }
    }
    return shown;
  };
  return { dump, ...names };
}

const SLOT = "__wzConsole";
const SLOT_KEY = Symbol.for("wz.debugger.evaluation");
const MAX_RENDERED = 200_000;

/** Evaluate `input` in `target`; resolves within about `timeoutMs` whatever the input does. */
export async function evaluate(target: EvaluationTarget, input: string, timeoutMs: number): Promise<EvaluationResult> {
  const output: string[] = [];
  const restore = captureConsole(output);
  try {
    const prepared = prepareInput(input);
    let value = runWithScopes(target, prepared.code, timeoutMs);
    if (prepared.async) value = await withTimeout(value as Promise<unknown>, timeoutMs);
    target.namespace._ = value;
    return { output, result: render(value) };
  } catch (error) {
    return { output, error: renderError(error) };
  } finally {
    restore();
  }
}

function runWithScopes(target: EvaluationTarget, code: string, timeoutMs: number): unknown {
  const objects = [...target.scopes, namespaceScope(target.namespace)];
  let body = `return eval(${SLOT}.code);`;
  // Built outermost first, so that objects[0] is the innermost `with`.
  for (let i = 0; i < objects.length; i++) body = `with (${SLOT}.objects[${i}]) { ${body} }`;
  const slot = { objects, code, thisValue: target.thisValue };
  (globalThis as Record<symbol, unknown>)[SLOT_KEY] = slot;
  try {
    // Sloppy mode (no "use strict"): `with` needs it. `this` is the frame's own.
    return runInThisContext(
      `(function (${SLOT}) { ${body} }).call(globalThis[Symbol.for("wz.debugger.evaluation")].thisValue, globalThis[Symbol.for("wz.debugger.evaluation")])`,
      { timeout: timeoutMs, filename: "console", breakOnSigint: false },
    );
  } finally {
    delete (globalThis as Record<symbol, unknown>)[SLOT_KEY];
  }
}

// The console's names: a name the frame and the globals lack is the console's, so `x = 1`
// keeps x for later inputs instead of creating a global; reading a name nobody has is still a
// ReferenceError.
function namespaceScope(namespace: Record<string, unknown>): object {
  return new Proxy(namespace, {
    has(target, key) {
      if (typeof key !== "string" || key === SLOT) return false;
      return Object.hasOwn(target, key) || !(key in globalThis);
    },
    get(target, key) {
      if (typeof key !== "string") return undefined;
      if (Object.hasOwn(target, key)) return target[key];
      throw new ReferenceError(`${key} is not defined`);
    },
  });
}

function withTimeout(promise: Promise<unknown>, timeoutMs: number): Promise<unknown> {
  let timer: NodeJS.Timeout;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the promise did not settle within ${timeoutMs} ms (it keeps running)`)), timeoutMs);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

export function render(value: unknown): Rendered {
  const short = cap(inspect(value, { depth: 1, breakLength: 100, maxArrayLength: 20, maxStringLength: 2000 }));
  const full = cap(inspect(value, { depth: 6, breakLength: 100, maxArrayLength: 1000, maxStringLength: 100_000 }));
  return full === short ? { short } : { short, full };
}

// The error as the Node REPL shows it: heading and the frames of the input, without vm's
// source excerpt or the console's own frames.
function renderError(error: unknown): string {
  if (!(error instanceof Error) || typeof error.stack !== "string") return cap(`Uncaught ${inspect(error)}`);
  const frames: string[] = [];
  for (const line of error.stack.split("\n")) {
    if (!/^\s+at /.test(line)) continue;
    if (line.includes("(console:") && !line.includes("eval at ")) break;
    if (line.includes(OWN_DIR) || line.includes("node:vm")) continue;
    frames.push(line.replace(/eval at <anonymous> \(console:\d+:\d+\), <anonymous>/, "console input"));
  }
  return cap([`${error.name}: ${error.message}`, ...frames].join("\n"));
}

const OWN_DIR = new URL(".", import.meta.url).href;

function cap(text: string): string {
  return text.length > MAX_RENDERED ? `${text.slice(0, MAX_RENDERED)}\n... (${text.length - MAX_RENDERED} more characters)` : text;
}

const CONSOLE_METHODS = ["log", "info", "warn", "error", "debug", "trace", "dir"] as const;
let capturing: string[][] = [];
let originals: Partial<Record<(typeof CONSOLE_METHODS)[number], (...args: unknown[]) => void>> | undefined;

// console output while an input runs goes to that console. Evaluations that overlap (an awaited
// one) share the patch; the newest one receives the lines.
function captureConsole(into: string[]): () => void {
  capturing.push(into);
  if (originals === undefined) {
    originals = {};
    for (const method of CONSOLE_METHODS) {
      originals[method] = console[method] as (...args: unknown[]) => void;
      (console as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        capturing.at(-1)?.push(method === "dir" ? inspect(args[0]) : formatWithOptions({ colors: false }, ...args));
      };
    }
  }
  return () => {
    capturing = capturing.filter((list) => list !== into);
    if (capturing.length === 0 && originals !== undefined) {
      for (const method of CONSOLE_METHODS) (console as unknown as Record<string, unknown>)[method] = originals[method];
      originals = undefined;
    }
  };
}

const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => unknown;

function parses(code: string, asAsync: boolean): boolean {
  try {
    if (asAsync) new AsyncFunction(code);
    else new Function(code);
    return true;
  } catch {
    return false;
  }
}

/**
 * What to eval: the input, with top-level `let`/`const`/`var name =` turned into assignments
 * (so the name outlives the input, as in the Node REPL), `{...}` read as an object literal,
 * and input using `await` wrapped in an async arrow that returns its last expression.
 */
export function prepareInput(input: string): { code: string; async: boolean } {
  let code = keepDeclarations(input);
  if (/^\s*\{[\s\S]*\}\s*$/.test(code) && parses(`return (${code}\n)`, false)) code = `(${code}\n)`;
  if (parses(code, false) || !/\bawait\b/.test(code)) return { code, async: false };
  if (parses(`return (${code}\n)`, true)) return { code: `(async () => (${code}\n))()`, async: true };
  // The last statement that is an expression is the result: find where it starts.
  for (let i = code.length - 1; i > 0; i--) {
    if (code[i - 1] !== ";" && code[i - 1] !== "\n") continue;
    const head = code.slice(0, i);
    const last = code.slice(i).replace(/;\s*$/, "");
    if (last.trim() === "") continue;
    if (parses(`${head}\nreturn (${last}\n)`, true)) return { code: `(async () => { ${head}\nreturn (${last}\n) })()`, async: true };
  }
  return { code: `(async () => { ${code}\n })()`, async: true };
}

// Top-level declarations only: a small scan that skips strings, comments and nested brackets.
function keepDeclarations(input: string): string {
  let out = "";
  let depth = 0;
  let statementStart = true;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (statementStart && depth === 0) {
      const declaration = /^(\s*)(?:let|const|var)\s+(?=[A-Za-z_$][\w$]*\s*=(?!=))/.exec(input.slice(i));
      if (declaration !== null) {
        out += declaration[1];
        i += declaration[0].length - 1;
        statementStart = false;
        continue;
      }
    }
    if (c === '"' || c === "'" || c === "`") {
      const end = stringEnd(input, i);
      out += input.slice(i, end);
      i = end - 1;
      statementStart = false;
      continue;
    }
    if (c === "/" && (input[i + 1] === "/" || input[i + 1] === "*")) {
      const end = input[i + 1] === "/" ? input.indexOf("\n", i) : input.indexOf("*/", i + 2) + 2;
      const stop = end <= 0 ? input.length : end;
      out += input.slice(i, stop);
      i = stop - 1;
      continue;
    }
    out += c;
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth = Math.max(0, depth - 1);
    if (c === ";" || c === "\n") statementStart = true;
    else if (!/\s/.test(c)) statementStart = false;
  }
  return out;
}

function stringEnd(input: string, start: number): number {
  const quote = input[start];
  for (let i = start + 1; i < input.length; i++) {
    if (input[i] === "\\") i++;
    else if (input[i] === quote) return i + 1;
  }
  return input.length;
}
