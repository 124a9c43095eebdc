// Vary, Allow, Content-Language, Access-Control-*-Headers: a case-insensitive ordered set
// that keeps the original case (Werkzeug `HeaderSet`). Changes call `onUpdate`.

import { parseListHeader } from "../http/list-header.js";
import { quoteHeaderValue } from "../http/quoting.js";

export class HeaderSet implements Iterable<string> {
  onUpdate: ((set: HeaderSet) => void) | undefined;
  private readonly headers: string[] = [];
  private readonly lowered = new Set<string>();

  constructor(headers: Iterable<string> | null = null, onUpdate?: (set: HeaderSet) => void) {
    for (const header of headers ?? []) {
      this.headers.push(header);
      this.lowered.add(header.toLowerCase());
    }
    this.onUpdate = onUpdate;
  }

  /** Parses a comma-separated list (quoted items unquoted); empty or missing gives an empty set. */
  static fromHeader(value: string | null | undefined, onUpdate?: (set: HeaderSet) => void): HeaderSet {
    return new HeaderSet(value ? parseListHeader(value) : null, onUpdate);
  }

  add(header: string): void {
    this.update([header]);
  }

  /** Adds the headers that are not there yet (compared case-insensitively). */
  update(headers: Iterable<string>): void {
    let inserted = false;
    for (const header of headers) {
      const key = header.toLowerCase();
      if (this.lowered.has(key)) continue;
      this.headers.push(header);
      this.lowered.add(key);
      inserted = true;
    }
    if (inserted) this.onUpdate?.(this);
  }

  /** Removes a header; throws when it is not there (use `discard` otherwise). */
  remove(header: string): void {
    const key = header.toLowerCase();
    if (!this.lowered.delete(key)) throw new RangeError(`${JSON.stringify(header)} is not in the set`);
    // every spelling goes (Werkzeug leaves the list entry when the argument is not lower-case)
    for (let i = this.headers.length - 1; i >= 0; i--) if (this.headers[i]!.toLowerCase() === key) this.headers.splice(i, 1);
    this.onUpdate?.(this);
  }

  discard(header: string): void {
    if (this.has(header)) this.remove(header);
  }

  has(header: string): boolean {
    return this.lowered.has(header.toLowerCase());
  }

  /** Position of `header` (case-insensitive), or -1. */
  find(header: string): number {
    const key = header.toLowerCase();
    return this.headers.findIndex((item) => item.toLowerCase() === key);
  }

  /** Like `find` but throws when absent. */
  index(header: string): number {
    const position = this.find(header);
    if (position === -1) throw new RangeError(`${JSON.stringify(header)} is not in the set`);
    return position;
  }

  at(index: number): string | undefined {
    return this.headers.at(index);
  }

  clear(): void {
    this.headers.length = 0;
    this.lowered.clear();
    this.onUpdate?.(this);
  }

  /** The members, lower-cased unless `preserveCasing`. */
  asSet(preserveCasing = false): Set<string> {
    return new Set(preserveCasing ? this.headers : this.lowered);
  }

  get size(): number {
    return this.lowered.size;
  }

  [Symbol.iterator](): IterableIterator<string> {
    return this.headers[Symbol.iterator]();
  }

  /** `Accept, Cookie` (items quoted unless tokens). */
  toHeader(): string {
    return this.headers.map((header) => quoteHeaderValue(header)).join(", ");
  }

  toString(): string {
    return this.toHeader();
  }
}
