// The same app for wz dev: the default export answers its version.
import { Response } from "wz";

const version = "v0";

export default function app() {
  return new Response(version, { headers: { "Content-Type": "text/plain" } });
}
