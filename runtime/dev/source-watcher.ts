// What triggers a reload: source files under the watched folders (not node_modules, not dot
// folders, not editors' temp files), files the app loaded from elsewhere, and extra files.
import { basename, resolve as resolvePath, sep } from "node:path";
import { watch, type FSWatcher } from "chokidar";

const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx|json)$/;
// Editors save in bursts (truncate + write, write + rename); one reload per burst.
const DEBOUNCE_MS = 15;

export interface SourceWatcherOptions {
  /** Folders watched recursively for source files. */
  folders: string[];
  /** Files watched whatever their name (Werkzeug's extra_files). */
  extraFiles?: string[];
  /** fnmatch-style patterns on absolute paths; a match is never watched (Werkzeug's exclude_patterns). */
  excludePatterns?: string[];
  onChange(paths: string[]): void;
}

export interface SourceWatcher {
  /** Also watch these files (modules the app loaded from outside the folders). */
  add(files: string[]): void;
  /** Resolves once the initial scan is done: a write before that could be missed. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export function watchSources(options: SourceWatcherOptions): SourceWatcher {
  const folders = options.folders.map((folder) => resolvePath(folder));
  const explicit = new Set((options.extraFiles ?? []).map((file) => resolvePath(file)));
  const excluded = (options.excludePatterns ?? []).map(fnmatchToRegExp);

  const isIgnored = (path: string, stats?: { isFile(): boolean }): boolean => {
    if (explicit.has(path)) return false;
    if (excluded.some((pattern) => pattern.test(path))) return true;
    if (folders.includes(path)) return false;
    const name = basename(path);
    if (name === "node_modules" || name.startsWith(".")) return true;
    return stats?.isFile() === true && !SOURCE_FILE.test(name);
  };

  const watcher: FSWatcher = watch([...folders, ...explicit], { ignoreInitial: true, ignored: isIgnored });
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  watcher.on("all", (event, path) => {
    if (event === "addDir" || event === "unlinkDir") return;
    pending.add(path);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const paths = [...pending];
      pending.clear();
      options.onChange(paths);
    }, DEBOUNCE_MS);
  });
  const ready = new Promise<void>((resolve) => watcher.once("ready", () => resolve()));

  return {
    ready,
    add(files) {
      const outside = files.filter((file) => !explicit.has(file) && !folders.some((folder) => file.startsWith(folder + sep)));
      for (const file of outside) explicit.add(file);
      if (outside.length > 0) watcher.add(outside);
    },
    async close() {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}

/** Python's fnmatch: "*" matches any run of characters (slashes included), "?" one, "[...]" a set. */
export function fnmatchToRegExp(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*") source += ".*";
    else if (c === "?") source += ".";
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 2);
      if (end < 0) source += "\\[";
      else {
        let set = pattern.slice(i + 1, end).replace(/\\/g, "\\\\");
        if (set.startsWith("!")) set = `^${set.slice(1)}`;
        source += `[${set}]`;
        i = end;
      }
    } else source += c.replace(/[.+^${}()|\\/]/g, "\\$&");
  }
  return new RegExp(`^${source}$`, "s");
}
