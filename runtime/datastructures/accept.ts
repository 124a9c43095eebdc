// Content negotiation: Accept, Accept-Language, Accept-Encoding and Accept-Charset
// (Werkzeug `Accept`, `MIMEAccept`, `LanguageAccept`, `CharsetAccept`).

import { dumpOptionsHeader, parseOptionsHeader } from "../http/options-header.js";
import { parseListHeader } from "../http/list-header.js";
import { isPyWhitespace, pyStrip } from "../text/python-text.js";

const Q_VALUE = /^-?\d+(\.\d+)?$/;

export type Specificity = readonly boolean[];

/** Python tuple ordering for tuples of booleans (a longer tuple wins on an equal prefix). */
function compareSpecificity(a: Specificity, b: Specificity): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] ? 1 : -1;
  return a.length - b.length;
}

/** Python's `repr(float)`: `0.5`, `1.0`, `1e-07`. */
function formatQuality(quality: number): string {
  if (Number.isInteger(quality)) return `${quality}.0`;
  return String(quality).replace(/e([+-])(\d)$/, "e$10$2");
}

/** A parsed value with its quality, best first. */
export type AcceptItem = readonly [value: string, quality: number];

/**
 * A client preference list, sorted by specificity then quality (header order on ties).
 * `quality(value)` is 0 when absent; `bestMatch(offers, default)` picks the offer the client
 * prefers, server order breaking ties; q=0 never matches. `provided` is false when the header
 * was missing or empty.
 */
export class Accept implements Iterable<AcceptItem> {
  readonly provided: boolean;
  protected readonly items: readonly AcceptItem[];

  /** `null` means "no header" (`provided` false). */
  constructor(values: Iterable<AcceptItem> | null = []) {
    if (values === null) {
      this.provided = false;
      this.items = [];
    } else if (values instanceof Accept) {
      this.provided = values.provided;
      this.items = values.items;
    } else {
      this.provided = true;
      // specificity computed once per item; Array#sort is stable, so ties keep header order
      const decorated = Array.from(values, (item) => ({ item, specificity: this.specificity(item[0]) }));
      decorated.sort((a, b) => compareSpecificity(b.specificity, a.specificity) || b.item[1] - a.item[1]);
      this.items = decorated.map(({ item }) => item);
    }
  }

  /**
   * Parses the header (Werkzeug `parse_accept_header`): items with an invalid q (not
   * `-?\d+(\.\d+)?` or outside 0..1) are dropped; other parameters stay part of the value.
   */
  static fromHeader<T extends Accept>(this: new (values: Iterable<AcceptItem> | null) => T, value: string | null | undefined): T {
    if (!value) return new this(null);
    const result: AcceptItem[] = [];
    for (const raw of parseListHeader(value)) {
      let [item, options] = parseOptionsHeader(raw);
      let quality = 1;
      if ("q" in options) {
        const text = pyStrip(options.q!);
        delete options.q;
        if (!Q_VALUE.test(text)) continue;
        quality = Number(text);
        if (quality < 0 || quality > 1) continue;
      }
      if (Object.keys(options).length > 0) item = dumpOptionsHeader(item, options);
      result.push([item, quality]);
    }
    return new this(result);
  }

  protected specificity(value: string): Specificity {
    return [value !== "*"];
  }

  protected valueMatches(value: string, item: string): boolean {
    return item === "*" || item.toLowerCase() === value.toLowerCase();
  }

  get length(): number {
    return this.items.length;
  }

  at(index: number): AcceptItem | undefined {
    return this.items.at(index);
  }

  /** The quality the client gives `value` (wildcards apply), 0 when it does not accept it. */
  quality(value: string): number {
    for (const [item, quality] of this.items) if (this.valueMatches(value, item)) return quality;
    return 0;
  }

  /** True when some entry matches `value`, even with q=0 (Werkzeug's `in`). */
  has(value: string): boolean {
    return this.items.some(([item]) => this.valueMatches(value, item));
  }

  /** Position of the first entry matching `value`, or -1. */
  find(value: string): number {
    return this.items.findIndex(([item]) => this.valueMatches(value, item));
  }

  /** Like `find` but throws when absent. */
  index(value: string): number {
    const position = this.find(value);
    if (position === -1) throw new RangeError(`${JSON.stringify(value)} is not accepted`);
    return position;
  }

  *values(): IterableIterator<string> {
    for (const [value] of this.items) yield value;
  }

  [Symbol.iterator](): IterableIterator<AcceptItem> {
    return this.items[Symbol.iterator]();
  }

  /** The client's first choice, or null. */
  get best(): string | null {
    return this.items[0]?.[0] ?? null;
  }

  /** `a,b;q=0.5`: `;q=` only when the quality is not 1. */
  toHeader(): string {
    return this.items.map(([value, quality]) => (quality !== 1 ? `${value};q=${formatQuality(quality)}` : value)).join(",");
  }

  toString(): string {
    return this.toHeader();
  }

  private bestSingleMatch(offer: string): AcceptItem | null {
    for (const entry of this.items) if (this.valueMatches(offer, entry[0])) return entry;
    return null;
  }

  /**
   * The offer with the highest client quality; on equal quality the more specific client entry
   * wins, then the earlier offer. Returns `defaultValue` (null if not given) when nothing matches.
   */
  bestMatch(offers: Iterable<string>): string | null;
  bestMatch<D>(offers: Iterable<string>, defaultValue: D): string | D;
  bestMatch<D>(offers: Iterable<string>, defaultValue: D | null = null): string | D | null {
    let result: string | D | null = defaultValue;
    let bestQuality = -1;
    let bestSpecificity: Specificity = [];
    let first = true;
    for (const offer of offers) {
      const match = this.bestSingleMatch(offer);
      if (match === null) continue;
      const [clientItem, quality] = match;
      const specificity = this.specificity(clientItem);
      if (quality <= 0 || quality < bestQuality) continue;
      if (quality > bestQuality || first || compareSpecificity(specificity, bestSpecificity) > 0) {
        result = offer;
        bestQuality = quality;
        bestSpecificity = specificity;
        first = false;
      }
    }
    return result;
  }
}

/**
 * `type/subtype;params` split at `/` and at `;`, a `;` taking the whitespace around it along
 * (Werkzeug's `_mime_split_re`, `/|(?:\s*;\s*)`, which retries at every position of a
 * whitespace run; this scans once).
 */
function splitMime(value: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let at = 0; at < value.length; at++) {
    const code = value.charCodeAt(at);
    if (code === 0x2f) {
      parts.push(value.slice(start, at));
      start = at + 1;
    } else if (code === 0x3b) {
      let end = at;
      while (end > start && isPyWhitespace(value.charCodeAt(end - 1))) end--;
      parts.push(value.slice(start, end));
      start = at + 1;
      while (start < value.length && isPyWhitespace(value.charCodeAt(start))) start++;
      at = start - 1;
    }
  }
  parts.push(value.slice(start));
  return parts;
}

function normalizeMime(value: string): string[] {
  return splitMime(value.toLowerCase());
}

/**
 * `Accept` for media types: `*\/*` and `type/*` wildcards; with equal subtypes the parameters
 * must be equal too. A client entry without `/`, or `*\/x`, never matches; an offer without `/`
 * throws a TypeError.
 */
export class MIMEAccept extends Accept {
  protected override specificity(value: string): Specificity {
    return splitMime(value).map((part) => part !== "*");
  }

  protected override valueMatches(value: string, item: string): boolean {
    if (!item.includes("/")) return false;
    if (!value.includes("/")) throw new TypeError(`invalid mimetype ${JSON.stringify(value)}`);
    const [valueType, valueSubtype, ...valueParams] = normalizeMime(value);
    if (valueType === "*" && valueSubtype !== "*") throw new TypeError(`invalid mimetype ${JSON.stringify(value)}`);
    const [itemType, itemSubtype, ...itemParams] = normalizeMime(item);
    if (itemType === "*" && itemSubtype !== "*") return false;
    if ((itemType === "*" && itemSubtype === "*") || (valueType === "*" && valueSubtype === "*")) return true;
    if (itemType !== valueType) return false;
    if (itemSubtype === "*" || valueSubtype === "*") return true;
    return itemSubtype === valueSubtype && itemParams.sort().join(";") === valueParams.sort().join(";") && itemParams.length === valueParams.length;
  }

  /** Accepts text/html or XHTML. */
  get acceptHtml(): boolean {
    return this.has("text/html") || this.acceptXhtml;
  }

  /** Accepts application/xhtml+xml or application/xml. */
  get acceptXhtml(): boolean {
    return this.has("application/xhtml+xml") || this.has("application/xml");
  }

  get acceptJson(): boolean {
    return this.has("application/json");
  }
}

const LOCALE_DELIMITER = /[_-]/;

function normalizeLanguage(value: string): string {
  return value.toLowerCase().split(LOCALE_DELIMITER).join("-");
}

function primaryTag(value: string): string {
  return value.split(LOCALE_DELIMITER, 1)[0]!;
}

/**
 * `Accept-Language`: case-insensitive, `_` and `-` alike. `bestMatch` tries exact tags first,
 * then the client's primary tags (`en` for `en-US`) against the offers, then the client's tags
 * against the offers' primary tags (returning the offer as written). As in Werkzeug, an exact
 * match at a lower quality beats a primary-tag match.
 */
export class LanguageAccept extends Accept {
  protected override valueMatches(value: string, item: string): boolean {
    return item === "*" || normalizeLanguage(value) === normalizeLanguage(item);
  }

  override bestMatch(offers: Iterable<string>): string | null;
  override bestMatch<D>(offers: Iterable<string>, defaultValue: D): string | D;
  override bestMatch<D>(offers: Iterable<string>, defaultValue: D | null = null): string | D | null {
    const list = [...offers];
    const exact = super.bestMatch(list);
    if (exact !== null) return exact;
    const clientPrimary = new Accept(this.items.map(([item, quality]) => [primaryTag(item), quality] as const));
    const byClientPrimary = clientPrimary.bestMatch(list);
    if (byClientPrimary !== null) return byClientPrimary;
    const byOfferPrimary = super.bestMatch(list.map(primaryTag));
    if (byOfferPrimary !== null) return list.find((offer) => offer.startsWith(byOfferPrimary)) ?? byOfferPrimary;
    return defaultValue;
  }
}

// The common aliases of Python's codec registry, which Werkzeug uses to compare charsets.
const CHARSET_ALIASES: Record<string, string> = {
  utf8: "utf-8",
  "utf-8": "utf-8",
  u8: "utf-8",
  utf: "utf-8",
  utf_8: "utf-8",
  cp65001: "utf-8",
  latin1: "iso8859-1",
  "latin-1": "iso8859-1",
  latin_1: "iso8859-1",
  "iso-8859-1": "iso8859-1",
  "iso8859-1": "iso8859-1",
  iso_8859_1: "iso8859-1",
  "iso_8859-1": "iso8859-1",
  l1: "iso8859-1",
  cp819: "iso8859-1",
  "8859": "iso8859-1",
  latin: "iso8859-1",
  ascii: "ascii",
  "us-ascii": "ascii",
  us_ascii: "ascii",
  "646": "ascii",
  "ansi_x3.4_1968": "ascii",
  "ansi_x3.4-1968": "ascii",
  "utf-16": "utf-16",
  utf16: "utf-16",
  utf_16: "utf-16",
  "utf-32": "utf-32",
  utf32: "utf-32",
  utf_32: "utf-32",
  "windows-1252": "cp1252",
  cp1252: "cp1252",
  windows_1252: "cp1252",
  "iso-8859-15": "iso8859-15",
  "iso8859-15": "iso8859-15",
  latin9: "iso8859-15",
  l9: "iso8859-15",
};

function normalizeCharset(name: string): string {
  const lower = name.toLowerCase();
  return CHARSET_ALIASES[lower] ?? CHARSET_ALIASES[lower.replaceAll(" ", "_")] ?? lower;
}

/** `Accept-Charset` (deprecated upstream in 3.2): charset names compared through common aliases. */
export class CharsetAccept extends Accept {
  protected override valueMatches(value: string, item: string): boolean {
    return item === "*" || normalizeCharset(value) === normalizeCharset(item);
  }
}
