// What parsing a form body gives: its own file, because both the dispatcher (parse-form-data.ts)
// and the multipart parser it calls return it.
import type { MultiDict } from "../datastructures/index.js";
import type { FileStorage } from "./file-storage.js";

export interface ParsedFormData {
  form: MultiDict<string>;
  files: MultiDict<FileStorage>;
  /** Releases the files' memory and temp files; call when the request ends. */
  cleanup(): Promise<void>;
}
