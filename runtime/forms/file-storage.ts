// An uploaded file (Werkzeug `FileStorage`): the part's name, the filename as sent, its
// headers, and its content, which lives in memory, in a temp file, or wherever a stream
// factory put it. The content is released when the request ends (`close()`).
import { createWriteStream } from "node:fs";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Headers, type HeadersInit } from "../datastructures/index.js";
import { parseOptionsHeader } from "../http/index.js";
import type { SpooledFile } from "./spooled-file.js";

export interface FileStorageInit {
  /** The content, for a file built in memory (the test client, tests). */
  data?: Uint8Array | string;
  /** The content as a stream (read once), or the Writable a stream factory returned. */
  stream?: Readable | Writable;
  /** Form field name. */
  name?: string;
  /** Filename as sent by the client ("" when none). */
  filename?: string;
  contentType?: string;
  contentLength?: number;
  headers?: HeadersInit | null;
  /** Content size in bytes, when known. */
  size?: number;
}

/** Reads the memory-backed content of a FileStorage synchronously, or null (for the multipart encoder). */
export const memoryContent = new WeakMap<FileStorage, () => Uint8Array | null>();

const DIGITS = /^\s*-?[0-9]+\s*$/;

export class FileStorage {
  /** The form field name of the part. */
  readonly name: string;
  /** The filename as the client sent it ("" if empty): never use it as a path, see `secureFilename`. */
  readonly filename: string;
  /** The part's headers (Content-Disposition, Content-Type, any others). */
  readonly headers: Headers;
  /** Bytes received. */
  readonly size: number;
  readonly #spooled: SpooledFile | null;
  readonly #data: Buffer | null;
  readonly #stream: Readable | Writable | null;

  constructor(init: FileStorageInit = {}, spooled: SpooledFile | null = null) {
    this.name = init.name ?? "";
    this.filename = init.filename ?? "";
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers ?? null);
    if (init.contentType !== undefined) this.headers.set("Content-Type", init.contentType);
    if (init.contentLength !== undefined) this.headers.set("Content-Length", String(init.contentLength));
    this.#spooled = spooled;
    this.#data = init.data === undefined ? null : typeof init.data === "string" ? Buffer.from(init.data) : Buffer.from(init.data);
    this.#stream = init.stream ?? null;
    this.size = init.size ?? spooled?.size ?? this.#data?.length ?? 0;
    memoryContent.set(this, () => {
      if (this.#data !== null) return this.#data;
      return null;
    });
  }

  /** The Content-Type header the client sent for this part, if any. */
  get contentType(): string | undefined {
    return this.headers.get("content-type");
  }

  /** The part's Content-Length header as a number, or 0 (clients rarely send it). */
  get contentLength(): number {
    const header = this.headers.get("content-length");
    return header !== undefined && DIGITS.test(header) ? Number.parseInt(header, 10) : 0;
  }

  /** The content type without parameters, lower-cased (`text/plain`). */
  get mimetype(): string {
    return parseOptionsHeader(this.contentType)[0].toLowerCase();
  }

  /** The content type's parameters (`{ charset: "utf-8" }`). */
  get mimetypeParams(): Record<string, string> {
    return parseOptionsHeader(this.contentType)[1];
  }

  /**
   * The content as a Readable. For uploads kept by wz (memory or temp file) each access is a
   * new stream from the first byte; otherwise it is the stream given or made by the factory.
   */
  get stream(): Readable | Writable {
    if (this.#spooled !== null) return this.#spooled.createReadStream();
    if (this.#data !== null) return Readable.from([this.#data], { objectMode: false });
    if (this.#stream !== null) return this.#stream;
    return Readable.from([], { objectMode: false });
  }

  /** The whole content. */
  async bytes(): Promise<Buffer> {
    if (this.#spooled !== null) return this.#spooled.bytes();
    if (this.#data !== null) return this.#data;
    const chunks: Buffer[] = [];
    for await (const chunk of this.readable()) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    return Buffer.concat(chunks);
  }

  /** Writes the content to a file path (created or truncated), or into a Writable (left open). */
  async save(destination: string | URL | Writable): Promise<void> {
    if (destination instanceof Writable) {
      await pipeline(this.readable(), destination, { end: false });
      return;
    }
    await pipeline(this.readable(), createWriteStream(destination));
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    for await (const chunk of this.readable()) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
  }

  /** Releases the content: memory is dropped and the temp file closed, which deletes it. */
  async close(): Promise<void> {
    await this.#spooled?.close();
    if (this.#stream !== null && "destroy" in this.#stream) this.#stream.destroy();
  }

  private readable(): Readable {
    const stream = this.stream;
    if (stream instanceof Readable) return stream;
    throw new TypeError(`wz: the content of upload "${this.filename}" went to a write-only stream from streamFactory; read it from where that stream wrote it`);
  }

  get [Symbol.toStringTag](): string {
    return "FileStorage";
  }

  toString(): string {
    return `<FileStorage: ${JSON.stringify(this.filename)} (${JSON.stringify(this.contentType ?? null)})>`;
  }
}
