// The development server: runSimple (the API) and `wz dev` (bin/wz.js -> cli.ts).
export { runSimple, type RunSimpleOptions } from "./run-simple.js";
