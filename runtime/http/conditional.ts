// Conditional requests (If-None-Match, If-Match, If-Modified-Since, If-Range) and the header
// classes that matter when answering them.

import { ETags } from "../datastructures/etags.js";
import { IfRange } from "../datastructures/range.js";
import { parseDate } from "./dates.js";
import { generateEtag, unquoteEtag } from "./etag.js";

/** The request headers a conditional check reads, as sent (absent = null/undefined). */
export interface ConditionalRequestHeaders {
  range?: string | null;
  ifRange?: string | null;
  ifModifiedSince?: string | null;
  ifNoneMatch?: string | null;
  ifMatch?: string | null;
}

/** Anything with a case-insensitive `get(name)`, such as `Headers` or `request.headers`. */
export interface HeaderLookup {
  get(name: string): string | undefined | null;
  getJoined?(name: string): string | undefined;
}

export interface ResourceState {
  /** The current entity tag (quoted or not), or... */
  etag?: string | null;
  /** ...the body, whose ETag is generated (not both). */
  data?: Uint8Array | string | null;
  /** Last modification time: a Date or an HTTP date string. Truncated to whole seconds. */
  lastModified?: Date | string | null;
  /** Ignore If-Range (the default); pass false when a Range is being answered. */
  ignoreIfRange?: boolean;
}

function readConditions(source: ConditionalRequestHeaders | HeaderLookup): ConditionalRequestHeaders {
  if (typeof (source as HeaderLookup).get !== "function") return source as ConditionalRequestHeaders;
  const headers = source as HeaderLookup;
  // list-valued headers sent on several lines count as one list
  const read = (name: string) => (headers.getJoined ? headers.getJoined(name) : headers.get(name)) ?? null;
  return {
    range: headers.get("Range") ?? null,
    ifRange: headers.get("If-Range") ?? null,
    ifModifiedSince: headers.get("If-Modified-Since") ?? null,
    ifNoneMatch: read("If-None-Match"),
    ifMatch: read("If-Match"),
  };
}

/**
 * Werkzeug `is_resource_modified`: false means the client's copy is current (answer 304), or
 * that an If-Match failed (answer 412; `makeConditional` decides which). Runs for any method.
 *
 * If-Modified-Since at or after `lastModified` means unmodified; If-None-Match uses weak
 * comparison and `*` matches; If-Match uses strong comparison and a failing one counts as
 * unmodified (so `If-Match: *` gives 412, Werkzeug's quirk). If-Range is used only when a Range
 * header is present and `ignoreIfRange` is false.
 */
export function isResourceModified(
  request: ConditionalRequestHeaders | HeaderLookup,
  { etag = null, data = null, lastModified = null, ignoreIfRange = true }: ResourceState = {},
): boolean {
  const conditions = readConditions(request);
  if (etag == null && data != null) etag = generateEtag(data);
  else if (data != null) throw new TypeError("both data and etag given");

  let unmodified = false;
  let modifiedAt = typeof lastModified === "string" ? parseDate(lastModified) : lastModified;
  if (modifiedAt != null) modifiedAt = new Date(Math.floor(modifiedAt.getTime() / 1000) * 1000);

  const ifRange = !ignoreIfRange && conditions.range != null ? IfRange.fromHeader(conditions.ifRange) : null;
  const modifiedSince = ifRange?.date ?? parseDate(conditions.ifModifiedSince);
  if (modifiedSince && modifiedAt && modifiedAt.getTime() <= modifiedSince.getTime()) unmodified = true;

  if (etag) {
    const [tag] = unquoteEtag(etag) as [string, boolean];
    if (ifRange?.etag != null) {
      unmodified = ETags.fromHeader(ifRange.etag).contains(tag);
    } else {
      const ifNoneMatch = ETags.fromHeader(conditions.ifNoneMatch);
      if (!ifNoneMatch.isEmpty) unmodified = ifNoneMatch.containsWeak(tag);
      const ifMatch = ETags.fromHeader(conditions.ifMatch);
      if (!ifMatch.isEmpty) unmodified = !ifMatch.isStrong(tag);
    }
  }
  return !unmodified;
}

const ENTITY_HEADERS = new Set([
  "allow",
  "content-encoding",
  "content-language",
  "content-length",
  "content-location",
  "content-md5",
  "content-range",
  "content-type",
  "expires",
  "last-modified",
]);
const HOP_BY_HOP_HEADERS = new Set(["connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade"]);

/** True for headers that describe the body (Werkzeug's entity header list). */
export function isEntityHeader(name: string): boolean {
  return ENTITY_HEADERS.has(name.toLowerCase());
}

/** True for headers meant for one connection only. */
export function isHopByHopHeader(name: string): boolean {
  return HOP_BY_HOP_HEADERS.has(name.toLowerCase());
}

/** A Headers-like object whose lines can be listed and removed. */
export interface RemovableHeaders {
  keys(): Iterable<string>;
  delete(name: string): unknown;
}

/** Removes the entity headers except `allowed` (by default Expires and Content-Location), as for a 304. */
export function removeEntityHeaders(headers: RemovableHeaders, allowed: Iterable<string> = ["expires", "content-location"]): void {
  const keep = new Set(Array.from(allowed, (name) => name.toLowerCase()));
  for (const name of new Set(headers.keys())) {
    if (isEntityHeader(name) && !keep.has(name.toLowerCase())) headers.delete(name);
  }
}

/** Removes the hop-by-hop headers (Connection, Keep-Alive, Transfer-Encoding, ...). */
export function removeHopByHopHeaders(headers: RemovableHeaders): void {
  for (const name of new Set(headers.keys())) if (isHopByHopHeader(name)) headers.delete(name);
}
