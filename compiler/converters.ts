// Built-in converters as the compiler sees them: Werkzeug's constructor signatures (so wrong
// arguments fail as they do there), the regex that decides which rules share a matcher state,
// and the JavaScript regex used where a part needs one.
import type { ConverterArg } from "./parse-rule.js";
import type { CustomConverterRef } from "./model.js";
import { closest } from "../runtime/suggest.js";

export type BuiltinKind = "string" | "any" | "path" | "int" | "float" | "uuid";

/** Options of a built-in converter after Werkzeug's argument binding. */
export interface BuiltinParams {
  minLength?: number;
  maxLength?: number | null;
  length?: number | null;
  items?: string[];
  fixedDigits?: number;
  min?: number | null;
  max?: number | null;
  signed?: boolean;
}

export interface ConverterSpec {
  /** Name used in the rule string. */
  name: string;
  kind: BuiltinKind | "custom";
  params: BuiltinParams;
  /** Werkzeug's regex text for this converter: rule parts share a state when their regexes agree. */
  pyRegex: string;
  /** JavaScript (`u` flag) source for the same language; undefined for custom converters (known at run time). */
  jsRegex?: string;
  weight: number;
  partIsolating: boolean;
  custom?: { ref: CustomConverterRef; args: ConverterArg[]; kwargs: Record<string, ConverterArg> };
}

export class ConverterArgumentError extends Error {
  constructor(
    message: string,
    /** Werkzeug's exception class for the same mistake (TypeError, ValueError, LookupError). */
    readonly pythonError: string,
    /** A close match for a misspelt name (an argument keyword), when one is close. */
    readonly suggestion?: string,
  ) {
    super(message);
  }
}

export const BUILTIN_CONVERTERS = ["default", "string", "any", "path", "int", "float", "uuid"] as const;

/** Python-style binding of positional and keyword arguments to a signature; TypeError as Python. */
function bind(className: string, signature: string[], args: ConverterArg[], kwargs: Record<string, ConverterArg>): Record<string, ConverterArg> {
  if (args.length > signature.length) {
    throw new ConverterArgumentError(
      `${className}.__init__() takes from 2 to ${signature.length + 2} positional arguments but ${args.length + 2} were given`,
      "TypeError",
    );
  }
  const bound: Record<string, ConverterArg> = Object.create(null);
  args.forEach((value, i) => (bound[signature[i]!] = value));
  for (const [key, value] of Object.entries(kwargs)) {
    if (!signature.includes(key)) {
      throw new ConverterArgumentError(`${className}.__init__() got an unexpected keyword argument '${key}'`, "TypeError", closest(key, signature));
    }
    if (key in bound) throw new ConverterArgumentError(`${className}.__init__() got multiple values for argument '${key}'`, "TypeError");
    bound[key] = value;
  }
  return bound;
}

/** Python's `int(x)` for a converter argument. */
function pyInt(value: ConverterArg, what: string): number {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new ConverterArgumentError(`cannot convert float ${value} to integer (${what})`, "ValueError");
    return Math.trunc(value);
  }
  if (value === null) throw new ConverterArgumentError(`int() argument must be a string or a real number, not 'NoneType' (${what})`, "TypeError");
  const text = value.trim().replace(/_/g, "");
  if (!/^[+-]?\d+$/.test(text)) throw new ConverterArgumentError(`invalid literal for int() with base 10: '${value}'`, "ValueError");
  return Number(text);
}

function pyNumberOrNull(value: ConverterArg | undefined, what: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number") return value;
  throw new ConverterArgumentError(`${what} must be a number, not the string '${value}'`, "TypeError");
}

const truthy = (value: ConverterArg | undefined): boolean => !!value && value !== "";

const escapePy = (text: string): string => text.replace(/[^\p{L}\p{N}_]/gu, (c) => "\\" + c);
/** Escapes text for a JavaScript regex with the `u` flag (only syntax characters may be escaped there). */
export const escapeJs = (text: string): string => text.replace(/[\\^$.*+?()[\]{}|/]/g, (c) => "\\" + c);

/** Builds the spec of a built-in converter, raising Werkzeug's error for bad arguments. */
export function builtinConverter(name: string, args: ConverterArg[], kwargs: Record<string, ConverterArg>): ConverterSpec {
  switch (name) {
    case "default":
    case "string": {
      const b = bind("UnicodeConverter", ["minlength", "maxlength", "length"], args, kwargs);
      let quantifier: string;
      const params: BuiltinParams = {};
      if (b.length !== undefined && b.length !== null) {
        params.length = pyInt(b.length, "length");
        quantifier = `{${params.length}}`;
      } else {
        params.minLength = b.minlength === undefined ? 1 : pyInt(b.minlength, "minlength");
        params.maxLength = b.maxlength === undefined || b.maxlength === null ? null : pyInt(b.maxlength, "maxlength");
        quantifier = `{${params.minLength},${params.maxLength ?? ""}}`;
      }
      return { name, kind: "string", params, pyRegex: `[^/]${quantifier}`, jsRegex: `[^/]${quantifier}`, weight: 100, partIsolating: true };
    }
    case "any": {
      if (Object.keys(kwargs).length) {
        throw new ConverterArgumentError(`AnyConverter.__init__() got an unexpected keyword argument '${Object.keys(kwargs)[0]}'`, "TypeError");
      }
      const items = args.map((item) => {
        if (typeof item !== "string") {
          throw new ConverterArgumentError(`any() takes strings; got ${JSON.stringify(item)} (quote it: '${String(item)}')`, "TypeError");
        }
        return item;
      });
      return {
        name,
        kind: "any",
        params: { items },
        pyRegex: `(?:${items.map(escapePy).join("|")})`,
        jsRegex: `(?:${items.map(escapeJs).join("|")})`,
        weight: 100,
        partIsolating: true,
      };
    }
    case "path":
      // Werkzeug's PathConverter takes and ignores any arguments.
      return { name, kind: "path", params: {}, pyRegex: "[^/].*?", jsRegex: "[^/][^\\n]*?", weight: 200, partIsolating: false };
    case "uuid":
      return {
        name,
        kind: "uuid",
        params: {},
        pyRegex: "[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}",
        jsRegex: "[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}",
        weight: 100,
        partIsolating: true,
      };
    case "int": {
      const b = bind("IntegerConverter", ["fixed_digits", "min", "max", "signed"], args, kwargs);
      const signed = truthy(b.signed);
      const fixedDigits = b.fixed_digits === undefined || b.fixed_digits === null ? 0 : pyInt(b.fixed_digits, "fixed_digits");
      return {
        name,
        kind: "int",
        params: { fixedDigits, min: pyNumberOrNull(b.min, "min"), max: pyNumberOrNull(b.max, "max"), signed },
        pyRegex: signed ? "-?\\d+" : "\\d+",
        jsRegex: signed ? "-?\\p{Nd}+" : "\\p{Nd}+",
        weight: 50,
        partIsolating: true,
      };
    }
    case "float": {
      const b = bind("FloatConverter", ["min", "max", "signed"], args, kwargs);
      const signed = truthy(b.signed);
      return {
        name,
        kind: "float",
        params: { min: pyNumberOrNull(b.min, "min"), max: pyNumberOrNull(b.max, "max"), signed },
        pyRegex: signed ? "-?\\d+\\.\\d+" : "\\d+\\.\\d+",
        jsRegex: signed ? "-?\\p{Nd}+\\.\\p{Nd}+" : "\\p{Nd}+\\.\\p{Nd}+",
        weight: 50,
        partIsolating: true,
      };
    }
  }
  throw new ConverterArgumentError(`the converter '${name}' does not exist`, "LookupError");
}

/** A custom converter's spec; its regex may only be known when the generated module loads. */
export function customConverter(ref: CustomConverterRef, args: ConverterArg[], kwargs: Record<string, ConverterArg>): ConverterSpec {
  if (!ref.isFactory && (args.length || Object.keys(kwargs).length)) {
    throw new ConverterArgumentError(`converter '${ref.name}' takes no arguments (export a function returning a Converter to accept some)`, "TypeError");
  }
  const known = !ref.isFactory && ref.regex !== undefined;
  const identity = known ? ref.regex! : `custom:${ref.name}(${JSON.stringify([args, kwargs])})`;
  return {
    name: ref.name,
    kind: "custom",
    params: {},
    pyRegex: identity,
    weight: ref.weight ?? 100,
    partIsolating: ref.partIsolating ?? (ref.regex === undefined ? true : !ref.regex.includes("/")),
    custom: { ref, args, kwargs },
  };
}
