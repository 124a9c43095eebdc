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

// In an app process the count is the parent's: listen from the moment this module loads (the
// process may wait as a standby, receiving counts, long before its app is wrapped).
const inAppProcess = process.env[CHILD_ENV] === "true" && typeof process.send === "function";
let sharedCount = inAppProcess ? Number(process.env[PIN_FAILURES_ENV] ?? 0) || 0 : 0;
if (inAppProcess) {
  process.on("message", (message: ParentMessage) => {
    if (message?.type === "debugger-pin-failures") sharedCount = message.count;
  });
}

/** The counter for a debugger: shared with the `wz dev` parent in its app processes, else its own. */
export function pinAttempts(): PinAttempts {
  let ownCount = 0;
  const get = () => (inAppProcess ? sharedCount : ownCount);
  const set = (count: number) => {
    if (inAppProcess) sharedCount = count;
    else ownCount = count;
  };
  return {
    failures: get,
    exhausted: () => get() >= MAX_PIN_FAILURES,
    record(failed) {
      const before = get();
      set(failed ? before + 1 : 0);
      if (inAppProcess && process.connected) process.send!({ type: "debugger-pin-attempt", failed } satisfies ChildMessage);
      if (!failed) return Promise.resolve();
      return new Promise((resolve) => setTimeout(resolve, failureDelayMs(before)));
    },
  };
}
