// compileRoutes: read a routes file, run the pipeline, and (for the CLI and watch mode) write
// the generated module to disk only when its text changed.
import type { Project } from "ts-morph";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic } from "./model.js";
import { hasErrors, uniqueDiagnostics } from "./diagnostics.js";
import { readRoutes } from "./read-routes.js";
import { createRoutesProject } from "./read-project.js";
import { compileSource, defaultOutFile as pipelineDefaultOutFile } from "./compile.js";

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
  return compileInProject(createRoutesProject(), options.file, options.outFile ?? defaultOutFile(options.file));
}

/** One compile in a (possibly long-lived) project whose changed files the caller refreshed. */
export async function compileInProject(project: Project, file: string, outFile: string): Promise<CompileResult> {
  const read = readRoutes(file, project);
  if (read.source === null) return { code: "", diagnostics: read.diagnostics };
  const compiled = compileSource(read.source, { outFile: path.resolve(outFile) });
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

/**
 * Write `code` to `outFile` unless it already holds exactly that (so an unchanged compile does
 * not wake watchers or bundlers). Written to a temporary file and renamed over the target, so
 * a reader never sees half a module.
 */
export async function writeIfChanged(outFile: string, code: string): Promise<"written" | "unchanged"> {
  if ((await readExisting(outFile)) === code) return "unchanged";
  await mkdir(path.dirname(outFile), { recursive: true });
  const temporary = `${outFile}.${process.pid}.${Date.now().toString(36)}.tmp`;
  try {
    await writeFile(temporary, code);
    await rename(temporary, outFile);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return "written";
}
