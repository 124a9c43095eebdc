// Sans-IO `multipart/form-data` decoder with Werkzeug's semantics (sansio/multipart.py):
// feed bytes with `receiveData(chunk)` (null for end of input), then pull events with
// `nextEvent()` until it says it needs data. No I/O, no timers: the same core serves node:http,
// the test client and any other byte source.
//
// Leniency, as in Werkzeug: CRLF, bare LF or bare CR all count as line breaks; the first
// boundary may lack a leading line break; spaces or tabs may follow a boundary; the preamble
// and epilogue are ignored. Malformed input raises MalformedFormData (Werkzeug's ValueError),
// which the form parser turns into an empty form; limits raise RequestEntityTooLarge (413).
//
// Linear time by construction (the CVE-2023-46136 lesson): boundary and blank-line searches
// never rescan bytes already searched, and part data is held back only when a line break lies
// within one boundary length of the end of the buffer.
import { Headers } from "../datastructures/index.js";
import { RequestEntityTooLarge } from "../exceptions.js";
import { parseOptionsHeader } from "../http/index.js";
import { pyStrip } from "../http/python-text.js";

/** The body is not valid multipart data (Werkzeug raises ValueError here). */
export class MalformedFormData extends Error {
  override readonly name = "MalformedFormData";
}

export type MultipartEvent =
  | { readonly type: "preamble" }
  | { readonly type: "field"; readonly name: string; readonly headers: Headers }
  | { readonly type: "file"; readonly name: string; readonly filename: string; readonly headers: Headers }
  /** Part content. `data` is a view that stays valid after later calls; `moreData` is false on the part's last event. */
  | { readonly type: "data"; readonly data: Uint8Array; readonly moreData: boolean }
  | { readonly type: "epilogue" }
  | { readonly type: "needData" };

export interface MultipartDecoderOptions {
  /** Bytes that may be held while waiting for the first boundary or a part's headers, and epilogue bytes; null for no cap. Default null. */
  maxFormMemorySize?: number | null;
  /** Most parts (fields and files) accepted; null for no cap. Default null. */
  maxParts?: number | null;
}

const CR = 13;
const LF = 10;
const DASH = 45;
const NEED_DATA: MultipartEvent = Object.freeze({ type: "needData" });
const EMPTY = Buffer.alloc(0);
// Werkzeug bounds a part's headers only by max_form_memory_size (500 KB by default); wz caps
// them near what node:http allows for a whole request head (16 KiB), so a client cannot make
// the server hold and parse megabytes of part headers. Beyond either cap: 413.
/** Most characters in one part header line, a folded header counting as one line. */
export const MAX_PART_HEADER_LINE = 8 * 1024;
/** Most bytes in a part's header block (up to the blank line). */
export const MAX_PART_HEADER_BLOCK = 16 * 1024;
// Werkzeug allows any run of spaces after a boundary; a longer run than this is not read as
// a boundary, so a peer cannot make us hold (and re-copy) an ever-growing candidate.
const MAX_BOUNDARY_PADDING = 1024;

type State = "preamble" | "part" | "dataStart" | "data" | "epilogue" | "complete";

type BoundaryScan =
  | { readonly found: true; readonly start: number; readonly end: number; readonly final: boolean }
  | { readonly found: false; readonly holdFrom: number };

type SuffixMatch = { end: number; final: boolean } | "partial" | "none";

function isHorizontalSpace(byte: number): boolean {
  return byte === 32 || byte === 9 || byte === 11 || byte === 12;
}

/** Bytes collected while a search is pending; grows by doubling so many small chunks stay linear. */
class GrowableBytes {
  private bytes: Buffer = Buffer.allocUnsafe(1024);
  length = 0;

  append(chunk: Uint8Array): void {
    if (this.length + chunk.byteLength > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + chunk.byteLength));
      this.bytes.copy(grown, 0, 0, this.length);
      this.bytes = grown;
    }
    this.bytes.set(chunk, this.length);
    this.length += chunk.byteLength;
  }

  view(): Buffer {
    return this.bytes.subarray(0, this.length);
  }

  /** Drops the first `count` bytes (views taken earlier become invalid). */
  consume(count: number): void {
    this.bytes.copyWithin(0, count, this.length);
    this.length -= count;
  }

  /** Copies out the bytes from `start` and empties the store. */
  takeFrom(start: number): Buffer {
    const rest = Buffer.from(this.bytes.subarray(start, this.length));
    this.length = 0;
    return rest;
  }
}

export class MultipartDecoder {
  private readonly dashBoundary: Buffer;
  private readonly maxFormMemorySize: number | null;
  private readonly maxParts: number | null;
  private state: State = "preamble";
  private complete = false;
  // In the preamble and part-header states bytes accumulate in `pending`; in the data states
  // `buffer` is the unconsumed tail (a fresh Buffer, never written to, so Data views stay valid).
  private readonly pending = new GrowableBytes();
  private buffer: Buffer = EMPTY;
  // Held-back bytes found to be data when the next chunk came; emitted before that chunk.
  private carried: Buffer | null = null;
  private searchFrom = 0;
  private preambleLength = 0;
  private epilogueLength = 0;
  private partsDecoded = 0;

  constructor(boundary: string | Uint8Array, options: MultipartDecoderOptions = {}) {
    const boundaryBytes = typeof boundary === "string" ? Buffer.from(boundary, "latin1") : Buffer.from(boundary);
    if (boundaryBytes.length === 0) throw new MalformedFormData("Missing boundary");
    this.dashBoundary = Buffer.concat([Buffer.from("--"), boundaryBytes]);
    this.maxFormMemorySize = options.maxFormMemorySize ?? null;
    this.maxParts = options.maxParts ?? null;
  }

  /** Adds bytes of the body; `null` marks the end of input. */
  receiveData(chunk: Uint8Array | null): void {
    if (chunk === null) {
      this.complete = true;
      return;
    }
    if (chunk.byteLength === 0) return;
    switch (this.state) {
      case "preamble":
      case "part":
        this.pending.append(chunk);
        break;
      case "dataStart":
      case "data": {
        const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        if (this.buffer.length === 0) this.buffer = bytes;
        else if (this.heldIsData(bytes)) {
          this.carried = this.buffer;
          this.buffer = bytes;
        } else {
          this.buffer = Buffer.concat([this.buffer, bytes]);
        }
        break;
      }
      default:
        // Epilogue bytes are ignored but count toward the memory limit, as in Werkzeug.
        this.epilogueLength += chunk.byteLength;
        this.checkHeld(this.epilogueLength);
    }
  }

  /** The next event, or `{ type: "needData" }` until more bytes arrive. */
  nextEvent(): MultipartEvent {
    let event: MultipartEvent;
    switch (this.state) {
      case "preamble":
        event = this.readPreamble();
        break;
      case "part":
        event = this.readPartHeaders();
        break;
      case "dataStart":
      case "data":
        event = this.readData();
        break;
      case "epilogue":
        if (!this.complete) return NEED_DATA;
        this.state = "complete";
        return { type: "epilogue" };
      case "complete":
        return { type: "epilogue" };
    }
    if (event === NEED_DATA && this.complete) {
      throw new MalformedFormData(`Invalid form-data: the body ended inside the ${this.state} state`);
    }
    return event;
  }

  /**
   * Whether the bytes held back from the last chunk turn out to be plain data, given how the
   * new chunk begins: then they are emitted on their own and the chunk is scanned as it is,
   * instead of copying every such chunk into a joined buffer.
   */
  private heldIsData(next: Buffer): boolean {
    const held = this.buffer;
    const seamLength = held.length + this.dashBoundary.length + MAX_BOUNDARY_PADDING + 8;
    if (this.state !== "data" || next.length < seamLength) return false;
    const seam = Buffer.concat([held, next.subarray(0, seamLength)]);
    const scan = this.scanBoundary(seam, 0, true);
    return (scan.found ? scan.start : scan.holdFrom) >= held.length;
  }

  private checkHeld(length: number): void {
    if (this.maxFormMemorySize !== null && length > this.maxFormMemorySize) throw new RequestEntityTooLarge();
  }

  private readPreamble(): MultipartEvent {
    const bytes = this.pending.view();
    const scan = this.scanBoundary(bytes, 0, false);
    if (!scan.found) {
      // Preamble bytes are never used: keep only what could begin a boundary.
      const drop = Math.max(0, Math.min(scan.holdFrom, bytes.length - this.dashBoundary.length - 2));
      this.preambleLength += drop;
      this.pending.consume(drop);
      this.checkHeld(this.preambleLength + this.pending.length);
      return NEED_DATA;
    }
    this.enterPartOrEpilogue(this.pending.takeFrom(scan.end), scan.final);
    return { type: "preamble" };
  }

  private enterPartOrEpilogue(rest: Buffer, final: boolean): void {
    this.searchFrom = 0;
    this.buffer = EMPTY;
    if (final) {
      this.state = "epilogue";
      this.epilogueLength = rest.length;
      this.checkHeld(this.epilogueLength);
    } else {
      this.state = "part";
      this.pending.append(rest);
    }
  }

  private readPartHeaders(): MultipartEvent {
    const bytes = this.pending.view();
    const blank = findBlankLine(bytes, this.searchFrom);
    if (blank === null) {
      this.searchFrom = Math.max(0, bytes.length - 3);
      // A blank line still to come would start at searchFrom or later.
      if (this.searchFrom > MAX_PART_HEADER_BLOCK) throw new RequestEntityTooLarge();
      this.checkHeld(bytes.length);
      return NEED_DATA;
    }
    if (blank.start > MAX_PART_HEADER_BLOCK) throw new RequestEntityTooLarge();
    const headers = parsePartHeaders(bytes.subarray(0, blank.start));
    // The last header line ends with the first half of the blank line; the part's content
    // starts with the second half, which the data state strips.
    this.buffer = this.pending.takeFrom(blank.start + blank.length / 2);
    this.searchFrom = 0;
    this.state = "dataStart";

    const disposition = headers.get("content-disposition");
    if (disposition === undefined) throw new MalformedFormData("Missing Content-Disposition header");
    const [, params] = parseOptionsHeader(disposition);
    this.partsDecoded += 1;
    if (this.maxParts !== null && this.partsDecoded > this.maxParts) throw new RequestEntityTooLarge();
    // Werkzeug keeps a nameless part under the key None; a JS MultiDict key is a string.
    const name = params["name"] ?? "";
    const filename = params["filename"];
    if (filename !== undefined) return { type: "file", name, filename, headers };
    return { type: "field", name, headers };
  }

  private readData(): MultipartEvent {
    if (this.carried !== null) {
      const data = this.carried;
      this.carried = null;
      return { type: "data", data, moreData: true };
    }
    const bytes = this.buffer;
    const atStart = this.state === "dataStart";
    let dataStart = 0;
    if (atStart) {
      if (bytes.length === 0 || (bytes.length === 1 && bytes[0] === CR && !this.complete)) return NEED_DATA;
      if (bytes[0] === CR) dataStart = bytes[1] === LF ? 2 : 1;
      else if (bytes[0] === LF) dataStart = 1;
    }
    const scan = this.scanBoundary(bytes, 0, true);
    if (scan.found) {
      const data = bytes.subarray(dataStart, Math.max(dataStart, scan.start));
      this.enterPartOrEpilogue(bytes.subarray(scan.end), scan.final);
      return { type: "data", data, moreData: false };
    }
    // The line break that opens the content may also be the one before an immediate boundary
    // (an empty value with no blank line); wait until that is decided, so chunking never matters.
    if (atStart && scan.holdFrom < dataStart && !this.complete) return NEED_DATA;
    const holdFrom = Math.max(dataStart, scan.holdFrom);
    const data = bytes.subarray(dataStart, holdFrom);
    // Held back at most one boundary line (bounded by MAX_BOUNDARY_PADDING), so no cap check.
    this.buffer = bytes.subarray(holdFrom);
    if (atStart) {
      this.state = "data";
      return { type: "data", data, moreData: true };
    }
    return data.length > 0 ? { type: "data", data, moreData: true } : NEED_DATA;
  }

  /**
   * Finds the first boundary line in `bytes`: a line break (optional before the first
   * boundary), `--boundary`, then either `--` (the last boundary) or optional spaces and a
   * line break. Without one, `holdFrom` is where a boundary could still begin.
   */
  private scanBoundary(bytes: Buffer, from: number, lineBreakRequired: boolean): BoundaryScan {
    const dashBoundary = this.dashBoundary;
    for (let at = bytes.indexOf(dashBoundary, from); at !== -1; at = bytes.indexOf(dashBoundary, at + 1)) {
      let start = at;
      if (at >= 2 && bytes[at - 2] === CR && bytes[at - 1] === LF) start = at - 2;
      else if (at >= 1 && (bytes[at - 1] === LF || bytes[at - 1] === CR)) start = at - 1;
      else if (lineBreakRequired) continue;
      const suffix = this.matchBoundarySuffix(bytes, at + dashBoundary.length);
      if (suffix === "partial") return { found: false, holdFrom: start };
      if (suffix !== "none") return { found: true, start, end: suffix.end, final: suffix.final };
    }
    return { found: false, holdFrom: this.partialBoundaryStart(bytes) };
  }

  private matchBoundarySuffix(bytes: Buffer, at: number): SuffixMatch {
    const undecided = this.complete ? "none" : "partial";
    if (at >= bytes.length) return undecided;
    if (bytes[at] === DASH) {
      if (at + 1 >= bytes.length) return undecided;
      // What follows the last boundary is epilogue, so where exactly it ends does not matter.
      return bytes[at + 1] === DASH ? { end: at + 2, final: true } : "none";
    }
    let end = at;
    while (end < bytes.length && isHorizontalSpace(bytes[end]!)) {
      if (end - at >= MAX_BOUNDARY_PADDING) return "none";
      end += 1;
    }
    if (end >= bytes.length) return undecided;
    if (bytes[end] === LF) return { end: end + 1, final: false };
    if (bytes[end] !== CR) return "none";
    if (end + 1 < bytes.length) return { end: bytes[end + 1] === LF ? end + 2 : end + 1, final: false };
    // A CR at the very end: wait to see whether an LF follows.
    return this.complete ? { end: end + 1, final: false } : "partial";
  }

  /** Where a boundary split by the end of the buffer could begin (the buffer length if nowhere). */
  private partialBoundaryStart(bytes: Buffer): number {
    const windowStart = bytes.length - (this.dashBoundary.length + 2);
    let hold = bytes.length;
    const lastLf = bytes.lastIndexOf(LF);
    if (lastLf !== -1 && lastLf >= windowStart) hold = lastLf;
    const lastCr = bytes.lastIndexOf(CR);
    if (lastCr !== -1 && lastCr >= windowStart) hold = Math.min(hold, lastCr);
    return hold;
  }
}

const CRLFCRLF = Buffer.from("\r\n\r\n");
const CRCR = Buffer.from("\r\r");
const LFLF = Buffer.from("\n\n");

/** The first blank line (`\r\n\r\n`, `\r\r` or `\n\n`) at or after `from`. */
function findBlankLine(bytes: Buffer, from: number): { start: number; length: number } | null {
  let best: { start: number; length: number } | null = null;
  for (const pattern of [CRLFCRLF, CRCR, LFLF]) {
    const at = bytes.indexOf(pattern, from);
    if (at !== -1 && (best === null || at < best.start)) best = { start: at, length: pattern.length };
  }
  return best;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * A part's header block: folded lines are joined, each line is split at its first `:` and
 * trimmed as Python's `strip()`, and the bytes must be UTF-8 (else MalformedFormData, as
 * Werkzeug's strict decode). A line whose name is not a token (so cannot be a header) is
 * skipped; Werkzeug keeps it under that name. One pass over the text: a line longer than
 * MAX_PART_HEADER_LINE (a folded header counts as one line) is a 413.
 */
function parsePartHeaders(block: Uint8Array): Headers {
  let text: string;
  try {
    text = strictUtf8.decode(block);
  } catch {
    throw new MalformedFormData("Part headers are not valid UTF-8");
  }
  const headers = new Headers();
  let line: string | null = null;
  for (let start = 0; ; ) {
    const end = lineEnd(text, start);
    const next = end + lineBreakLength(text, end);
    // A line break followed by a space or tab continues the header: Werkzeug replaces the
    // break and that one character by a space.
    const piece = text.slice(start, end);
    line = line === null ? piece : `${line} ${piece.slice(1)}`;
    if (line.length > MAX_PART_HEADER_LINE) throw new RequestEntityTooLarge();
    const folded = next < text.length && (text.charCodeAt(next) === 32 || text.charCodeAt(next) === 9);
    if (!folded) {
      addHeaderLine(headers, line);
      line = null;
    }
    if (next === end) return headers;
    start = next;
  }
}

function lineEnd(text: string, from: number): number {
  for (let at = from; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === LF || code === CR) return at;
  }
  return text.length;
}

function lineBreakLength(text: string, at: number): number {
  if (at >= text.length) return 0;
  return text.charCodeAt(at) === CR && text.charCodeAt(at + 1) === LF ? 2 : 1;
}

function addHeaderLine(headers: Headers, rawLine: string): void {
  const line = pyStrip(rawLine);
  if (line === "") return;
  const colon = line.indexOf(":");
  const name = pyStrip(colon === -1 ? line : line.slice(0, colon));
  const value = colon === -1 ? "" : pyStrip(line.slice(colon + 1));
  if (!HEADER_NAME.test(name) || value.includes("\0")) return;
  headers.add(name, value);
}
