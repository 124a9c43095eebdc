// Positions a left-to-right header scanner asks for again and again ("the next `;` at or after
// here", "where the whitespace before it begins"). The scanners only move forward, so each
// answer stays right until `from` passes it: every character is searched once, where asking
// String#indexOf afresh each time would rescan a long run for every item.

export class ForwardScan {
  private readonly found = new Map<string, number>();
  private runStartFor = -1;
  private runStart = -1;

  constructor(
    readonly text: string,
    private readonly isSpace: (code: number) => boolean,
  ) {}

  /** The first `char` at or after `from` (which never decreases between calls), or the text's length. */
  next(char: string, from: number): number {
    const known = this.found.get(char);
    if (known !== undefined && known >= from) return known;
    const at = this.text.indexOf(char, from);
    const result = at === -1 ? this.text.length : at;
    this.found.set(char, result);
    return result;
  }

  /** Where the run of whitespace that ends at `end` begins. */
  spaceRunBefore(end: number): number {
    if (this.runStartFor !== end) {
      let at = end;
      while (at > 0 && this.isSpace(this.text.charCodeAt(at - 1))) at--;
      this.runStartFor = end;
      this.runStart = at;
    }
    return this.runStart;
  }

  /** The first position at or after `at` that is not whitespace. */
  skipSpaces(at: number): number {
    while (at < this.text.length && this.isSpace(this.text.charCodeAt(at))) at++;
    return at;
  }
}
