// Range requests: Range, Content-Range and If-Range (Werkzeug `Range`, `ContentRange`, `IfRange`).
// Ranges are stored half-open: `[start, stop)`, stop exclusive; `bytes=0-499` is `[0, 500]`.

import { httpDate, parseDate } from "../http/dates.js";
import { quoteEtag, unquoteEtag } from "../http/etag.js";
import { parsePlainInt } from "../http/integers.js";

/** Werkzeug `is_byte_range_valid`: start and stop both set or both null, and inside the length. */
export function isByteRangeValid(start: number | null, stop: number | null, length: number | null): boolean {
  if ((start === null) !== (stop === null)) return false;
  if (start === null) return length === null || length >= 0;
  if (length === null) return 0 <= start && start < stop!;
  if (start >= stop!) return false;
  return 0 <= start && start < length;
}

/** One range: `[start, stop]` with stop exclusive, or `[-n, null]` for the last n bytes, or `[start, null]` to the end. */
export type ByteRange = readonly [start: number, stop: number | null];

export class Range {
  /** Lower-cased unit, normally `bytes`. */
  readonly units: string;
  readonly ranges: readonly ByteRange[];

  constructor(units: string, ranges: readonly ByteRange[]) {
    for (const [start, stop] of ranges) {
      if (start == null || (stop !== null && (start < 0 || start >= stop))) {
        throw new RangeError(`(${start}, ${stop}) is not a valid range.`);
      }
    }
    this.units = units;
    this.ranges = ranges;
  }

  /**
   * Parses `bytes=0-499,1000-` (Werkzeug `parse_range_header`); null for a missing or malformed
   * header, non-digits, and ranges that overlap or are not in ascending order.
   */
  static fromHeader(value: string | null | undefined): Range | null {
    if (!value?.includes("=")) return null;
    const eq = value.indexOf("=");
    const units = value.slice(0, eq).trim().toLowerCase();
    const ranges: ByteRange[] = [];
    let lastEnd = 0;
    for (const rawItem of value.slice(eq + 1).split(",")) {
      const item = rawItem.trim();
      if (!item.includes("-")) return null;
      if (item.startsWith("-")) {
        if (lastEnd < 0) return null;
        const begin = parsePlainInt(item);
        if (begin === null) return null;
        ranges.push([begin, null]);
        lastEnd = -1;
        continue;
      }
      const dash = item.indexOf("-");
      const begin = parsePlainInt(item.slice(0, dash).trim());
      const endText = item.slice(dash + 1).trim();
      if (begin === null || begin < lastEnd || lastEnd < 0) return null;
      let end: number | null = null;
      if (endText) {
        const last = parsePlainInt(endText);
        if (last === null) return null;
        end = last + 1;
        if (begin >= end) return null;
      }
      lastEnd = end ?? -1;
      ranges.push([begin, end]);
    }
    return new Range(units, ranges);
  }

  /**
   * The `[start, stop)` to send for a representation of `length` bytes, or null when the units are
   * not bytes, there is not exactly one range, or it is not satisfiable (a suffix longer than the
   * length gives null, as in Werkzeug).
   */
  rangeForLength(length: number | null): [number, number] | null {
    if (this.units !== "bytes" || length === null || this.ranges.length !== 1) return null;
    let [start, end] = this.ranges[0]!;
    if (end === null) {
      end = length;
      if (start < 0) start += length;
    }
    if (isByteRangeValid(start, end, length)) return [start, Math.min(end, length)];
    return null;
  }

  /** The ContentRange for `length`, or null when unsatisfiable. */
  makeContentRange(length: number | null): ContentRange | null {
    const range = this.rangeForLength(length);
    return range === null ? null : new ContentRange(this.units, range[0], range[1], length);
  }

  toHeader(): string {
    const parts = this.ranges.map(([begin, end]) => (end === null ? (begin >= 0 ? `${begin}-` : String(begin)) : `${begin}-${end - 1}`));
    return `${this.units}=${parts.join(",")}`;
  }

  /** `bytes 0-499/1234` for `length`, or null when unsatisfiable. */
  toContentRangeHeader(length: number | null): string | null {
    const range = this.rangeForLength(length);
    return range === null ? null : `${this.units} ${range[0]}-${range[1] - 1}/${length}`;
  }

  toString(): string {
    return this.toHeader();
  }
}

/**
 * `Content-Range: bytes 0-499/1234` (stop exclusive; a null length is written `*`). Every change
 * calls `onUpdate`, so a response can keep its header in step. Empty (falsy `isSet`) after `unset()`.
 */
export class ContentRange {
  onUpdate: ((range: ContentRange) => void) | undefined;
  #units: string | null = null;
  #start: number | null = null;
  #stop: number | null = null;
  #length: number | null = null;

  constructor(units: string | null, start: number | null, stop: number | null, length: number | null = null, onUpdate?: (range: ContentRange) => void) {
    this.onUpdate = onUpdate;
    this.set(start, stop, length, units);
  }

  /** Parses `bytes 0-499/1234`, or a star range with only a length; null when malformed or invalid. */
  static fromHeader(value: string | null | undefined, onUpdate?: (range: ContentRange) => void): ContentRange | null {
    if (value == null) return null;
    const match = /^(\S+)\s+(.+)$/s.exec(value.trim());
    if (match === null) return null;
    const [, units, rangeDef] = match as unknown as [string, string, string];
    const slash = rangeDef.indexOf("/");
    if (slash === -1) return null;
    const rng = rangeDef.slice(0, slash);
    const lengthText = rangeDef.slice(slash + 1);
    let length: number | null = null;
    if (lengthText !== "*") {
      length = parsePlainInt(lengthText);
      if (length === null) return null;
    }
    if (rng === "*") {
      return isByteRangeValid(null, null, length) ? new ContentRange(units, null, null, length, onUpdate) : null;
    }
    const dash = rng.indexOf("-");
    if (dash === -1) return null;
    const start = parsePlainInt(rng.slice(0, dash));
    const last = parsePlainInt(rng.slice(dash + 1));
    if (start === null || last === null) return null;
    return isByteRangeValid(start, last + 1, length) ? new ContentRange(units, start, last + 1, length, onUpdate) : null;
  }

  get units(): string | null {
    return this.#units;
  }
  set units(value: string | null) {
    this.#units = value;
    this.onUpdate?.(this);
  }
  get start(): number | null {
    return this.#start;
  }
  set start(value: number | null) {
    this.#start = value;
    this.onUpdate?.(this);
  }
  get stop(): number | null {
    return this.#stop;
  }
  set stop(value: number | null) {
    this.#stop = value;
    this.onUpdate?.(this);
  }
  get length(): number | null {
    return this.#length;
  }
  set length(value: number | null) {
    this.#length = value;
    this.onUpdate?.(this);
  }

  /** Sets every field at once; throws on an invalid range. */
  set(start: number | null, stop: number | null, length: number | null = null, units: string | null = "bytes"): void {
    if (!isByteRangeValid(start, stop, length)) throw new RangeError("Bad range provided");
    this.#units = units;
    this.#start = start;
    this.#stop = stop;
    this.#length = length;
    this.onUpdate?.(this);
  }

  /** Empties it (the response then drops its Content-Range header). */
  unset(): void {
    this.set(null, null, null, null);
  }

  /** True unless unset (Werkzeug's truthiness). */
  get isSet(): boolean {
    return this.#units !== null;
  }

  toHeader(): string {
    if (this.#units === null) return "";
    const length = this.#length === null ? "*" : String(this.#length);
    if (this.#start === null) return `${this.#units} */${length}`;
    return `${this.#units} ${this.#start}-${this.#stop! - 1}/${length}`;
  }

  toString(): string {
    return this.toHeader();
  }
}

/** `If-Range`: a date or an entity tag (weakness is dropped when parsing, as in Werkzeug 3.1). */
export class IfRange {
  readonly etag: string | null;
  readonly date: Date | null;

  constructor(etag: string | null = null, date: Date | null = null) {
    this.etag = etag;
    this.date = date;
  }

  /** An HTTP date becomes `date`, anything else is taken as an entity tag; empty gives an empty IfRange. */
  static fromHeader(value: string | null | undefined): IfRange {
    if (!value) return new IfRange();
    const date = parseDate(value);
    if (date !== null) return new IfRange(null, date);
    return new IfRange(unquoteEtag(value)[0]);
  }

  toHeader(): string {
    if (this.date !== null) return httpDate(this.date);
    if (this.etag !== null) return quoteEtag(this.etag);
    return "";
  }

  toString(): string {
    return this.toHeader();
  }
}
