// Module hooks for app processes (registered with module.register, so they run on Node's
// loader thread). They do two things:
// - run TypeScript directly: .ts/.mts/.tsx files are transpiled by esbuild with an inline
//   source map (types are stripped, not checked), and "./x.js" resolves to "./x.ts" as tsc's
//   NodeNext convention expects;
// - report every project file that gets loaded, so the parent also watches imports that live
//   outside the source folder.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { MessagePort } from "node:worker_threads";
import type { Loader, TransformFailure, transform as Transform } from "esbuild";

export interface HookData {
  /** Where to post the URL of each project file loaded (absent when nobody watches). */
  port?: MessagePort;
  /** The app is TypeScript: start esbuild now rather than on the first .ts import. */
  warmTypeScript?: boolean;
}

const TS_LOADERS: Record<string, Loader> = { ".ts": "ts", ".mts": "ts", ".tsx": "tsx" };
const JS_TO_TS: Record<string, string[]> = { ".js": [".ts", ".tsx"], ".mjs": [".mts"], ".jsx": [".tsx"] };

let reportPort: MessagePort | undefined;
// wz's own modules are a library, not the app: never watched, even when wz is linked rather
// than installed under node_modules.
const WZ_BUILD = new URL("../../", import.meta.url).href;

export async function initialize(data: HookData | undefined): Promise<void> {
  reportPort = data?.port;
  // Loading esbuild and starting its service takes tens of milliseconds: pay it while the
  // process waits as a standby, not when a save is waiting for the new code.
  if (data?.warmTypeScript) await (await esbuild())("", { loader: "ts" });
}

// esbuild is only needed once TypeScript is loaded; a JavaScript app never pays for it.
let esbuildTransform: Promise<typeof Transform> | undefined;
function esbuild(): Promise<typeof Transform> {
  esbuildTransform ??= import("esbuild").then(
    (module) => module.transform,
    (error: unknown) => {
      throw new Error(`wz dev runs TypeScript with esbuild, which could not be loaded (npm install --save-dev esbuild): ${(error as Error).message}`);
    },
  );
  return esbuildTransform;
}

type NextResolve = (specifier: string, context: unknown) => Promise<{ url: string }>;
type NextLoad = (url: string, context: unknown) => Promise<unknown>;

export async function resolve(specifier: string, context: { parentURL?: string }, nextResolve: NextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const alternatives = typeScriptAlternatives(specifier, context.parentURL);
    if (alternatives.length === 0 || (error as { code?: string }).code !== "ERR_MODULE_NOT_FOUND") throw error;
    for (const alternative of alternatives) {
      try {
        return await nextResolve(alternative, context);
      } catch {
        // try the next extension; the original error is the one worth showing
      }
    }
    throw error;
  }
}

function typeScriptAlternatives(specifier: string, parentURL: string | undefined): string[] {
  if (parentURL === undefined || !(extensionOf(parentURL) in TS_LOADERS)) return [];
  if (!/^(\.{1,2}\/|\/|file:)/.test(specifier)) return [];
  const extension = extensionOf(specifier);
  const stem = specifier.slice(0, specifier.length - extension.length);
  return (JS_TO_TS[extension] ?? []).map((replacement) => stem + replacement);
}

export async function load(url: string, context: unknown, nextLoad: NextLoad) {
  if (url.startsWith("file:") && !url.includes("/node_modules/") && !url.startsWith(WZ_BUILD)) reportPort?.postMessage(url);
  const loader = TS_LOADERS[extensionOf(url)];
  if (loader === undefined || !url.startsWith("file:")) return nextLoad(url, context);
  const file = fileURLToPath(url);
  const source = await readFile(file, "utf8");
  const transform = await esbuild();
  try {
    const result = await transform(source, {
      loader,
      format: "esm",
      target: "node20",
      sourcemap: "inline",
      sourcefile: file,
    });
    return { format: "module", source: result.code, shortCircuit: true };
  } catch (error) {
    throw syntaxErrorFrom(error as TransformFailure, file);
  }
}

// esbuild's own error lists every problem in one message; the first one, with its location in
// the form stack traces use, is what the terminal and the error page need.
function syntaxErrorFrom(failure: TransformFailure, file: string): Error {
  const first = failure.errors?.[0];
  if (first === undefined) return failure;
  const line = first.location?.line ?? 1;
  const column = (first.location?.column ?? 0) + 1;
  const error = new SyntaxError(first.text);
  // The shape of V8's own SyntaxError stack: location, the line, a caret under the column.
  error.stack = `${file}:${line}:${column}\n${first.location?.lineText ?? ""}\n${" ".repeat(column - 1)}^\n\nSyntaxError: ${first.text}`;
  return error;
}

export function isTypeScript(file: string): boolean {
  return extensionOf(file) in TS_LOADERS;
}

function extensionOf(pathOrUrl: string): string {
  const query = pathOrUrl.search(/[?#]/);
  const clean = query === -1 ? pathOrUrl : pathOrUrl.slice(0, query);
  const dot = clean.lastIndexOf(".");
  return dot > clean.lastIndexOf("/") ? clean.slice(dot) : "";
}
