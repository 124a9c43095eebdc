/** Thrown by every mutator of a read-only structure (Werkzeug raises TypeError too). */
export function immutableError(structure: object): TypeError {
  return new TypeError(`'${structure.constructor.name}' objects are immutable`);
}

// The 400 for a missing key is an HTTP exception, so it is defined with the others. This is a
// re-export, not an import: the data structures only construct it when a lookup fails, long after
// every module of the cycle (exceptions -> response -> datastructures) has loaded.
export { BadRequestKeyError } from "../exceptions.js";
