// The limits of form parsing, with Werkzeug's names and defaults. `maxFormMemorySize` and
// `maxFormParts` are extra checks on top of `maxContentLength`, not a replacement for it:
// only `maxContentLength` bounds the size of uploaded files.
import type { Writable } from "node:stream";

/** What a stream factory learns about the file part it is asked to store. */
export interface FileStreamInfo {
  /** The field name of the part. */
  name: string;
  /** The filename the client sent (unsanitised; see `secureFilename`). */
  filename: string;
  /** The part's Content-Type header, if any. */
  contentType: string | undefined;
  /** The part's Content-Length header as a number, or 0 (clients rarely send it). */
  contentLength: number;
  /** The request's Content-Length, or null for a chunked body. */
  totalContentLength: number | null;
}

/**
 * Where a file part's bytes go instead of the default spooled temp file (Werkzeug's
 * `stream_factory`). The returned Writable receives the part's content and is ended after
 * the part's last byte; it becomes the FileStorage's `stream`.
 */
export type StreamFactory = (info: FileStreamInfo) => Writable | Promise<Writable>;

export interface FormLimits {
  /** Largest body accepted, checked against Content-Length before reading and while streaming. Default null (no limit). */
  maxContentLength?: number | null;
  /** Largest non-file field (summed over its chunks), and the most bytes held waiting for part headers. Default 500,000. */
  maxFormMemorySize?: number | null;
  /** Most multipart parts (fields and files). Default 1000. */
  maxFormParts?: number | null;
  /** Files larger than this many bytes are moved from memory to a temp file. Default 500 KiB. */
  spoolThreshold?: number;
  /** Stores file parts somewhere else than a spooled temp file. */
  streamFactory?: StreamFactory;
  /** Longest wait for the next body chunk before a 408; null for none. Default null. */
  readTimeoutMs?: number | null;
}

export const DEFAULT_MAX_FORM_MEMORY_SIZE = 500_000;
export const DEFAULT_MAX_FORM_PARTS = 1000;
export const DEFAULT_SPOOL_THRESHOLD = 500 * 1024;

/** The limits with every default filled in. */
export interface ResolvedFormLimits {
  maxContentLength: number | null;
  maxFormMemorySize: number | null;
  maxFormParts: number | null;
  spoolThreshold: number;
  streamFactory: StreamFactory | undefined;
  readTimeoutMs: number | null;
}

export function resolveLimits(limits: FormLimits = {}): ResolvedFormLimits {
  return {
    maxContentLength: limits.maxContentLength ?? null,
    maxFormMemorySize: limits.maxFormMemorySize === undefined ? DEFAULT_MAX_FORM_MEMORY_SIZE : limits.maxFormMemorySize,
    maxFormParts: limits.maxFormParts === undefined ? DEFAULT_MAX_FORM_PARTS : limits.maxFormParts,
    spoolThreshold: limits.spoolThreshold ?? DEFAULT_SPOOL_THRESHOLD,
    streamFactory: limits.streamFactory,
    readTimeoutMs: limits.readTimeoutMs ?? null,
  };
}
