// The same app for wz dev, as TypeScript.
import { Response } from "wz";

const version: string = "v0";

export default function app(): Response {
  return new Response(version, { headers: { "Content-Type": "text/plain" } });
}
