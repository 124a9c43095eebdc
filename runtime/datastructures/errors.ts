import * as exceptions from "../exceptions.js";

/** Thrown by every mutator of a read-only structure (Werkzeug raises TypeError too). */
export function immutableError(structure: object): TypeError {
  return new TypeError(`'${structure.constructor.name}' objects are immutable`);
}

/**
 * A missing key looked up with `require()` (or `pop()` without a default): both a lookup failure
 * and a 400 Bad Request, so `request.form.require("name")` answers 400 when the field is absent
 * (Werkzeug's `BadRequestKeyError`). The key is kept for logs but, as in Werkzeug, not shown in
 * the error page, so internal names are not disclosed.
 */
export interface BadRequestKeyError extends exceptions.BadRequest {
  readonly key: string;
}

interface BadRequestKeyErrorClass {
  new (key: string, description?: string): BadRequestKeyError;
  readonly prototype: BadRequestKeyError;
}

// exceptions.ts imports the response module, which imports Headers, which throws this error:
// a module cycle. A `class ... extends BadRequest` here would read BadRequest while that cycle is
// still loading (a ReferenceError), so the prototype chain is linked on first construction,
// when every module has loaded. No instance exists before then, so `instanceof` is unaffected.
let linked = false;

export const BadRequestKeyError = function BadRequestKeyError(this: unknown, key: string, description?: string) {
  if (new.target === undefined) throw new TypeError("Class constructor BadRequestKeyError cannot be invoked without 'new'");
  if (!linked) {
    Object.setPrototypeOf(BadRequestKeyError.prototype, exceptions.BadRequest.prototype);
    Object.setPrototypeOf(BadRequestKeyError, exceptions.BadRequest);
    linked = true;
  }
  const error = Reflect.construct(exceptions.BadRequest, [description], new.target) as { key: string };
  error.key = key;
  return error;
} as unknown as BadRequestKeyErrorClass;
