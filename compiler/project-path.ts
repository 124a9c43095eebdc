// File names as the compiler keys them (ts-morph's form), in a module that loads nothing heavy.
import path from "node:path";

/** Normalised absolute path with `/` separators. */
export const toProjectPath = (file: string): string => path.resolve(file).split(path.sep).join("/");
