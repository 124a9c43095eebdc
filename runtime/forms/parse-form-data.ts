// Form parsing for `request.form()` / `request.files()` (Werkzeug `FormDataParser` and
// `MultiPartParser`): dispatches on the mimetype, streams multipart bodies through the
// sans-IO decoder into memory (fields) and spooled temp files (files), and enforces the
// limits. Malformed input gives an empty form, as Werkzeug's default `silent=True` does;
// limits always raise 413.
import { MultiDict } from "../datastructures/index.js";
import { BadRequest, RequestEntityTooLarge } from "../exceptions.js";
import { parseOptionsHeader } from "../http/index.js";
import type { FileStorage } from "./file-storage.js";
import { resolveLimits, type FormLimits, type ResolvedFormLimits } from "./limits.js";
import { MalformedFormData } from "./multipart-decoder.js";
import { parseMultipartBody } from "./multipart-parser.js";
import type { ParsedFormData } from "./parsed-form-data.js";
import { readBody, type FormBody } from "./read-body.js";
import { urlencodedPairs } from "./urlencoded.js";

export type { ParsedFormData } from "./parsed-form-data.js";

export interface ParseFormDataOptions {
  /** The request body: a node:http IncomingMessage or any (async) iterable of bytes; null for none. */
  body: FormBody;
  /** The raw Content-Type header. */
  contentType: string | null | undefined;
  /** The Content-Length header as a number, or null (chunked or absent). */
  contentLength: number | null;
  limits?: FormLimits;
  /** Malformed bodies give an empty form (true, Werkzeug's default) or a 400 BadRequest (false). */
  silent?: boolean;
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;

function emptyResult(): ParsedFormData {
  return { form: new MultiDict<string>(), files: new MultiDict<FileStorage>(), cleanup: async () => {} };
}

/**
 * Parses a `multipart/form-data` or `application/x-www-form-urlencoded` body into a form and
 * files; any other type gives an empty result without reading the body. Throws 413
 * RequestEntityTooLarge when a limit is hit (reading stops at once), 408 RequestTimeout when
 * the body stalls longer than `readTimeoutMs`, and 400 ClientDisconnected when the body ends
 * early or the client goes away. No temp file outlives a failed parse.
 */
export async function parseFormData(options: ParseFormDataOptions): Promise<ParsedFormData> {
  const limits = resolveLimits(options.limits);
  const { contentLength } = options;
  if (limits.maxContentLength !== null && contentLength !== null && contentLength > limits.maxContentLength) {
    throw new RequestEntityTooLarge();
  }
  const [rawMimetype, params] = parseOptionsHeader(options.contentType);
  const mimetype = rawMimetype.toLowerCase();
  if (mimetype !== "multipart/form-data" && mimetype !== "application/x-www-form-urlencoded") return emptyResult();

  const body = readBody(options.body, contentLength, limits.maxContentLength, limits.readTimeoutMs);
  try {
    if (mimetype === "application/x-www-form-urlencoded") return await parseUrlencodedBody(body, contentLength, limits);
    const boundary = params["boundary"] ?? "";
    if (boundary === "" || !ASCII_ONLY.test(boundary)) throw new MalformedFormData("Missing or invalid boundary");
    return await parseMultipartBody(body, boundary, contentLength, limits);
  } catch (error) {
    if (!(error instanceof MalformedFormData)) throw error;
    if (options.silent === false) throw new BadRequest(`Invalid form data: ${error.message}`);
    return emptyResult();
  }
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

async function parseUrlencodedBody(body: AsyncIterable<Uint8Array>, contentLength: number | null, limits: ResolvedFormLimits): Promise<ParsedFormData> {
  const maxSize = limits.maxFormMemorySize;
  // Werkzeug 3.1.8 refuses a declared length over maxFormMemorySize; wz also stops a chunked
  // body there, since the whole body is held in memory.
  if (maxSize !== null && contentLength !== null && contentLength > maxSize) throw new RequestEntityTooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (maxSize !== null && size > maxSize) throw new RequestEntityTooLarge();
    chunks.push(chunk);
  }
  let text: string;
  try {
    text = strictUtf8.decode(Buffer.concat(chunks, size));
  } catch {
    throw new MalformedFormData("The urlencoded body is not valid UTF-8");
  }
  return { form: new MultiDict<string>(urlencodedPairs(text)), files: new MultiDict<FileStorage>(), cleanup: async () => {} };
}
