// Rules build their matchers and prefilter words from data on first use, not at import: a scan
// of a folder with nothing to parse, `--list-rules` and `explain` never pay for them.

/** `compute` run at most once, on the first call. */
export function once<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}
