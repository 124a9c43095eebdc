// Response.makeConditional (RES-18, RES-19): validators give 304 or 412, a single byte range
// gives 206, a bad range 416. Only GET and HEAD are touched.
import { ETags } from "../datastructures/index.js";
import { httpDate, isResourceModified } from "../http/index.js";
import { Range } from "../datastructures/index.js";
import { RequestedRangeNotSatisfiable } from "../exceptions.js";
import type { Headers } from "../datastructures/index.js";
import type { Request } from "./request.js";

/**
 * The parts of a Response that conditional handling reads and sets. Declared here rather than
 * imported, because response.ts imports this file (no cycle, even of types).
 */
export interface ConditionalResponse {
  readonly headers: Headers;
  statusCode: number;
  contentLength: number | null;
  acceptRanges: string | undefined;
  readonly isSequence: boolean;
  getData(): Promise<Uint8Array>;
  close(): void;
  sliceBody(start: number, length: number): void;
}

export interface ConditionalOptions {
  /** Serve Range requests: true means `bytes`; also sets Accept-Ranges. Default false. */
  acceptRanges?: boolean | string;
  /** Length of the whole body; needed for ranges (0 or undefined skips range handling). */
  completeLength?: number | null;
}

/** `setContentLength`: the response class's `automaticallySetContentLength`. */
export async function makeConditional<R extends ConditionalResponse>(
  response: R,
  request: Request,
  options: ConditionalOptions,
  setContentLength: boolean,
): Promise<R> {
  if (request.method !== "GET" && request.method !== "HEAD") return response;
  const headers = response.headers;
  if (!headers.has("date")) headers.set("Date", httpDate());
  const is206 = processRange(response, request, options);
  if (!is206 && !isResourceModified(request.headers, { etag: headers.get("etag") ?? null, lastModified: headers.get("last-modified") ?? null })) {
    response.statusCode = ETags.fromHeader(request.headers.getJoined("if-match")).isEmpty ? 304 : 412;
  }
  if (setContentLength && !headers.has("content-length") && response.isSequence) {
    headers.set("Content-Length", String((await response.getData()).byteLength));
  }
  return response;
}

function processRange(response: ConditionalResponse, request: Request, options: ConditionalOptions): boolean {
  if (!options.acceptRanges) return false;
  response.acceptRanges = options.acceptRanges === true ? "bytes" : options.acceptRanges;
  const completeLength = options.completeLength ?? 0;
  if (!completeLength || !rangeIsProcessable(response, request)) return false;
  const range = Range.fromHeader(request.headers.get("range"));
  const bounds = range?.rangeForLength(completeLength) ?? null;
  const contentRange = range?.toContentRangeHeader(completeLength) ?? null;
  if (range === null || bounds === null || contentRange === null) {
    response.close();
    throw new RequestedRangeNotSatisfiable(completeLength);
  }
  const [start, stop] = bounds;
  response.contentLength = stop - start;
  response.headers.set("Content-Range", contentRange);
  response.statusCode = 206;
  response.sliceBody(start, stop - start);
  return true;
}

/** A Range header is present and If-Range (when sent) still matches the resource. */
function rangeIsProcessable(response: ConditionalResponse, request: Request): boolean {
  if (!request.headers.has("range")) return false;
  if (!request.headers.has("if-range")) return true;
  return !isResourceModified(request.headers, {
    etag: response.headers.get("etag") ?? null,
    lastModified: response.headers.get("last-modified") ?? null,
    ignoreIfRange: false,
  });
}
