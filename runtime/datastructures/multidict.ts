// Ordered multi-valued dictionaries: query args, form fields, files and cookies.
// Keys keep first-insertion order and each key holds its values in order, exactly like
// Werkzeug's MultiDict (a dict of lists), so `items(true)` groups values by key.

import { convertAll, convertOr, type Converter, type GetOptions } from "./convert.js";
import { BadRequestKeyError, immutableError } from "./errors.js";

/** What a MultiDict can be built from: another one (copied), `[key, value]` pairs, or a record
 * whose array (or Set) values mean several values (an empty array adds nothing). */
export type MultiDictInit<V> = ReadonlyMultiDict<V> | Iterable<readonly [string, V]> | Readonly<Record<string, V | readonly V[] | ReadonlySet<V>>>;

/** The read side shared by MultiDict, ImmutableMultiDict and CombinedMultiDict. */
export interface ReadonlyMultiDict<V> extends Iterable<[string, V]> {
  /** Number of distinct keys. */
  readonly size: number;
  get(key: string): V | undefined;
  get<T>(key: string, type: Converter<V, T>): T | undefined;
  get<T = V, D = undefined>(key: string, options: GetOptions<V, T, D>): T | D;
  require(key: string): V;
  getList(key: string): V[];
  getList<T>(key: string, type: Converter<V, T>): T[];
  has(key: string): boolean;
  keys(): IterableIterator<string>;
  values(): IterableIterator<V>;
  items(multi?: boolean): IterableIterator<[string, V]>;
  lists(): IterableIterator<[string, V[]]>;
  listValues(): IterableIterator<V[]>;
  toDict(flat?: true): Record<string, V>;
  toDict(flat: false): Record<string, V[]>;
  copy(): MultiDict<V>;
}

function isMultiDict<V>(value: unknown): value is ReadonlyMultiDict<V> {
  return value instanceof MultiDict || value instanceof CombinedMultiDict;
}

/** Yields every `[key, value]` of an init value, spreading arrays and Sets of a record. */
export function* iterMultiItems<V>(init: MultiDictInit<V>): Generator<[string, V]> {
  if (isMultiDict<V>(init)) {
    yield* init.items(true);
  } else if (typeof (init as Iterable<unknown>)[Symbol.iterator] === "function") {
    for (const [key, value] of init as Iterable<readonly [string, V]>) yield [key, value];
  } else {
    for (const [key, value] of Object.entries(init as Record<string, unknown>)) {
      if (Array.isArray(value) || value instanceof Set) {
        for (const item of value) yield [key, item as V];
      } else {
        yield [key, value as V];
      }
    }
  }
}

function lookup<V, T, D>(found: boolean, value: V | undefined, typeOrOptions: Converter<V, T> | GetOptions<V, T, D> | undefined): unknown {
  const options = typeof typeOrOptions === "function" ? { type: typeOrOptions } : typeOrOptions;
  if (!found) return options?.default;
  if (options?.type === undefined) return value;
  return convertOr(value as V, options.type, options.default);
}

/**
 * Ordered dictionary with several values per key (Werkzeug `MultiDict`).
 *
 * `get(key)` is the first value or `undefined`; `require(key)` throws a 400 BadRequestKeyError;
 * `getList(key)` is every value. Iterating yields every `[key, value]` pair (as URLSearchParams
 * does); `keys()` yields each key once and `values()` the first value of each key.
 */
export class MultiDict<V = string> implements ReadonlyMultiDict<V> {
  protected readonly map = new Map<string, V[]>();

  constructor(init?: MultiDictInit<V> | null) {
    if (init == null) return;
    if (isMultiDict<V>(init)) {
      for (const [key, values] of init.lists()) this.map.set(key, values);
      return;
    }
    for (const [key, value] of iterMultiItems(init)) {
      const list = this.map.get(key);
      if (list === undefined) this.map.set(key, [value]);
      else list.push(value);
    }
  }

  get size(): number {
    return this.map.size;
  }

  /** First value for `key`; with a converter (or `{ type, default }`), the converted value,
   * falling back to the default when the key is missing or the converter throws. */
  get(key: string): V | undefined;
  get<T>(key: string, type: Converter<V, T>): T | undefined;
  get<T = V, D = undefined>(key: string, options: GetOptions<V, T, D>): T | D;
  get<T, D>(key: string, typeOrOptions?: Converter<V, T> | GetOptions<V, T, D>): unknown {
    const list = this.map.get(key);
    return lookup(list !== undefined && list.length > 0, list?.[0], typeOrOptions);
  }

  /** First value for `key`; throws BadRequestKeyError (400) when it is missing. */
  require(key: string): V {
    const list = this.map.get(key);
    if (list === undefined || list.length === 0) throw new BadRequestKeyError(key);
    return list[0]!;
  }

  /** All values for `key` (a copy); with a converter, values that fail to convert are dropped. */
  getList(key: string): V[];
  getList<T>(key: string, type: Converter<V, T>): T[];
  getList<T>(key: string, type?: Converter<V, T>): unknown[] {
    const list = this.map.get(key);
    if (list === undefined) return [];
    return type === undefined ? list.slice() : convertAll(list, type);
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  /** Replaces every value of `key` with one value. */
  set(key: string, value: V): void {
    this.map.set(key, [value]);
  }

  /** Appends a value to `key`. */
  add(key: string, value: V): void {
    const list = this.map.get(key);
    if (list === undefined) this.map.set(key, [value]);
    else list.push(value);
  }

  /** Replaces the values of `key` with `values` (an empty list keeps the key with no values, as Werkzeug). */
  setList(key: string, values: Iterable<V>): void {
    this.map.set(key, [...values]);
  }

  /** The first value of `key`, after setting it to `value` if the key was missing. */
  setDefault(key: string, value: V): V {
    if (!this.map.has(key)) this.map.set(key, [value]);
    return this.require(key);
  }

  /** The live value list of `key`, after setting it to `values` if the key was missing. */
  setListDefault(key: string, values: Iterable<V> = []): V[] {
    let list = this.map.get(key);
    if (list === undefined) {
      list = [...values];
      this.map.set(key, list);
    }
    return list;
  }

  /** Removes `key` and its values; returns whether it was there. */
  delete(key: string): boolean {
    return this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
  }

  /** Removes `key` and returns its first value; without a default a missing key throws BadRequestKeyError. */
  pop(key: string): V;
  pop<D>(key: string, defaultValue: D): V | D;
  pop<D>(key: string, ...rest: [D?]): V | D {
    const list = this.map.get(key);
    this.map.delete(key);
    if (list !== undefined && list.length > 0) return list[0]!;
    if (rest.length > 0) return rest[0] as D;
    throw new BadRequestKeyError(key);
  }

  /** Removes `key` and returns all its values (empty if missing). */
  popList(key: string): V[] {
    const list = this.map.get(key) ?? [];
    this.map.delete(key);
    return list;
  }

  /** Removes the last key and returns it with its first value. */
  popItem(): [string, V] {
    const [key, list] = this.popItemList();
    if (list.length === 0) throw new BadRequestKeyError(key);
    return [key, list[0]!];
  }

  /** Removes the last key and returns it with all its values. */
  popItemList(): [string, V[]] {
    let last: [string, V[]] | undefined;
    for (const entry of this.map) last = entry;
    if (last === undefined) throw new BadRequestKeyError("", "popItem(): dictionary is empty");
    this.map.delete(last[0]);
    return last;
  }

  /** Adds every value of `other` (it extends, it does not replace; Werkzeug's `update`). */
  update(other: MultiDictInit<V>): void {
    for (const [key, value] of iterMultiItems(other)) this.add(key, value);
  }

  *keys(): IterableIterator<string> {
    yield* this.map.keys();
  }

  /** First value of each key. */
  *values(): IterableIterator<V> {
    for (const list of this.map.values()) if (list.length > 0) yield list[0]!;
  }

  /** `[key, firstValue]` per key, or every `[key, value]` pair when `multi` is true. */
  *items(multi = false): IterableIterator<[string, V]> {
    for (const [key, list] of this.map) {
      if (multi) for (const value of list) yield [key, value];
      else if (list.length > 0) yield [key, list[0]!];
    }
  }

  /** `[key, values]` per key (copies of the lists). */
  *lists(): IterableIterator<[string, V[]]> {
    for (const [key, list] of this.map) yield [key, list.slice()];
  }

  *listValues(): IterableIterator<V[]> {
    for (const list of this.map.values()) yield list.slice();
  }

  [Symbol.iterator](): IterableIterator<[string, V]> {
    return this.items(true);
  }

  /** A plain object: the first value per key, or every value list with `flat = false`. */
  toDict(flat?: true): Record<string, V>;
  toDict(flat: false): Record<string, V[]>;
  toDict(flat = true): Record<string, V> | Record<string, V[]> {
    // Object.fromEntries defines own properties, so a "__proto__" key stays data.
    return flat ? Object.fromEntries(this.items()) : Object.fromEntries(this.lists());
  }

  /** A mutable copy (values are not cloned). */
  copy(): MultiDict<V> {
    return new MultiDict<V>(this);
  }

  /** A mutable copy whose values are cloned too (`structuredClone`). */
  deepCopy(): MultiDict<V> {
    const copy = new MultiDict<V>();
    for (const [key, values] of this.map) copy.map.set(key, structuredClone(values));
    return copy;
  }

  toJSON(): Record<string, V[]> {
    return this.toDict(false);
  }

  get [Symbol.toStringTag](): string {
    return this.constructor.name;
  }
}

/** A MultiDict whose mutators throw TypeError: `request.args`, `form`, `files`, `cookies`. */
export class ImmutableMultiDict<V = string> extends MultiDict<V> {
  override set(..._args: unknown[]): never {
    throw immutableError(this);
  }
  override add(..._args: unknown[]): never {
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
  override clear(..._args: unknown[]): never {
    throw immutableError(this);
  }
  override pop(..._args: unknown[]): never {
    throw immutableError(this);
  }
  override popList(..._args: unknown[]): never {
    throw immutableError(this);
  }
  override popItem(..._args: unknown[]): never {
    throw immutableError(this);
  }
  override popItemList(..._args: unknown[]): never {
    throw immutableError(this);
  }
  override update(..._args: unknown[]): never {
    throw immutableError(this);
  }
}

/**
 * A read-only view over several MultiDicts (`request.values` = args then form): `get` returns the
 * first hit in order, `getList` concatenates, `size` counts distinct keys, `copy()` is a MultiDict.
 */
export class CombinedMultiDict<V = string> implements ReadonlyMultiDict<V> {
  readonly dicts: readonly ReadonlyMultiDict<V>[];

  constructor(dicts: Iterable<ReadonlyMultiDict<V>> = []) {
    this.dicts = [...dicts];
  }

  get size(): number {
    let count = 0;
    for (const _ of this.keys()) count++;
    return count;
  }

  get(key: string): V | undefined;
  get<T>(key: string, type: Converter<V, T>): T | undefined;
  get<T = V, D = undefined>(key: string, options: GetOptions<V, T, D>): T | D;
  get<T, D>(key: string, typeOrOptions?: Converter<V, T> | GetOptions<V, T, D>): unknown {
    const options = typeof typeOrOptions === "function" ? { type: typeOrOptions } : typeOrOptions;
    const failed = Symbol();
    for (const dict of this.dicts) {
      if (!dict.has(key)) continue;
      const value = dict.require(key);
      if (options?.type === undefined) return value;
      // a value that does not convert lets a later dict answer, as in Werkzeug
      const converted = convertOr(value, options.type, failed);
      if (converted !== failed) return converted;
    }
    return options?.default;
  }

  require(key: string): V {
    for (const dict of this.dicts) if (dict.has(key)) return dict.require(key);
    throw new BadRequestKeyError(key);
  }

  getList(key: string): V[];
  getList<T>(key: string, type: Converter<V, T>): T[];
  getList<T>(key: string, type?: Converter<V, T>): unknown[] {
    const result: unknown[] = [];
    for (const dict of this.dicts) {
      result.push(...(type === undefined ? dict.getList(key) : dict.getList(key, type)));
    }
    return result;
  }

  has(key: string): boolean {
    return this.dicts.some((dict) => dict.has(key));
  }

  *keys(): IterableIterator<string> {
    const seen = new Set<string>();
    for (const dict of this.dicts) {
      for (const key of dict.keys()) {
        if (!seen.has(key)) {
          seen.add(key);
          yield key;
        }
      }
    }
  }

  *values(): IterableIterator<V> {
    for (const [, value] of this.items()) yield value;
  }

  *items(multi = false): IterableIterator<[string, V]> {
    if (multi) {
      for (const dict of this.dicts) yield* dict.items(true);
      return;
    }
    for (const key of this.keys()) yield [key, this.require(key)];
  }

  *lists(): IterableIterator<[string, V[]]> {
    for (const key of this.keys()) yield [key, this.getList(key)];
  }

  *listValues(): IterableIterator<V[]> {
    for (const [, values] of this.lists()) yield values;
  }

  [Symbol.iterator](): IterableIterator<[string, V]> {
    return this.items(true);
  }

  toDict(flat?: true): Record<string, V>;
  toDict(flat: false): Record<string, V[]>;
  toDict(flat = true): Record<string, V> | Record<string, V[]> {
    return flat ? Object.fromEntries(this.items()) : Object.fromEntries(this.lists());
  }

  copy(): MultiDict<V> {
    return new MultiDict<V>(this);
  }

  toJSON(): Record<string, V[]> {
    return this.toDict(false);
  }
}
