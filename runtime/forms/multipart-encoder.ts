// `multipart/form-data` encoding for the test client (Werkzeug `encode_multipart`), so tests
// can post fields and files exactly as a browser would.
import { randomBytes } from "node:crypto";
import { mimetypeFor } from "../http/mimetypes.js";
import { iterMultiItems, type MultiDictInit } from "../datastructures/index.js";
import { FileStorage, memoryContent } from "./file-storage.js";

/** A file to encode: a FileStorage built from data, or its parts. */
export type MultipartFile = FileStorage | Uint8Array | { data: Uint8Array | string; filename?: string; contentType?: string };

export interface EncodedMultipart {
  body: Uint8Array;
  /** `multipart/form-data; boundary=...` */
  contentType: string;
}

interface EncodedPart {
  name: string;
  filename: string | undefined;
  headers: [string, string][];
  data: Buffer;
}

// Names and filenames are written in quotes; the HTML standard percent-encodes `"`, CR and LF
// there, and Werkzeug's parser decodes `%22` back. (Werkzeug's encoder writes them raw.)
function quoteParam(value: string): string {
  return value.replaceAll('"', "%22").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

function filePart(name: string, file: MultipartFile): EncodedPart {
  let data: Uint8Array;
  let filename: string | undefined;
  let contentType: string | undefined;
  let extraHeaders: [string, string][] = [];
  if (file instanceof FileStorage) {
    const content = memoryContent.get(file)?.() ?? null;
    if (content === null) {
      throw new TypeError(`wz: encodeMultipart needs the content of file "${name}" in memory; build it with new FileStorage({ data })`);
    }
    data = content;
    filename = file.filename;
    contentType = file.contentType;
    extraHeaders = [...file.headers].filter(([header]) => !["content-type", "content-disposition"].includes(header.toLowerCase()));
  } else if (file instanceof Uint8Array) {
    data = file;
  } else {
    data = typeof file.data === "string" ? Buffer.from(file.data) : file.data;
    filename = file.filename;
    contentType = file.contentType;
  }
  contentType ??= (filename ? mimetypeFor(filename) : undefined) ?? "application/octet-stream";
  return { name, filename: filename ?? "", headers: [["Content-Type", contentType], ...extraHeaders], data: Buffer.from(data) };
}

/**
 * Encodes form fields and files as a multipart body with a random boundary. Fields are
 * strings (other values are converted with String()); files are FileStorage objects with
 * in-memory content, bytes, or `{ data, filename, contentType }` (the type is guessed from
 * the filename when not given).
 */
export function encodeMultipart(fields: MultiDictInit<unknown> | null = null, files: MultiDictInit<MultipartFile> | null = null): EncodedMultipart {
  const parts: EncodedPart[] = [];
  for (const [name, value] of fields === null ? [] : iterMultiItems(fields)) {
    parts.push({ name, filename: undefined, headers: [], data: Buffer.from(String(value)) });
  }
  for (const [name, file] of files === null ? [] : iterMultiItems(files)) parts.push(filePart(name, file));

  let boundary: string;
  do {
    boundary = `----------------wzFormBoundary${randomBytes(16).toString("hex")}`;
  } while (parts.some((part) => part.data.includes(boundary)));

  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${quoteParam(part.name)}"`;
    if (part.filename !== undefined) head += `; filename="${quoteParam(part.filename)}"`;
    head += "\r\n";
    for (const [header, value] of part.headers) head += `${header}: ${value}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`), part.data, Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
