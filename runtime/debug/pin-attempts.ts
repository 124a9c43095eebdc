// The count of wrong PINs, and the lockout it leads to (Werkzeug: 10 failures, each answered
// after 0.5 s, or 5 s once more than 5 were recorded). Under `wz dev` every reload starts a new
// app process, so the count lives in the dev server's parent: each process reports its attempts
// and the parent sends the count to every app process (and starts new ones with it), so a
// reload never gives an attacker ten more guesses.
import { CHILD_ENV, PIN_FAILURES_ENV, type ChildMessage, type ParentMessage } from "../dev/messages.js";

export const MAX_PIN_FAILURES = 10;

export interface PinAttempts {
  failures(): number;
  exhausted(): boolean;
  /** Records one attempt; resolves after the delay a failure costs. */
  record(failed: boolean): Promise<void>;
}

export function failureDelayMs(failuresBefore: number): number {
  return failuresBefore > 5 ? 5000 : 500;
}

/** The counter for this process: shared with the `wz dev` parent when there is one. */
export function pinAttempts(): PinAttempts {
  let count = 0;
  const shared = process.env[CHILD_ENV] === "true" && typeof process.send === "function";
  if (shared) {
    count = Number(process.env[PIN_FAILURES_ENV] ?? 0) || 0;
    process.on("message", (message: ParentMessage) => {
      if (message?.type === "debugger-pin-failures") count = message.count;
    });
  }
  return {
    failures: () => count,
    exhausted: () => count >= MAX_PIN_FAILURES,
    record(failed) {
      const before = count;
      count = failed ? count + 1 : 0;
      if (shared && process.connected) process.send!({ type: "debugger-pin-attempt", failed } satisfies ChildMessage);
      if (!failed) return Promise.resolve();
      return new Promise((resolve) => setTimeout(resolve, failureDelayMs(before)));
    },
  };
}
