// The seam between the dev server and the runtime's HTTP adapter: the dev server only needs "a
// node:http request listener for this app", which runtime/serving's toNodeListener is. App
// processes import it while they wait as a standby, so the app's own `import "wz"` is already
// loaded when a save arrives.
import type { RequestListener } from "node:http";
import { toNodeListener, type App } from "../serving/index.js";

/** A wz application: `(request) => Response | Promise<Response>`. */
export type Application = App;

export function listenerFor(app: Application): RequestListener {
  return toNodeListener(app);
}
