// Ctrl+C or a process manager's SIGTERM ends a dev session cleanly: the caller closes the
// server and its app processes, so nothing is left running.
export interface StopSignal {
  /** Resolves with the first SIGINT or SIGTERM. */
  readonly received: Promise<NodeJS.Signals>;
  /** Stop listening for the signals (they kill the process again, as by default). */
  dispose(): void;
}

export function listenForStopSignal(): StopSignal {
  let stop!: (signal: NodeJS.Signals) => void;
  const received = new Promise<NodeJS.Signals>((resolve) => {
    stop = (signal) => {
      dispose();
      resolve(signal);
    };
  });
  const dispose = () => {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return { received, dispose };
}
