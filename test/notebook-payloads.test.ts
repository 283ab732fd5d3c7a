// The prefilter skips notebook image payloads: base64 is no code or prose, and slow to search.
import { describe, expect, it } from 'vitest';
import { withoutBinaryPayloads } from '../src/notebook-payloads.js';

const notebook = (payload: string, source = 'x = 1'): string =>
  JSON.stringify({ cells: [{ cell_type: 'code', source: [source], outputs: [{ data: { 'image/png': payload, 'text/plain': ['<Figure race>'] } }] }] }, null, 1);

describe('withoutBinaryPayloads', () => {
  it('drops the base64 value of an image output and keeps everything else', () => {
    const text = notebook('iVBORw0KGgo+race/AAAA\n', 'label = "asian"');
    const out = withoutBinaryPayloads(text);
    expect(out).not.toContain('iVBORw0KGgo');
    expect(out).toContain('"image/png": " "');
    expect(out).toContain('label = \\"asian\\"');
    expect(out).toContain('<Figure race>');
  });

  it('leaves text without image outputs as it is', () => {
    const text = notebook('').replace('image/png', 'text/html');
    expect(withoutBinaryPayloads(text)).toBe(text);
    expect(withoutBinaryPayloads('"image/png" is a MIME type')).toBe('"image/png" is a MIME type');
  });

  it('handles several payloads and JPEG and PDF outputs', () => {
    const text = '{"image/jpeg": "AAA+race", "x": "keep", "application/pdf": "JVBERi0"}';
    expect(withoutBinaryPayloads(text)).toBe('{"image/jpeg": " ", "x": "keep", "application/pdf": " "}');
  });
});
