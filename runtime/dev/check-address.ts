// Host and port as run_simple accepts them; the CLI reports the same errors as usage errors.
export function checkAddress(host: string, port: number): void {
  if (typeof host !== "string" || host === "") throw new TypeError("runSimple: host must be a non-empty string");
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError(`runSimple: port must be an integer from 0 to 65535, got ${port}`);
}
