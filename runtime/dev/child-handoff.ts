// How runSimple, called by the user's script inside an app process, hands its app to the
// process bootstrap. A global symbol rather than a module variable: the script may load wz
// from another path than the bootstrap did, and both must still meet.
import type { Application } from "./app-listener.js";

const HANDOFF = Symbol.for("wz.dev.takeApp");
type Slot = { [HANDOFF]?: (app: Application) => void };

/** Called by the bootstrap before it imports the script. */
export function takeAppFromRunSimple(): Promise<Application> {
  return new Promise((resolve) => {
    (globalThis as Slot)[HANDOFF] = resolve;
  });
}

/** True in an app process whose bootstrap waits for runSimple's app. */
export function devServerWaitsForApp(): boolean {
  return (globalThis as Slot)[HANDOFF] !== undefined;
}

/** Called by runSimple; false when this process is not an app process waiting for an app. */
export function handAppToDevServer(app: Application): boolean {
  const take = (globalThis as Slot)[HANDOFF];
  if (take === undefined) return false;
  delete (globalThis as Slot)[HANDOFF];
  take(app);
  return true;
}
