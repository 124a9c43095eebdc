/**
 * A custom URL converter. Export it from a module and name it in `routes({ converters })`;
 * the generated module imports it from there.
 */
export interface Converter<T = unknown> {
  /** A JavaScript regular expression source (no anchors, no capture groups) matching the URL text. */
  readonly regex: string;
  /** `false` when the regex can match `/` (the converter then consumes the rest of the path). */
  readonly partIsolating?: boolean;
  /** Ordering weight among dynamic parts: int/float 50, string/any/uuid 100, path 200. Default 100. */
  readonly weight?: number;
  /** URL text to value; throw `ValidationError` to reject the match. Default: identity. */
  toValue?(raw: string): T;
  /** Value to URL text (percent-encoding is applied afterwards). Default: `String(value)`. */
  toUrl?(value: T): string;
}

/** Thrown by `Converter.toValue` to say the URL text does not match after all (404, no fallback). */
export class ValidationError extends Error {
  constructor(message = "value does not match") {
    super(message);
    this.name = "ValidationError";
  }
}
