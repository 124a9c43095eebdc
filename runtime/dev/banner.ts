// What the dev server prints when it starts, after Werkzeug's `log_startup`.
import { networkInterfaces } from "node:os";
import { ansiStyle } from "./request-log.js";
import { serverUrl } from "../serving/server-url.js";

export function startupBanner(host: string, port: number, colour: boolean): string[] {
  const lines = [
    ansiStyle("WARNING: This is a development server. Do not use it in a production deployment. Use a production server instead.", colour, "bold", "red"),
  ];
  if (host === "0.0.0.0" || host === "::") {
    lines.push(` * Running on all addresses (${host})`);
    lines.push(` * Running on ${serverUrl(host === "::" ? "::1" : "127.0.0.1", port)}`);
    const external = interfaceAddress(host === "::" ? "IPv6" : "IPv4");
    if (external !== undefined) lines.push(` * Running on ${serverUrl(external, port)}`);
  } else {
    lines.push(` * Running on ${serverUrl(host, port)}`);
  }
  lines.push(ansiStyle("Press CTRL+C to quit", colour, "yellow"));
  return lines;
}

function interfaceAddress(family: "IPv4" | "IPv6"): string | undefined {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (!address.internal && address.family === family) return address.address;
    }
  }
  return undefined;
}
