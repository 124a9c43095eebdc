// How a parser's cost grows with the size of hostile input, judged by ratios between sizes and
// never by a wall-clock limit: a linear parser costs about 4x for 4x the input on any machine,
// however loaded; a backtracking regex costs 16x or far more (here: 16x the input must cost less
// than 64x the time). Costs are this process's CPU time
// (process.cpuUsage, microseconds), so time spent descheduled on a busy machine does not count.
// Cheap screen first (one batch per size); only a suspicious ratio is measured again with
// garbage collection between batches and the minimum of several batches.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

/**
 * Input sizes in characters, each 4x the previous. They stay below what V8 allocates in its
 * large-object space (objects over 128 KB: strings over 128K characters, arrays over 16K
 * elements, such as the items of a list header of commas), which costs a hundred times more per
 * byte, so a linear parser would seem to jump at that size. A quadratic parser still costs 16x
 * per step here: the backtracking regexes of issue 15 took 1 to 100 ms at 16k characters,
 * against microseconds for the scans that replaced them.
 */
export const SIZES = [900, 3_600, 14_400] as const;
/**
 * The most 16x the input (the largest size against the smallest) may cost: a linear parser costs
 * about 16x, a quadratic one about 256x (less where a linear part dilutes it at small sizes, but
 * far above this). Judging over two steps rather than one keeps noise and quadratic growth apart.
 */
export const MAX_RATIO = 64;
/** A batch is repeated until it takes this long at the smallest size, so timer resolution does not matter. */
const BATCH_TARGET_MS = 0.2;

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function timeBatch(run: () => void, repetitions: number): number {
  const started = cpuMs();
  for (let i = 0; i < repetitions; i++) run();
  return Math.max(cpuMs() - started, 0.001);
}

function repetitionsFor(run: () => void): number {
  run(); // compile and warm the code paths first
  let repetitions = 1;
  while (timeBatch(run, repetitions) < BATCH_TARGET_MS && repetitions < 1 << 16) repetitions *= 2;
  return repetitions;
}

function carefulTime(run: () => void, repetitions: number, batches: number): number {
  let best = Infinity;
  for (let i = 0; i < batches; i++) {
    collectGarbage();
    best = Math.min(best, timeBatch(run, repetitions));
  }
  return best;
}

export interface Growth {
  /** Cost of each size relative to the previous one (for messages). */
  steps: number[];
  /** Cost of the largest size relative to the smallest. */
  ratio: number;
  ok: boolean;
}

/**
 * Measures `run(input(size))` over SIZES. `sizes` may be given for parsers whose input is
 * capped below the defaults (keep each 4x the previous).
 */
export function measureGrowth(input: (size: number) => unknown, run: (input: any) => void, sizes: readonly number[] = SIZES): Growth {
  const runs = sizes.map(input).map((value) => () => run(value));
  const repetitions = repetitionsFor(runs[0]!);
  const times = runs.map((each, i) => {
    if (i > 0) each();
    return timeBatch(each, repetitions);
  });
  const first = runs[0]!;
  const last = runs[runs.length - 1]!;
  let ratio = times[times.length - 1]! / times[0]!;
  // Suspicious: measure both ends again, carefully, and keep the most favourable ratio.
  for (let attempt = 0; attempt < 3 && ratio >= MAX_RATIO; attempt++) {
    times[0] = carefulTime(first, repetitions, 5);
    times[times.length - 1] = carefulTime(last, repetitions, 3);
    ratio = Math.min(ratio, times[times.length - 1]! / times[0]!);
  }
  const steps = times.slice(1).map((time, i) => time / times[i]!);
  return { steps, ratio, ok: ratio < MAX_RATIO };
}

/** Runs of one character (or a short sequence), in the shapes that make backtracking regexes retry. */
export const FILLERS = [" ", "\t", '"', '\\"', ",", ";", "=", "0", "/", "%", '"a, ', "; a=", "1_", "1.", " ,", " ;"] as const;

/** The fillers a whole request is read with (every header parser already gets all of them). */
export const REQUEST_FILLERS = [" ", '"', ",", ";", "=", "0", '"a, ', "; a="] as const;

/** Each filler as a long run after each prefix, between text, ending in a character no grammar accepts. */
export function hostileInputs(prefixes: readonly string[] = [""], fillers: readonly string[] = FILLERS): { label: string; make: (size: number) => string }[] {
  const inputs: { label: string; make: (size: number) => string }[] = [];
  for (const filler of fillers) {
    for (const prefix of prefixes) {
      inputs.push({
        label: JSON.stringify(`${prefix}${filler}…§`),
        // A multiple of 4 repetitions at every size, so quotes pair up alike at each size.
        // Ends in "§" (U+00A7): Latin-1, so a valid header value, but in no grammar's character set.
        make: (size) => `${prefix}a${filler.repeat(Math.ceil(size / filler.length / 4) * 4)}b§`,
      });
    }
  }
  return inputs;
}
