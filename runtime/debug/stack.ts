// error.stack as frames. V8's text is the one record that has every frame, the callers that
// awaited included (`at async handler (...)`); it is parsed here and its positions mapped to
// the source the user wrote where Node has not done so already.
import { nodeMapsFile, originalPosition, toPath } from "./source-map.js";

export interface StackFrame {
  /** As V8 names it: `render`, `Router.dispatch`, `new Store`, `` (anonymous). */
  functionName: string;
  /** A path for files, `node:internal/...` for Node's own code, or what V8 wrote (`<anonymous>`). */
  file: string;
  line: number;
  column: number;
  /** The frame of a caller that was suspended at an `await`. */
  async: boolean;
  /** The frame has a location (not `native`, `<anonymous>` or `index 0` of Promise.all). */
  located: boolean;
}

const FRAME = /^\s*at (?:(async) )?(?:(.*?) \((.*)\)|(.*))$/;
const LOCATION = /^(.*):(\d+):(\d+)$/;

/** The frames of a stack text (lines that are not frames are skipped). */
export function parseStack(stack: string): StackFrame[] {
  const frames: StackFrame[] = [];
  for (const text of stack.split("\n")) {
    if (!/^\s+at /.test(text)) continue;
    const match = FRAME.exec(text);
    if (match === null) continue;
    const isAsync = match[1] !== undefined;
    const functionName = match[2] ?? "";
    let where = match[3] ?? match[4] ?? "";
    // `eval at fn (file:1:2), <anonymous>:1:1`: the eval'd code has no file; show the caller.
    const evalAt = /^eval at .*? \((.*?)\), /.exec(where);
    if (evalAt !== null) where = evalAt[1]!;
    const location = LOCATION.exec(where);
    if (location === null) {
      frames.push({ functionName, file: where, line: 0, column: 0, async: isAsync, located: false });
      continue;
    }
    const raw = location[1]!;
    let position = { file: toPath(raw), line: Number(location[2]), column: Number(location[3]) };
    if (!raw.startsWith("node:") && !nodeMapsFile(raw)) position = originalPosition(raw, position.line, position.column);
    frames.push({ functionName, ...position, async: isAsync, located: true });
  }
  return frames;
}

/** The lines of a stack before its frames: `TypeError: message` (possibly several lines). */
export function stackHeading(stack: string): string {
  const lines = stack.split("\n");
  const first = lines.findIndex((line) => /^\s+at /.test(line));
  return (first < 0 ? lines : lines.slice(0, first)).join("\n");
}
