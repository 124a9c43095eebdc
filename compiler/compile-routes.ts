// compileRoutes: read a routes file, run the pipeline, and (for the CLI and watch mode) write
// the generated module to disk only when its text changed.
import type { Project } from "ts-morph";
import { readFileSync } from "node:fs";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic, RoutesSource } from "./model.js";
import { hasErrors, uniqueDiagnostics } from "./diagnostics.js";
import { readLiteralRoutes } from "./read-literal.js";
import { toProjectPath } from "./project-path.js";
import { compileSource, type CompileCaches, defaultOutFile as pipelineDefaultOutFile } from "./compile.js";

export interface CompileRoutesOptions {
  /** The routes file (its default export is `routes(...)`). */
  file: string;
  /** Where the generated module will live; it imports custom converters relative to it. Default `<routes>.gen.ts` beside `file`. */
  outFile?: string;
}

export interface CompileResult {
  /** The generated module; "" when there is any error. */
  code: string;
  /** Errors and warnings, in source order per file. */
  diagnostics: Diagnostic[];
}

/** `routes.ts` -> absolute `routes.gen.ts`, beside it. */
export const defaultOutFile = (file: string): string => path.resolve(pipelineDefaultOutFile(path.resolve(file)));

/** Compile a routes file to the text of its generated module. Nothing is written. */
export async function compileRoutes(options: CompileRoutesOptions): Promise<CompileResult> {
  const read = await readRoutesFile(options.file, newProject);
  return compileRead(read, options.outFile ?? defaultOutFile(options.file));
}

/** What a read gave, and whether TypeScript was needed for it (then the project holds its files). */
export interface FileRead {
  source: RoutesSource | null;
  diagnostics: Diagnostic[];
  /** True when the literal reader read the file (no project was used). */
  literal: boolean;
}

const newProject = async (): Promise<Project> => (await import("./read-project.js")).createRoutesProject();

/**
 * Reads a routes file: with the literal reader when the file is plain literals, else with the
 * TypeScript reader in the project `project()` gives (created, and ts-morph loaded, on first need).
 */
export async function readRoutesFile(file: string, project: () => Promise<Project>): Promise<FileRead> {
  const filePath = toProjectPath(file);
  let text: string | undefined;
  try {
    text = readFileSync(filePath, "utf8");
  } catch {
    text = undefined; // the TypeScript reader reports a missing file
  }
  const literal = text === undefined ? undefined : readLiteralRoutes(filePath, text);
  if (literal !== undefined) return { source: literal, diagnostics: [], literal: true };
  const { readRoutes } = await import("./read-routes.js");
  return { ...readRoutes(filePath, await project()), literal: false };
}

/** The rest of the pipeline after a read. */
export function compileRead(read: Pick<FileRead, "source" | "diagnostics">, outFile: string, caches?: CompileCaches): CompileResult {
  if (read.source === null) return { code: "", diagnostics: read.diagnostics };
  const compiled = compileSource(read.source, { outFile: path.resolve(outFile), caches });
  const diagnostics = uniqueDiagnostics([...read.diagnostics, ...compiled.diagnostics]);
  return { code: hasErrors(diagnostics) ? "" : compiled.code, diagnostics };
}

/** The generated file's current text, or undefined when it does not exist. */
export async function readExisting(outFile: string): Promise<string | undefined> {
  try {
    return await readFile(outFile, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** The output file as this process last wrote it; a watcher passes one so a save need not read the file back. */
export interface OutputMemo {
  code?: string;
  mtimeMs?: number;
  size?: number;
}

/**
 * Write `code` to `outFile` unless it already holds exactly that (so an unchanged compile does
 * not wake watchers or bundlers). Written to a temporary file and renamed over the target, so
 * a reader never sees half a module. With a `memo` whose time and size still match the file,
 * the file is known to hold `memo.code` and is not read.
 */
export async function writeIfChanged(outFile: string, code: string, memo?: OutputMemo): Promise<"written" | "unchanged"> {
  const current = memo !== undefined && (await stampOf(outFile)) === stampString(memo) ? memo.code : await readIfSameSize(outFile, code);
  if (current === code) {
    if (memo !== undefined && memo.code !== code) await remember(memo, outFile, code);
    return "unchanged";
  }
  await mkdir(path.dirname(outFile), { recursive: true });
  const temporary = `${outFile}.${process.pid}.${Date.now().toString(36)}.tmp`;
  try {
    await writeFile(temporary, code);
    await rename(temporary, outFile);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  if (memo !== undefined) await remember(memo, outFile, code);
  return "written";
}

async function remember(memo: OutputMemo, outFile: string, code: string): Promise<void> {
  const found = await stat(outFile);
  Object.assign(memo, { code, mtimeMs: found.mtimeMs, size: found.size });
}

/** The file's text, or undefined when it is missing or its size already shows it differs (8 MB at 10k routes is not read for nothing). */
async function readIfSameSize(file: string, code: string): Promise<string | undefined> {
  try {
    if ((await stat(file)).size !== Buffer.byteLength(code)) return undefined;
  } catch {
    return undefined;
  }
  return readExisting(file);
}

const stampString = (memo: OutputMemo): string => `${memo.mtimeMs}:${memo.size}`;

async function stampOf(file: string): Promise<string | undefined> {
  try {
    const found = await stat(file);
    return `${found.mtimeMs}:${found.size}`;
  } catch {
    return undefined;
  }
}
