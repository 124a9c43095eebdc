import { BadRequest } from "../exceptions.js";

/**
 * A missing key looked up with `require()`: both a lookup failure and a 400 Bad Request,
 * so an app that does `request.form.require("name")` answers 400 when the field is absent
 * (Werkzeug's `BadRequestKeyError`). The key is kept for logs but, as in Werkzeug, not shown
 * in the error page, so internal names are not disclosed.
 */
export class BadRequestKeyError extends BadRequest {
  readonly key: string;
  constructor(key: string, description?: string) {
    super(description);
    this.key = key;
  }
}

/** Thrown by every mutator of a read-only structure (Werkzeug raises TypeError too). */
export function immutableError(structure: object): TypeError {
  return new TypeError(`'${structure.constructor.name}' objects are immutable`);
}
