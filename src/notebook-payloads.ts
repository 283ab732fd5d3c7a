// Notebook outputs carry images and PDFs as base64 strings, often most of a notebook's bytes.
// They hold no code or text a rule reads, and random base64 is slow for the prefilter's regular
// expression (nearly every letter can start a word), so the prefilter skips them.

/** An output's binary payload key and the opening quote of its string value. */
const PAYLOAD = /"(?:image\/(?:png|jpeg|jpg|gif|webp|bmp|tiff)|application\/pdf)"\s*:\s*"/y;

/** Where the first payload key could start: a cheap native search before the exact pattern. */
const MARKERS = ['"image/', '"application/pdf"'];

/**
 * The notebook text with the string values of binary outputs replaced by a space (so that no
 * word is joined across them). Text without such outputs is returned as it is.
 */
export function withoutBinaryPayloads(text: string): string {
  const parts: string[] = [];
  let kept = 0;
  let at = nextMarker(text, 0);
  while (at >= 0) {
    PAYLOAD.lastIndex = at;
    if (PAYLOAD.test(text)) {
      const valueStart = PAYLOAD.lastIndex;
      // Base64 has no quotes (at most a trailing \n escape), so the next quote ends the value.
      const close = text.indexOf('"', valueStart);
      if (close < 0) break;
      parts.push(text.slice(kept, valueStart), ' ');
      kept = close;
      at = nextMarker(text, close + 1);
    } else {
      at = nextMarker(text, at + 1);
    }
  }
  if (kept === 0) return text;
  parts.push(text.slice(kept));
  return parts.join('');
}

function nextMarker(text: string, from: number): number {
  let best = -1;
  for (const m of MARKERS) {
    const i = text.indexOf(m, from);
    if (i >= 0 && (best < 0 || i < best)) best = i;
  }
  return best;
}
