// Lets the event loop turn during long in-process work.

/**
 * Long synchronous work awaits mostly settled promises, which never let the event loop turn;
 * the function returned yields to it every `everyMs` (default 50 ms), so that a signal handler
 * (Ctrl-C) runs and messages from workers are taken.
 */
export function breather(everyMs = 50): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < everyMs) return;
    await new Promise((resolve) => setImmediate(resolve));
    last = performance.now();
  };
}
