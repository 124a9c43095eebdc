// The IPC protocol between the dev server's parent (which owns the listening socket) and the
// app processes it starts. One child lifecycle: spawned -> "standby" -> activate -> "ready" or
// "failed" -> serves forwarded connections -> retire -> drains and exits.

/** What an app process loads when it is activated. */
export type AppTarget =
  /** `wz dev <entry>`: the entry module's default export is the app. */
  | { kind: "entry"; file: string }
  /** `runSimple(..., { useReloader: true })`: the user's script is re-run and calls runSimple. */
  | { kind: "script"; file: string; argv: string[] };

/** Where a failure points, so the terminal and the error page can name the file. */
export interface ErrorReport {
  name: string;
  message: string;
  stack: string;
  file?: string;
  line?: number;
  column?: number;
}

export type ParentMessage =
  | { type: "activate" }
  | { type: "connection" }
  | { type: "retire" }
  /** The debugger's count of wrong PINs, kept here so that a reload does not reset it. */
  | { type: "debugger-pin-failures"; count: number };

export type ChildMessage =
  | { type: "standby" }
  /** An idle keep-alive connection given back by a retiring process (the socket is attached). */
  | { type: "connection" }
  | { type: "ready" }
  | { type: "failed"; error: ErrorReport }
  | { type: "crashed"; error: ErrorReport }
  | { type: "loaded"; files: string[] }
  /** A PIN was entered in the debugger of this process. */
  | { type: "debugger-pin-attempt"; failed: boolean };

/** Set in the environment of every app process. */
export const CHILD_ENV = "WZ_RUN_MAIN";
/** The app process's AppTarget, as JSON. */
export const TARGET_ENV = "WZ_DEV_TARGET";
/** The debugger's options for an app process of `wz dev` (JSON); absent: no debugger. */
export const DEBUGGER_ENV = "WZ_DEV_DEBUGGER";
/** The count of wrong PINs when the app process starts. */
export const PIN_FAILURES_ENV = "WZ_DEBUGGER_PIN_FAILURES";
