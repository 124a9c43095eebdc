// What the command lines (`wz dev`, `wz serve`, `wz routes`, `wz-compile`) share: node:util's
// parseArgs with a usage error that names the option (and offers a "did you mean" for an unknown
// one), the answer to a usage error or `--help` before anything runs, and the server address.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { closest } from "../suggest.js";
import { checkAddress } from "./check-address.js";

/** A mistake in the command line: the CLI prints it with the usage and exits 2. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * `parseArgs({ args, options })` with positionals allowed. An unknown option, a missing value or
 * a value given to a flag throws a UsageError; `valueNames` says what a string option takes
 * (`{ out: "a file name" }` gives "-o needs a file name").
 */
export function parseCommandLine<const O extends Options>(
  args: readonly string[],
  options: O,
  valueNames: Partial<Record<keyof O, string>> = {},
): ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true }>> {
  // Parsed leniently, then checked token by token, so the error can name what was typed.
  const parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: false, tokens: true });
  for (const token of parsed.tokens) {
    if (token.kind !== "option") continue;
    const option = options[token.name];
    if (option === undefined) {
      const suggestion = closest(token.name, Object.keys(options));
      throw new UsageError(`unknown option ${token.rawName}${suggestion === undefined ? "" : ` (did you mean --${suggestion}?)`}`);
    }
    if (option.type === "string" && token.value === undefined) {
      throw new UsageError(`${token.rawName} needs ${valueNames[token.name as keyof O] ?? "a value"}`);
    }
    if (option.type === "boolean" && token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`);
  }
  const { tokens: _, ...result } = parsed;
  return result as ReturnType<typeof parseCommandLine<O>>;
}

/** The command `parse` read, or the exit status when the command line was answered here (help: 0, a mistake: 2). */
export function answerCommandLine<T>(parse: () => T | "help", usage: string): T | { exitCode: number } {
  let command: T | "help";
  try {
    command = parse();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`wz: ${error.message}\n\n${usage}`);
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
  return (
    `Address already in use\nPort ${port} is in use by another program. ` + "Either identify and stop that program, or start the server with a different port."
  );
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

/** The options every server command takes, and what their values are. */
export const SERVER_OPTIONS = {
  host: { type: "string" },
  port: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export const SERVER_VALUE_NAMES = { host: "a host name or address", port: "a port number" } as const;
