// If-Match / If-None-Match: a set of strong and weak entity tags, or `*` (Werkzeug `ETags`).

import { generateEtag, unquoteEtag } from "../http/etag.js";
import { scanEtags } from "../http/etag-list.js";

export class ETags implements Iterable<string> {
  readonly starTag: boolean;
  private readonly strong: ReadonlySet<string>;
  private readonly weak: ReadonlySet<string>;

  constructor(strongEtags: Iterable<string> = [], weakEtags: Iterable<string> = [], starTag = false) {
    this.strong = new Set(starTag ? [] : strongEtags);
    this.weak = new Set(weakEtags);
    this.starTag = starTag;
  }

  /** Parses `"a", W/"b"` or `*`; a missing or empty header gives an empty ETags (never throws). */
  static fromHeader(value: string | null | undefined): ETags {
    if (!value) return new ETags();
    const strong: string[] = [];
    const weak: string[] = [];
    for (const { weak: isWeak, tag, quoted } of scanEtags(value)) {
      if (!quoted && tag === "*") return new ETags([], [], true);
      (isWeak ? weak : strong).push(tag);
    }
    return new ETags(strong, weak);
  }

  /** The strong tags, plus the weak ones with `includeWeak`. */
  asSet(includeWeak = false): Set<string> {
    const result = new Set(this.strong);
    if (includeWeak) for (const tag of this.weak) result.add(tag);
    return result;
  }

  isWeak(etag: string): boolean {
    return this.weak.has(etag);
  }

  isStrong(etag: string): boolean {
    return this.strong.has(etag);
  }

  /** Strong comparison: the (unquoted) tag is one of the strong tags, or the header was `*`. */
  contains(etag: string): boolean {
    return this.starTag || this.strong.has(etag);
  }

  /** Weak comparison: like `contains`, but weak tags match too (If-None-Match). */
  containsWeak(etag: string): boolean {
    return this.weak.has(etag) || this.contains(etag);
  }

  /** Takes a quoted tag as sent (`"x"` or `W/"x"`); a weak one is compared weakly. */
  containsRaw(etag: string): boolean {
    const [tag, weak] = unquoteEtag(etag);
    if (tag === null) return this.starTag;
    return weak ? this.containsWeak(tag) : this.contains(tag);
  }

  /** Werkzeug's `etags(etag=None, data=None, include_weak=False)`: checks a tag or the tag of `data`.
   * Unlike `contains`, `*` is not consulted. */
  matches(etag: string | null, data?: Uint8Array | string, includeWeak = false): boolean {
    if (etag === null) {
      if (data === undefined) throw new TypeError("'data' is required when 'etag' is not given.");
      etag = generateEtag(data);
    }
    if (includeWeak && this.weak.has(etag)) return true;
    return this.strong.has(etag);
  }

  /** False when there is no tag at all (no header, or an empty one). */
  get isEmpty(): boolean {
    return !this.starTag && this.strong.size === 0 && this.weak.size === 0;
  }

  /** Number of strong tags (as Werkzeug's `len`). */
  get size(): number {
    return this.strong.size;
  }

  /** Iterates the strong tags. */
  [Symbol.iterator](): IterableIterator<string> {
    return this.strong.values();
  }

  toHeader(): string {
    if (this.starTag) return "*";
    return [...Array.from(this.strong, (tag) => `"${tag}"`), ...Array.from(this.weak, (tag) => `W/"${tag}"`)].join(", ");
  }

  toString(): string {
    return this.toHeader();
  }
}
