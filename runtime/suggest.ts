// "Did you mean" for names a user typed: rule options, factories, converters, endpoints,
// command-line options. One rule for the compiler, the run-time builder and both CLIs.
import { createRequire } from "node:module";

/**
 * Candidates close enough to `name` to be a likely typo, best first.
 *
 * Distance is measured case-insensitively (so `subMount` finds `submount`), with at most one
 * edit per three characters typed (at least one): `endpont` -> `endpoint`, `strict_slashes` ->
 * `strictSlashes`, but `id` never suggests `host`. Ties go to the candidate whose exact-case
 * distance is smaller, then to the candidate listed first.
 */
export function closeMatches(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const lowered = name.toLowerCase();
  const limitDistance = Math.max(1, Math.floor(name.length / 3));
  const scored: Array<{ candidate: string; folded: number; exact: number; order: number }> = [];
  let order = 0;
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (seen.has(candidate) || candidate === name) continue;
    seen.add(candidate);
    const lowerCandidate = candidate.toLowerCase();
    const folded = swapsTwoNeighbours(lowered, lowerCandidate) ? 1 : distance(lowered, lowerCandidate);
    // A candidate shorter than the edits needed to reach it is a different word, not a typo.
    if (folded > limitDistance || folded >= candidate.length) continue;
    scored.push({ candidate, folded, exact: distance(name, candidate), order: order++ });
  }
  scored.sort((a, b) => a.folded - b.folded || a.exact - b.exact || a.order - b.order);
  return scored.slice(0, limit).map((s) => s.candidate);
}

/**
 * True when `b` is `a` with two neighbouring characters swapped (`itn` / `int`): the commonest
 * typo, one slip of the fingers, though Levenshtein counts it as two edits.
 */
function swapsTwoNeighbours(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let i = 0;
  while (a[i] === b[i]) i++;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** The single best "did you mean" for `name`, or undefined when nothing is close. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  return closeMatches(name, candidates, 1)[0];
}

/**
 * Levenshtein distance, by fastest-levenshtein (the project's choice for it). It is loaded on
 * the first suggestion, not at import: `import "wz/routing"` loads no package, and a suggestion
 * is only ever made on the way to an error message.
 */
export function distance(a: string, b: string): number {
  levenshtein ??= (createRequire(import.meta.url)("fastest-levenshtein") as { distance: (a: string, b: string) => number }).distance;
  return levenshtein(a, b);
}

let levenshtein: ((a: string, b: string) => number) | undefined;
