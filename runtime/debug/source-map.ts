// From where V8 runs code to where the user wrote it. Node maps stack traces itself for
// modules loaded with source maps on (`wz dev`, --enable-source-maps, tsx): `findSourceMap`
// finds those maps. For code loaded without (a tsc build run with plain `node`), the
// `sourceMappingURL` comment is followed here, so built code still shows its .ts lines.
import { readFileSync, statSync } from "node:fs";
import { findSourceMap, SourceMap } from "node:module";
import { dirname, isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export interface Position {
  file: string;
  /** 1-based, as stack traces show them. */
  line: number;
  column: number;
}

const ownMaps = new Map<string, SourceMap | null>();
const MAX_CACHED = 500;

/** `file:///a/b.js` or `/a/b.js` -> `/a/b.js`; other URLs (node:, data:) unchanged. */
export function toPath(fileOrUrl: string): string {
  if (fileOrUrl.startsWith("file://")) {
    try {
      return fileURLToPath(fileOrUrl);
    } catch {
      return fileOrUrl;
    }
  }
  return fileOrUrl;
}

/** Whether Node has a map for this generated file (then its stack traces are mapped already). */
export function nodeMapsFile(fileOrUrl: string): boolean {
  try {
    return findSourceMap(fileOrUrl) !== undefined;
  } catch {
    return false;
  }
}

/** The original position of a generated one (1-based line and column), or the position itself. */
export function originalPosition(fileOrUrl: string, line: number, column: number): Position {
  const path = toPath(fileOrUrl);
  let map: SourceMap | undefined | null;
  let base: string | undefined;
  try {
    map = findSourceMap(fileOrUrl);
  } catch {
    map = undefined;
  }
  if (map === undefined) {
    map = ownMap(path);
    base = dirname(path);
  }
  if (map === null || map === undefined) return { file: path, line, column };
  const entry = map.findEntry(line - 1, column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
  if (entry.originalSource === undefined || entry.originalLine === undefined) return { file: path, line, column };
  let source = toPath(entry.originalSource);
  if (base !== undefined && !isAbsolute(source) && !source.includes(":")) source = resolve(base, source);
  return { file: source, line: entry.originalLine + 1, column: (entry.originalColumn ?? 0) + 1 };
}

const MAPPING_URL = /\/\/[#@] sourceMappingURL=(\S+)\s*$/;

function ownMap(path: string): SourceMap | null {
  if (!isAbsolute(path)) return null;
  const cached = ownMaps.get(path);
  if (cached !== undefined) return cached;
  let map: SourceMap | null = null;
  try {
    const text = readFileSync(path, "utf8");
    const tail = text.slice(Math.max(0, text.length - 4096)).trimEnd();
    const url = MAPPING_URL.exec(tail.slice(tail.lastIndexOf("\n") + 1))?.[1];
    if (url !== undefined) {
      let payload: string;
      let mapDir = dirname(path);
      if (url.startsWith("data:")) {
        const comma = url.indexOf(",");
        const meta = url.slice(5, comma);
        const data = url.slice(comma + 1);
        payload = meta.endsWith(";base64") ? Buffer.from(data, "base64").toString("utf8") : decodeURIComponent(data);
      } else {
        const mapFile = url.startsWith("file://") ? fileURLToPath(url) : resolve(dirname(path), decodeURIComponent(url));
        payload = readFileSync(mapFile, "utf8");
        mapDir = dirname(mapFile);
      }
      const parsed = JSON.parse(payload) as { sourceRoot?: string; sources: string[] };
      // Sources are relative to the map (and its sourceRoot); resolve them once here.
      parsed.sources = parsed.sources.map((source) => resolve(mapDir, parsed.sourceRoot ?? "", source));
      delete parsed.sourceRoot;
      map = new SourceMap(parsed as ConstructorParameters<typeof SourceMap>[0]);
    }
  } catch {
    map = null;
  }
  if (ownMaps.size >= MAX_CACHED) ownMaps.delete(ownMaps.keys().next().value!);
  ownMaps.set(path, map);
  return map;
}

const sources = new Map<string, { mtimeMs: number; lines: string[] }>();

/** The lines of a source file (cached while the file is unchanged); null when unreadable. */
export function sourceLines(path: string): string[] | null {
  if (!isAbsolute(path)) return null;
  try {
    const { mtimeMs } = statSync(path);
    const cached = sources.get(path);
    if (cached !== undefined && cached.mtimeMs === mtimeMs) return cached.lines;
    const lines = readFileSync(path, "utf8").split(/\r?\n/);
    if (sources.size >= MAX_CACHED) sources.delete(sources.keys().next().value!);
    sources.set(path, { mtimeMs, lines });
    return lines;
  } catch {
    return null;
  }
}
