// Response and request headers: an ordered list of (name, value) pairs with case-insensitive
// lookup that keeps duplicates and the original case (Werkzeug `Headers`). WHATWG `Headers`
// lower-cases names and merges duplicates, so it cannot serve here.
//
// Storage is one flat array `[name, value, name, value, ...]`: the shape of Node's
// `IncomingMessage.rawHeaders` and of the array `ServerResponse.writeHead` accepts, so request
// headers wrap rawHeaders without copying and responses are written without reshaping.

import { dumpOptionsHeader } from "../http/options-header.js";
import { convertAll, convertOr, type Converter, type GetOptions } from "./convert.js";
import { BadRequestKeyError, immutableError } from "./errors.js";
import { MultiDict, CombinedMultiDict, type ReadonlyMultiDict } from "./multidict.js";

/** A header value before conversion with `String()`. */
export type HeaderValue = string | number | bigint | boolean;

/** What Headers can be built from: another Headers, a MultiDict, `[name, value]` pairs, or a record
 * (array values mean repeated headers; `undefined` entries, as in Node's `IncomingHttpHeaders`, are skipped). */
export type HeadersInit =
  | Headers
  | ReadonlyMultiDict<HeaderValue>
  | Iterable<readonly [string, HeaderValue]>
  | ReadonlyMap<string, HeaderValue | readonly HeaderValue[]>
  | Readonly<Record<string, HeaderValue | readonly HeaderValue[] | ReadonlySet<HeaderValue> | undefined>>;

/** Parameters rendered after the value by `add`/`set`, as with Werkzeug's keyword arguments. */
export type HeaderParams = Readonly<Record<string, unknown>>;

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const FORBIDDEN_IN_VALUE = /[\r\n\0]/;
// What node:http refuses to send (its checkInvalidHeaderChar): control characters other than
// tab, and anything above U+00FF. Headers hold more (multipart part headers are UTF-8 text, a
// Location may be an IRI until it is sent), so this is checked when a response is sent.
const UNSENDABLE = /[^\t\x20-\x7e\x80-\xff]/;

/** Rejects a name that is not an RFC 9110 token (a CR, LF, space or colon would corrupt the header block). */
export function checkHeaderName(name: string): string {
  if (typeof name !== "string" || !HEADER_NAME.test(name)) {
    throw new TypeError(`wz: invalid header name ${JSON.stringify(name)}: header names must be RFC 9110 tokens`);
  }
  return name;
}

/** Converts a value with `String()` and rejects CR, LF and NUL, which would allow header injection. */
export function checkHeaderValue(name: string, value: unknown): string {
  const text = typeof value === "string" ? value : String(value);
  if (FORBIDDEN_IN_VALUE.test(text)) {
    throw new TypeError(`wz: header values must not contain newline or NUL characters (header ${JSON.stringify(name)})`);
  }
  return text;
}

/** What keeps `text` off the wire as a header value or status reason (`"newline or NUL characters: U+000A"`), or null. */
export function unsendable(text: string): string | null {
  const at = text.search(UNSENDABLE);
  if (at === -1) return null;
  const char = text.codePointAt(at)!;
  const what = char === 10 || char === 13 || char === 0 ? "newline or NUL characters" : char > 0xff ? "characters outside Latin-1" : "control characters";
  return `${what}: U+${char.toString(16).toUpperCase().padStart(4, "0")}`;
}

function* iterHeaderItems(init: HeadersInit): Generator<[string, HeaderValue]> {
  if (init instanceof Headers) {
    yield* init.items();
  } else if (init instanceof MultiDict || init instanceof CombinedMultiDict) {
    yield* init.items(true);
  } else if (init instanceof Map || typeof (init as Iterable<unknown>)[Symbol.iterator] !== "function") {
    const entries = init instanceof Map ? init.entries() : Object.entries(init);
    for (const [name, value] of entries as Iterable<[string, unknown]>) {
      if (value === undefined) continue;
      if (Array.isArray(value) || value instanceof Set) for (const item of value) yield [name, item as HeaderValue];
      else yield [name, value as HeaderValue];
    }
  } else {
    for (const [name, value] of init as Iterable<readonly [string, HeaderValue]>) yield [name, value];
  }
}

function withParams(value: unknown, params: HeaderParams | undefined): unknown {
  if (params === undefined) return value;
  const options: Record<string, unknown> = {};
  for (const [key, param] of Object.entries(params)) options[key.replaceAll("_", "-")] = param;
  return dumpOptionsHeader(String(value), options);
}

// Names are ASCII tokens, so folding A-Z by char code matches toLowerCase() without allocating.
function sameName(stored: string, wanted: string, wantedLower: string): boolean {
  if (stored.length !== wanted.length) return false;
  if (stored === wanted) return true;
  for (let i = 0; i < stored.length; i++) {
    let code = stored.charCodeAt(i);
    if (code >= 65 && code <= 90) code += 32;
    if (code !== wantedLower.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Ordered, case-insensitive, multi-valued headers (Werkzeug `Headers`).
 *
 * `get(name)` is the first value or `undefined`; `getAll(name)` every value; iteration yields
 * `[name, value]` pairs in order, duplicates included. `set` replaces the first occurrence in
 * place and drops the others; `add` appends. Names must be tokens and values must not contain
 * CR, LF or NUL (TypeError otherwise); a response's values are also checked when it is sent
 * (Latin-1, no other control characters but tab), as node:http requires.
 */
export class Headers implements Iterable<[string, string]> {
  /** `[name, value, name, value, ...]`. */
  protected list: string[] = [];

  constructor(init?: HeadersInit | null) {
    if (init == null) return;
    for (const [name, value] of iterHeaderItems(init)) {
      this.list.push(checkHeaderName(name), checkHeaderValue(name, value));
    }
  }

  /** Number of header lines (a repeated header counts once per line). */
  get size(): number {
    return this.list.length >> 1;
  }

  private indexOf(name: string, from = 0): number {
    const lower = name.toLowerCase();
    const list = this.list;
    for (let i = from; i < list.length; i += 2) if (sameName(list[i]!, name, lower)) return i;
    return -1;
  }

  /** First value of `name`; with a converter (or `{ type, default }`), the converted value,
   * falling back to the default when the header is missing or the converter throws. */
  get(name: string): string | undefined;
  get<T>(name: string, type: Converter<string, T>): T | undefined;
  get<T = string, D = undefined>(name: string, options: GetOptions<string, T, D>): T | D;
  get<T, D>(name: string, typeOrOptions?: Converter<string, T> | GetOptions<string, T, D>): unknown {
    const i = this.indexOf(name);
    if (typeOrOptions === undefined) return i === -1 ? undefined : this.list[i + 1];
    const options = typeof typeOrOptions === "function" ? { type: typeOrOptions } : typeOrOptions;
    if (i === -1) return options.default;
    const value = this.list[i + 1]!;
    return options.type === undefined ? value : convertOr(value, options.type, options.default);
  }

  /** First value of `name`; throws BadRequestKeyError (400) when it is missing. */
  require(name: string): string {
    const i = this.indexOf(name);
    if (i === -1) throw new BadRequestKeyError(name);
    return this.list[i + 1]!;
  }

  /** Every value of `name`, in order (empty when absent). */
  getAll(name: string): string[] {
    const values: string[] = [];
    for (let i = this.indexOf(name); i !== -1; i = this.indexOf(name, i + 2)) values.push(this.list[i + 1]!);
    return values;
  }

  /** Every value of `name`; with a converter, values that fail to convert are dropped (Werkzeug `getlist`). */
  getList(name: string): string[];
  getList<T>(name: string, type: Converter<string, T>): T[];
  getList<T>(name: string, type?: Converter<string, T>): unknown[] {
    const values = this.getAll(name);
    return type === undefined ? values : convertAll(values, type);
  }

  /**
   * The values of a repeated header joined into one, or `undefined` when absent: what a WSGI
   * server hands Werkzeug for a header sent on several lines (list-valued headers such as
   * Accept, Cache-Control or If-None-Match). Use `"; "` for Cookie.
   */
  getJoined(name: string, separator = ", "): string | undefined {
    const i = this.indexOf(name);
    if (i === -1) return undefined;
    if (this.indexOf(name, i + 2) === -1) return this.list[i + 1];
    return this.getAll(name).join(separator);
  }

  has(name: string): boolean {
    return this.indexOf(name) !== -1;
  }

  /** Number of lines of `name` (0 when absent), without collecting their values. */
  count(name: string): number {
    let n = 0;
    for (let i = this.indexOf(name); i !== -1; i = this.indexOf(name, i + 2)) n++;
    return n;
  }

  /** Appends a header line; `params` are rendered as `; key=value` (`_` in keys becomes `-`). */
  add(name: string, value: HeaderValue, params?: HeaderParams): void {
    this.list.push(checkHeaderName(name), checkHeaderValue(name, withParams(value, params)));
  }

  /** Replaces the first line of `name` in place and removes the others, or appends when absent. */
  set(name: string, value: HeaderValue, params?: HeaderParams): void {
    const text = checkHeaderValue(name, withParams(value, params));
    checkHeaderName(name);
    const first = this.indexOf(name);
    if (first === -1) {
      this.list.push(name, text);
      return;
    }
    this.list[first] = name;
    this.list[first + 1] = text;
    this.removeFrom(name, first + 2);
  }

  /** Replaces every line of `name` with one line per value (no values removes the header). */
  setList(name: string, values: Iterable<HeaderValue>): void {
    let first = true;
    for (const value of values) {
      if (first) this.set(name, value);
      else this.add(name, value);
      first = false;
    }
    if (first) this.delete(name);
  }

  /** The first value of `name`, after setting it to `value` if absent. */
  setDefault(name: string, value: HeaderValue): string {
    const i = this.indexOf(name);
    if (i !== -1) return this.list[i + 1]!;
    this.set(name, value);
    return this.require(name);
  }

  /** The values of `name`, after setting them to `values` if absent (the result is a copy). */
  setListDefault(name: string, values: Iterable<HeaderValue>): string[] {
    if (!this.has(name)) this.setList(name, values);
    return this.getAll(name);
  }

  private removeFrom(name: string, from: number): number {
    const lower = name.toLowerCase();
    const list = this.list;
    let write = from;
    for (let read = from; read < list.length; read += 2) {
      if (sameName(list[read]!, name, lower)) continue;
      list[write] = list[read]!;
      list[write + 1] = list[read + 1]!;
      write += 2;
    }
    const removed = (list.length - write) >> 1;
    list.length = write;
    return removed;
  }

  /** Removes every line of `name`; returns whether there was one. */
  delete(name: string): boolean {
    const first = this.indexOf(name);
    return first !== -1 && this.removeFrom(name, first) > 0;
  }

  /** Werkzeug's name for `delete`. */
  remove(name: string): void {
    this.delete(name);
  }

  /** Removes `name` and returns its first value; without a default a missing header throws BadRequestKeyError. */
  pop(name: string): string;
  pop<D>(name: string, defaultValue: D): string | D;
  pop<D>(name: string, ...rest: [D?]): string | D {
    const i = this.indexOf(name);
    if (i === -1) {
      if (rest.length > 0) return rest[0] as D;
      throw new BadRequestKeyError(name);
    }
    const value = this.list[i + 1]!;
    this.removeFrom(name, i);
    return value;
  }

  /** Removes and returns the last line. */
  popItem(): [string, string] {
    if (this.list.length === 0) throw new BadRequestKeyError("", "popItem(): headers are empty");
    const value = this.list.pop()!;
    return [this.list.pop()!, value];
  }

  clear(): void {
    this.list.length = 0;
  }

  /** Appends every header of `other` (Werkzeug `extend`). */
  extend(other: HeadersInit): void {
    for (const [name, value] of iterHeaderItems(other)) this.add(name, value);
  }

  /**
   * Replaces existing lines with those of `other` (Werkzeug `update`): per name for Headers and
   * MultiDicts; per key for records and Maps (an array value sets several lines); and for a list
   * of pairs each pair is a `set`, so the last pair for a name wins.
   */
  update(other: HeadersInit): void {
    if (other instanceof Headers || other instanceof MultiDict || other instanceof CombinedMultiDict) {
      for (const name of other.keys()) this.setList(name, other.getList(name) as HeaderValue[]);
    } else if (other instanceof Map || typeof (other as Iterable<unknown>)[Symbol.iterator] !== "function") {
      const entries = other instanceof Map ? other.entries() : Object.entries(other);
      for (const [name, value] of entries as Iterable<[string, unknown]>) {
        if (value === undefined) continue;
        if (Array.isArray(value) || value instanceof Set) this.setList(name, value as Iterable<HeaderValue>);
        else this.set(name, value as HeaderValue);
      }
    } else {
      for (const [name, value] of other as Iterable<readonly [string, HeaderValue]>) this.set(name, value);
    }
  }

  /** The line at `index` (negative counts from the end), or undefined. */
  at(index: number): [string, string] | undefined {
    const i = (index < 0 ? this.size + index : index) * 2;
    if (i < 0 || i >= this.list.length) return undefined;
    return [this.list[i]!, this.list[i + 1]!];
  }

  *items(lower = false): IterableIterator<[string, string]> {
    const list = this.list;
    for (let i = 0; i < list.length; i += 2) yield [lower ? list[i]!.toLowerCase() : list[i]!, list[i + 1]!];
  }

  *keys(lower = false): IterableIterator<string> {
    for (const [name] of this.items(lower)) yield name;
  }

  *values(): IterableIterator<string> {
    for (let i = 1; i < this.list.length; i += 2) yield this.list[i]!;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.items();
  }

  /** Same lines regardless of order and name case (Werkzeug `==`). */
  equals(other: Headers): boolean {
    const key = ([name, value]: [string, string]) => `${name.toLowerCase()}\n${value}`;
    const mine = new Set(Array.from(this.items(), key));
    const theirs = new Set(Array.from(other.items(), key));
    return mine.size === theirs.size && [...mine].every((item) => theirs.has(item));
  }

  /** A mutable copy. */
  copy(): Headers {
    const copy = new Headers();
    copy.list = this.list.slice();
    return copy;
  }

  /** `[name, value, ...]` (a copy), ready for `ServerResponse.writeHead(status, array)`. */
  toWireArray(): string[] {
    return this.list.slice();
  }

  /** `[[name, value], ...]` (Werkzeug `to_wsgi_list`). */
  toList(): [string, string][] {
    return Array.from(this.items());
  }

  /** `Name: value\r\n` per line followed by an empty line, as in an HTTP message. */
  toString(): string {
    let text = "";
    for (const [name, value] of this.items()) text += `${name}: ${value}\r\n`;
    return `${text}\r\n`;
  }

  toJSON(): [string, string][] {
    return this.toList();
  }

  get [Symbol.toStringTag](): string {
    return this.constructor.name;
  }
}

/**
 * Read-only headers, for requests (Werkzeug `EnvironHeaders`). `ImmutableHeaders.fromRaw(rawHeaders)`
 * wraps Node's `IncomingMessage.rawHeaders` without copying or re-validating it (llhttp already
 * rejected invalid names and values), so building a request costs nothing until a header is read.
 */
export class ImmutableHeaders extends Headers {
  /** Wraps a flat `[name, value, ...]` array; the caller must not change it afterwards. */
  static fromRaw(rawHeaders: string[]): ImmutableHeaders {
    const headers = new ImmutableHeaders();
    headers.list = rawHeaders;
    return headers;
  }

  override add(..._args: unknown[]): never {
    throw immutableError(this);
  }
  override set(..._args: unknown[]): never {
    throw immutableError(this);
  }
  override setList(..._args: unknown[]): never {
    throw immutableError(this);
  }
  override setDefault(..._args: unknown[]): never {
    throw immutableError(this);
  }
  override setListDefault(..._args: unknown[]): never {
    throw immutableError(this);
  }
  override delete(..._args: unknown[]): never {
    throw immutableError(this);
  }
  override remove(..._args: unknown[]): never {
    throw immutableError(this);
  }
  override pop(..._args: unknown[]): never {
    throw immutableError(this);
  }
  override popItem(..._args: unknown[]): never {
    throw immutableError(this);
  }
  override clear(..._args: unknown[]): never {
    throw immutableError(this);
  }
  override extend(..._args: unknown[]): never {
    throw immutableError(this);
  }
  override update(..._args: unknown[]): never {
    throw immutableError(this);
  }
}
