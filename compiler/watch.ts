// Watch mode as an object (esbuild's `context().watch()` shape): one long-lived ts-morph project,
// files refreshed from disk as they change, the generated module rewritten when its text changes.
import { watch as watchFiles, type FSWatcher } from "chokidar";
import path from "node:path";
import { readFileSync } from "node:fs";
import type { Diagnostic } from "./model.js";
import { hasErrors } from "./diagnostics.js";
import type { Project } from "ts-morph";
import { compileRead, defaultOutFile, readRoutesFile, writeIfChanged, type FileRead, type OutputMemo } from "./compile-routes.js";
import { newCompileCaches } from "./compile.js";
import { toProjectPath } from "./project-path.js";

export interface WatchRoutesOptions {
  /** The routes file. It may be deleted and recreated while watched. */
  file: string;
  /** Default `<routes>.gen.ts` beside `file`. */
  outFile?: string;
  /** Called after every compile, the first one included. */
  onResult?: (result: WatchResult) => void;
  /**
   * Quiet period after the last change before recompiling, in ms. Default 10: long enough to
   * take one save written in several pieces as one; a save that lands later is still compiled
   * (docs/compile-loop.md, "When a save is compiled").
   */
  debounceMs?: number;
}

export interface WatchResult {
  code: string;
  diagnostics: Diagnostic[];
  outFile: string;
  /** "written": the file changed on disk; "unchanged": same text; "failed": errors, file left as it was. */
  outcome: "written" | "unchanged" | "failed";
  /** The routes file and the local files it imports: what is being watched now. */
  files: string[];
  /** From the first change of the burst (or the start) to the result, in ms. */
  durationMs: number;
}

export interface RoutesWatcher {
  /** Resolves after the first compile and the file watcher are both ready. */
  readonly ready: Promise<void>;
  /** Compile now (changes already seen are included). */
  rebuild(): Promise<WatchResult>;
  /** Stop watching; waits for a compile in progress. */
  close(): Promise<void>;
}

/** Compiles that warm up a save's code paths (see warmUpWhenIdle in watchRoutes). */
const WARM_UP_COMPILES = 3;

/** chokidar suppresses repeated change events of one path for this long (index.js `_throttle`). */
const CHOKIDAR_CHANGE_THROTTLE_MS = 50;

/** Compile `file`, then recompile whenever it or a local file it imports changes. */
export function watchRoutes(options: WatchRoutesOptions): RoutesWatcher {
  const file = toProjectPath(options.file);
  const outFile = path.resolve(options.outFile ?? defaultOutFile(file));
  const debounceMs = options.debounceMs ?? 10;
  // The TypeScript project exists only once a file needed it (the literal reader needs none).
  let project: Project | undefined;
  const useProject = async (): Promise<Project> => (project ??= (await import("./read-project.js")).createRoutesProject());
  let literalRead = false;
  /** What the last compile read, for the warm-up compiles (see warmUpWhenIdle). */
  let lastRead: FileRead | undefined;
  // Kept between compiles: each rule's analysis (re-analysed only when its declaration changed),
  // each endpoint's emitted types and builder (re-emitted only when its rules changed), and the
  // output as last written (not read back on every save).
  const caches = newCompileCaches();
  const output: OutputMemo = {};
  const changed = new Set<string>();
  let watched = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let burstStart = performance.now();
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  // Directories, not files: a file watch dies when the file is deleted or replaced by a rename,
  // and editors do both. Events are filtered down to the files that matter. The watcher starts
  // with the directories of the first compile, so `ready` means those are being watched.
  let watcher: FSWatcher | undefined;
  let watcherReady: Promise<void> = Promise.resolve();
  function startWatcher(directories: string[]): FSWatcher {
    const created = watchFiles(directories, { ignoreInitial: true, depth: 0 });
    watcherReady = new Promise<void>((resolve) => created.once("ready", () => resolve()));
    created.on("all", (_event, changedPath) => {
      const changedFile = toProjectPath(changedPath);
      if (closed || !watched.has(changedFile)) return;
      // chokidar drops every further change of this file within 50 ms of the one it reported (no
      // trailing event), whether or not that one is compiled below, so a save in that window
      // would be lost: look at the files once the window has passed and compile again if one
      // changed since the last compile read it. (Contents, not modification times: two saves
      // within one tick of a coarse clock look the same.)
      clearTimeout(trailing);
      trailing = setTimeout(recompileIfStale, CHOKIDAR_CHANGE_THROTTLE_MS + debounceMs);
      // A late event for a save a compile already read (editors and the kernel often report one
      // save more than once, and the look above may have compiled it first) would only compile
      // the same text again.
      if (!changed.has(changedFile) && compiledContents.has(changedFile) && contentOf(changedFile) === compiledContents.get(changedFile)) return;
      if (changed.size === 0) burstStart = performance.now();
      changed.add(changedFile);
      clearTimeout(timer);
      timer = setTimeout(() => void rebuild().catch(() => {}), debounceMs);
    });
    created.on("error", () => {}); // a vanished directory is not fatal; the next compile re-resolves
    return created;
  }

  function refreshChanged(): void {
    for (const changedFile of changed) {
      if (project === undefined) break;
      const sourceFile = project.getSourceFile(changedFile);
      // A deleted file leaves the project here; readRoutes reports it or re-adds it when it is back.
      if (sourceFile !== undefined) sourceFile.refreshFromFileSystemSync();
      // A file that appeared (an import that could not be resolved before) must join the
      // project, or the next program would keep its old "module not found".
      else project.addSourceFileAtPathIfExists(changedFile);
    }
    changed.clear();
  }

  let trailing: NodeJS.Timeout | undefined;
  /** Compiles again when a watched file changed after the last compile read it (its event lost). */
  function recompileIfStale(): void {
    if (closed || changed.size > 0) return;
    for (const [f, content] of compiledContents) {
      if (watched.has(f) && contentOf(f) !== content) changed.add(f);
    }
    if (changed.size === 0) return;
    burstStart = performance.now();
    clearTimeout(timer);
    timer = setTimeout(() => void rebuild().catch(() => {}), debounceMs);
  }

  /**
   * Each watched file's text as the last compile that read it afresh read it (null: missing).
   * Only files a compile read afresh are here: for any other, the project may hold an older
   * text, so its events are never skipped.
   */
  const compiledContents = new Map<string, string | null>();
  function contentOf(f: string): string | null {
    try {
      return readFileSync(f, "utf8");
    } catch {
      return null;
    }
  }

  async function compileOnce(): Promise<WatchResult> {
    const started = changed.size > 0 ? burstStart : performance.now();
    // The first compile reads the routes file afresh (as every file then); later ones re-read
    // what changed. Recorded before reading: a save in between makes the record older than
    // what was compiled, which costs a compile of the same text, never a lost save.
    if (watcher === undefined) compiledContents.set(file, contentOf(file));
    for (const f of changed) compiledContents.set(f, contentOf(f));
    refreshChanged();
    let diagnostics: Diagnostic[];
    let code = "";
    let outcome: WatchResult["outcome"] = "failed";
    try {
      const read = await readRoutesFile(file, useProject);
      literalRead = read.literal;
      lastRead = read;
      ({ code, diagnostics } = compileRead(read, outFile, caches));
      if (!hasErrors(diagnostics)) outcome = await writeIfChanged(outFile, code, output);
    } catch (error) {
      diagnostics = [
        {
          file,
          line: 1,
          column: 1,
          length: 0,
          lineText: "",
          severity: "error",
          message: `internal compiler error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        },
      ];
    }
    let files: string[];
    try {
      // A file the literal reader read imports nothing local.
      files = literalRead || project === undefined ? [file] : (await import("./read-project.js")).localDependencies(project, file);
    } catch {
      files = [file]; // an unreadable import: keep watching what we can; the diagnostics say why
    }
    // A file this compile read for the first time (the first compile's imports, a new import) has
    // no record yet: its text as the project read it is what was compiled, so a save after that
    // read, before the watcher covers the file, is seen as stale (recompileIfStale).
    for (const f of files) if (!compiledContents.has(f)) compiledContents.set(f, project?.getSourceFile(f)?.getFullText() ?? contentOf(f));
    updateWatched(files);
    const result: WatchResult = { code, diagnostics, outFile, outcome, files, durationMs: performance.now() - started };
    try {
      options.onResult?.(result);
    } catch {
      // A failing callback must not stop the watcher.
    }
    warmUpWhenIdle();
    return result;
  }

  function updateWatched(files: string[]): void {
    const directories = (set: Iterable<string>) => new Set([...set].map((f) => path.dirname(f)));
    const before = directories(watched);
    const after = directories(files);
    watched = new Set(files);
    if (closed) return;
    if (watcher === undefined) {
      watcher = startWatcher([...after]);
      return;
    }
    const added = [...after].filter((d) => !before.has(d));
    const removed = [...before].filter((d) => !after.has(d));
    if (added.length > 0) watcher.add(added);
    if (removed.length > 0) watcher.unwatch(removed);
  }

  function rebuild(): Promise<WatchResult> {
    clearTimeout(timer);
    const run = queue.then(() => compileOnce());
    queue = run.catch(() => {});
    return run;
  }

  /**
   * Compiles what the last compile read a few times more, writing and reporting nothing, each
   * time nothing is waiting (after `ready` and after a compile). A save's code paths (cached
   * rules and pieces reused) are new to V8 after the first compile, which took the others: the
   * first saves of a watcher ran them unoptimized and took about twice as long as later ones
   * (docs/compile-loop.md). A save that arrives meanwhile waits for at most one such compile.
   */
  let warmUpsLeft = WARM_UP_COMPILES;
  let warmUpStarted = false;
  function warmUpWhenIdle(): void {
    if (!warmUpStarted || warmUpsLeft === 0) return;
    setImmediate(() => {
      // A file event waiting in this turn of the loop comes first.
      if (closed || changed.size > 0 || lastRead === undefined || warmUpsLeft === 0) return;
      warmUpsLeft--;
      const read = lastRead;
      const run = queue.then(() => {
        if (!closed && changed.size === 0) compileRead(read, outFile, caches);
      });
      queue = run.catch(() => {});
      void queue.then(warmUpWhenIdle);
    });
  }

  const firstCompile = rebuild();
  // chokidar reports nothing for a save made before its first scan of the directory (between
  // the first compile's read and now): look at the files once it is ready.
  const ready = firstCompile.then(() => watcherReady).then(recompileIfStale);
  void ready.then(() => {
    warmUpStarted = true;
    warmUpWhenIdle();
  });

  return {
    ready,
    rebuild,
    async close() {
      closed = true;
      clearTimeout(timer);
      clearTimeout(trailing);
      await queue;
      await watcher?.close();
    },
  };
}
