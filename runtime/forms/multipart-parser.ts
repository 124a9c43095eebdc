// A multipart body into form fields and files (Werkzeug `MultiPartParser.parse`): the decoder's
// events become in-memory fields (each capped by maxFormMemorySize) and file sinks. If anything
// fails, every file opened so far is discarded before the error propagates.
import { MultiDict, type Headers } from "../datastructures/index.js";
import { RequestEntityTooLarge } from "../exceptions.js";
import { parseOptionsHeader } from "../http/index.js";
import type { FileStorage } from "./file-storage.js";
import { spooledSink, writableSink, type FileSink } from "./file-sink.js";
import type { ResolvedFormLimits } from "./limits.js";
import { MultipartDecoder } from "./multipart-decoder.js";
import { SpoolBudget } from "./spooled-file.js";
import type { ParsedFormData } from "./parsed-form-data.js";

const SAFE_CHARSETS = new Set(["ascii", "us-ascii", "utf-8", "iso-8859-1"]);
// In-memory file content per request, in spool thresholds (8,000 KiB by default).
const SPOOL_BUDGET_FILES = 16;

function partCharset(headers: Headers): string {
  const contentType = headers.get("content-type");
  if (contentType === undefined) return "utf-8";
  const charset = (parseOptionsHeader(contentType)[1]["charset"] ?? "").toLowerCase();
  return SAFE_CHARSETS.has(charset) ? charset : "utf-8";
}

const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/** A field's bytes as text in its charset; undecodable bytes become U+FFFD. */
function decodeField(bytes: Buffer, charset: string): string {
  if (charset === "utf-8") return utf8.decode(bytes);
  if (charset === "iso-8859-1") return bytes.toString("latin1");
  let text = "";
  for (const byte of bytes) text += byte < 0x80 ? String.fromCharCode(byte) : "\ufffd";
  return text;
}

export async function parseMultipartBody(
  body: AsyncIterable<Uint8Array>,
  boundary: string,
  contentLength: number | null,
  limits: ResolvedFormLimits,
): Promise<ParsedFormData> {
  const decoder = new MultipartDecoder(boundary, { maxFormMemorySize: limits.maxFormMemorySize, maxParts: limits.maxFormParts });
  const fields: [string, string][] = [];
  const files: [string, FileStorage][] = [];
  const sinks: FileSink[] = [];
  // The request's small files share this much memory; the rest spills to temp files.
  const budget = new SpoolBudget(limits.spoolThreshold * SPOOL_BUDGET_FILES);

  let part:
    | { kind: "field"; name: string; headers: Headers; chunks: Buffer[]; size: number }
    | { kind: "file"; name: string; filename: string; headers: Headers; sink: FileSink; size: number }
    | null = null;

  const drain = async (): Promise<boolean> => {
    for (;;) {
      const event = decoder.nextEvent();
      switch (event.type) {
        case "needData":
          return false;
        case "epilogue":
          return true;
        case "preamble":
          break;
        case "field":
          part = { kind: "field", name: event.name, headers: event.headers, chunks: [], size: 0 };
          break;
        case "file": {
          const sink = limits.streamFactory
            ? writableSink(
                await limits.streamFactory({
                  name: event.name,
                  filename: event.filename,
                  contentType: event.headers.get("content-type"),
                  contentLength: plainInt(event.headers.get("content-length")),
                  totalContentLength: contentLength,
                }),
              )
            : spooledSink(limits.spoolThreshold, budget);
          sinks.push(sink);
          part = { kind: "file", name: event.name, filename: event.filename, headers: event.headers, sink, size: 0 };
          break;
        }
        case "data": {
          const current = part!;
          current.size += event.data.byteLength;
          if (current.kind === "field") {
            if (limits.maxFormMemorySize !== null && current.size > limits.maxFormMemorySize) throw new RequestEntityTooLarge();
            current.chunks.push(Buffer.from(event.data));
            if (!event.moreData) {
              fields.push([current.name, decodeField(Buffer.concat(current.chunks, current.size), partCharset(current.headers))]);
            }
          } else {
            if (event.data.byteLength > 0) await current.sink.write(event.data);
            if (!event.moreData) {
              await current.sink.end();
              files.push([current.name, current.sink.storage(current.name, current.filename, current.headers, current.size)]);
            }
          }
          if (!event.moreData) part = null;
          break;
        }
      }
    }
  };

  try {
    for await (const chunk of body) {
      decoder.receiveData(chunk);
      await drain();
    }
    decoder.receiveData(null);
    await drain();
  } catch (error) {
    // Werkzeug 3.2: files opened before a failure are closed; here they are also deleted.
    await Promise.all(sinks.map((sink) => sink.discard(error instanceof Error ? error : new Error(String(error)))));
    throw error;
  }

  return {
    form: new MultiDict<string>(fields),
    files: new MultiDict<FileStorage>(files),
    cleanup: async () => {
      await Promise.all(files.map(([, file]) => file.close()));
    },
  };
}

/** Werkzeug `_plain_int`: ASCII digits only (and a minus), else 0 here. */
function plainInt(value: string | undefined): number {
  if (value === undefined || !/^\s*-?[0-9]+\s*$/.test(value)) return 0;
  return Number.parseInt(value, 10);
}
