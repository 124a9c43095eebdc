// wz/compiler: the programmatic API of the route compiler.
export type { Diagnostic } from "./model.js";
