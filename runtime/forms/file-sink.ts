// Where one file part's bytes go while the multipart body streams in: a spooled temp file
// (the default), or the Writable a user's stream factory returned.
import { once } from "node:events";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import type { Headers } from "../datastructures/index.js";
import { FileStorage } from "./file-storage.js";
import { SpooledFile, type SpoolBudget } from "./spooled-file.js";

/** Where one file part's bytes go: a spooled temp file, or the Writable of a stream factory. */
export interface FileSink {
  write(chunk: Uint8Array): Promise<void>;
  end(): Promise<void>;
  discard(error: Error): Promise<void>;
  storage(name: string, filename: string, headers: Headers, size: number): FileStorage;
}

export function spooledSink(threshold: number, budget: SpoolBudget): FileSink {
  const spooled = new SpooledFile(threshold, budget);
  return {
    write: (chunk) => spooled.write(chunk),
    end: () => spooled.end(),
    discard: () => spooled.close(),
    storage: (name, filename, headers) => new FileStorage({ name, filename, headers }, spooled),
  };
}

export function writableSink(writable: Writable): FileSink {
  return {
    async write(chunk) {
      if (!writable.write(chunk)) await once(writable, "drain");
    },
    async end() {
      writable.end();
      await finished(writable, { readable: false });
    },
    async discard(error) {
      writable.destroy(error);
    },
    storage: (name, filename, headers, size) => new FileStorage({ name, filename, headers, stream: writable, size }),
  };
}
