/** Thrown by every mutator of a read-only structure (Werkzeug raises TypeError too). */
export function immutableError(structure: object): TypeError {
  return new TypeError(`'${structure.constructor.name}' objects are immutable`);
}

// The 400 for a missing key is an HTTP exception, so it is defined with the others.
export { BadRequestKeyError } from "../exceptions.js";
