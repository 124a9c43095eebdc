// sendFromDirectory (Werkzeug 3.1.8 utils.send_from_directory): sendFile for a path taken from
// the client, confined to a trusted directory by safeJoin.
import { stat, type BigIntStats } from "node:fs";
import { NotFound } from "../exceptions.js";
import { safeJoin } from "../security/safe-join.js";
import { sendFile, type SendFileOptions } from "../wrappers/send-file.js";
import type { Request } from "../wrappers/request.js";
import type { Response } from "../wrappers/response.js";

/** The stat of `path` when it is a regular file (symlinks followed), else null; never rejects. */
export function regularFile(path: string): Promise<BigIntStats | null> {
  // The callback form: fs/promises costs measurably more per call on the static-file path.
  return new Promise((resolve) => {
    try {
      stat(path, { bigint: true }, (error, info) => resolve(error === null && info.isFile() ? info : null));
    } catch {
      resolve(null); // a NUL byte in the path throws before any I/O
    }
  });
}

/**
 * Sends `path` (untrusted, `/`-separated, e.g. from a `<path:name>` rule) from `directory`
 * (trusted: never from the client). Throws NotFound when the path would leave the directory
 * or is not a regular file. Options are sendFile's.
 */
export async function sendFromDirectory(directory: string, path: string, request: Request, options?: SendFileOptions): Promise<Response> {
  const joined = safeJoin(directory, path);
  if (joined === null || (await regularFile(joined)) === null) throw new NotFound();
  return sendFile(joined, request, options);
}
