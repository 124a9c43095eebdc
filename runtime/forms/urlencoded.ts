// `application/x-www-form-urlencoded` decoding with Werkzeug's rules (Python's `parse_qsl`
// with `keep_blank_values=True` and Werkzeug's re-quoting error handler):
// - pairs are split on `&` only; empty pairs are dropped; a pair without `=` has value "";
// - `+` is a space; `%XX` escapes are decoded as UTF-8; an invalid escape (`%zz`) stays as
//   written and bytes that are not valid UTF-8 stay percent-encoded (`%FF`), so no input is lost;
// - keys are plain strings: `a[b]` and `__proto__` are keys like any other, never structure.
import { MultiDict } from "../datastructures/index.js";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Parses a urlencoded body. Bytes that are not UTF-8 as a whole give an empty MultiDict,
 * as Werkzeug does (its form parsing is silent on bad input).
 */
export function parseUrlencoded(body: Uint8Array | string): MultiDict<string> {
  let text: string;
  if (typeof body === "string") {
    text = body;
  } else {
    try {
      text = strictUtf8.decode(body);
    } catch {
      return new MultiDict<string>();
    }
  }
  return new MultiDict<string>(urlencodedPairs(text));
}

/** The `[key, value]` pairs of a urlencoded string, in order, duplicates kept. */
export function urlencodedPairs(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const segment of text.split("&")) {
    if (segment === "") continue;
    const equals = segment.indexOf("=");
    const key = equals === -1 ? segment : segment.slice(0, equals);
    const value = equals === -1 ? "" : segment.slice(equals + 1);
    pairs.push([unquotePlus(key), unquotePlus(value)]);
  }
  return pairs;
}

function unquotePlus(text: string): string {
  return unquote(text.replaceAll("+", " "));
}

// Percent escapes are decoded within runs of ASCII text; characters already decoded
// (non-ASCII in the body) pass through and separate the runs, as in Python's `unquote`.
const ASCII_RUN = /[\x00-\x7f]+/g;

function unquote(text: string): string {
  if (!text.includes("%")) return text;
  return text.replace(ASCII_RUN, (run) => (run.includes("%") ? decodeRequoting(percentBytes(run)) : run));
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

/** The bytes of an ASCII string with its valid `%XX` escapes decoded. */
function percentBytes(run: string): Uint8Array {
  const bytes = new Uint8Array(run.length);
  let length = 0;
  for (let i = 0; i < run.length; i++) {
    const code = run.charCodeAt(i);
    if (code === 0x25 && i + 2 < run.length) {
      const high = hexValue(run.charCodeAt(i + 1));
      const low = hexValue(run.charCodeAt(i + 2));
      if (high !== -1 && low !== -1) {
        bytes[length++] = high * 16 + low;
        i += 2;
        continue;
      }
    }
    bytes[length++] = code;
  }
  return bytes.subarray(0, length);
}

/**
 * UTF-8 decoding where every byte of an invalid sequence is written back as `%XX`.
 * Invalid sequences are cut as the Unicode "maximal subpart" rule says (the rule both
 * Python's decoder and TextDecoder follow), so decoding resumes at the same byte.
 */
export function decodeRequoting(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    // fall through to the byte-by-byte walk
  }
  let out = "";
  let validStart = 0;
  let i = 0;
  while (i < bytes.length) {
    const length = validSequenceLength(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    out += strictUtf8.decode(bytes.subarray(validStart, i));
    const invalid = Math.max(1, invalidSubpartLength(bytes, i));
    for (let k = i; k < i + invalid; k++) out += "%" + bytes[k]!.toString(16).toUpperCase().padStart(2, "0");
    i += invalid;
    validStart = i;
  }
  return out + strictUtf8.decode(bytes.subarray(validStart));
}

// Allowed range of the second byte for each lead byte (RFC 3629 table 3-7); later bytes are 80..BF.
function secondByteRange(lead: number): [number, number, number] | null {
  if (lead >= 0xc2 && lead <= 0xdf) return [0x80, 0xbf, 2];
  if (lead === 0xe0) return [0xa0, 0xbf, 3];
  if ((lead >= 0xe1 && lead <= 0xec) || lead === 0xee || lead === 0xef) return [0x80, 0xbf, 3];
  if (lead === 0xed) return [0x80, 0x9f, 3];
  if (lead === 0xf0) return [0x90, 0xbf, 4];
  if (lead >= 0xf1 && lead <= 0xf3) return [0x80, 0xbf, 4];
  if (lead === 0xf4) return [0x80, 0x8f, 4];
  return null;
}

/** Length of the valid sequence starting at `at`, or 0 if it is not valid. */
function validSequenceLength(bytes: Uint8Array, at: number): number {
  const lead = bytes[at]!;
  if (lead < 0x80) return 1;
  const range = secondByteRange(lead);
  if (!range) return 0;
  const [low, high, length] = range;
  if (at + length > bytes.length) return 0;
  const second = bytes[at + 1]!;
  if (second < low || second > high) return 0;
  for (let k = 2; k < length; k++) {
    const next = bytes[at + k]!;
    if (next < 0x80 || next > 0xbf) return 0;
  }
  return length;
}

/** Length of the maximal invalid subpart at `at` (a lead byte plus the continuation bytes that fit). */
function invalidSubpartLength(bytes: Uint8Array, at: number): number {
  const range = secondByteRange(bytes[at]!);
  if (!range) return 1;
  const [low, high, length] = range;
  let taken = 1;
  if (at + 1 < bytes.length && bytes[at + 1]! >= low && bytes[at + 1]! <= high) {
    taken = 2;
    while (taken < length && at + taken < bytes.length && bytes[at + taken]! >= 0x80 && bytes[at + taken]! <= 0xbf) taken++;
  }
  return taken;
}
