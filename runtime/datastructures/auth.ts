// Authorization and WWW-Authenticate (Werkzeug `Authorization`, `WWWAuthenticate`).

import { dumpHeader, parseDictHeader } from "../http/list-header.js";
import { quoteHeaderValue } from "../http/quoting.js";
import { CallbackDict } from "./callback-dict.js";
import { trimEndChars } from "../http/trim.js";

export type AuthParameters = Record<string, string | null>;

const BASE64_VALUES: Record<string, number> = Object.fromEntries(
  Array.from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", (char, index) => [char, index]),
);

/**
 * Python's lenient `base64.b64decode`: characters outside the alphabet are skipped, decoding
 * stops at the padding that completes a group, and a dangling group is an error (null).
 */
function decodeBase64Lenient(text: string): Uint8Array | null {
  const out: number[] = [];
  let quadPos = 0;
  let left = 0;
  let pads = 0;
  for (const char of text) {
    if (char === "=") {
      pads += 1;
      if (quadPos >= 2 && quadPos + pads >= 4) return Uint8Array.from(out);
      continue;
    }
    const bits = BASE64_VALUES[char];
    if (bits === undefined) continue;
    pads = 0;
    switch (quadPos) {
      case 0:
        left = bits;
        break;
      case 1:
        out.push(((left << 2) | (bits >> 4)) & 0xff);
        left = bits & 0x0f;
        break;
      case 2:
        out.push(((left << 4) | (bits >> 2)) & 0xff);
        left = bits & 0x03;
        break;
      case 3:
        out.push(((left << 6) | bits) & 0xff);
        left = 0;
        break;
    }
    quadPos = (quadPos + 1) % 4;
  }
  return quadPos === 0 ? Uint8Array.from(out) : null;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Python's `str.title()`: each run of letters capitalised. */
function titleCase(text: string): string {
  return text.toLowerCase().replace(/\p{L}+/gu, (word) => word[0]!.toUpperCase() + word.slice(1));
}

/** Splits `Scheme rest` at the first space into a lower-cased scheme and the trimmed rest. */
function splitScheme(value: string): [string, string] {
  const space = value.indexOf(" ");
  const scheme = (space === -1 ? value : value.slice(0, space)).toLowerCase();
  return [scheme, space === -1 ? "" : value.slice(space + 1).trim()];
}

/** A token only when no `=` appears other than trailing base64 padding (`Bearer abc.def=` stays a token). */
function hasParameters(rest: string): boolean {
  return trimEndChars(rest, "=").includes("=");
}

/**
 * The `Authorization` request header: `type` (lower-cased scheme), `parameters`, `token`.
 * Basic credentials are decoded into the `username` and `password` parameters.
 */
export class Authorization {
  type: string;
  parameters: AuthParameters;
  token: string | null;

  constructor(type: string, parameters: AuthParameters | null = null, token: string | null = null) {
    this.type = type;
    this.parameters = parameters ?? {};
    this.token = token;
  }

  /**
   * Parses the header (Werkzeug `Authorization.from_header`); null when missing or when Basic
   * credentials are not valid base64 or UTF-8. Never throws.
   */
  static fromHeader(value: string | null | undefined): Authorization | null {
    if (!value) return null;
    const [scheme, rest] = splitScheme(value);
    if (scheme === "basic") {
      // Werkzeug lets a non-ASCII value escape as a 500; a missing credential is what it is.
      if (/[^\x00-\x7f]/.test(rest)) return null;
      const bytes = decodeBase64Lenient(rest);
      if (bytes === null) return null;
      let decoded: string;
      try {
        decoded = strictUtf8.decode(bytes);
      } catch {
        return null;
      }
      const colon = decoded.indexOf(":");
      const username = colon === -1 ? decoded : decoded.slice(0, colon);
      const password = colon === -1 ? "" : decoded.slice(colon + 1);
      return new Authorization(scheme, { username, password });
    }
    if (hasParameters(rest)) return new Authorization(scheme, parseDictHeader(rest));
    return new Authorization(scheme, null, rest);
  }

  /** A parameter (digest `realm`, `nonce`, ...), or null. */
  get(key: string): string | null {
    return Object.hasOwn(this.parameters, key) ? this.parameters[key]! : null;
  }

  has(key: string): boolean {
    return Object.hasOwn(this.parameters, key);
  }

  /** Basic (and Digest) user name, or null. */
  get username(): string | null {
    return this.get("username");
  }

  /** Basic password, or null. */
  get password(): string | null {
    return this.get("password");
  }

  equals(other: Authorization): boolean {
    return other.type === this.type && other.token === this.token && sameParameters(other.parameters, this.parameters);
  }

  /** `Basic <base64>`, `Bearer <token>` or `Digest k=v, ...` (scheme title-cased). */
  toHeader(): string {
    if (this.type === "basic") {
      return `Basic ${Buffer.from(`${this.username}:${this.password}`, "utf8").toString("base64")}`;
    }
    if (this.token !== null) return `${titleCase(this.type)} ${this.token}`;
    return `${titleCase(this.type)} ${dumpHeader(this.parameters)}`;
  }

  toString(): string {
    return this.toHeader();
  }
}

function sameParameters(a: AuthParameters, b: AuthParameters): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && b[key] === a[key]);
}

const DIGEST_ALWAYS_QUOTED = new Set(["realm", "domain", "nonce", "opaque", "qop"]);

/**
 * The `WWW-Authenticate` response header: `type`, live `parameters`, `token`. Every change calls
 * `onUpdate`, so a response can keep its header in step.
 */
export class WWWAuthenticate {
  onUpdate: ((auth: WWWAuthenticate) => void) | undefined;
  #type: string;
  #parameters: CallbackDict<string | null>;
  #token: string | null;

  constructor(type: string, parameters: AuthParameters | null = null, token: string | null = null) {
    this.#type = type.toLowerCase();
    this.#parameters = new CallbackDict(parameters, () => this.onUpdate?.(this));
    this.#token = token;
  }

  /** Parses the header; null when missing or empty. */
  static fromHeader(value: string | null | undefined): WWWAuthenticate | null {
    if (!value) return null;
    const [scheme, rest] = splitScheme(value);
    if (hasParameters(rest)) return new WWWAuthenticate(scheme, parseDictHeader(rest));
    return new WWWAuthenticate(scheme, null, rest);
  }

  get type(): string {
    return this.#type;
  }
  set type(value: string) {
    this.#type = value;
    this.onUpdate?.(this);
  }

  /** A live map: changes rewrite the header. */
  get parameters(): Map<string, string | null> {
    return this.#parameters;
  }
  set parameters(value: AuthParameters | Map<string, string | null>) {
    this.#parameters = new CallbackDict(value instanceof Map ? value : Object.entries(value), () => this.onUpdate?.(this));
    this.onUpdate?.(this);
  }

  get token(): string | null {
    return this.#token;
  }
  set token(value: string | null) {
    this.#token = value;
    this.onUpdate?.(this);
  }

  get(key: string): string | null {
    return this.#parameters.get(key) ?? null;
  }

  /** Sets a parameter; null removes it. */
  set(key: string, value: string | null): void {
    if (value === null) this.#parameters.delete(key);
    else this.#parameters.set(key, value);
  }

  delete(key: string): void {
    this.#parameters.delete(key);
  }

  has(key: string): boolean {
    return this.#parameters.has(key);
  }

  get realm(): string | null {
    return this.get("realm");
  }
  set realm(value: string | null) {
    this.set("realm", value);
  }

  equals(other: WWWAuthenticate): boolean {
    if (other.type !== this.type || other.token !== this.token || other.parameters.size !== this.parameters.size) return false;
    for (const [key, value] of this.parameters) if (!other.parameters.has(key) || other.parameters.get(key) !== value) return false;
    return true;
  }

  /**
   * `Bearer <token>`, a bare `Basic` without parameters, `Digest realm="x", nonce="y"` (realm,
   * domain, nonce, opaque and qop always quoted), or `Scheme k=v, ...`.
   */
  toHeader(): string {
    if (this.#token !== null) return `${titleCase(this.#type)} ${this.#token}`;
    if (this.#parameters.size === 0) return titleCase(this.#type);
    if (this.#type === "digest") {
      // a parameter without a value is written as Python's str(None), as Werkzeug does
      const items = Array.from(this.#parameters, ([key, value]) => `${key}=${quoteHeaderValue(value ?? "None", !DIGEST_ALWAYS_QUOTED.has(key))}`);
      return `Digest ${items.join(", ")}`;
    }
    return `${titleCase(this.#type)} ${dumpHeader(Object.fromEntries(this.#parameters))}`;
  }

  toString(): string {
    return this.toHeader();
  }
}
