// The compiler's intermediate forms, in pipeline order:
//   read-routes (ts-morph)  -> RoutesSource  (declaration tree + custom converters, with locations)
//   flatten                 -> FlatRule[]    (factories applied, Werkzeug's copy semantics)
//   analyse                 -> RouteTable    (parsed rule strings, converters, build order)
//   tree / emit             -> generated module text
import type { DefaultValue, RuleOptions } from "../runtime/routing/declare.js";

export type { DefaultValue };

/** Where something was written, for diagnostics. Lines and columns are 1-based. */
export interface SourceSpan {
  file: string;
  line: number;
  column: number;
  length: number;
  /** The whole source line, for code frames. */
  lineText: string;
}

/** One problem found in a routes file. The same shape is used by the API, the CLI and watch mode. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  length: number;
  lineText: string;
  message: string;
  severity: "error" | "warning";
  /** A replacement to offer ("did you mean ..."), when there is one. */
  suggestion?: string;
}

/** Map-wide options with Werkzeug's defaults filled in (the same shape the run-time map reads). */
export type { MapOptions } from "../runtime/routing/declare.js";
import type { MapOptions } from "../runtime/routing/declare.js";

export const DEFAULT_MAP_OPTIONS: MapOptions = {
  strictSlashes: true,
  mergeSlashes: true,
  redirectDefaults: true,
  hostMatching: false,
  defaultSubdomain: "",
  sortParameters: false,
};

/** A custom converter named in `routes({ converters })`, as the reader found it. */
export interface CustomConverterRef {
  /** Name used in rule strings. */
  name: string;
  /** Absolute path of the module that exports it (the generated module imports it from there). */
  modulePath: string;
  /** Export name in that module (`"default"` for a default export). */
  exportName: string;
  /** True when the export is a function called with the rule's converter arguments. */
  isFactory: boolean;
  /** Statically known members; undefined when not readable (the runtime value is used). */
  regex?: string;
  partIsolating?: boolean;
  weight?: number;
  span: SourceSpan;
}

/**
 * Rule options as written (undefined = not given): the declaration API's own `RuleOptions`, so
 * an option added there is a type error in the reader until it reads it.
 */
export type RuleOptionsInput = RuleOptions;

/** The declaration tree of a routes file. Spans point at the call (or the rule string). */
export type DeclNode =
  | { kind: "rule"; path: string; options: RuleOptionsInput; span?: SourceSpan; pathSpan?: SourceSpan }
  | { kind: "submount"; path: string; rules: DeclNode[]; span?: SourceSpan }
  | { kind: "subdomain"; subdomain: string; rules: DeclNode[]; span?: SourceSpan }
  | { kind: "endpointPrefix"; prefix: string; rules: DeclNode[]; span?: SourceSpan };

/** What the reader hands to the rest of the pipeline. */
export interface RoutesSource {
  /** Absolute path of the routes file. */
  file: string;
  options: MapOptions;
  converters: CustomConverterRef[];
  rules: DeclNode[];
}

/** A rule after factories were applied (Werkzeug's `Rule.empty()` copies). */
export interface FlatRule extends RuleOptionsInput {
  rule: string;
  span?: SourceSpan;
  pathSpan?: SourceSpan;
}
