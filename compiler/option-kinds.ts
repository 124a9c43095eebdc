// The options a routes file may set and the kind of value each takes: one table for both readers
// (the TypeScript reader and the literal scanner), so an option added here is read by both.
import type { MapOptions, RuleOptionsInput } from "./model.js";

/** How each option's value is checked; the message fragment reads "must be <expected>". */
export type OptionKind = "boolean" | "string" | "string-or-null" | "strings" | "defaults";
export const EXPECTED: Record<OptionKind, string> = {
  boolean: "true or false",
  string: "a string",
  "string-or-null": "a string or null",
  strings: "an array of strings",
  defaults: "an object of strings, numbers, booleans or null",
};

export const RULE_OPTIONS: Record<keyof RuleOptionsInput, OptionKind> = {
  endpoint: "string-or-null",
  methods: "strings",
  defaults: "defaults",
  strictSlashes: "boolean",
  mergeSlashes: "boolean",
  redirectTo: "string",
  subdomain: "string",
  host: "string",
  alias: "boolean",
  buildOnly: "boolean",
  websocket: "boolean",
};

export const MAP_OPTIONS: Record<keyof MapOptions, OptionKind> = {
  strictSlashes: "boolean",
  mergeSlashes: "boolean",
  redirectDefaults: "boolean",
  hostMatching: "boolean",
  defaultSubdomain: "string",
  sortParameters: "boolean",
};

export function hasKind(value: unknown, kind: OptionKind): boolean {
  switch (kind) {
    case "boolean":
      return typeof value === "boolean";
    case "string":
      return typeof value === "string";
    case "string-or-null":
      return typeof value === "string" || value === null;
    case "strings":
      return Array.isArray(value) && value.every((item) => typeof item === "string");
    case "defaults":
      return (
        typeof value === "object" &&
        value !== null &&
        !Array.isArray(value) &&
        Object.values(value).every((item) => item === null || ["string", "number", "boolean"].includes(typeof item))
      );
  }
}
