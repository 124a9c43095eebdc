// What the `wz` subcommands share: a usage error or `--help` is answered before anything runs.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { checkAddress } from "./check-address.js";

/** A command line that does not say what to do; answered with the usage text and status 2. */
export class UsageError extends Error {}

/** The command `parse` read, or the exit status when the command line was answered here. */
export function parseCommandLine<T>(parse: () => T | "help", usage: string): T | { exitCode: number } {
  let command: T | "help";
  try {
    command = parse();
  } catch (error) {
    if (!(error instanceof UsageError) && !(error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) throw error;
    process.stderr.write(`wz: ${(error as Error).message}\n\n${usage}`);
    return { exitCode: 2 };
  }
  if (command === "help") {
    process.stdout.write(usage);
    return { exitCode: 0 };
  }
  return command;
}

/** Werkzeug's words for a port that is taken. */
export function addressInUse(port: number): string {
  return `Address already in use\nPort ${port} is in use by another program. ` +
    "Either identify and stop that program, or start the server with a different port.";
}

/** The entry file and address of a server command: `<entry> [--host H] [--port N]`. */
export function entryAndAddress(positionals: string[], values: { host?: string; port?: string }): { entry: string; host: string; port: number } {
  const [entry, ...rest] = positionals;
  if (entry === undefined) throw new UsageError("missing the entry file (the module whose default export is the app)");
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
  const port = values.port === undefined ? 5000 : Number(values.port);
  // Binding beyond loopback exposes the app to the network: only an explicit --host does it.
  const host = values.host ?? "127.0.0.1";
  try {
    checkAddress(host, port);
  } catch (error) {
    throw new UsageError((error as Error).message.replace("runSimple: ", "--"));
  }
  const file = resolve(entry);
  if (!existsSync(file)) throw new UsageError(`entry file not found: ${entry}`);
  return { entry: file, host, port };
}

/** The parseArgs options every server command takes. */
export const SERVER_OPTIONS = {
  host: { type: "string" },
  port: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;
