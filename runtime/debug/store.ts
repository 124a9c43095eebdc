// What the debugger keeps between the error page and the console requests that follow it:
// the last 50 tracebacks and, for their frames with live scopes, one console each. Werkzeug
// keeps every frame forever; here the oldest traceback (and the objects its scopes hold) is
// dropped when a new one arrives past the bound.
import { randomBytes } from "node:crypto";
import { consoleNamespace, type EvaluationTarget } from "./evaluate.js";
import type { ErrorView, FrameView } from "./traceback.js";

export const MAX_TRACEBACKS = 50;
const MAX_STANDALONE_CONSOLES = 20;

export interface ConsoleEntry {
  target: EvaluationTarget;
}

/** Unguessable and unrelated to memory addresses (Werkzeug's are `id(frame)`). */
export function randomId(): string {
  return randomBytes(12).toString("base64url");
}

export class DebuggerStore {
  private readonly tracebacks = new Map<string, string[]>();
  private readonly standalone: string[] = [];
  private readonly consoles = new Map<string, ConsoleEntry>();

  /** Files a traceback; returns the console id of each frame that has live scopes. */
  addTraceback(errors: ErrorView[]): Map<FrameView, string> {
    const ids = new Map<FrameView, string>();
    for (const error of errors) {
      for (const frame of error.frames) {
        if (frame.captured === undefined || frame.hidden) continue;
        const id = randomId();
        ids.set(frame, id);
        this.consoles.set(id, {
          target: {
            scopes: frame.captured.scopes.map((scope) => scope.object),
            thisValue: frame.captured.thisValue,
            namespace: consoleNamespace(frame.captured.scopes),
          },
        });
      }
    }
    this.tracebacks.set(randomId(), [...ids.values()]);
    while (this.tracebacks.size > MAX_TRACEBACKS) {
      const [oldest, consoleIds] = this.tracebacks.entries().next().value!;
      this.tracebacks.delete(oldest);
      for (const id of consoleIds) this.consoles.delete(id);
    }
    return ids;
  }

  /** A console with no frame: the standalone one, with `namespace` as its names. */
  addStandaloneConsole(namespace: Record<string, unknown>): string {
    const id = randomId();
    this.consoles.set(id, { target: { scopes: [], thisValue: undefined, namespace: consoleNamespace([], namespace) } });
    this.standalone.push(id);
    if (this.standalone.length > MAX_STANDALONE_CONSOLES) this.consoles.delete(this.standalone.shift()!);
    return id;
  }

  console(id: string): ConsoleEntry | undefined {
    return this.consoles.get(id);
  }

  get size(): { tracebacks: number; consoles: number } {
    return { tracebacks: this.tracebacks.size, consoles: this.consoles.size };
  }
}
