// The mimetype for a file name, from mime-types (mime-db). Loaded on first use: parsing its
// database is the largest single cost of `import "wz"`, and only sendFile and the test client's
// multipart encoder need it. mime-types is CommonJS, so a synchronous require works here.
import { createRequire } from "node:module";

let lookup: ((path: string) => string | false) | undefined;

/** `"text/html"` for `index.html`; undefined when the extension is unknown. */
export function mimetypeFor(filename: string): string | undefined {
  lookup ??= (createRequire(import.meta.url)("mime-types") as typeof import("mime-types")).lookup;
  return lookup(filename) || undefined;
}
