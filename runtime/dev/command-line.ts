// Argument parsing shared by both command lines (`wz` and `wz-compile`): node:util's parseArgs,
// with a usage error that names the option and offers a "did you mean" for an unknown one.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { closest } from "../suggest.js";

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
