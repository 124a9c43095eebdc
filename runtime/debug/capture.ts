// Live scopes of the frames an error was thrown through, taken with node:inspector on this
// same thread: V8 pauses on every exception (caught ones too: the app's error is caught by
// wz), and while paused one Runtime.callFunctionOn hands the real scope objects of each frame
// to a hook here, which files them under the exception object. Everything runs synchronously
// inside the pause, then the script resumes. Code that never throws pays nothing; a throw
// pays the pause (measured in bench/debugger.mjs).
//
// Limits that come from V8: only frames on the synchronous stack at the throw have scopes
// (an `await` ends the stack: callers that awaited show in the traceback without a console);
// closure scopes hold only variables some inner function uses; a scope object is a copy of
// the variables (objects in it are the live ones, rebinding a variable is not written back).
import { Session, url as inspectorUrl } from "node:inspector";

export interface CapturedScope {
  type: string;
  object: object;
}

export interface CapturedFrame {
  functionName: string;
  /** The URL of the script as V8 runs it (generated code, before source maps). */
  url: string;
  /** 0-based, in the generated code. */
  line: number;
  column: number;
  /** Innermost first; the global scope is left out (evaluation reaches globals anyway). */
  scopes: CapturedScope[];
  thisValue: unknown;
}

/** Frames kept per exception: the deepest stacks seen in apps are well under this. */
const MAX_FRAMES = 20;
/** Above this many pauses per second, pause only on uncaught errors for a while (Sentry's rule). */
const MAX_PAUSES_PER_SECOND = 50;
const HOOK = Symbol.for("wz.debugger.capture");
const HAND_OVER = "function (...values) { globalThis[Symbol.for('wz.debugger.capture')](values); }";

interface RemoteObject {
  objectId?: string;
}
interface PausedFrame {
  functionName: string;
  location: { scriptId: string; lineNumber: number; columnNumber?: number };
  scopeChain: { type: string; object: RemoteObject }[];
  this: RemoteObject;
}
interface PausedEvent {
  params: { reason: string; data?: RemoteObject; callFrames: PausedFrame[] };
}

const captures = new WeakMap<object, CapturedFrame[]>();
let session: Session | undefined;
let unavailable: string | undefined;

/** Starts capturing (once per process); the reason when it cannot. */
export function startCapture(): { capturing: boolean; reason?: string } {
  if (session !== undefined) return { capturing: true };
  if (unavailable !== undefined) return { capturing: false, reason: unavailable };
  // Another debugger is attached: pausing and resuming here would fight its breakpoints.
  if (inspectorUrl() !== undefined) {
    unavailable = "an inspector is attached (--inspect); the debugger shows tracebacks without consoles";
    return { capturing: false, reason: unavailable };
  }
  const scripts = new Map<string, string>();
  let handedOver: unknown[] | undefined;
  (globalThis as Record<symbol, unknown>)[HOOK] = (values: unknown[]) => {
    handedOver = values;
  };
  const opened = new Session();
  try {
    opened.connect();
  } catch (error) {
    unavailable = `node:inspector is not available: ${(error as Error).message}`;
    return { capturing: false, reason: unavailable };
  }
  // CallFrame.url is empty in V8 11 (Node 20): scripts are known by id.
  opened.on("Debugger.scriptParsed", (message: { params: { scriptId: string; url: string } }) => {
    scripts.set(message.params.scriptId, message.params.url);
  });
  const limiter = rateLimiter(opened);
  opened.on("Debugger.paused", (event: PausedEvent) => {
    try {
      const { reason, data, callFrames } = event.params;
      if ((reason !== "exception" && reason !== "promiseRejection") || data?.objectId === undefined) return;
      if (!limiter.allow()) return;
      const frames: CapturedFrame[] = [];
      const ids: string[] = [data.objectId];
      const layout: { scopes: string[]; hasThis: boolean }[] = [];
      for (const frame of callFrames) {
        const url = scripts.get(frame.location.scriptId) ?? "";
        if (url === "" || url.startsWith("node:")) continue;
        const scopes = frame.scopeChain.filter((scope) => scope.type !== "global" && scope.object.objectId !== undefined);
        for (const scope of scopes) ids.push(scope.object.objectId!);
        const hasThis = frame.this.objectId !== undefined;
        if (hasThis) ids.push(frame.this.objectId!);
        layout.push({ scopes: scopes.map((scope) => scope.type), hasThis });
        frames.push({
          functionName: frame.functionName,
          url,
          line: frame.location.lineNumber,
          column: frame.location.columnNumber ?? 0,
          scopes: [],
          thisValue: undefined,
        });
        if (frames.length === MAX_FRAMES) break;
      }
      if (frames.length === 0) return;
      handedOver = undefined;
      opened.post("Runtime.callFunctionOn", {
        objectId: data.objectId,
        functionDeclaration: HAND_OVER,
        arguments: ids.map((objectId) => ({ objectId })),
      });
      // A same-thread session answers synchronously: the hook has run by now.
      const values = handedOver as unknown[] | undefined;
      handedOver = undefined;
      if (values === undefined) return;
      const [exception] = values;
      let next = 1;
      layout.forEach((entry, index) => {
        const frame = frames[index]!;
        for (const type of entry.scopes) frame.scopes.push({ type, object: values[next++] as object });
        if (entry.hasThis) frame.thisValue = values[next++];
      });
      if (typeof exception === "object" && exception !== null) captures.set(exception, frames);
    } catch {
      // Never let a capture problem keep the program paused.
    } finally {
      opened.post("Debugger.resume");
    }
  });
  opened.post("Debugger.enable");
  opened.post("Debugger.setPauseOnExceptions", { state: "all" });
  session = opened;
  return { capturing: true };
}

/** The frames captured when `error` was thrown (undefined: not captured). */
export function capturedFrames(error: unknown): CapturedFrame[] | undefined {
  return typeof error === "object" && error !== null ? captures.get(error) : undefined;
}

/** Stops pausing (tests and benchmarks compare with and without). */
export function stopCapture(): void {
  if (session === undefined) return;
  session.post("Debugger.disable");
  session.disconnect();
  session = undefined;
}

// A library that throws and catches in a loop would pay a pause per throw; past the limit
// only uncaught errors pause, for 5 s, then 10 s, 20 s... (reset by a quiet period).
function rateLimiter(target: Session): { allow(): boolean } {
  let windowStart = 0;
  let count = 0;
  let backoffMs = 2500;
  let pausedAllUntil = 0;
  return {
    allow() {
      const now = performance.now();
      if (now - windowStart >= 1000) {
        if (count <= MAX_PAUSES_PER_SECOND && now - pausedAllUntil > 60_000) backoffMs = 2500;
        windowStart = now;
        count = 0;
      }
      count += 1;
      if (count <= MAX_PAUSES_PER_SECOND) return true;
      if (count === MAX_PAUSES_PER_SECOND + 1) {
        backoffMs = Math.min(backoffMs * 2, 86_400_000);
        pausedAllUntil = now + backoffMs;
        target.post("Debugger.setPauseOnExceptions", { state: "uncaught" });
        setTimeout(() => session?.post("Debugger.setPauseOnExceptions", { state: "all" }), backoffMs).unref();
      }
      return false;
    },
  };
}
