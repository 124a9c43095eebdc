// One diagnostic shape (model.ts `Diagnostic`) for the reader, the analysis, the CLI, watch mode
// and the API, and one formatter that renders it as a code frame, in the manner of esbuild/tsc.
import type { ts, Node as MorphNode } from "ts-morph";
import path from "node:path";
import type { Diagnostic, SourceSpan } from "./model.js";

export interface DiagnosticExtras {
  severity?: Diagnostic["severity"];
  suggestion?: string;
}

/**
 * The span `[start, start + length)` of `sourceFile`. A span never crosses a line: a longer
 * one (a multi-line call) is cut at the end of its first line so the code frame stays exact.
 */
export function spanAt(sourceFile: ts.SourceFile, start: number, length: number): SourceSpan {
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(start);
  const lineStart = start - character;
  let lineEnd = sourceFile.getLineEndOfPosition(start);
  if (sourceFile.text.charCodeAt(lineEnd - 1) === 13 /* \r */) lineEnd--;
  return {
    file: sourceFile.fileName,
    line: line + 1,
    column: character + 1,
    length: Math.max(0, Math.min(length, lineEnd - start)),
    lineText: sourceFile.text.slice(lineStart, lineEnd),
  };
}

/** The span of a node (a raw TypeScript node or a ts-morph wrapper), without leading trivia. */
export function spanOf(node: ts.Node | MorphNode): SourceSpan {
  const raw = "compilerNode" in node ? node.compilerNode : node;
  const sourceFile = raw.getSourceFile();
  const start = raw.getStart(sourceFile);
  return spanAt(sourceFile, start, raw.end - start);
}

/** A diagnostic covering `span`. */
export function diagnosticAtSpan(span: SourceSpan, message: string, extras: DiagnosticExtras = {}): Diagnostic {
  const diagnostic: Diagnostic = { ...span, message, severity: extras.severity ?? "error" };
  if (extras.suggestion !== undefined) diagnostic.suggestion = extras.suggestion;
  return diagnostic;
}

/** A diagnostic covering a node. */
export function diagnosticAt(node: ts.Node | MorphNode, message: string, extras: DiagnosticExtras = {}): Diagnostic {
  return diagnosticAtSpan(spanOf(node), message, extras);
}

/**
 * A diagnostic `offset` characters into `span`, `length` long: how the rule-string parser points
 * at a column inside a rule's `pathSpan`. The result is clamped to the span's line.
 */
export function diagnosticInSpan(span: SourceSpan, offset: number, length: number, message: string, extras: DiagnosticExtras = {}): Diagnostic {
  const column = span.column + Math.max(0, offset);
  const room = Math.max(0, span.lineText.length - (column - 1));
  return diagnosticAtSpan({ ...span, column, length: Math.max(0, Math.min(length, room)) }, message, extras);
}

/** The diagnostic for a file that cannot be read at all (no line to point at). */
export function fileDiagnostic(file: string, message: string): Diagnostic {
  return { file, line: 1, column: 1, length: 0, lineText: "", message, severity: "error" };
}

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean => diagnostics.some((d) => d.severity === "error");

export interface FormatOptions {
  /** ANSI colours. Default false; the CLI turns them on for a TTY unless NO_COLOR is set. */
  color?: boolean;
  /** File names are printed relative to this directory when inside it. Default `process.cwd()`. */
  cwd?: string;
}

const ansi = { bold: "\x1b[1m", red: "\x1b[31m", yellow: "\x1b[33m", green: "\x1b[32m", dim: "\x1b[2m", reset: "\x1b[0m" };

/**
 * A code frame:
 *
 *     routes.ts:4:15: error: unknown rule option "endpont"
 *         4 |   rule("/", { endpont: "index" }),
 *           |               ~~~~~~~
 *           = did you mean "endpoint"?
 */
export function formatDiagnostic(diagnostic: Diagnostic, options: FormatOptions = {}): string {
  const paint = (code: string, text: string) => (options.color ? code + text + ansi.reset : text);
  const cwd = options.cwd ?? process.cwd();
  const relative = path.relative(cwd, diagnostic.file);
  const shownFile = relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : diagnostic.file;
  const severityColour = diagnostic.severity === "error" ? ansi.red : ansi.yellow;
  const lines = [
    paint(ansi.bold, `${shownFile}:${diagnostic.line}:${diagnostic.column}: `) +
      paint(ansi.bold + severityColour, `${diagnostic.severity}:`) +
      " " +
      paint(ansi.bold, diagnostic.message),
  ];
  if (diagnostic.lineText !== "") {
    const gutter = String(diagnostic.line);
    const blank = " ".repeat(gutter.length);
    const before = diagnostic.lineText.slice(0, diagnostic.column - 1);
    // Keep tabs in the padding so the underline lines up under tab-indented code.
    const padding = before.replace(/[^\t]/g, " ");
    const underline = diagnostic.length > 0 ? "~".repeat(diagnostic.length) : "^";
    lines.push(`    ${paint(ansi.dim, `${gutter} |`)} ${diagnostic.lineText}`);
    lines.push(`    ${paint(ansi.dim, `${blank} |`)} ${padding}${paint(ansi.green, underline)}`);
    if (diagnostic.suggestion !== undefined) {
      lines.push(`    ${paint(ansi.dim, `${blank} =`)} did you mean ${paint(ansi.green, JSON.stringify(diagnostic.suggestion))}?`);
    }
  } else if (diagnostic.suggestion !== undefined) {
    lines.push(`    did you mean ${paint(ansi.green, JSON.stringify(diagnostic.suggestion))}?`);
  }
  return lines.join("\n") + "\n";
}

/** Every diagnostic's frame, a blank line apart, then a count line ("2 errors, 1 warning"). */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], options: FormatOptions = {}): string {
  if (diagnostics.length === 0) return "";
  const frames = diagnostics.map((d) => formatDiagnostic(d, options)).join("\n");
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const counts = [errors > 0 ? `${errors} error${errors === 1 ? "" : "s"}` : "", warnings > 0 ? `${warnings} warning${warnings === 1 ? "" : "s"}` : ""]
    .filter(Boolean)
    .join(", ");
  return `${frames}\n${counts}\n`;
}

/** Whether to colour output written to `stream`: a TTY, unless NO_COLOR is set (no-color.org). */
export function wantsColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "" && env.FORCE_COLOR !== "0") return true;
  return stream.isTTY === true;
}

/** Drop exact repeats (a const array spread twice reports its problems once), keeping order. */
export function uniqueDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}\0${d.line}\0${d.column}\0${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
