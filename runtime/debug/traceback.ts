// A traceback as the page shows it: each error of the chain (the error, its `cause`s, the
// members of an AggregateError) with its frames from error.stack, mapped to the source, and
// for frames that were on the stack at the throw, the live scopes the console evaluates in.
import { fileURLToPath } from "node:url";
import { sep } from "node:path";
import { inspect } from "node:util";
import { capturedFrames, type CapturedFrame } from "./capture.js";
import { originalPosition, sourceLines } from "./source-map.js";
import { parseStack, stackHeading, type StackFrame } from "./stack.js";

/** `app`: the user's code; `library`: node_modules and wz; `internal`: Node and the debugger itself. */
export type FrameKind = "app" | "library" | "internal";

export interface FrameView extends StackFrame {
  kind: FrameKind;
  /** Shown only with showHiddenFrames. */
  hidden: boolean;
  /** The path relative to the working directory when inside it. */
  shownFile: string;
  /** The lines around `line` (5 before and after); `first` is the number of the first. */
  context?: { first: number; lines: string[] };
  /** Live scopes, when the frame was on the stack at the throw. */
  captured?: CapturedFrame;
}

export interface ErrorView {
  /** `Error`, `TypeError`...; for a thrown non-error, `typeof` of it. */
  name: string;
  message: string;
  /** `cause` of the error before it, `errors[i]` of an AggregateError, or the first error. */
  relation: { kind: "root" } | { kind: "cause" } | { kind: "member"; index: number; of: number };
  frames: FrameView[];
  /** The plain-text form: heading and `    at` lines, source-mapped. */
  text: string;
}

const CONTEXT_LINES = 5;
/** Errors shown per traceback (cause chains can be cyclic; aggregates can be huge). */
const MAX_ERRORS = 20;

// wz's own code, built (dist/runtime) or, through its source maps, as written (runtime/).
const PACKAGE_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const WZ_DIRS = [`${PACKAGE_ROOT}dist${sep}runtime${sep}`, `${PACKAGE_ROOT}runtime${sep}`];
const DEBUGGER_DIRS = WZ_DIRS.map((dir) => `${dir}debug${sep}`);

export function describeErrors(thrown: unknown): ErrorView[] {
  const views: ErrorView[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, relation: ErrorView["relation"]) => {
    if (views.length >= MAX_ERRORS || seen.has(value)) return;
    seen.add(value);
    views.push(describeError(value, relation));
    if (value instanceof AggregateError && Array.isArray(value.errors)) {
      const members = value.errors as unknown[];
      members.forEach((member, index) => visit(member, { kind: "member", index, of: members.length }));
    }
    if (value instanceof Error && value.cause !== undefined) visit(value.cause, { kind: "cause" });
  };
  visit(thrown, { kind: "root" });
  return views;
}

function describeError(value: unknown, relation: ErrorView["relation"]): ErrorView {
  if (!(value instanceof Error)) {
    const shown = inspect(value, { depth: 2 });
    return { name: value === null ? "null" : typeof value, message: shown, relation, frames: [], text: `Uncaught ${shown}` };
  }
  const stack = typeof value.stack === "string" ? value.stack : `${value.name}: ${value.message}`;
  const frames = attachCaptures(parseStack(stack).map(view), capturedFrames(value));
  const heading = stackHeading(stack) || `${value.name}: ${value.message}`;
  const text = [heading, ...frames.map(frameLine)].join("\n");
  return { name: value.name, message: value.message, relation, frames, text };
}

function frameLine(frame: FrameView): string {
  const where = frame.located ? `${frame.file}:${frame.line}:${frame.column}` : frame.file;
  const name = `${frame.async ? "async " : ""}${frame.functionName}`;
  return name === "" ? `    at ${where}` : `    at ${name} (${where})`;
}

function view(frame: StackFrame): FrameView {
  const kind = kindOf(frame);
  const hidden = kind === "internal";
  const shownFile = frame.file.startsWith(process.cwd() + sep) ? frame.file.slice(process.cwd().length + 1) : frame.file;
  const result: FrameView = { ...frame, kind, hidden, shownFile };
  if (frame.located && !hidden) {
    const lines = sourceLines(frame.file);
    if (lines !== null && frame.line <= lines.length) {
      const first = Math.max(1, frame.line - CONTEXT_LINES);
      result.context = { first, lines: lines.slice(first - 1, Math.min(lines.length, frame.line + CONTEXT_LINES)) };
    }
  }
  return result;
}

function kindOf(frame: StackFrame): FrameKind {
  if (!frame.located || frame.file.startsWith("node:") || DEBUGGER_DIRS.some((dir) => frame.file.startsWith(dir))) return "internal";
  if (frame.file.includes(`${sep}node_modules${sep}`) || WZ_DIRS.some((dir) => frame.file.startsWith(dir))) return "library";
  return "app";
}

// The stack was recorded where the error was made, the scopes where it was thrown: the same
// frames below the top in the usual case. Frames are paired in order by file and function.
function attachCaptures(frames: FrameView[], captured: CapturedFrame[] | undefined): FrameView[] {
  if (captured === undefined) return frames;
  const mapped = captured.map((frame) => ({ frame, position: originalPosition(frame.url, frame.line + 1, frame.column + 1) }));
  let next = 0;
  for (const frame of frames) {
    if (frame.async) break;
    if (!frame.located) continue;
    for (let i = next; i < mapped.length; i++) {
      const { frame: candidate, position } = mapped[i]!;
      if (position.file === frame.file && sameFunction(frame.functionName, candidate.functionName)) {
        frame.captured = candidate;
        next = i + 1;
        break;
      }
    }
  }
  return frames;
}

function sameFunction(stackName: string, inspectorName: string): boolean {
  const plain = (name: string) =>
    name
      .replace(/^new /, "")
      .replace(/ \[as [^\]]*\]$/, "")
      .split(".")
      .at(-1) ?? "";
  return inspectorName === "" || plain(stackName) === plain(inspectorName);
}
