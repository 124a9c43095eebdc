// Cache-Control (Werkzeug `RequestCacheControl`, `ResponseCacheControl`): a dict of directives
// with typed properties. Values are strings, or null for a directive without a value.

import { dumpHeader, parseDictHeader } from "../http/list-header.js";
import { asInt } from "./convert.js";
import { CallbackDict } from "./callback-dict.js";
import { immutableError } from "./errors.js";

export type Directives = Iterable<readonly [string, string | null]> | Readonly<Record<string, string | null>>;

/** The directives of a header, parsed with `parseDictHeader`; empty or missing gives none. */
function directivesOf(value: string | null | undefined): [string, string | null][] {
  return value ? Object.entries(parseDictHeader(value)) : [];
}

export abstract class CacheControl extends CallbackDict<string | null> {
  /** False only when built from `null` (no header at all). */
  readonly provided: boolean;

  constructor(values: Directives | null = [], onUpdate?: (cacheControl: CacheControl) => void) {
    super(values, onUpdate as (dict: CallbackDict<string | null>) => void);
    this.provided = values !== null;
  }

  protected getBool(key: string): boolean {
    return this.has(key);
  }

  /** An int directive: null when absent or not an integer; `empty` when present without a value. */
  protected getInt<E>(key: string, empty: E): number | E | null {
    if (!this.has(key)) return null;
    const value = this.get(key);
    if (value == null) return empty;
    try {
      return asInt(value);
    } catch {
      return null;
    }
  }

  /** A string directive: `empty` when present without a value. */
  protected getString<E>(key: string, empty: E): string | E | null {
    if (!this.has(key)) return null;
    return this.get(key) ?? empty;
  }

  protected setBool(key: string, value: boolean | null | undefined): void {
    if (value) this.set(key, null);
    else this.delete(key);
  }

  protected setValue(key: string, value: string | number | boolean | null | undefined, asNumber: boolean): void {
    if (value == null || value === false) {
      this.delete(key);
    } else if (value === true) {
      this.set(key, null);
    } else if (asNumber) {
      const number = typeof value === "number" ? Math.trunc(value) : asInt(value);
      if (!Number.isFinite(number)) throw new TypeError(`wz: Cache-Control ${key} must be an integer`);
      this.set(key, String(number));
    } else {
      this.set(key, String(value));
    }
  }

  get noStore(): boolean {
    return this.getBool("no-store");
  }
  get maxAge(): number | null {
    return this.getInt("max-age", null);
  }
  get noTransform(): boolean {
    return this.getBool("no-transform");
  }
  get staleIfError(): number | null {
    return this.getInt("stale-if-error", null);
  }

  /** `max-age=60, public` (values quoted unless tokens). */
  toHeader(): string {
    return dumpHeader(Object.fromEntries(this));
  }

  override toString(): string {
    return this.toHeader();
  }
}

/** The request's Cache-Control (read-only). */
export class RequestCacheControl extends CacheControl {
  constructor(values: Directives | null = []) {
    super(values);
  }

  /** Parses the header; an empty or missing header gives an empty object (never throws). */
  static fromHeader(value: string | null | undefined): RequestCacheControl {
    return new RequestCacheControl(directivesOf(value));
  }

  get noCache(): boolean {
    return this.getBool("no-cache");
  }
  /** Seconds, `true` when present without a value, or null. */
  get maxStale(): number | true | null {
    return this.getInt("max-stale", true as const);
  }
  get minFresh(): number | null {
    return this.getInt("min-fresh", null);
  }
  get onlyIfCached(): boolean {
    return this.getBool("only-if-cached");
  }

  override set(..._args: unknown[]): never {
    throw immutableError(this);
  }
  override delete(..._args: unknown[]): never {
    throw immutableError(this);
  }
  override clear(..._args: unknown[]): never {
    throw immutableError(this);
  }
  override update(..._args: unknown[]): never {
    throw immutableError(this);
  }
}

/**
 * The response's Cache-Control. Setting a property rewrites the directive and calls `onUpdate`:
 * false or null removes it, true writes it bare, numbers are written as integers.
 */
export class ResponseCacheControl extends CacheControl {
  declare onUpdate: ((cacheControl: ResponseCacheControl) => void) | undefined;

  constructor(values: Directives | null = [], onUpdate?: (cacheControl: ResponseCacheControl) => void) {
    super(values, onUpdate as (cacheControl: CacheControl) => void);
  }

  /** Parses the header; `onUpdate` is called after every later change. */
  static fromHeader(value: string | null | undefined, onUpdate?: (cacheControl: ResponseCacheControl) => void): ResponseCacheControl {
    return new ResponseCacheControl(directivesOf(value), onUpdate);
  }

  override get noStore(): boolean {
    return super.noStore;
  }
  override set noStore(value: boolean) {
    this.setBool("no-store", value);
  }
  override get maxAge(): number | null {
    return super.maxAge;
  }
  override set maxAge(value: number | null) {
    this.setValue("max-age", value, true);
  }
  override get noTransform(): boolean {
    return super.noTransform;
  }
  override set noTransform(value: boolean) {
    this.setBool("no-transform", value);
  }
  override get staleIfError(): number | null {
    return super.staleIfError;
  }
  override set staleIfError(value: number | null) {
    this.setValue("stale-if-error", value, true);
  }
  /** A field list, `true` when present without a value, or null. */
  get noCache(): string | true | null {
    return this.getString("no-cache", true as const);
  }
  set noCache(value: string | boolean | null) {
    this.setValue("no-cache", value, false);
  }
  get public(): boolean {
    return this.getBool("public");
  }
  set public(value: boolean) {
    this.setBool("public", value);
  }
  /** A field list, `true` when present without a value, or null. */
  get private(): string | true | null {
    return this.getString("private", true as const);
  }
  set private(value: string | boolean | null) {
    this.setValue("private", value, false);
  }
  get mustRevalidate(): boolean {
    return this.getBool("must-revalidate");
  }
  set mustRevalidate(value: boolean) {
    this.setBool("must-revalidate", value);
  }
  get proxyRevalidate(): boolean {
    return this.getBool("proxy-revalidate");
  }
  set proxyRevalidate(value: boolean) {
    this.setBool("proxy-revalidate", value);
  }
  get sMaxage(): number | null {
    return this.getInt("s-maxage", null);
  }
  set sMaxage(value: number | null) {
    this.setValue("s-maxage", value, true);
  }
  get immutable(): boolean {
    return this.getBool("immutable");
  }
  set immutable(value: boolean) {
    this.setBool("immutable", value);
  }
  get mustUnderstand(): boolean {
    return this.getBool("must-understand");
  }
  set mustUnderstand(value: boolean) {
    this.setBool("must-understand", value);
  }
  get staleWhileRevalidate(): number | null {
    return this.getInt("stale-while-revalidate", null);
  }
  set staleWhileRevalidate(value: number | null) {
    this.setValue("stale-while-revalidate", value, true);
  }
}
