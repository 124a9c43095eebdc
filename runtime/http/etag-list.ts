// If-Match / If-None-Match lists, read as Werkzeug's `parse_etags` reads them, with its regex
//
//     ([Ww]/)?(?:"(.*?)"|(.*?))(?:\s*,\s*|$)        (Unicode \s; `.` is anything but a newline)
//
// matched at the end of the previous match until it fails. Both lazy `.*?` are retried at every
// position of a whitespace run, and a quoted tag that never closes is rescanned by every later
// item: quadratic. Here each alternative is decided by a few positions (the next comma, the next
// newline, the next quote that is followed by `\s*,` or the end), found once and cached, since
// matches only move forward. Werkzeug's `$` also matches before a final newline, where its
// loop then never ends; here `$` is the end of the value only.
import { ForwardScan } from "./forward-scan.js";
import { isPyWhitespace } from "./python-text.js";

export interface EtagItem {
  weak: boolean;
  tag: string;
  quoted: boolean;
}

const QUOTE = 0x22;
const COMMA = 0x2c;

export function* scanEtags(value: string): Generator<EtagItem> {
  const scan = new EtagScanner(value);
  for (let at = 0; at < value.length; ) {
    const c0 = value.charCodeAt(at);
    const weak = (c0 === 0x57 || c0 === 0x77) && value.charCodeAt(at + 1) === 0x2f;
    const start = weak ? at + 2 : at;
    // Without the `W/` prefix the alternatives fail alike (they differ only before a newline).
    const match = scan.quoted(start) ?? scan.bare(start);
    if (match === null) return;
    yield { weak, tag: value.slice(match.tagStart, match.tagEnd), quoted: match.tagStart !== start };
    at = match.end;
  }
}

interface EtagMatch {
  tagStart: number;
  tagEnd: number;
  end: number;
}

class EtagScanner {
  private readonly scan: ForwardScan;
  private closeSearchedTo = 0;
  private close = -1;

  constructor(private readonly value: string) {
    this.scan = new ForwardScan(value, isPyWhitespace);
  }

  /** `"(.*?)"` then `\s*,\s*` or the end: the first closing quote so followed, before any newline. */
  quoted(start: number): EtagMatch | null {
    if (this.value.charCodeAt(start) !== QUOTE) return null;
    const close = this.nextClosingQuote(start + 1);
    if (close === -1 || this.scan.next("\n", start) < close) return null;
    return { tagStart: start + 1, tagEnd: close, end: this.separatorEnd(close + 1) };
  }

  /**
   * `(.*?)` then `\s*,\s*` or the end: the shortest tag after which only whitespace comes
   * before a comma (so it ends where that whitespace begins), else the rest of the value.
   */
  bare(start: number): EtagMatch | null {
    const length = this.value.length;
    const comma = this.scan.next(",", start);
    const tagEnd = comma === length ? length : Math.max(start, this.scan.spaceRunBefore(comma));
    if (this.scan.next("\n", start) < tagEnd) return null;
    return { tagStart: start, tagEnd, end: comma === length ? length : this.scan.skipSpaces(comma + 1) };
  }

  /** After a closing quote: past `\s*,\s*`, or the end of the value (`$`). */
  private separatorEnd(at: number): number {
    const after = this.scan.skipSpaces(at);
    return this.value.charCodeAt(after) === COMMA ? this.scan.skipSpaces(after + 1) : this.value.length;
  }

  /** A quote at or after `from` that is followed by `\s*,` or ends the value; -1 if none. */
  private nextClosingQuote(from: number): number {
    const value = this.value;
    if (this.close >= from) return this.close;
    for (let at = Math.max(from, this.closeSearchedTo); ; ) {
      const quote = value.indexOf('"', at);
      if (quote === -1) {
        this.closeSearchedTo = value.length;
        return -1;
      }
      const after = this.scan.skipSpaces(quote + 1);
      if (quote + 1 === value.length || value.charCodeAt(after) === COMMA) {
        this.closeSearchedTo = quote + 1;
        this.close = quote;
        return quote;
      }
      at = Math.max(quote + 1, after);
    }
  }
}
