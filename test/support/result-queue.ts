// Watch results in arrival order, for tests that wait on each compile (a real event, no sleeps).

/** `push` from onResult; `next()` waits for the result after the last one taken. */
export function resultQueue<T>() {
  const items: T[] = [];
  let wake: (() => void) | undefined;
  let taken = 0;
  return {
    push(item: T) {
      items.push(item);
      wake?.();
    },
    async next(): Promise<T> {
      while (items.length <= taken)
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      return items[taken++]!;
    },
  };
}
